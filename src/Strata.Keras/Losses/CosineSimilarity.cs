namespace Strata.Keras.Losses;

/// <summary>
/// The negative cosine similarity along <see cref="Axis"/>: -sum(l2_normalize(y_true) · l2_normalize(y_pred)), so that
/// minimising it aligns the vectors (-1 for parallel, 0 for orthogonal or zero vectors). Normalising divides by
/// max(‖x‖, 1e-7), Keras's min(rsqrt(Σx²), 1/ε), written so that a zero vector has a zero gradient rather than NaN.
/// </summary>
/// <param name="axis">The axis along which the similarity is computed; default -1 (the last).</param>
/// <param name="reduction">How <see cref="Loss.Call"/> reduces the per-sample losses: Keras 3's default
/// <c>"sum_over_batch_size"</c> (the mean over the batch), <c>"mean"</c>, <c>"mean_with_sample_weight"</c>,
/// <c>"sum"</c> or <c>"none"</c>.</param>
/// <param name="name">The loss's name (in logs and saved configs); default <c>"cosine_similarity"</c>.</param>
public sealed class CosineSimilarity(int axis = -1, string reduction = "sum_over_batch_size", string name = "cosine_similarity")
    : Loss(name, reduction)
{
    /// <summary>The axis along which the cosine similarity is computed.</summary>
    public int Axis { get; } = axis;

    /// <inheritdoc/>
    public override Tensor Compute(Tensor yTrue, Tensor yPred)
    {
        RequireFloatPredictions(yPred, "CosineSimilarity");
        yTrue = MatchLabels(yTrue, yPred, "CosineSimilarity");
        return -tf.ReduceSum(Normalize(yTrue, Axis) * Normalize(yPred, Axis), Axis);
    }

    internal static Tensor Normalize(Tensor x, int axis) =>
        x / tf.Sqrt(tf.Maximum(tf.ReduceSum(tf.Square(x), axis, keepDims: true), Epsilon * Epsilon));
}
