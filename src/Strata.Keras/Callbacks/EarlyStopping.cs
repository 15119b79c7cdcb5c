namespace Strata.Keras.Callbacks;

/// <summary>
/// Stops training when <see cref="Monitor"/> (default "val_loss") has not improved by more than minDelta for
/// <c>patience</c> epochs (Keras's <c>EarlyStopping</c>). With <c>restoreBestWeights</c> the model ends with the
/// weights of its best epoch.
/// </summary>
public sealed class EarlyStopping(string monitor = "val_loss", double minDelta = 0, int patience = 0, int verbose = 0, string mode = "auto",
    double? baseline = null, bool restoreBestWeights = false, int startFromEpoch = 0) : Callback
{
    private readonly bool _max = Callbacks.Monitor.Maximize(monitor, mode);
    private double? _best;
    private Tensor[]? _bestWeights;
    private int _wait;

    public string Monitor { get; } = monitor;
    public int StoppedEpoch { get; private set; }
    public int BestEpoch { get; private set; }
    public double? Best => _best;

    public override void OnTrainBegin(Dictionary<string, double> logs)
    {
        _wait = 0;
        StoppedEpoch = 0;
        BestEpoch = 0;
        _best = null;
        _bestWeights = null;
    }

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
