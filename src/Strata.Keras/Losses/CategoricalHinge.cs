namespace Strata.Keras.Losses;

/// <summary>Categorical hinge per sample, for one-hot labels: max(neg - pos + 1, 0) with pos = sum(y_true · y_pred)
/// and neg = max((1 - y_true) · y_pred) over the last axis.</summary>
/// <param name="reduction">How <see cref="Loss.Call"/> reduces the per-sample losses: Keras 3's default
/// <c>"sum_over_batch_size"</c> (the mean over the batch), <c>"mean"</c>, <c>"mean_with_sample_weight"</c>,
/// <c>"sum"</c> or <c>"none"</c>.</param>
/// <param name="name">The loss's name (in logs and saved configs); default <c>"categorical_hinge"</c>.</param>
public sealed class CategoricalHinge(string reduction = "sum_over_batch_size", string name = "categorical_hinge") : Loss(name, reduction)
{
    /// <inheritdoc/>
    public override Tensor Compute(Tensor yTrue, Tensor yPred)
    {
        RequireFloatPredictions(yPred, "CategoricalHinge");
        yTrue = MatchLabels(yTrue, yPred, "CategoricalHinge");
        var pos = tf.ReduceSum(yTrue * yPred, -1);
        var neg = tf.ReduceMax((1.0 - yTrue) * yPred, -1);
        return tf.Relu(neg - pos + 1.0);
    }
}
