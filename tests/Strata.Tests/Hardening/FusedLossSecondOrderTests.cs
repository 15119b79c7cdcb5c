using static Strata.Tests.GradientCheck;

namespace Strata.Tests.Hardening;

/// <summary>The fused cross-entropies differentiate to second order through nested tapes (a null there was a
/// silent wrong answer): checked against finite differences of their own first derivative.</summary>
public class FusedLossSecondOrderTests
{
    [Fact]
    public void SparseSoftmaxCrossEntropySecondOrder()
    {
        var labels = tf.Constant(new[] { 2, 0, 1 });
        CheckSecondOrder(x => tf.SparseSoftmaxCrossEntropyWithLogits(labels, x), Rand(301, [3, 4]));
    }

    [Fact]
    public void SoftmaxCrossEntropySecondOrder()
    {
        var labels = tf.Softmax(Rand(302, [2, 3]));
        CheckSecondOrder(x => tf.SoftmaxCrossEntropyWithLogits(labels, x), Rand(303, [2, 3]));
        // ... and with respect to the labels too (distillation trains them).
        var logits = Rand(304, [2, 3]);
        CheckSecondOrder(z => tf.Multiply(tf.SoftmaxCrossEntropyWithLogits(z, logits), tf.ReduceSum(z, [1])), Rand(305, [2, 3], 0, 1));
    }

    [Fact]
    public void SigmoidCrossEntropySecondOrder()
    {
        var labels = Rand(306, [2, 3], 0, 1);
        CheckSecondOrder(x => tf.SigmoidCrossEntropyWithLogits(labels, x), Rand(307, [2, 3]));
    }

    [Fact]
    public void TheHessianOfSparseCrossEntropyIsTheSoftmaxCovariance()
    {
        // d²/dz² of logsumexp(z) - z[label] is diag(p) - p pᵀ, whatever the label.
        var z = tf.Variable(tf.Constant(new[] { 0.5, -1.0, 2.0 }, DType.Float64));
        Tensor? hessian;
        using (var outer = new GradientTape())
        {
            Tensor? grad;
            using (var inner = new GradientTape())
                grad = inner.Gradient(tf.SparseSoftmaxCrossEntropyWithLogits(tf.Constant(1), z), z);
            hessian = outer.Jacobian(grad!, z);
        }
        var p = tf.Softmax(z).ToArray<double>();
        var expected = new double[9];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                expected[i * 3 + j] = (i == j ? p[i] : 0) - p[i] * p[j];
        Expect.Values(hessian!, [3, 3], expected, 1e-12);
    }
}
