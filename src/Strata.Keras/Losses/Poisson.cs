namespace Strata.Keras.Losses;

/// <summary>Poisson loss per sample: mean(y_pred - y_true · log(y_pred + 1e-7)) over the last axis.</summary>
/// <param name="reduction">How <see cref="Loss.Call"/> reduces the per-sample losses: Keras 3's default
/// <c>"sum_over_batch_size"</c> (the mean over the batch), <c>"mean"</c>, <c>"mean_with_sample_weight"</c>,
/// <c>"sum"</c> or <c>"none"</c>.</param>
/// <param name="name">The loss's name (in logs and saved configs); default <c>"poisson"</c>.</param>
public sealed class Poisson(string reduction = "sum_over_batch_size", string name = "poisson") : Loss(name, reduction)
{
    /// <inheritdoc/>
    public override Tensor Compute(Tensor yTrue, Tensor yPred)
    {
        RequireFloatPredictions(yPred, "Poisson");
        yTrue = MatchLabels(yTrue, yPred, "Poisson");
        return tf.ReduceMean(yPred - yTrue * tf.Log(yPred + Epsilon), -1);
    }
}
