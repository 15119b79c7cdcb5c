namespace Strata.Keras.Losses;

/// <summary>log(cosh(y_pred - y_true)), mean over the last axis, computed as x + softplus(-2x) - log 2 (cosh overflows
/// for |x| above ~89 in float32; this does not).</summary>
/// <param name="reduction">How <see cref="Loss.Call"/> reduces the per-sample losses: Keras 3's default
/// <c>"sum_over_batch_size"</c> (the mean over the batch), <c>"mean"</c>, <c>"mean_with_sample_weight"</c>,
/// <c>"sum"</c> or <c>"none"</c>.</param>
/// <param name="name">The loss's name (in logs and saved configs); default <c>"log_cosh"</c>.</param>
public sealed class LogCosh(string reduction = "sum_over_batch_size", string name = "log_cosh") : Loss(name, reduction)
{
    /// <inheritdoc/>
    public override Tensor Compute(Tensor yTrue, Tensor yPred)
    {
        RequireFloatPredictions(yPred, "LogCosh");
        yTrue = MatchLabels(yTrue, yPred, "LogCosh");
        return tf.ReduceMean(Of(yPred - yTrue), -1);
    }

    internal static Tensor Of(Tensor x) => x + tf.Softplus(x * -2.0) - Math.Log(2);
}
