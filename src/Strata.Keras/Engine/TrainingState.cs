using Strata.Keras.Losses;
using Strata.Keras.Metrics;
using Strata.Keras.Optimizers;

namespace Strata.Keras.Engine;

/// <summary>
/// What Compile sets up and Fit / Evaluate use: optimizer, loss, metrics per output, the "loss" tracker (the
/// batch losses weighted by batch size, as Keras's), and the names of the logs, sorted as Keras's TensorFlow
/// backend shows them ("accuracy" before "loss").
/// </summary>
internal sealed class TrainingState
{
    private readonly string[] _logNames;
    private readonly Mean _lossTracker = new("loss");
    private readonly Mean[] _outputLossTrackers;
    private readonly double[] _outputLoss;
    private readonly string[]? _outputNames;
    private readonly Layers.Layer _model;

    public TrainingState(Layers.Layer model, Optimizer optimizer, Loss[] losses, List<Metric>[] metrics, List<Metric>[] weightedMetrics, string[]? outputNames)
    {
        _model = model;
        Optimizer = optimizer;
        // Compiled in a strategy's scope: the model trains under it, and so does its optimizer.
        if (Distribute.DistributionStrategy.Current is { } strategy)
        {
            Strategy = strategy;
            optimizer.Strategy = strategy;
        }
        Losses = losses;
        Metrics = metrics;
        WeightedMetrics = weightedMetrics;
        _outputNames = outputNames;
        _outputLoss = new double[metrics.Length];
        _outputLossTrackers = outputNames is null ? [] : outputNames.Select(n => new Mean(n + "_loss")).ToArray();
        var names = new List<string> { "loss" };
        names.AddRange(_outputLossTrackers.Select(t => t.Name));
        names.AddRange(metrics.SelectMany(m => m).Select(m => m.Name));
        names.AddRange(weightedMetrics.SelectMany(m => m).Select(m => m.Name));
        if (names.Distinct().Count() != names.Count)
            throw new InvalidArgumentError($"Compile: metric names must be unique, got {string.Join(", ", names)}.");
        ResultNames = names;
        _logNames = names.Order(StringComparer.Ordinal).ToArray();
    }

    public Optimizer Optimizer { get; }

    /// <summary>The strategy the model was compiled under, when it has more than one replica (null: train alone).</summary>
    public Distribute.DistributionStrategy? Replicas => Strategy is { NumReplicasInSync: > 1 } s ? s : null;

    /// <summary>The strategy the model was compiled under (null: none).</summary>
    public Distribute.DistributionStrategy? Strategy { get; }

    /// <summary>True once this model's weights were given rank 0's values (before its first distributed step).</summary>
    public bool WeightsBroadcast { get; set; }

    /// <summary>Every metric the logs read: the loss trackers, then the compiled metrics.</summary>
    public IReadOnlyList<Metric> AllMetrics => [_lossTracker, .. _outputLossTrackers, .. CompiledMetrics];

    /// <summary>The compiled metrics, unweighted then weighted (Keras 3's order of results).</summary>
    public IEnumerable<Metric> CompiledMetrics => Metrics.Concat(WeightedMetrics).SelectMany(m => m);

    /// <summary>The "loss" metric: the mean of the batch losses.</summary>
    public Mean LossTracker => _lossTracker;
    /// <summary>One loss per output.</summary>
    public Loss[] Losses { get; }
    /// <summary>Per output, the metrics updated without sample weights (Compile's <c>metrics</c>).</summary>
    public List<Metric>[] Metrics { get; }
    /// <summary>Per output, the metrics updated with the sample weights (Compile's <c>weightedMetrics</c>).</summary>
    public List<Metric>[] WeightedMetrics { get; }

    /// <summary>Keras's order of results: "loss", the per-output losses, then the metrics as compiled.</summary>
    public IReadOnlyList<string> ResultNames { get; }

    /// <summary>The trainable variables, collected once per Fit after the model is built.</summary>
    public List<Variable>? Trainable { get; set; }

