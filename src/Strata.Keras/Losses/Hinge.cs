namespace Strata.Keras.Losses;

/// <summary>Hinge loss per sample: mean(max(1 - y_true · y_pred, 0)) over the last axis. Labels are -1/1; labels that
/// are all 0/1 are mapped to -1/1 first, as Keras does.</summary>
/// <param name="reduction">How <see cref="Loss.Call"/> reduces the per-sample losses: Keras 3's default
/// <c>"sum_over_batch_size"</c> (the mean over the batch), <c>"mean"</c>, <c>"mean_with_sample_weight"</c>,
/// <c>"sum"</c> or <c>"none"</c>.</param>
/// <param name="name">The loss's name (in logs and saved configs); default <c>"hinge"</c>.</param>
public sealed class Hinge(string reduction = "sum_over_batch_size", string name = "hinge") : Loss(name, reduction)
{
    /// <inheritdoc/>
    public override Tensor Compute(Tensor yTrue, Tensor yPred)
    {
        RequireFloatPredictions(yPred, "Hinge");
        yTrue = HingeLabels(MatchLabels(yTrue, yPred, "Hinge"));
        return tf.ReduceMean(tf.Relu(1.0 - yTrue * yPred), -1);
    }

    /// <summary>Keras's convert_binary_labels_to_hinge: 2y - 1 when every label is 0 or 1.</summary>
    internal static Tensor HingeLabels(Tensor yTrue)
    {
        var binary = tf.LogicalOr(tf.Equal(yTrue, 0.0), tf.Equal(yTrue, 1.0)).ToArray<bool>().All(b => b);
        return binary ? yTrue * 2.0 - 1.0 : yTrue;
    }
}
