namespace Strata.Keras.Metrics;

/// <summary>How often the true class (argmax of one-hot y_true) is among the k highest predictions. As TF's in_top_k,
/// ties are in: the class counts when fewer than k predictions are strictly greater than its own; a NaN or infinite
/// prediction for it counts as a miss.</summary>
public sealed class TopKCategoricalAccuracy(int k = 5, string name = "top_k_categorical_accuracy") : MeanMetricWrapper(name)
{
    /// <summary>How many of the highest predictions count as a hit (default 5).</summary>
    public int K { get; } = k > 0 ? k : throw new InvalidArgumentError($"TopKCategoricalAccuracy: k must be positive, got {k}.");

    /// <inheritdoc/>
    protected override (double[], int) PerSample(Tensor yTrue, Tensor yPred)
    {
        if (yTrue.Shape != yPred.Shape)
            throw new InvalidArgumentError($"{Name}: y_true has shape {yTrue.Shape} and y_pred has shape {yPred.Shape}; one-hot labels must match.");
        var (classes, rows) = Values.Rows(yPred);
        var hits = new double[rows];
        for (int r = 0; r < rows; r++)
            if (TopK.InTopK(yPred, r * classes, classes, Values.ArgMax(yTrue, r * classes, classes), K)) hits[r] = 1;
        return (hits, Values.BatchOf(yPred));
    }
}

/// <summary>How often the integer label (labels (N,) or (N, 1)) is among the k highest predictions (ties as
/// <see cref="TopKCategoricalAccuracy"/>).</summary>
public sealed class SparseTopKCategoricalAccuracy(int k = 5, string name = "sparse_top_k_categorical_accuracy") : MeanMetricWrapper(name)
{
    /// <summary>How many of the highest predictions count as a hit (default 5).</summary>
    public int K { get; } = k > 0 ? k : throw new InvalidArgumentError($"SparseTopKCategoricalAccuracy: k must be positive, got {k}.");

    /// <inheritdoc/>
    protected override (double[], int) PerSample(Tensor yTrue, Tensor yPred)
    {
        var (classes, rows) = Values.Rows(yPred);
        if (yTrue.Size != rows)
            throw new InvalidArgumentError(
                $"{Name}: y_true has shape {yTrue.Shape} but predictions {yPred.Shape} need one class index per row ({rows}).");
        var hits = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            double label = Values.At(yTrue, r);
            if (!(label >= 0 && label < classes) || label != Math.Floor(label))
                throw new InvalidArgumentError($"{Name}: label {label} at row {r} is not a class index in [0, {classes}).");
            if (TopK.InTopK(yPred, r * classes, classes, (int)label, K)) hits[r] = 1;
        }
        return (hits, Values.BatchOf(yPred));
    }
}

internal static class TopK
{
    public static bool InTopK(Tensor pred, int offset, int n, int target, int k)
    {
        double v = Values.At(pred, offset + target);
        if (!double.IsFinite(v)) return false;
        int greater = 0;
        for (int j = 0; j < n; j++)
            if (Values.At(pred, offset + j) > v) greater++;
        return greater < k;
    }
}
