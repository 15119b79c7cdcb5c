namespace Strata.Keras.Losses;

/// <summary>Poisson loss per sample: mean(y_pred - y_true · log(y_pred + 1e-7)) over the last axis.</summary>
public sealed class Poisson(string reduction = "sum_over_batch_size", string name = "poisson") : Loss(name, reduction)
{
    public override Tensor Compute(Tensor yTrue, Tensor yPred)
    {
        RequireFloatPredictions(yPred, "Poisson");
        yTrue = MatchLabels(yTrue, yPred, "Poisson");
        return tf.ReduceMean(yPred - yTrue * tf.Log(yPred + Epsilon), -1);
    }
}
