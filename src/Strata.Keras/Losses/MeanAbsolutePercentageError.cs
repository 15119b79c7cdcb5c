namespace Strata.Keras.Losses;

/// <summary>100 · mean(|y_true - y_pred| / max(|y_true|, 1e-7)) over the last axis.</summary>
public sealed class MeanAbsolutePercentageError(string reduction = "sum_over_batch_size", string name = "mean_absolute_percentage_error")
    : Loss(name, reduction)
{
    public override Tensor Compute(Tensor yTrue, Tensor yPred)
    {
        RequireFloatPredictions(yPred, "MeanAbsolutePercentageError");
        yTrue = MatchLabels(yTrue, yPred, "MeanAbsolutePercentageError");
        return tf.ReduceMean(tf.Abs((yTrue - yPred) / tf.Maximum(tf.Abs(yTrue), Epsilon)), -1) * 100.0;
    }
}
