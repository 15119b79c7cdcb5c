using static Strata.Tests.GradientCheck;

namespace Strata.Tests.Ops;

public class BiasAddOpsTests
{
    public static TheoryData<int> Activations => new() { 0, 1, 2, 3 };

    private static Tensor Unfused(Tensor value, Tensor bias, FusedActivation activation)
    {
        var z = value + bias;
        return activation switch
        {
            FusedActivation.Relu => tf.Relu(z),
            FusedActivation.Sigmoid => tf.Sigmoid(z),
            FusedActivation.Tanh => tf.Tanh(z),
            _ => z,
        };
    }

    [Theory, MemberData(nameof(Activations))]
    public void FusedEqualsBiasAddThenActivation(int kind)
    {
        var activation = (FusedActivation)kind;
        var value = tf.Cast(Rand(1, [5, 7]), DType.Float32);
        var bias = tf.Cast(Rand(2, [7]), DType.Float32);
        Assert.Equal(Unfused(value, bias, activation).ToArray<float>(), tf.BiasAddActivation(value, bias, activation).ToArray<float>());
    }

    [Fact]
    public void FusedTanhIsAccurateNearZeroInPlace()
    {
        // The fused kernel applies tanh in place on the output row: Tanh's small-argument correction must read the
        // arguments, not the results TensorPrimitives has already written over them.
        var value = tf.Constant(new[,] { { 0f, 1e-8f, -3e-5f }, { 0.1f, -0f, 2f } });
        var bias = tf.Zeros([3]);
        var fused = tf.BiasAddActivation(value, bias, FusedActivation.Tanh).ToArray<float>();
        Assert.Equal([0f, 1e-8f, -3e-5f], fused[..3]);
        Assert.Equal(0f, fused[4]); // -0 + 0 = +0
        Expect.Close([Math.Tanh(0.1f), Math.Tanh(2)], [fused[3], fused[5]], 1e-6);
    }

    [Fact]
    public void LargeTensorsAboveTheThreadingThresholdMatchTheUnfusedOps()
    {
        var value = tf.Cast(Rand(3, [600, 300]), DType.Float32);   // above the threading threshold
        var bias = tf.Cast(Rand(4, [300]), DType.Float32);
        Assert.Equal(Unfused(value, bias, FusedActivation.Relu).ToArray<float>(),
                     tf.BiasAddActivation(value, bias, FusedActivation.Relu).ToArray<float>());
    }

    [Theory, MemberData(nameof(Activations))]
    public void GradientsMatchFiniteDifferences(int kind)
    {
        var activation = (FusedActivation)kind;
        // Rank 3, so that the bias gradient sums over every leading axis.
        Check(xs => tf.BiasAddActivation(xs[0], xs[1], activation), Rand(5, [2, 3, 4]), Rand(6, [4]));
    }

    // (Linear and relu are piecewise linear in x: their second derivative is not connected, as in TensorFlow.)
    [Theory, InlineData(2), InlineData(3)]
    public void SecondOrderGradientsOfTheCurvedActivationsMatchFiniteDifferences(int kind)
    {
        var activation = (FusedActivation)kind;
        var bias = Rand(7, [3]);
        CheckSecondOrder(x => tf.BiasAddActivation(x, bias, activation), Rand(8, [2, 3]));
    }

    [Fact]
    public void BiasAddAddsAlongTheLastAxis()
    {
        var value = F64([1, 2, 3, 4, 5, 6], 2, 3);
        Expect.Values(tf.BiasAdd(value, F64([10, 20, 30], 3)), [2, 3], [11, 22, 33, 14, 25, 36]);
        Check(xs => tf.BiasAdd(xs[0], xs[1]), Rand(9, [4, 2]), Rand(10, [2]));
    }

    [Fact]
    public void BiasOfTheWrongShapeOrDTypeIsRejectedWithBothShapes()
    {
        var value = F64([1, 2, 3, 4, 5, 6], 2, 3);
        var e = Assert.Throws<InvalidArgumentError>(() => tf.BiasAdd(value, F64([1, 2], 2)));
        Assert.Contains("BiasAdd", e.Message);
        Assert.Contains("(2, 3)", e.Message);
        Assert.Contains("(2,)", e.Message);
        Assert.Throws<InvalidArgumentError>(() => tf.BiasAdd(value, F64([1, 2, 3, 4, 5, 6], 2, 3)));   // not 1-D
        Assert.Throws<InvalidArgumentError>(() => tf.BiasAdd(value, tf.Constant(new float[] { 1, 2, 3 })));
        Assert.Throws<UnsupportedDTypeError>(() => tf.BiasAdd(tf.Constant(new[] { 1, 2 }), tf.Constant(new[] { 1, 2 })));
    }
}
