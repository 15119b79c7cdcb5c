namespace Strata.Keras.Losses;

/// <summary>mean((log(max(y_pred, 1e-7) + 1) - log(max(y_true, 1e-7) + 1))²) over the last axis.</summary>
public sealed class MeanSquaredLogarithmicError(string reduction = "sum_over_batch_size", string name = "mean_squared_logarithmic_error")
    : Loss(name, reduction)
{
    public override Tensor Compute(Tensor yTrue, Tensor yPred)
    {
        RequireFloatPredictions(yPred, "MeanSquaredLogarithmicError");
        yTrue = MatchLabels(yTrue, yPred, "MeanSquaredLogarithmicError");
        var first = tf.Log(tf.Maximum(yPred, Epsilon) + 1.0);
        var second = tf.Log(tf.Maximum(yTrue, Epsilon) + 1.0);
        return tf.ReduceMean(tf.Square(first - second), -1);
    }
}
