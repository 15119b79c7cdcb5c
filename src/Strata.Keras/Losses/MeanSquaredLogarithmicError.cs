namespace Strata.Keras.Losses;

/// <summary>mean((log(max(y_pred, 1e-7) + 1) - log(max(y_true, 1e-7) + 1))²) over the last axis.</summary>
/// <param name="reduction">How <see cref="Loss.Call"/> reduces the per-sample losses: Keras 3's default
/// <c>"sum_over_batch_size"</c> (the mean over the batch), <c>"mean"</c>, <c>"mean_with_sample_weight"</c>,
/// <c>"sum"</c> or <c>"none"</c>.</param>
/// <param name="name">The loss's name (in logs and saved configs); default <c>"mean_squared_logarithmic_error"</c>.</param>
public sealed class MeanSquaredLogarithmicError(string reduction = "sum_over_batch_size", string name = "mean_squared_logarithmic_error")
    : Loss(name, reduction)
{
    /// <inheritdoc/>
    public override Tensor Compute(Tensor yTrue, Tensor yPred)
    {
        RequireFloatPredictions(yPred, "MeanSquaredLogarithmicError");
        yTrue = MatchLabels(yTrue, yPred, "MeanSquaredLogarithmicError");
        var first = tf.Log(tf.Maximum(yPred, Epsilon) + 1.0);
        var second = tf.Log(tf.Maximum(yTrue, Epsilon) + 1.0);
        return tf.ReduceMean(tf.Square(first - second), -1);
    }
}
