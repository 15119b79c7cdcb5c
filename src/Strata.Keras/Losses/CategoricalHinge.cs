namespace Strata.Keras.Losses;

/// <summary>Categorical hinge per sample, for one-hot labels: max(neg - pos + 1, 0) with pos = sum(y_true · y_pred)
/// and neg = max((1 - y_true) · y_pred) over the last axis.</summary>
public sealed class CategoricalHinge(string reduction = "sum_over_batch_size", string name = "categorical_hinge") : Loss(name, reduction)
{
    public override Tensor Compute(Tensor yTrue, Tensor yPred)
    {
        RequireFloatPredictions(yPred, "CategoricalHinge");
        yTrue = MatchLabels(yTrue, yPred, "CategoricalHinge");
        var pos = tf.ReduceSum(yTrue * yPred, -1);
        var neg = tf.ReduceMax((1.0 - yTrue) * yPred, -1);
        return tf.Relu(neg - pos + 1.0);
    }
}
