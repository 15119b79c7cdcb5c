using static Strata.Tests.GradientCheck;

namespace Strata.Tests.Ops;

/// <summary>erfc, lgamma, digamma, reciprocal, rsqrt, xlogy, xlog1py: reference values, TensorFlow's edge cases and
/// gradients against finite differences.</summary>
public class SpecialOpsTests
{
    [Fact]
    public void LgammaAndDigammaAgainstKnownValues()
    {
        var x = F64([1, 2, 0.5, 3.5, 10, -0.5, 1e-3, 30], 8);
        Expect.Close([0, 0, Math.Log(Math.Sqrt(Math.PI)), Math.Log(3.3233509704478426), Math.Log(362880), Math.Log(2 * Math.Sqrt(Math.PI)),
            6.907178885383853, 71.25703896716801], tf.Lgamma(x).ToArray<double>(), 1e-13);
        const double EulerGamma = 0.5772156649015329;
        var d = F64([1, 2, 0.5, 10, -0.5], 5);
        Expect.Close([-EulerGamma, 1 - EulerGamma, -EulerGamma - 2 * Math.Log(2), 2.251752589066721, 2 - EulerGamma - 2 * Math.Log(2)],
            tf.Digamma(d).ToArray<double>(), 1e-12);
    }

    [Fact]
    public void PolesAsTensorFlow()
    {
        var l = tf.Lgamma(F64([0, -1, -2, double.PositiveInfinity, double.NegativeInfinity], 5)).ToArray<double>();
        Assert.All(l, v => Assert.Equal(double.PositiveInfinity, v));
        Assert.True(double.IsNaN(tf.Lgamma(F64([double.NaN], 1)).ToArray<double>()[0]));
        var dg = tf.Digamma(F64([0, -3], 2)).ToArray<double>();
        Assert.All(dg, v => Assert.True(double.IsNaN(v)));
        Assert.Equal(float.PositiveInfinity, tf.Reciprocal(tf.Constant(0f)).Item<float>());
        Assert.Equal(float.NegativeInfinity, tf.Reciprocal(tf.Constant(-0f)).Item<float>());
        Assert.Equal(float.PositiveInfinity, tf.Rsqrt(tf.Constant(0f)).Item<float>());
        Assert.True(float.IsNaN(tf.Rsqrt(tf.Constant(-1f)).Item<float>()));
        Assert.Equal(2.0, tf.Erfc(tf.Constant(double.NegativeInfinity, dtype: DType.Float64)).Item<double>());
    }

    [Fact]
    public void ErfcReciprocalRsqrtValues()
    {
        Expect.Close([1, 0.15729920705028513, 1.8427007929497148, 2.0884875837625446e-45],
            tf.Erfc(F64([0, 1, -1, 10], 4)).ToArray<double>(), 1e-14);
        Expect.Close([0.5, -4, 0.25], tf.Reciprocal(tf.Constant(new[] { 2f, -0.25f, 4f })).ToArray<float>().Select(v => (double)v).ToArray(), 1e-7);
        Expect.Close([0.5, 1, 0.1], tf.Rsqrt(F64([4, 1, 100], 3)).ToArray<double>(), 1e-15);
    }

    [Fact]
    public void XlogyIsZeroWhereXIsZero()
    {
        var x = F64([0, 0, 2, 0], 4);
        var y = F64([0, 5, Math.E, double.PositiveInfinity], 4);
        Assert.Equal(new[] { 0.0, 0, 2, 0 }, tf.Xlogy(x, y).ToArray<double>());
        Assert.Equal(new[] { 0.0, 0, 2 * Math.Log(1 + Math.E), 0 }, tf.Xlog1py(x, y).ToArray<double>());
        Assert.Equal(new Shape(2, 3), tf.Xlogy(tf.Ones([2, 1]), tf.Ones([3])).Shape);
        Assert.Throws<UnsupportedDTypeError>(() => tf.Xlogy(tf.Constant(new[] { 1 }), tf.Constant(new[] { 1 })));
        Assert.Throws<InvalidArgumentError>(() => tf.Xlogy(tf.Ones([2]), tf.Ones([3])));
    }

    [Fact]
    public void GradientsMatchFiniteDifferences()
    {
        Check(tf.Erfc, Rand(1, [2, 3]));
        Check(tf.Lgamma, Rand(2, [2, 3], 0.3, 5));
        Check(tf.Lgamma, Rand(3, [4], -0.9, -0.1));
        Check(tf.Digamma, Rand(4, [2, 3], 0.3, 5));
        Check(tf.Reciprocal, Rand(5, [2, 3], 0.5, 3));
        Check(tf.Rsqrt, Rand(6, [2, 3], 0.5, 3));
        Check(xs => tf.Xlogy(xs[0], xs[1]), Rand(7, [2, 3]), Rand(8, [2, 3], 0.5, 3));
        Check(xs => tf.Xlog1py(xs[0], xs[1]), Rand(9, [2, 3]), Rand(10, [3], 0.5, 3));
        CheckSecondOrder(tf.Lgamma, Rand(11, [3], 0.5, 4));
        CheckSecondOrder(tf.Rsqrt, Rand(12, [3], 0.5, 4));
        CheckSecondOrder(tf.Erfc, Rand(13, [3]));
    }

    [Fact]
    public void XlogyGradientIsZeroWhereXIsZero()
    {
        var x = F64([0, 1], 2);
        var y = F64([0, 2], 2);
        using var tape = new GradientTape(persistent: true);
        tape.Watch(x);
        tape.Watch(y);
        var z = tf.ReduceSum(tf.Xlogy(x, y));
        var g = tape.Gradient(z, [x, y]);
        Assert.Equal(new[] { 0.0, Math.Log(2) }, g[0]!.ToArray<double>());
        Assert.Equal(new[] { 0.0, 0.5 }, g[1]!.ToArray<double>());
    }
}
