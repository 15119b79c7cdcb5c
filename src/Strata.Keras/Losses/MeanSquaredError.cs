namespace Strata.Keras.Losses;

/// <summary>mean((y_pred - y_true)², axis=-1) per sample.</summary>
/// <param name="reduction">How <see cref="Loss.Call"/> reduces the per-sample losses: Keras 3's default
/// <c>"sum_over_batch_size"</c> (the mean over the batch), <c>"mean"</c>, <c>"mean_with_sample_weight"</c>,
/// <c>"sum"</c> or <c>"none"</c>.</param>
/// <param name="name">The loss's name (in logs and saved configs); default <c>"mean_squared_error"</c>.</param>
public sealed class MeanSquaredError(string reduction = "sum_over_batch_size", string name = "mean_squared_error") : Loss(name, reduction)
{
    /// <inheritdoc/>
    public override Tensor Compute(Tensor yTrue, Tensor yPred)
    {
        RequireFloatPredictions(yPred, "MeanSquaredError");
        yTrue = MatchLabels(yTrue, yPred, "MeanSquaredError");
        return tf.ReduceMean(tf.Square(yPred - yTrue), -1);
    }
}