    /// <summary>The total loss (a scalar tensor, on the tape when one records): the sum of each output's loss (each
    /// weighted per sample by <paramref name="sampleWeight"/> when given, reduced as the loss says), plus the model's added
    /// losses and regularization penalties (<paramref name="model"/>'s <c>Losses</c>), each summed.</summary>
    public Tensor ComputeLoss(Tensor[] ys, Tensor[] preds, int outputs, Layers.Layer? model = null, Tensor? sampleWeight = null)
    {
        if (ys.Length != outputs || preds.Length != outputs)
            throw new InvalidArgumentError($"The model has {outputs} output(s); got {ys.Length} label tensor(s) and {preds.Length} prediction(s).");
        Tensor? total = null;
        for (int o = 0; o < outputs; o++)
        {
            var l = Losses[o].Call(ys[o], preds[o], sampleWeight);
            if (l.Rank > 0) l = tf.ReduceMean(l);
            _outputLoss[o] = Values.At(l, 0);
            total = total is null ? l : total + l;
        }
        if (model is not null && Layers.Layer.AnyAddedLosses)
            foreach (var extra in model.Losses)
                total = total! + (extra.Rank == 0 ? extra : tf.ReduceSum(extra));
        return total!;
    }

    /// <summary>Updates the loss trackers (weighted by the batch size, as Keras) and the metrics; the weighted metrics
    /// with <paramref name="sampleWeight"/> (every output's with the same weights, as Keras repeats them).</summary>
    public void UpdateMetrics(Tensor[] ys, Tensor[] preds, Tensor loss, int batchSize, Tensor? sampleWeight = null)
    {
        _lossTracker.UpdateState(Values.At(loss, 0), batchSize);
        for (int o = 0; o < _outputLossTrackers.Length; o++) _outputLossTrackers[o].UpdateState(_outputLoss[o], batchSize);
        for (int o = 0; o < Metrics.Length; o++)
        {
            foreach (var m in Metrics[o]) m.UpdateState(ys[o], preds[o]);
            foreach (var m in WeightedMetrics[o]) m.UpdateState(ys[o], preds[o], sampleWeight);
        }
    }

    public void ResetMetrics()
    {
        _lossTracker.ResetState();
        foreach (var t in _outputLossTrackers) t.ResetState();
        foreach (var m in CompiledMetrics) m.ResetState();
        foreach (var m in AddedMetrics()) m.ResetState();
    }

    /// <summary>A logs dictionary with every name in display order, to be refreshed in place by <see cref="WriteLogs"/>.</summary>
    public Dictionary<string, double> NewLogs()
    {
        var logs = new Dictionary<string, double>();
        foreach (var n in _logNames) logs[n] = 0;
        return logs;
    }

    /// <summary>Writes the current values into <paramref name="logs"/> (no allocation: the keys exist).</summary>
    public void WriteLogs(Dictionary<string, double> logs)
    {
        if (Replicas is { } replicas) Distribute.MetricReduction.WithGlobalState(replicas, AllMetrics, () => WriteLocalLogs(logs));
        else WriteLocalLogs(logs);
    }

    private void WriteLocalLogs(Dictionary<string, double> logs)
    {
        logs["loss"] = _lossTracker.Result();
        foreach (var t in _outputLossTrackers) logs[t.Name] = t.Result();
        foreach (var m in CompiledMetrics) logs[m.Name] = m.Result();
        foreach (var m in AddedMetrics()) logs[m.Name] = m.Result();
    }

    private int _addedVersion;
    private IReadOnlyList<Mean> _added = [];

    /// <summary>The metrics the model's layers added in their calls (AddMetric), logged after the compiled ones. The
    /// layers are walked (and the names checked) again only after some layer added a new metric, not at every step.</summary>
    private IReadOnlyList<Mean> AddedMetrics()
    {
        int version = Layers.Layer.AddedMetricsVersion;
        if (version == _addedVersion) return _added;
        var added = _model.AddedMetrics;
        foreach (var m in added)
            if (ResultNames.Contains(m.Name))
                throw new InvalidArgumentError($"AddMetric: the name '{m.Name}' is already a compiled metric's or the loss's; pick another name.");
        (_added, _addedVersion) = (added, version);
        return added;
    }

    /// <summary>The current values in Keras's result order.</summary>
    public Dictionary<string, double> Results()
    {
        var logs = new Dictionary<string, double>();
        foreach (var n in ResultNames) logs[n] = 0;
        WriteLogs(logs);
        return logs;
    }
}
