namespace Strata.Keras.Losses;

/// <summary>
/// Categorical focal cross-entropy, as Keras 3: predictions (softmax of logits with <c>fromLogits</c>) normalised to
/// sum 1 and clipped to [1e-7, 1 - 1e-7], then sum(alpha · (1 - p)^gamma · -y · log p) over the last axis.
/// </summary>
public sealed class CategoricalFocalCrossentropy(double alpha = 0.25, double gamma = 2.0, bool fromLogits = false,
    double labelSmoothing = 0, string reduction = "sum_over_batch_size", string name = "categorical_focal_crossentropy")
    : Loss(name, reduction)
{
    public double Alpha { get; } = alpha;
    public double Gamma { get; } = gamma;
    public bool FromLogits { get; } = fromLogits;
    public double LabelSmoothing { get; } = labelSmoothing;

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
