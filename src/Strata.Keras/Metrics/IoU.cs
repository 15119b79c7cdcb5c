namespace Strata.Keras.Metrics;

/// <summary>
/// Keras's <c>IoU</c>: intersection over union per class from a confusion matrix accumulated over batches
/// (rows: true class, columns: predicted class), TP / (TP + FP + FN), averaged over <see cref="TargetClassIds"/>
/// that occur at all (a class with an empty union is left out, as Keras's divide_no_nan and count do). Labels and
/// predictions are class indices (truncated to integers, as Keras casts them), or probabilities/one-hot rows reduced by
/// argmax with <c>sparseYTrue</c>/<c>sparseYPred</c> false; labels equal to <see cref="IgnoreClass"/> are skipped.
/// </summary>
public class IoU : Metric
{
    private readonly double[,] _matrix;

    /// <summary>The number of classes (the confusion matrix is NumClasses × NumClasses).</summary>
    public int NumClasses { get; }
    /// <summary>The classes whose IoU is averaged.</summary>
    public IReadOnlyList<int> TargetClassIds { get; }
    /// <summary>A label value that is left out of the counts (null: none).</summary>
    public int? IgnoreClass { get; }
    /// <summary>True: labels are class ids; false: rows reduced by argmax.</summary>
    public bool SparseYTrue { get; }
    /// <summary>True: predictions are class ids; false: rows reduced by argmax.</summary>
    public bool SparseYPred { get; }

    /// <summary>Keras's <c>IoU(num_classes, target_class_ids, ignore_class=None, sparse_y_true=True, sparse_y_pred=True)</c>.</summary>
    public IoU(int numClasses, IReadOnlyList<int> targetClassIds, int? ignoreClass = null, bool sparseYTrue = true, bool sparseYPred = true,
        string name = "io_u") : base(name)
    {
        if (numClasses < 1) throw new InvalidArgumentError($"{GetType().Name}: num_classes must be positive, got {numClasses}.");
        Guard.NotNull(targetClassIds, GetType().Name, "targetClassIds");
        foreach (int id in targetClassIds)
            if (id < 0 || id >= numClasses)
                throw new InvalidArgumentError($"{GetType().Name}: target class id {id} is not in [0, {numClasses}).");
        (NumClasses, TargetClassIds, IgnoreClass, SparseYTrue, SparseYPred) = (numClasses, targetClassIds.ToArray(), ignoreClass, sparseYTrue, sparseYPred);
        _matrix = new double[numClasses, numClasses];
    }

    /// <inheritdoc/>
    public override void UpdateState(Tensor yTrue, Tensor yPred) => UpdateState(yTrue, yPred, null);

    /// <summary>Adds the batch to the confusion matrix, each class id counting with its sample's weight.</summary>
    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight)
    {
        Guard.NotNull(yTrue, Name, "yTrue");
        Guard.NotNull(yPred, Name, "yPred");
        var labels = Classes(yTrue, SparseYTrue);
        var predictions = Classes(yPred, SparseYPred);
        if (labels.Length != predictions.Length)
            throw new InvalidArgumentError($"{Name}: y_true {yTrue.Shape} and y_pred {yPred.Shape} hold different numbers of class ids.");
        var w = SampleWeights.PerUnit(sampleWeight, labels.Length, yTrue.Rank == 0 ? 1 : yTrue.Shape[0], Name);
        for (int i = 0; i < labels.Length; i++)
        {
            if (IgnoreClass is { } ignore && labels[i] == ignore) continue;
            _matrix[Check(labels[i], "label"), Check(predictions[i], "prediction")] += w is null ? 1 : w[i];
        }
    }

    private int Check(long c, string what) => c >= 0 && c < NumClasses
        ? (int)c
        : throw new InvalidArgumentError($"{Name}: {what} {c} is not a class id in [0, {NumClasses}).");

    private static long[] Classes(Tensor t, bool sparse)
    {
        if (sparse) return Enumerable.Range(0, t.Size).Select(i => (long)Values.At(t, i)).ToArray();
        var (last, rows) = Values.Rows(t);
        return Enumerable.Range(0, rows).Select(r => (long)Values.ArgMax(t, r * last, last)).ToArray();
    }

    /// <inheritdoc/>
    public override double Result()
    {
        double sum = 0;
        int valid = 0;
        foreach (int c in TargetClassIds)
        {
            double tp = _matrix[c, c], predicted = 0, actual = 0;
            for (int j = 0; j < NumClasses; j++) { predicted += _matrix[j, c]; actual += _matrix[c, j]; }
            double union = predicted + actual - tp;
            if (union == 0) continue;
            sum += tp / union;
            valid++;
        }
        return valid == 0 ? 0 : sum / valid;
    }

    /// <inheritdoc/>
    public override void ResetState() => Array.Clear(_matrix);
}

/// <summary>Keras's <c>MeanIoU</c>: <see cref="IoU"/> averaged over every class.</summary>
public sealed class MeanIoU(int numClasses, int? ignoreClass = null, bool sparseYTrue = true, bool sparseYPred = true, string name = "mean_io_u")
    : IoU(numClasses, Enumerable.Range(0, Math.Max(numClasses, 0)).ToArray(), ignoreClass, sparseYTrue, sparseYPred, name);
