namespace Strata.Keras.Losses;

/// <summary>Kullback-Leibler divergence per sample: sum(y_true · log(y_true / y_pred)) over the last axis, both clipped
/// to [1e-7, 1] first as Keras does (so zero labels contribute ~0, not NaN).</summary>
public sealed class KLDivergence(string reduction = "sum_over_batch_size", string name = "kl_divergence") : Loss(name, reduction)
{
    public override Tensor Compute(Tensor yTrue, Tensor yPred)
    {
        RequireFloatPredictions(yPred, "KLDivergence");
        yTrue = MatchLabels(yTrue, yPred, "KLDivergence");
        var t = tf.ClipByValue(yTrue, Epsilon, 1.0);
        var p = tf.ClipByValue(yPred, Epsilon, 1.0);
        return tf.ReduceSum(t * tf.Log(t / p), -1);
    }
}
