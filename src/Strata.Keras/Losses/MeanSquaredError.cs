namespace Strata.Keras.Losses;

/// <summary>mean((y_pred - y_true)², axis=-1) per sample.</summary>
public sealed class MeanSquaredError(string reduction = "sum_over_batch_size", string name = "mean_squared_error") : Loss(name, reduction)
{
    public override Tensor Compute(Tensor yTrue, Tensor yPred)
    {
        RequireFloatPredictions(yPred, "MeanSquaredError");
        yTrue = MatchLabels(yTrue, yPred, "MeanSquaredError");
        return tf.ReduceMean(tf.Square(yPred - yTrue), -1);
    }
}
