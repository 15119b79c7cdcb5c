namespace Strata.Keras.Losses;

/// <summary>mean(|y_pred - y_true|, axis=-1) per sample.</summary>
public sealed class MeanAbsoluteError(string reduction = "sum_over_batch_size", string name = "mean_absolute_error") : Loss(name, reduction)
{
    public override Tensor Compute(Tensor yTrue, Tensor yPred)
    {
        RequireFloatPredictions(yPred, "MeanAbsoluteError");
        yTrue = MatchLabels(yTrue, yPred, "MeanAbsoluteError");
        return tf.ReduceMean(tf.Abs(yPred - yTrue), -1);
    }
}
