namespace Strata.Keras.Metrics;

/// <summary>
/// A stateful Keras metric: <see cref="UpdateState(Tensor, Tensor, Tensor?)"/> accumulates over batches, <see cref="Result"/> gives the
/// value so far (what the progress bar shows during an epoch), <see cref="ResetState"/> starts over (Fit does
/// at each epoch). Strings convert by Keras name (<c>metrics: ["accuracy"]</c>); the metric is then named by
/// that string, as in Keras.
/// </summary>
public abstract class Metric
{
    /// <summary>A metric reported under <paramref name="name"/>.</summary>
    protected Metric(string name) => Name = name;

    /// <summary>The name the logs and the progress bar show (Keras's <c>metric.name</c>).</summary>
    public string Name { get; internal set; }

    /// <summary>Accumulates the metric for a batch of labels and predictions.</summary>
    public abstract void UpdateState(Tensor yTrue, Tensor yPred);

    /// <summary>
    /// Keras's <c>update_state(y_true, y_pred, sample_weight)</c>: accumulates the batch with each sample's values
    /// weighted by <paramref name="sampleWeight"/> (one weight per sample, (N,) or (N, 1); or one per value). Fit and
    /// Evaluate pass their sample (or class) weights to the <c>weightedMetrics</c> of Compile. Every built-in metric takes
    /// them; a metric of your own that does not override this method accepts only null.
    /// </summary>
    public virtual void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight)
    {
        if (sampleWeight is not null)
            throw new InvalidArgumentError(
                $"{Name}: {GetType().Name} does not take a sample_weight; override UpdateState(yTrue, yPred, sampleWeight) to weight it.");
        UpdateState(yTrue, yPred);
    }

    /// <summary>The value accumulated so far (Keras's <c>result()</c>); 0 before any update.</summary>
    public abstract double Result();

    /// <summary>Forgets every batch seen (Keras's <c>reset_state()</c>); Fit calls it at the start of each epoch.</summary>
    public abstract void ResetState();

    /// <inheritdoc/>
    public override string ToString() => $"<{GetType().Name} name={Name}, result={Result()}>";

    /// <summary>
    /// The number of values in this metric's state that add up across replicas (TensorFlow's metric variables are
    /// sync-on-read with SUM aggregation): totals and counts, confusion counts. Distributed training sums them over the
    /// replicas before reading <see cref="Result"/>, so every replica logs the metric of the whole batch. -1 (the default):
    /// this metric cannot be combined that way, and training it under a multi-replica strategy is an error.
    /// </summary>
    protected internal virtual int ReplicaStateSize => -1;

    /// <summary>Copies the additive state into <paramref name="state"/> (<see cref="ReplicaStateSize"/> values).</summary>
    protected internal virtual void WriteReplicaState(Span<double> state)
    {
    }

    /// <summary>Replaces the additive state with <paramref name="state"/> (what <see cref="WriteReplicaState"/> wrote, or a sum of such).</summary>
    protected internal virtual void ReadReplicaState(ReadOnlySpan<double> state)
    {
    }

    /// <summary>A metric by Keras name (<c>metrics: ["accuracy"]</c>), as <see cref="Get"/>.</summary>
    public static implicit operator Metric(string name) => Get(name);

    /// <summary>The Keras names <see cref="Get"/> knows.</summary>
    public static readonly string[] KnownNames =
    [
        "accuracy", "acc", "binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy",
        "mse", "mean_squared_error", "mae", "mean_absolute_error", "precision", "recall", "auc",
        "top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy", "root_mean_squared_error", "r2_score",
        "cosine_similarity", "log_cosh_error", "logcosh", "mape", "mean_absolute_percentage_error", "f1_score",
        "fbeta_score", "sum",
    ];

    /// <summary>A metric by Keras name, named by that string; unknown names are an error listing the known ones.</summary>
    public static Metric Get(string name)
    {
        Guard.NotNull(name, "Metric.Get", "name");
        Metric m = name.ToLowerInvariant() switch
        {
            "accuracy" or "acc" => new AutoAccuracy(name),
            "binary_accuracy" => new BinaryAccuracy(),
            "categorical_accuracy" => new CategoricalAccuracy(),
            "sparse_categorical_accuracy" => new SparseCategoricalAccuracy(),
            "mse" or "mean_squared_error" => new MeanSquaredError(),
            "mae" or "mean_absolute_error" => new MeanAbsoluteError(),
            "precision" => new Precision(),
            "recall" => new Recall(),
            "auc" => new AUC(),
            "top_k_categorical_accuracy" => new TopKCategoricalAccuracy(),
            "sparse_top_k_categorical_accuracy" => new SparseTopKCategoricalAccuracy(),
            "root_mean_squared_error" => new RootMeanSquaredError(),
            "r2_score" => new R2Score(),
            "cosine_similarity" => new CosineSimilarity(),
            "log_cosh_error" or "logcosh" => new LogCoshError(),
            "mape" or "mean_absolute_percentage_error" => new MeanAbsolutePercentageError(),
            "f1_score" => new F1Score(),
            "fbeta_score" => new FBetaScore(),
            "sum" => new Sum(),
            _ => throw new InvalidArgumentError($"Unknown metric '{name}'. Known: {string.Join(", ", KnownNames)}."),
        };
        m.Name = name;
        return m;
    }
}

