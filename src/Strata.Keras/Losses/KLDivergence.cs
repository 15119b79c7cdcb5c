namespace Strata.Keras.Losses;

/// <summary>Kullback-Leibler divergence per sample: sum(y_true · log(y_true / y_pred)) over the last axis, both clipped
/// to [1e-7, 1] first as Keras does (so zero labels contribute ~0, not NaN).</summary>
/// <param name="reduction">How <see cref="Loss.Call"/> reduces the per-sample losses: Keras 3's default
/// <c>"sum_over_batch_size"</c> (the mean over the batch), <c>"mean"</c>, <c>"mean_with_sample_weight"</c>,
/// <c>"sum"</c> or <c>"none"</c>.</param>
/// <param name="name">The loss's name (in logs and saved configs); default <c>"kl_divergence"</c>.</param>
public sealed class KLDivergence(string reduction = "sum_over_batch_size", string name = "kl_divergence") : Loss(name, reduction)
{
    /// <inheritdoc/>
    public override Tensor Compute(Tensor yTrue, Tensor yPred)
    {
        RequireFloatPredictions(yPred, "KLDivergence");
        yTrue = MatchLabels(yTrue, yPred, "KLDivergence");
        var t = tf.ClipByValue(yTrue, Epsilon, 1.0);
        var p = tf.ClipByValue(yPred, Epsilon, 1.0);
        return tf.ReduceSum(t * tf.Log(t / p), -1);
    }
}
