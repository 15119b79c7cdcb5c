namespace Strata.Keras.Losses;

/// <summary>
/// Binary cross-entropy, mean over the last axis. With <c>fromLogits</c> it is computed stably from logits
/// (tf.SigmoidCrossEntropyWithLogits); otherwise probabilities are clipped to [1e-7, 1 - 1e-7] first, as Keras does.
/// <c>labelSmoothing</c> moves labels toward 0.5.
/// </summary>
public sealed class BinaryCrossentropy(bool fromLogits = false, double labelSmoothing = 0, string reduction = "sum_over_batch_size",
    string name = "binary_crossentropy") : Loss(name, reduction)
{
    public bool FromLogits { get; } = fromLogits;
    public double LabelSmoothing { get; } = labelSmoothing;

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
