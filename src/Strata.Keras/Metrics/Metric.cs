namespace Strata.Keras.Metrics;

/// <summary>
/// A stateful Keras metric: <see cref="UpdateState"/> accumulates over batches, <see cref="Result"/> gives the
/// value so far (what the progress bar shows during an epoch), <see cref="ResetState"/> starts over (Fit does
/// at each epoch). Strings convert by Keras name (<c>metrics: ["accuracy"]</c>); the metric is then named by
/// that string, as in Keras.
/// </summary>
public abstract class Metric
{
    protected Metric(string name) => Name = name;

    public string Name { get; internal set; }

    /// <summary>Accumulates the metric for a batch of labels and predictions.</summary>
    public abstract void UpdateState(Tensor yTrue, Tensor yPred);

    public abstract double Result();

    public abstract void ResetState();

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

    public static implicit operator Metric(string name) => Get(name);

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
    private double _total, _count;

    public void UpdateState(double value, double sampleWeight = 1)
    {
        _total += value * sampleWeight;
        _count += sampleWeight;
    }

    /// <summary>Adds every value of <paramref name="values"/>, each with weight 1.</summary>
    public void UpdateState(Tensor values)
    {
        for (int i = 0; i < values.Size; i++) UpdateState(Values.At(values, i));
    }

    /// <summary>Mean takes values, not labels and predictions: this adds <paramref name="yPred"/>'s values.</summary>
    public override void UpdateState(Tensor yTrue, Tensor yPred) => UpdateState(yPred);

    public override double Result() => _count == 0 ? 0 : _total / _count;

    public override void ResetState() => (_total, _count) = (0, 0);

    protected internal override int ReplicaStateSize => 2;

    protected internal override void WriteReplicaState(Span<double> state) => (state[0], state[1]) = (_total, _count);

    protected internal override void ReadReplicaState(ReadOnlySpan<double> state) => (_total, _count) = (state[0], state[1]);
}

/// <summary>
/// A metric that is the mean of a per-sample value (Keras's <c>MeanMetricWrapper</c>). Given a function
/// <c>fn(yTrue, yPred)</c> it averages every value the function returns, as Keras does; the library's own subclasses
/// instead compute the per-sample sum straight from the buffers, with no tensors allocated per batch.
/// </summary>
public class MeanMetricWrapper : Metric
{
    private readonly Func<Tensor, Tensor, Tensor>? _fn;
    private double _total, _count;

    /// <summary>For subclasses that override <see cref="Accumulate"/>.</summary>
    protected MeanMetricWrapper(string name) : base(name) { }

    /// <summary>A metric that is the running mean of <paramref name="fn"/>'s values.</summary>
    public MeanMetricWrapper(Func<Tensor, Tensor, Tensor> fn, string? name = null) : base(name ?? fn?.Method.Name ?? "mean_metric_wrapper")
    {
        Guard.NotNull(fn, "MeanMetricWrapper", "fn");
        _fn = fn;
    }

    public override void UpdateState(Tensor yTrue, Tensor yPred)
    {
        Guard.NotNull(yTrue, Name, "yTrue");
        Guard.NotNull(yPred, Name, "yPred");
        var (sum, samples) = Accumulate(yTrue, yPred);
        _total += sum;
        _count += samples;
    }

    /// <summary>The sum of the per-sample values of a batch, and the number of samples (here: of fn's values).</summary>
    protected virtual (double sum, int samples) Accumulate(Tensor yTrue, Tensor yPred)
    {
        var values = _fn!(yTrue, yPred);
        double sum = 0;
        for (int i = 0; i < values.Size; i++) sum += Values.At(values, i);
        return (sum, values.Size);
    }

    public override double Result() => _count == 0 ? 0 : _total / _count;

    public override void ResetState() => (_total, _count) = (0, 0);

    protected internal override int ReplicaStateSize => 2;

    protected internal override void WriteReplicaState(Span<double> state) => (state[0], state[1]) = (_total, _count);

    protected internal override void ReadReplicaState(ReadOnlySpan<double> state) => (_total, _count) = (state[0], state[1]);
}

/// <summary>Reads single elements of a tensor of any numeric dtype as double (metrics work on raw buffers).</summary>
internal static class Values
{
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
