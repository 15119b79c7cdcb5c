namespace Strata.Keras.Losses;

/// <summary>Huber loss, mean over the last axis: ½e² where |e| ≤ delta, else delta·|e| - ½delta² (e = y_pred - y_true).</summary>
/// <param name="delta">The error size where the loss turns from quadratic to linear; Keras 3's default 1.0.</param>
/// <param name="reduction">How <see cref="Loss.Call"/> reduces the per-sample losses: Keras 3's default
/// <c>"sum_over_batch_size"</c> (the mean over the batch), <c>"mean"</c>, <c>"mean_with_sample_weight"</c>,
/// <c>"sum"</c> or <c>"none"</c>.</param>
/// <param name="name">The loss's name (in logs and saved configs); default <c>"huber_loss"</c>.</param>
public sealed class Huber(double delta = 1.0, string reduction = "sum_over_batch_size", string name = "huber_loss") : Loss(name, reduction)
{
    /// <summary>The error size where the loss turns from quadratic to linear.</summary>
    public double Delta { get; } = delta;

    /// <inheritdoc/>
    public override Tensor Compute(Tensor yTrue, Tensor yPred)
    {
        RequireFloatPredictions(yPred, "Huber");
        yTrue = MatchLabels(yTrue, yPred, "Huber");
        var error = yPred - yTrue;
        var absError = tf.Abs(error);
        var quadratic = tf.Square(error) * 0.5;
        var linear = absError * Delta - 0.5 * Delta * Delta;
        return tf.ReduceMean(tf.Where(tf.LessEqual(absError, Tensor.Scalar(Delta, absError.DType)), quadratic, linear), -1);
    }
}
