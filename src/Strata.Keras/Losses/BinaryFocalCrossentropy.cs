namespace Strata.Keras.Losses;

/// <summary>
/// Binary focal cross-entropy (Lin et al.), as Keras 3 computes it: bce · (1 - p_t)^gamma with p_t = y·p + (1-y)(1-p),
/// times alpha for positives and 1 - alpha for negatives when <c>applyClassBalancing</c>; mean over the last axis.
/// Logits go through a sigmoid first; probabilities are clipped to [1e-7, 1 - 1e-7] in the cross-entropy.
/// </summary>
public sealed class BinaryFocalCrossentropy(bool applyClassBalancing = false, double alpha = 0.25, double gamma = 2.0,
    bool fromLogits = false, double labelSmoothing = 0, string reduction = "sum_over_batch_size",
    string name = "binary_focal_crossentropy") : Loss(name, reduction)
{
    public bool ApplyClassBalancing { get; } = applyClassBalancing;
    public double Alpha { get; } = alpha;
    public double Gamma { get; } = gamma;
    public bool FromLogits { get; } = fromLogits;
    public double LabelSmoothing { get; } = labelSmoothing;

    public override Tensor Compute(Tensor yTrue, Tensor yPred)
    {
        RequireFloatPredictions(yPred, "BinaryFocalCrossentropy");
        yTrue = MatchLabels(yTrue, yPred, "BinaryFocalCrossentropy");
        if (LabelSmoothing > 0) yTrue = yTrue * (1 - LabelSmoothing) + 0.5 * LabelSmoothing;
        var p = FromLogits ? tf.Sigmoid(yPred) : yPred;
        var clipped = ClipProbabilities(p);
        var bce = -(yTrue * tf.Log(clipped) + (1.0 - yTrue) * tf.Log(1.0 - clipped));
        var pt = yTrue * p + (1.0 - yTrue) * (1.0 - p);
        var focal = tf.Pow(1.0 - pt, Gamma) * bce;
        if (ApplyClassBalancing) focal = (yTrue * Alpha + (1.0 - yTrue) * (1 - Alpha)) * focal;
        return tf.ReduceMean(focal, -1);
    }
}
