namespace Strata.Keras.Callbacks;

/// <summary>
/// Stops training when <see cref="Monitor"/> (default "val_loss") has not improved by more than minDelta for
/// <c>patience</c> epochs (Keras's <c>EarlyStopping</c>). With <c>restoreBestWeights</c> the model ends with the
/// weights of its best epoch.
/// </summary>
/// <param name="monitor">The log to watch; Keras 3's default <c>"val_loss"</c>.</param>
/// <param name="minDelta">The smallest change that counts as an improvement (its absolute value is used); default 0.</param>
/// <param name="patience">Epochs without improvement after which training stops; default 0.</param>
/// <param name="verbose">1 prints a line when training stops and when the best weights are restored; default 0.</param>
/// <param name="mode"><c>"min"</c>, <c>"max"</c>, or <c>"auto"</c> (the default: max for names containing acc, auc,
/// precision or recall, min otherwise).</param>
/// <param name="baseline">A value the monitor must beat: until it does, improving epochs do not reset the wait;
/// default none.</param>
/// <param name="restoreBestWeights">Whether the model ends with the weights of its best epoch rather than its last;
/// default false.</param>
/// <param name="startFromEpoch">Epochs to let pass (a warm-up) before improvement is watched; default 0.</param>
public sealed class EarlyStopping(string monitor = "val_loss", double minDelta = 0, int patience = 0, int verbose = 0, string mode = "auto",
    double? baseline = null, bool restoreBestWeights = false, int startFromEpoch = 0) : Callback
{
    private readonly bool _max = Callbacks.Monitor.Maximize(monitor, mode);
    private double? _best;
    private Tensor[]? _bestWeights;
    private int _wait;

    /// <summary>The name of the log watched, such as <c>"val_loss"</c>.</summary>
    public string Monitor { get; } = monitor;
    /// <summary>The 0-based epoch at which this callback stopped training; 0 when it did not.</summary>
    public int StoppedEpoch { get; private set; }
    /// <summary>The 0-based epoch with the best monitored value seen.</summary>
    public int BestEpoch { get; private set; }
    /// <summary>The best monitored value seen; null before the first watched epoch.</summary>
    public double? Best => _best;

    /// <summary>Resets the wait, the best value and the stopped epoch, so one instance can serve several Fit
    /// calls.</summary>
    /// <inheritdoc/>
    public override void OnTrainBegin(Dictionary<string, double> logs)
    {
        _wait = 0;
        StoppedEpoch = 0;
        BestEpoch = 0;
        _best = null;
        _bestWeights = null;
    }

    /// <summary>Compares the monitored log with the best so far and sets <c>Model.StopTraining</c> once
    /// <c>patience</c> epochs have passed without improvement.</summary>
    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, Dictionary<string, double> logs)
    {
        if (!logs.TryGetValue(Monitor, out var current))
        {
            Console.WriteLine($"Early stopping conditioned on metric `{Monitor}` which is not available. Available metrics are: {string.Join(",", logs.Keys)}");
            return;
        }
        if (epoch < startFromEpoch) return;
        if (restoreBestWeights && _bestWeights is null) _bestWeights = Model.GetWeights();
        _wait++;
        if (IsImprovement(current, _best))
        {
            _best = current;
            BestEpoch = epoch;
            if (restoreBestWeights) _bestWeights = Model.GetWeights();
            // Keras 3: the wait restarts only when the baseline is beaten too, but an improving epoch never stops
            // training (tf.keras 2 fell through to the patience check here).
            if (baseline is null || IsImprovement(current, baseline)) _wait = 0;
            return;
        }
        if (_wait >= patience && epoch > 0)
        {
            StoppedEpoch = epoch;
            Model.StopTraining = true;
        }
    }

    /// <summary>Reports the stop when verbose and, with <c>restoreBestWeights</c>, puts the best epoch's weights
    /// back.</summary>
    /// <inheritdoc/>
    public override void OnTrainEnd(Dictionary<string, double> logs)
    {
        if (StoppedEpoch > 0 && verbose > 0) Console.WriteLine($"Epoch {StoppedEpoch + 1}: early stopping");
        if (restoreBestWeights && _bestWeights is not null)
        {
            if (verbose > 0) Console.WriteLine($"Restoring model weights from the end of the best epoch: {BestEpoch + 1}.");
            Model.SetWeights(_bestWeights);
        }
    }

    private bool IsImprovement(double value, double? reference)
    {
        if (reference is not { } r) return true;
        double delta = Math.Abs(minDelta);
        return _max ? value - delta > r : value + delta < r;
    }
}
