namespace Strata.Keras.Losses;

/// <summary>log(cosh(y_pred - y_true)), mean over the last axis, computed as x + softplus(-2x) - log 2 (cosh overflows
/// for |x| above ~89 in float32; this does not).</summary>
public sealed class LogCosh(string reduction = "sum_over_batch_size", string name = "log_cosh") : Loss(name, reduction)
{
    public override Tensor Compute(Tensor yTrue, Tensor yPred)
    {
        RequireFloatPredictions(yPred, "LogCosh");
        yTrue = MatchLabels(yTrue, yPred, "LogCosh");
        return tf.ReduceMean(Of(yPred - yTrue), -1);
    }

    internal static Tensor Of(Tensor x) => x + tf.Softplus(x * -2.0) - Math.Log(2);
}
