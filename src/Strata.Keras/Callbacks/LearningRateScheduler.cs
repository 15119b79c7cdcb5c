namespace Strata.Keras.Callbacks;

/// <summary>
/// Sets the optimizer's learning rate at the start of each epoch to <c>schedule(epoch, currentLr)</c> and logs it
/// as "learning_rate" (Keras's <c>LearningRateScheduler</c>).
/// </summary>
/// <param name="schedule">Takes the 0-based epoch index and the current learning rate and returns the rate for that
/// epoch; NaN or infinity is an error.</param>
/// <param name="verbose">1 prints the rate set at each epoch; Keras 3's default 0.</param>
public sealed class LearningRateScheduler(Func<int, double, double> schedule, int verbose = 0) : Callback
{
    /// <summary>Sets the optimizer's learning rate to <c>schedule(epoch, currentLr)</c>.</summary>
    /// <inheritdoc/>
    public override void OnEpochBegin(int epoch, Dictionary<string, double> logs)
    {
        var optimizer = Model.Optimizer!;
        double lr = schedule(epoch, optimizer.LearningRate);
        if (double.IsNaN(lr) || double.IsInfinity(lr))
            throw new InvalidArgumentError($"LearningRateScheduler: the schedule returned {lr} for epoch {epoch}.");
        optimizer.LearningRate = lr;
        if (verbose > 0) Console.WriteLine($"\nEpoch {epoch + 1}: LearningRateScheduler setting learning rate to {lr}.");
    }

    /// <summary>Adds the epoch's learning rate to the logs as "learning_rate".</summary>
    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, Dictionary<string, double> logs) =>
        logs["learning_rate"] = (float)Model.Optimizer!.LearningRate;
}

/// <summary>
/// Multiplies the learning rate by <c>factor</c> when <c>monitor</c> has not improved by minDelta for
/// <c>patience</c> epochs, then waits <c>cooldown</c> epochs (Keras's <c>ReduceLROnPlateau</c>); logs "learning_rate".
/// </summary>
/// <param name="monitor">The log to watch; Keras 3's default <c>"val_loss"</c>.</param>
/// <param name="factor">The multiplier applied to the learning rate, new_lr = lr·factor; must be below 1 (default
/// 0.1).</param>
/// <param name="patience">Epochs without improvement before the rate is reduced; default 10.</param>
/// <param name="verbose">1 prints a line at each reduction; default 0.</param>
/// <param name="mode"><c>"min"</c>, <c>"max"</c>, or <c>"auto"</c> (the default: max for names containing acc, auc,
/// precision or recall, min otherwise).</param>
/// <param name="minDelta">The change that counts as an improvement; default 1e-4.</param>
/// <param name="cooldown">Epochs to wait after a reduction before counting patience again; default 0.</param>
/// <param name="minLr">The floor of the learning rate; default 0.</param>
public sealed class ReduceLROnPlateau(string monitor = "val_loss", double factor = 0.1, int patience = 10, int verbose = 0, string mode = "auto",
    double minDelta = 1e-4, int cooldown = 0, double minLr = 0) : Callback
{
    private readonly bool _max = factor < 1.0
        ? Monitor.Maximize(monitor, mode)
        : throw new InvalidArgumentError($"ReduceLROnPlateau: factor must be < 1, got {factor}.");
    private double _best;
    private int _wait, _cooldownCounter;

    /// <summary>Resets the best value, the wait and the cooldown.</summary>
    /// <inheritdoc/>
    public override void OnTrainBegin(Dictionary<string, double> logs)
    {
        _best = _max ? double.NegativeInfinity : double.PositiveInfinity;
        _wait = 0;
        _cooldownCounter = 0;
    }

    /// <summary>Logs "learning_rate", then compares the monitored log with the best so far and, after
    /// <c>patience</c> epochs without improvement outside a cooldown, multiplies the learning rate by
    /// <c>factor</c> (never below <c>minLr</c>).</summary>
    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, Dictionary<string, double> logs)
    {
        var optimizer = Model.Optimizer!;
        logs["learning_rate"] = (float)optimizer.LearningRate;
        if (!logs.TryGetValue(monitor, out var current))
        {
            Console.WriteLine($"Learning rate reduction is conditioned on metric `{monitor}` which is not available. Available metrics are: {string.Join(",", logs.Keys)}.");
            return;
        }
        if (_cooldownCounter > 0)
        {
            _cooldownCounter--;
            _wait = 0;
        }
        if (_max ? current > _best + minDelta : current < _best - minDelta)
        {
            _best = current;
            _wait = 0;
        }
        else if (_cooldownCounter <= 0)
        {
            _wait++;
            if (_wait >= patience)
            {
                double old = optimizer.LearningRate;
                if (old > minLr)
                {
                    double lr = Math.Max(old * factor, minLr);
                    optimizer.LearningRate = lr;
                    if (verbose > 0) Console.WriteLine($"\nEpoch {epoch + 1}: ReduceLROnPlateau reducing learning rate to {lr}.");
                    _cooldownCounter = cooldown;
                    _wait = 0;
                }
            }
        }
    }
}
