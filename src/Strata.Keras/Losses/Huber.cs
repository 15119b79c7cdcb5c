namespace Strata.Keras.Losses;

/// <summary>Huber loss, mean over the last axis: ½e² where |e| ≤ delta, else delta·|e| - ½delta² (e = y_pred - y_true).</summary>
public sealed class Huber(double delta = 1.0, string reduction = "sum_over_batch_size", string name = "huber_loss") : Loss(name, reduction)
{
    public double Delta { get; } = delta;

    public override Tensor Compute(Tensor yTrue, Tensor yPred)
    {
        RequireFloatPredictions(yPred, "Huber");
        yTrue = MatchLabels(yTrue, yPred, "Huber");
        var error = yPred - yTrue;
        var absError = tf.Abs(error);
        var quadratic = tf.Square(error) * 0.5;
        var linear = absError * Delta - 0.5 * Delta * Delta;
        return tf.ReduceMean(tf.Where(tf.LessEqual(absError, Tensor.Scalar(Delta, absError.DType)), quadratic, linear), -1);
    }
}
