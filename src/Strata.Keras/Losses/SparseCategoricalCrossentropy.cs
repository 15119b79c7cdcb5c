namespace Strata.Keras.Losses;

/// <summary>
/// Cross-entropy for integer class labels: y_true holds class indices (uint8, int32, int64, or integral floats)
/// of shape (batch,) or (batch, 1); y_pred has shape (batch, classes). With <c>fromLogits</c> it runs the fused
/// tf.SparseSoftmaxCrossEntropyWithLogits; otherwise it takes log of the probabilities clipped to
/// [1e-7, 1 - 1e-7] and runs the same, as Keras's TensorFlow backend does.
/// </summary>
/// <param name="fromLogits">Whether <c>yPred</c> holds logits rather than a probability distribution; Keras 3's default
/// false.</param>
/// <param name="reduction">How <see cref="Loss.Call"/> reduces the per-sample losses: Keras 3's default
/// <c>"sum_over_batch_size"</c> (the mean over the batch), <c>"mean"</c>, <c>"mean_with_sample_weight"</c>,
/// <c>"sum"</c> or <c>"none"</c>.</param>
/// <param name="name">The loss's name (in logs and saved configs); default <c>"sparse_categorical_crossentropy"</c>.</param>
public sealed class SparseCategoricalCrossentropy(bool fromLogits = false, string reduction = "sum_over_batch_size",
    string name = "sparse_categorical_crossentropy") : Loss(name, reduction)
{
    /// <summary>Whether predictions are logits rather than probabilities.</summary>
    public bool FromLogits { get; } = fromLogits;

    /// <inheritdoc/>
    public override Tensor Compute(Tensor yTrue, Tensor yPred)
    {
        RequireFloatPredictions(yPred, "SparseCategoricalCrossentropy");
        if (yPred.Rank < 1)
            throw new InvalidArgumentError($"SparseCategoricalCrossentropy: y_pred must have a class axis, got shape {yPred.Shape}.");
        yTrue = SparseLabels(yTrue, yPred, "SparseCategoricalCrossentropy");
        var logits = FromLogits ? yPred : tf.Log(ClipProbabilities(yPred));
        return tf.SparseSoftmaxCrossEntropyWithLogits(yTrue, logits);
    }

    /// <summary>Class-index labels shaped as the predictions without their class axis, or a clear error.</summary>
    internal static Tensor SparseLabels(Tensor yTrue, Tensor yPred, string who)
    {
        if (yTrue.Rank == yPred.Rank && yTrue.Shape[-1] == 1 && yPred.Shape[-1] != 1) yTrue = tf.Squeeze(yTrue, [-1]);
        else if (yTrue.Rank == yPred.Rank)
            throw new InvalidArgumentError(
                $"{who}: y_true has shape {yTrue.Shape} ({yTrue.DType.Name()}), which looks like one-hot labels, but this expects class indices " +
                $"of shape {Shape.Wrap(yPred.Shape.Dims[..^1].ToArray())} for predictions {yPred.Shape}; use CategoricalCrossentropy for one-hot labels.");
        if (yTrue.DType == DType.Bool)
            throw new InvalidArgumentError($"{who}: y_true must hold class indices (uint8, int32 or int64), got bool.");
        var expected = Shape.Wrap(yPred.Shape.Dims[..^1].ToArray());
        if (yTrue.Shape != expected)
            throw new InvalidArgumentError(
                $"{who}: y_true has shape {yTrue.Shape}, expected class indices of shape {expected} for predictions {yPred.Shape}.");
        return yTrue;
    }
}