/// <summary>
/// The weighted mean of values (Keras's <c>Mean</c>); Fit's "loss" is one, updated with each batch's loss weighted
/// by the batch size.
/// </summary>
public class Mean(string name = "mean") : Metric(name)
{
    private MeanTotals _state;

    /// <summary>Adds one value with weight <paramref name="sampleWeight"/>.</summary>
    public void UpdateState(double value, double sampleWeight = 1)
    {
        _state.Total += value * sampleWeight;
        _state.Count += sampleWeight;
    }

    /// <summary>Adds a batch of values, each with weight 1.</summary>
    public void UpdateState(Tensor values) => UpdateState(values, null);

    /// <summary>
    /// Keras's <c>Mean.update_state(values, sample_weight=None)</c>: each sample (first axis) counts once with the mean
    /// of its values, or with its weight from <paramref name="sampleWeight"/> ((N,), or one weight per value). As in
    /// Keras, the second tensor is the weights, not predictions: a Mean is not a metric of labels and predictions
    /// (wrap a function in <see cref="MeanMetricWrapper"/> for that).
    /// </summary>
    public override void UpdateState(Tensor values, Tensor? sampleWeight)
    {
        Guard.NotNull(values, Name, "values");
        _state.Add(Values.All(values), values.Rank == 0 ? 1 : values.Shape[0], sampleWeight, Name);
    }

    /// <summary>Refused: Mean takes values and weights (see <see cref="UpdateState(Tensor, Tensor?)"/>), not labels,
    /// predictions and weights, as Keras's update_state(values, sample_weight).</summary>
    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight) =>
        throw new InvalidArgumentError(
            $"{Name}: Mean.UpdateState takes (values, sampleWeight), not labels and predictions; for the mean of a function " +
            "of labels and predictions use MeanMetricWrapper.");

    /// <inheritdoc/>
    public override double Result() => _state.Result;

    /// <inheritdoc/>
    public override void ResetState() => _state = default;

    /// <inheritdoc/>
    protected internal override int ReplicaStateSize => 2;

    /// <inheritdoc/>
    protected internal override void WriteReplicaState(Span<double> state) => (state[0], state[1]) = (_state.Total, _state.Count);

    /// <inheritdoc/>
    protected internal override void ReadReplicaState(ReadOnlySpan<double> state) => (_state.Total, _state.Count) = (state[0], state[1]);
}

/// <summary>
/// A metric that is the mean of a per-sample value (Keras's <c>MeanMetricWrapper</c>). Given a function
/// <c>fn(yTrue, yPred)</c> it averages the values the function returns, as Keras does (a sample's several values are
/// averaged first, then weighted by its sample weight); the library's own subclasses compute the per-sample values
/// straight from the buffers.
/// </summary>
public class MeanMetricWrapper : Metric
{
    private readonly Func<Tensor, Tensor, Tensor>? _fn;
    private MeanTotals _state;

    /// <summary>For subclasses that override <see cref="PerSample"/>.</summary>
    protected MeanMetricWrapper(string name) : base(name) { }

