namespace Strata.Keras.Losses;

/// <summary>100 · mean(|y_true - y_pred| / max(|y_true|, 1e-7)) over the last axis.</summary>
/// <param name="reduction">How <see cref="Loss.Call"/> reduces the per-sample losses: Keras 3's default
/// <c>"sum_over_batch_size"</c> (the mean over the batch), <c>"mean"</c>, <c>"mean_with_sample_weight"</c>,
/// <c>"sum"</c> or <c>"none"</c>.</param>
/// <param name="name">The loss's name (in logs and saved configs); default <c>"mean_absolute_percentage_error"</c>.</param>
public sealed class MeanAbsolutePercentageError(string reduction = "sum_over_batch_size", string name = "mean_absolute_percentage_error")
    : Loss(name, reduction)
{
    /// <inheritdoc/>
    public override Tensor Compute(Tensor yTrue, Tensor yPred)
    {
        RequireFloatPredictions(yPred, "MeanAbsolutePercentageError");
        yTrue = MatchLabels(yTrue, yPred, "MeanAbsolutePercentageError");
        return tf.ReduceMean(tf.Abs((yTrue - yPred) / tf.Maximum(tf.Abs(yTrue), Epsilon)), -1) * 100.0;
    }
}
