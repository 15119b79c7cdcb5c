namespace Strata.Keras.Losses;

/// <summary>
/// Cross-entropy for one-hot (or soft) labels of the predictions' shape. With <c>fromLogits</c> it is computed
/// from logits by the fused, log-sum-exp-stable tf.SoftmaxCrossEntropyWithLogits; otherwise predictions are
/// normalised to sum 1 and clipped to [1e-7, 1 - 1e-7], as Keras does. <c>labelSmoothing</c> mixes labels with
/// the uniform distribution.
/// </summary>
/// <param name="fromLogits">Whether <c>yPred</c> holds logits rather than a probability distribution; Keras 3's default
/// false.</param>
/// <param name="labelSmoothing">In [0, 1]: labels become y·(1 - s) + s / classes; default 0.</param>
/// <param name="reduction">How <see cref="Loss.Call"/> reduces the per-sample losses: Keras 3's default
/// <c>"sum_over_batch_size"</c> (the mean over the batch), <c>"mean"</c>, <c>"mean_with_sample_weight"</c>,
/// <c>"sum"</c> or <c>"none"</c>.</param>
/// <param name="name">The loss's name (in logs and saved configs); default <c>"categorical_crossentropy"</c>.</param>
public sealed class CategoricalCrossentropy(bool fromLogits = false, double labelSmoothing = 0, string reduction = "sum_over_batch_size",
    string name = "categorical_crossentropy") : Loss(name, reduction)
{
    /// <summary>Whether predictions are logits rather than probabilities.</summary>
    public bool FromLogits { get; } = fromLogits;
    /// <summary>The label-smoothing factor in [0, 1]; 0 leaves the labels as they are.</summary>
    public double LabelSmoothing { get; } = labelSmoothing;

    /// <inheritdoc/>
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
