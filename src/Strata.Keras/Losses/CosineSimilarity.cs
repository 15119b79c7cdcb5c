namespace Strata.Keras.Losses;

/// <summary>
/// The negative cosine similarity along <see cref="Axis"/>: -sum(l2_normalize(y_true) · l2_normalize(y_pred)), so that
/// minimising it aligns the vectors (-1 for parallel, 0 for orthogonal or zero vectors). Normalising divides by
/// max(‖x‖, 1e-7), Keras's min(rsqrt(Σx²), 1/ε), written so that a zero vector has a zero gradient rather than NaN.
/// </summary>
public sealed class CosineSimilarity(int axis = -1, string reduction = "sum_over_batch_size", string name = "cosine_similarity")
    : Loss(name, reduction)
{
    public int Axis { get; } = axis;

    public override Tensor Compute(Tensor yTrue, Tensor yPred)
    {
        RequireFloatPredictions(yPred, "CosineSimilarity");
        yTrue = MatchLabels(yTrue, yPred, "CosineSimilarity");
        return -tf.ReduceSum(Normalize(yTrue, Axis) * Normalize(yPred, Axis), Axis);
    }

    internal static Tensor Normalize(Tensor x, int axis) =>
        x / tf.Sqrt(tf.Maximum(tf.ReduceSum(tf.Square(x), axis, keepDims: true), Epsilon * Epsilon));
}
