namespace Strata.Keras.Losses;

/// <summary>
/// Categorical focal cross-entropy, as Keras 3: predictions (softmax of logits with <c>fromLogits</c>) normalised to
/// sum 1 and clipped to [1e-7, 1 - 1e-7], then sum(alpha · (1 - p)^gamma · -y · log p) over the last axis.
/// </summary>
/// <param name="alpha">The weight of every class term; Keras 3's default 0.25.</param>
/// <param name="gamma">The focusing exponent of (1 - p): larger values down-weight well-classified examples more;
/// default 2.0.</param>
/// <param name="fromLogits">Whether <c>yPred</c> holds logits rather than a probability distribution; Keras 3's default
/// false.</param>
/// <param name="labelSmoothing">In [0, 1]: labels become y·(1 - s) + s / classes; default 0.</param>
/// <param name="reduction">How <see cref="Loss.Call"/> reduces the per-sample losses: Keras 3's default
/// <c>"sum_over_batch_size"</c> (the mean over the batch), <c>"mean"</c>, <c>"mean_with_sample_weight"</c>,
/// <c>"sum"</c> or <c>"none"</c>.</param>
/// <param name="name">The loss's name (in logs and saved configs); default <c>"categorical_focal_crossentropy"</c>.</param>
public sealed class CategoricalFocalCrossentropy(double alpha = 0.25, double gamma = 2.0, bool fromLogits = false,
    double labelSmoothing = 0, string reduction = "sum_over_batch_size", string name = "categorical_focal_crossentropy")
    : Loss(name, reduction)
{
    /// <summary>The weight alpha of every class term.</summary>
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
        RequireFloatPredictions(yPred, "CategoricalFocalCrossentropy");
        yTrue = MatchLabels(yTrue, yPred, "CategoricalFocalCrossentropy");
        if (LabelSmoothing > 0) yTrue = yTrue * (1 - LabelSmoothing) + LabelSmoothing / yPred.Shape[-1];
        var p = FromLogits ? tf.Softmax(yPred) : yPred;
        var output = ClipProbabilities(p / tf.ReduceSum(p, -1, keepDims: true));
        var cce = -yTrue * tf.Log(output);
        return tf.ReduceSum(tf.Pow(1.0 - output, Gamma) * Alpha * cce, -1);
    }
}
