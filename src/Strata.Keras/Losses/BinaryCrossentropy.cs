namespace Strata.Keras.Losses;

/// <summary>
/// Binary cross-entropy, mean over the last axis. With <c>fromLogits</c> it is computed stably from logits
/// (tf.SigmoidCrossEntropyWithLogits); otherwise probabilities are clipped to [1e-7, 1 - 1e-7] first, as Keras does.
/// <c>labelSmoothing</c> moves labels toward 0.5.
/// </summary>
/// <param name="fromLogits">Whether <c>yPred</c> holds logits rather than probabilities; Keras 3's default false.</param>
/// <param name="labelSmoothing">In [0, 1]: labels become y·(1 - s) + 0.5·s; default 0.</param>
/// <param name="reduction">How <see cref="Loss.Call"/> reduces the per-sample losses: Keras 3's default
/// <c>"sum_over_batch_size"</c> (the mean over the batch), <c>"mean"</c>, <c>"mean_with_sample_weight"</c>,
/// <c>"sum"</c> or <c>"none"</c>.</param>
/// <param name="name">The loss's name (in logs and saved configs); default <c>"binary_crossentropy"</c>.</param>
public sealed class BinaryCrossentropy(bool fromLogits = false, double labelSmoothing = 0, string reduction = "sum_over_batch_size",
    string name = "binary_crossentropy") : Loss(name, reduction)
{
    /// <summary>Whether predictions are logits rather than probabilities.</summary>
    public bool FromLogits { get; } = fromLogits;
    /// <summary>The label-smoothing factor in [0, 1]; 0 leaves the labels as they are.</summary>
    public double LabelSmoothing { get; } = labelSmoothing;

    /// <inheritdoc/>
    public override Tensor Compute(Tensor yTrue, Tensor yPred)
    {
        RequireFloatPredictions(yPred, "BinaryCrossentropy");
        yTrue = MatchLabels(yTrue, yPred, "BinaryCrossentropy");
        if (LabelSmoothing > 0) yTrue = yTrue * (1 - LabelSmoothing) + 0.5 * LabelSmoothing;
        if (FromLogits) return tf.ReduceMean(tf.SigmoidCrossEntropyWithLogits(yTrue, yPred), -1);
        var p = ClipProbabilities(yPred);
        var bce = yTrue * tf.Log(p) + (1.0 - yTrue) * tf.Log(1.0 - p);
        return tf.ReduceMean(-bce, -1);
    }
}
