namespace Strata.Keras.Losses;

/// <summary>
/// Binary focal cross-entropy (Lin et al.), as Keras 3 computes it: bce · (1 - p_t)^gamma with p_t = y·p + (1-y)(1-p),
/// times alpha for positives and 1 - alpha for negatives when <c>applyClassBalancing</c>; mean over the last axis.
/// Logits go through a sigmoid first; probabilities are clipped to [1e-7, 1 - 1e-7] in the cross-entropy.
/// </summary>
/// <param name="applyClassBalancing">Whether to weight positives by <paramref name="alpha"/> and negatives by 1 -
/// alpha; Keras 3's default false.</param>
/// <param name="alpha">The class-balancing weight of positives; default 0.25.</param>
/// <param name="gamma">The focusing exponent of (1 - p_t): larger values down-weight easy examples more; default
/// 2.0.</param>
/// <param name="fromLogits">Whether <c>yPred</c> holds logits rather than probabilities; Keras 3's default false.</param>
/// <param name="labelSmoothing">In [0, 1]: labels become y·(1 - s) + 0.5·s; default 0.</param>
/// <param name="reduction">How <see cref="Loss.Call"/> reduces the per-sample losses: Keras 3's default
/// <c>"sum_over_batch_size"</c> (the mean over the batch), <c>"mean"</c>, <c>"mean_with_sample_weight"</c>,
/// <c>"sum"</c> or <c>"none"</c>.</param>
/// <param name="name">The loss's name (in logs and saved configs); default <c>"binary_focal_crossentropy"</c>.</param>
public sealed class BinaryFocalCrossentropy(bool applyClassBalancing = false, double alpha = 0.25, double gamma = 2.0,
    bool fromLogits = false, double labelSmoothing = 0, string reduction = "sum_over_batch_size",
    string name = "binary_focal_crossentropy") : Loss(name, reduction)
{
    /// <summary>Whether positives are weighted by <see cref="Alpha"/> and negatives by 1 - alpha.</summary>
    public bool ApplyClassBalancing { get; } = applyClassBalancing;
    /// <summary>The class-balancing weight of positives (negatives get 1 - alpha).</summary>
    public double Alpha { get; } = alpha;
    /// <summary>The focusing exponent gamma.</summary>
    public double Gamma { get; } = gamma;
    /// <summary>Whether predictions are logits rather than probabilities.</summary>
    public bool FromLogits { get; } = fromLogits;
    /// <summary>The label-smoothing factor in [0, 1]; 0 leaves the labels as they are.</summary>
    public double LabelSmoothing { get; } = labelSmoothing;

    /// <inheritdoc/>
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
