namespace Strata.Keras.Losses;

/// <summary>Squared hinge loss per sample: mean(max(1 - y_true · y_pred, 0)²) over the last axis, labels as for
/// <see cref="Hinge"/>.</summary>
public sealed class SquaredHinge(string reduction = "sum_over_batch_size", string name = "squared_hinge") : Loss(name, reduction)
{
    public override Tensor Compute(Tensor yTrue, Tensor yPred)
    {
        RequireFloatPredictions(yPred, "SquaredHinge");
        yTrue = Hinge.HingeLabels(MatchLabels(yTrue, yPred, "SquaredHinge"));
        return tf.ReduceMean(tf.Square(tf.Relu(1.0 - yTrue * yPred)), -1);
    }
}
