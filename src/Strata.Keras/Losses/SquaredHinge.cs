namespace Strata.Keras.Losses;

/// <summary>Squared hinge loss per sample: mean(max(1 - y_true · y_pred, 0)²) over the last axis, labels as for
/// <see cref="Hinge"/>.</summary>
/// <param name="reduction">How <see cref="Loss.Call"/> reduces the per-sample losses: Keras 3's default
/// <c>"sum_over_batch_size"</c> (the mean over the batch), <c>"mean"</c>, <c>"mean_with_sample_weight"</c>,
/// <c>"sum"</c> or <c>"none"</c>.</param>
/// <param name="name">The loss's name (in logs and saved configs); default <c>"squared_hinge"</c>.</param>
public sealed class SquaredHinge(string reduction = "sum_over_batch_size", string name = "squared_hinge") : Loss(name, reduction)
{
    /// <inheritdoc/>
    public override Tensor Compute(Tensor yTrue, Tensor yPred)
    {
        RequireFloatPredictions(yPred, "SquaredHinge");
        yTrue = Hinge.HingeLabels(MatchLabels(yTrue, yPred, "SquaredHinge"));
        return tf.ReduceMean(tf.Square(tf.Relu(1.0 - yTrue * yPred)), -1);
    }
}
