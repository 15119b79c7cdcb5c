namespace Strata.Keras.Metrics;

/// <summary>How often argmax(y_pred) equals the integer label (labels (N,) or (N, 1), any numeric dtype).</summary>
public sealed class SparseCategoricalAccuracy(string name = "sparse_categorical_accuracy") : MeanMetricWrapper(name)
{
    /// <inheritdoc/>
    protected override (double[], int) PerSample(Tensor yTrue, Tensor yPred)
    {
        var (classes, rows) = Values.Rows(yPred);
        if (yTrue.Size != rows)
            throw new InvalidArgumentError(
                $"{Name}: y_true has shape {yTrue.Shape} but predictions {yPred.Shape} need one class index per row ({rows}); " +
                "for one-hot labels use categorical accuracy.");
        var hits = new double[rows];
        for (int r = 0; r < rows; r++)
            if (Values.ArgMax(yPred, r * classes, classes) == Values.At(yTrue, r)) hits[r] = 1;
        return (hits, Values.BatchOf(yPred));
    }
}

/// <summary>How often argmax(y_pred) equals argmax(y_true) for one-hot labels.</summary>
public sealed class CategoricalAccuracy(string name = "categorical_accuracy") : MeanMetricWrapper(name)
{
    /// <inheritdoc/>
    protected override (double[], int) PerSample(Tensor yTrue, Tensor yPred)
    {
        if (yTrue.Shape != yPred.Shape)
            throw new InvalidArgumentError($"{Name}: y_true has shape {yTrue.Shape} and y_pred has shape {yPred.Shape}; one-hot labels must match.");
        var (classes, rows) = Values.Rows(yPred);
        var hits = new double[rows];
        for (int r = 0; r < rows; r++)
            if (Values.ArgMax(yPred, r * classes, classes) == Values.ArgMax(yTrue, r * classes, classes)) hits[r] = 1;
        return (hits, Values.BatchOf(yPred));
    }
}

/// <summary>How often (y_pred &gt; threshold) equals the 0/1 label, averaged over the last axis per sample.</summary>
public sealed class BinaryAccuracy(double threshold = 0.5, string name = "binary_accuracy") : MeanMetricWrapper(name)
{
    /// <summary>A prediction above this is a positive (default 0.5).</summary>
    public double Threshold { get; } = threshold;

    /// <inheritdoc/>
    protected override (double[], int) PerSample(Tensor yTrue, Tensor yPred)
    {
        Values.CheckSameSize(yTrue, yPred, Name);
        var (last, rows) = Values.Rows(yPred);
        var perRow = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            int hits = 0;
            for (int j = 0; j < last; j++)
            {
                int i = r * last + j;
                double predicted = Values.At(yPred, i) > Threshold ? 1 : 0;
                if (predicted == Values.At(yTrue, i)) hits++;
            }
            perRow[r] = (double)hits / last;
        }
        return (perRow, Values.BatchOf(yPred));
    }
}

/// <summary>
/// Keras's "accuracy" / "acc": picks binary, sparse categorical or categorical accuracy from the shapes of the
/// first batch, as Keras 3's compile does (predictions with one column: binary; labels of lower rank or with one
/// column against several classes: sparse categorical; otherwise categorical).
/// </summary>
internal sealed class AutoAccuracy(string name) : Metric(name)
{
    private MeanMetricWrapper? _inner;

    public override void UpdateState(Tensor yTrue, Tensor yPred) => UpdateState(yTrue, yPred, null);

    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight)
    {
        Guard.NotNull(yTrue, Name, "yTrue");
        Guard.NotNull(yPred, Name, "yPred");
        _inner ??= Resolve(yTrue.Shape, yPred.Shape, Name);
        _inner.UpdateState(yTrue, yPred, sampleWeight);
    }

    internal static MeanMetricWrapper Resolve(Shape yTrue, Shape yPred, string name)
    {
        int pLast = yPred.Rank == 0 ? 1 : yPred[-1];
        int tLast = yTrue.Rank == 0 ? 1 : yTrue[-1];
        if (pLast == 1) return new BinaryAccuracy(name: name);
        if (yTrue.Rank < yPred.Rank || (tLast == 1 && pLast > 1)) return new SparseCategoricalAccuracy(name);
        return new CategoricalAccuracy(name);
    }

    public override double Result() => _inner?.Result() ?? 0;

    public override void ResetState() => _inner?.ResetState();

    // A replica that has seen no batch yet has not picked its accuracy: it holds nothing, and reads nothing back.
    protected internal override int ReplicaStateSize => 2;

    protected internal override void WriteReplicaState(Span<double> state)
    {
        state.Clear();
        _inner?.WriteReplicaState(state);
    }

    protected internal override void ReadReplicaState(ReadOnlySpan<double> state) => _inner?.ReadReplicaState(state);
}
