namespace Strata.Keras.Callbacks;

/// <summary>
/// Sets the optimizer's learning rate at the start of each epoch to <c>schedule(epoch, currentLr)</c> and logs it
/// as "learning_rate" (Keras's <c>LearningRateScheduler</c>).
/// </summary>
public sealed class LearningRateScheduler(Func<int, double, double> schedule, int verbose = 0) : Callback
{
    public override void OnEpochBegin(int epoch, Dictionary<string, double> logs)
    {
        var optimizer = Model.Optimizer!;
        double lr = schedule(epoch, optimizer.LearningRate);
        if (double.IsNaN(lr) || double.IsInfinity(lr))
            throw new InvalidArgumentError($"LearningRateScheduler: the schedule returned {lr} for epoch {epoch}.");
        optimizer.LearningRate = lr;
        if (verbose > 0) Console.WriteLine($"\nEpoch {epoch + 1}: LearningRateScheduler setting learning rate to {lr}.");
    }

    public override void OnEpochEnd(int epoch, Dictionary<string, double> logs) =>
        logs["learning_rate"] = (float)Model.Optimizer!.LearningRate;
}

/// <summary>
/// Multiplies the learning rate by <c>factor</c> when <c>monitor</c> has not improved by minDelta for
/// <c>patience</c> epochs, then waits <c>cooldown</c> epochs (Keras's <c>ReduceLROnPlateau</c>); logs "learning_rate".
/// </summary>
public sealed class ReduceLROnPlateau(string monitor = "val_loss", double factor = 0.1, int patience = 10, int verbose = 0, string mode = "auto",
    double minDelta = 1e-4, int cooldown = 0, double minLr = 0) : Callback
{
    private readonly bool _max = factor < 1.0
        ? Monitor.Maximize(monitor, mode)
        : throw new InvalidArgumentError($"ReduceLROnPlateau: factor must be < 1, got {factor}.");
    private double _best;
    private int _wait, _cooldownCounter;

    public override void OnTrainBegin(Dictionary<string, double> logs)
    {
        _best = _max ? double.NegativeInfinity : double.PositiveInfinity;
        _wait = 0;
        _cooldownCounter = 0;
    }

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
