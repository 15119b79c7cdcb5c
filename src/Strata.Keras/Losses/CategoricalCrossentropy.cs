namespace Strata.Keras.Losses;

/// <summary>
/// Cross-entropy for one-hot (or soft) labels of the predictions' shape. With <c>fromLogits</c> it is computed
/// from logits by the fused, log-sum-exp-stable tf.SoftmaxCrossEntropyWithLogits; otherwise predictions are
/// normalised to sum 1 and clipped to [1e-7, 1 - 1e-7], as Keras does. <c>labelSmoothing</c> mixes labels with
/// the uniform distribution.
/// </summary>
public sealed class CategoricalCrossentropy(bool fromLogits = false, double labelSmoothing = 0, string reduction = "sum_over_batch_size",
    string name = "categorical_crossentropy") : Loss(name, reduction)
{
    public bool FromLogits { get; } = fromLogits;
    public double LabelSmoothing { get; } = labelSmoothing;

    public override Tensor Compute(Tensor yTrue, Tensor yPred)
    {
        RequireFloatPredictions(yPred, "CategoricalCrossentropy");
        if (yPred.Rank >= 1 && yTrue.Rank == yPred.Rank - 1 && yPred.Shape[-1] > 1)
            throw new InvalidArgumentError(
                $"CategoricalCrossentropy: y_true has shape {yTrue.Shape} ({yTrue.DType.Name()}), which looks like class indices, but this loss " +
                $"expects one-hot labels of the predictions' shape {yPred.Shape}; use SparseCategoricalCrossentropy for class indices.");
        yTrue = MatchLabels(yTrue, yPred, "CategoricalCrossentropy");
        if (LabelSmoothing > 0) yTrue = yTrue * (1 - LabelSmoothing) + LabelSmoothing / yPred.Shape[-1];
        if (FromLogits) return tf.SoftmaxCrossEntropyWithLogits(yTrue, yPred);
        var p = ClipProbabilities(yPred / tf.ReduceSum(yPred, -1, keepDims: true));
        return -tf.ReduceSum(yTrue * tf.Log(p), -1);
    }
}