    /// <summary>A metric that is the running mean of <paramref name="fn"/>'s values.</summary>
    public MeanMetricWrapper(Func<Tensor, Tensor, Tensor> fn, string? name = null) : base(name ?? fn?.Method.Name ?? "mean_metric_wrapper")
    {
        Guard.NotNull(fn, "MeanMetricWrapper", "fn");
        _fn = fn;
    }

    /// <inheritdoc/>
    public override void UpdateState(Tensor yTrue, Tensor yPred) => UpdateState(yTrue, yPred, null);

    /// <inheritdoc/>
    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight)
    {
        Guard.NotNull(yTrue, Name, "yTrue");
        Guard.NotNull(yPred, Name, "yPred");
        var (values, batch) = PerSample(yTrue, yPred);
        _state.Add(values, batch, sampleWeight, Name);
    }

    /// <summary>The batch's values (one per sample, or per row of each sample) and its number of samples. The default
    /// calls fn; the built-in subclasses reduce each row of the last axis to one value.</summary>
    protected virtual (double[] values, int batch) PerSample(Tensor yTrue, Tensor yPred)
    {
        var values = _fn!(yTrue, yPred);
        return (Values.All(values), values.Rank == 0 ? 1 : values.Shape[0]);
    }

    /// <inheritdoc/>
    public override double Result() => _state.Result;

    /// <inheritdoc/>
    public override void ResetState() => _state = default;

    /// <inheritdoc/>
    protected internal override int ReplicaStateSize => 2;

    /// <inheritdoc/>
    protected internal override void WriteReplicaState(Span<double> state) => (state[0], state[1]) = (_state.Total, _state.Count);

    /// <inheritdoc/>
    protected internal override void ReadReplicaState(ReadOnlySpan<double> state) => (_state.Total, _state.Count) = (state[0], state[1]);
}

/// <summary>Reads single elements of a tensor of any numeric dtype as double (metrics work on raw buffers).</summary>
internal static class Values
{
    /// <summary>Every element as double.</summary>
    public static double[] All(Tensor t)
    {
        var all = new double[t.Size];
        for (int i = 0; i < all.Length; i++) all[i] = At(t, i);
        return all;
    }

    public static double At(Tensor t, int i) => t.DType switch
    {
        DType.Float32 => t.Data<float>()[i],
        DType.Float64 => t.Data<double>()[i],
        DType.Int32 => t.Data<int>()[i],
        DType.Int64 => t.Data<long>()[i],
        DType.UInt8 => t.Data<byte>()[i],
        _ => t.Data<bool>()[i] ? 1 : 0,
    };

    /// <summary>Index of the largest of n values starting at offset (first on ties, as argmax).</summary>
    public static int ArgMax(Tensor t, int offset, int n)
    {
        if (t.DType == DType.Float32)
        {
            var s = new ReadOnlySpan<float>(t.Data<float>(), offset, n);
            int best = 0;
            for (int j = 1; j < n; j++) if (s[j] > s[best]) best = j;
            return best;
        }
        int b = 0;
        double bv = At(t, offset);
        for (int j = 1; j < n; j++)
        {
            double v = At(t, offset + j);
            if (v > bv) { bv = v; b = j; }
        }
        return b;
    }

    /// <summary>The number of samples of a batch of predictions whose last axis a metric reduces: the first axis, or one
    /// sample for a vector (as Keras's mean over axis -1 leaves a scalar).</summary>
    public static int BatchOf(Tensor yPred) => yPred.Rank >= 2 ? yPred.Shape[0] : 1;

    /// <summary>Predictions seen as rows of their last axis: the row length (classes) and the number of rows.</summary>
    public static (int last, int rows) Rows(Tensor yPred)
    {
        int last = yPred.Rank == 0 ? 1 : Math.Max(yPred.Shape[-1], 1);
        return (last, yPred.Size / last);
    }

    /// <summary>Shapes for elementwise metrics: labels (N,) against predictions (N, 1) are fine, as in the losses.</summary>
    public static void CheckSameSize(Tensor yTrue, Tensor yPred, string metric)
    {
        if (yTrue.Size != yPred.Size)
            throw new InvalidArgumentError($"{metric}: y_true has shape {yTrue.Shape} and y_pred has shape {yPred.Shape}; they must match.");
    }
}
