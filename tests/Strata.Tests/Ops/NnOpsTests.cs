using static Strata.Tests.GradientCheck;

namespace Strata.Tests.Ops;

public class NnOpsTests
{
    private static Tensor F32(float[] v, params int[] shape) => tf.Constant(v, shape: new Shape(shape));

    private static double[] SoftmaxRef(params double[] x)
    {
        double m = x.Max();
        var e = x.Select(v => Math.Exp(v - m)).ToArray();
        double s = e.Sum();
        return e.Select(v => v / s).ToArray();
    }

    [Fact]
    public void SigmoidValues()
    {
        Expect.Values(tf.Sigmoid(F32([0, 2, -2, 20, -20], 5)), [5],
            [0.5, 0.8807970779778823, 0.11920292202211755, 1 / (1 + Math.Exp(-20)), 1 / (1 + Math.Exp(20))]);
        Expect.Values(tf.Sigmoid(F64([1], 1)), [1], [0.7310585786300049], 1e-12);
    }

    [Fact]
    public void TanhIsAccurateNearZero()
    {
        // TensorPrimitives.Tanh is off by ~6e-8 absolute near 0: tanh(0) was -5.96e-8 and tanh(1e-8) was -0 in float32.
        Assert.Equal([0f, -0f, 1e-8f, -1e-30f], tf.Tanh(F32([0, -0f, 1e-8f, -1e-30f], 4)).ToArray<float>());
        Assert.Equal([0.0, 1e-300], tf.Tanh(F64([0, 1e-300], 2)).ToArray<double>());
        Assert.All(tf.Tanh(tf.Zeros([37])).ToArray<float>(), v => Assert.Equal(0f, v));
        Assert.All(tf.Tanh(tf.Zeros([200_001])).ToArray<float>(), v => Assert.Equal(0f, v)); // the threaded path
        // Within a few ulps of the true value everywhere, the vector body and the scalar tail alike.
        var xs = Enumerable.Range(0, 203).Select(i => (float)(Math.Pow(10, -12 + i * 0.07) * (i % 2 == 0 ? 1 : -1))).ToArray();
        var ys = tf.Tanh(tf.Constant(xs)).ToArray<float>();
        var yd = tf.Tanh(tf.Constant(xs.Select(v => (double)v).ToArray(), dtype: DType.Float64)).ToArray<double>();
        for (int i = 0; i < xs.Length; i++)
        {
            double t = Math.Tanh(xs[i]);
            Assert.True(Math.Abs(ys[i] - t) <= 4 * Math.Abs(t) * Math.Pow(2, -24), $"float32 tanh({xs[i]:R}) = {ys[i]:R}, expected {t:R}");
            Assert.True(Math.Abs(yd[i] - t) <= 8 * Math.Abs(t) * Math.Pow(2, -53), $"float64 tanh({xs[i]:R}) = {yd[i]:R}, expected {t:R}");
        }
    }

    [Fact]
    public void TanhValues()
    {
        Expect.Values(tf.Tanh(F32([0, 1, -0.5f, 10], 4)), [4], [0, Math.Tanh(1), Math.Tanh(-0.5), Math.Tanh(10)]);
        Expect.Values(tf.Tanh(F64([0.3], 1)), [1], [Math.Tanh(0.3)], 1e-12);
    }

    [Fact]
    public void ReluValues()
    {
        Expect.Values(tf.Relu(F32([-1, 0, 2.5f, -0.1f], 2, 2)), [2, 2], [0, 0, 2.5, 0]);
        Assert.True(double.IsNaN(Expect.Doubles(tf.Relu(F32([float.NaN], 1)))[0]));
    }

    [Fact]
    public void SoftmaxLastAxis()
    {
        var y = tf.Softmax(F32([1, 2, 3, 1, 1, 1], 2, 3));
        Expect.Values(y, [2, 3], [.. SoftmaxRef(1, 2, 3), 1.0 / 3, 1.0 / 3, 1.0 / 3]);
        Expect.Close([0.09003057317038046, 0.24472847105479764, 0.6652409557748219], Expect.Doubles(tf.Softmax(F32([1, 2, 3], 3))));
    }

    [Fact]
    public void SoftmaxFirstAxisOfMatrix()
    {
        // Columns (1, 3) and (2, 2) are normalised separately.
        var y = tf.Softmax(F32([1, 2, 3, 2], 2, 2), axis: 0);
        var c0 = SoftmaxRef(1, 3);
        var c1 = SoftmaxRef(2, 2);
        Expect.Values(y, [2, 2], [c0[0], c1[0], c0[1], c1[1]]);
    }

    [Fact]
    public void SoftmaxMiddleAxisOf3D()
    {
        // x[i, j, k] = i + j * k; softmax over j.
        var v = new float[2 * 3 * 2];
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 2; k++) v[(i * 3 + j) * 2 + k] = i + j * (k + 1);
        var y = tf.Softmax(F32(v, 2, 3, 2), axis: 1);
        var expected = new double[12];
        for (int i = 0; i < 2; i++)
            for (int k = 0; k < 2; k++)
            {
                var s = SoftmaxRef(Enumerable.Range(0, 3).Select(j => (double)v[(i * 3 + j) * 2 + k]).ToArray());
                for (int j = 0; j < 3; j++) expected[(i * 3 + j) * 2 + k] = s[j];
            }
        Expect.Values(y, [2, 3, 2], expected);
        Expect.Values(tf.Softmax(F32(v, 2, 3, 2), axis: -2), [2, 3, 2], expected);
    }

    [Fact]
    public void SoftmaxIsStableForLargeLogits()
    {
        var y = tf.Softmax(F32([1000, 1001, 1002, -1000, -1001, -1002], 2, 3));
        var a = SoftmaxRef(0, 1, 2);
        Expect.Values(y, [2, 3], [a[0], a[1], a[2], a[2], a[1], a[0]]);
    }

    [Fact]
    public void LogSoftmaxValues()
    {
        var y = tf.LogSoftmax(F32([1, 2, 3], 3));
        double lse = Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3));
        Expect.Values(y, [3], [1 - lse, 2 - lse, 3 - lse]);
    }

    [Fact]
    public void LogSoftmaxIsStableForLargeLogits()
    {
        // Naively exp(1000) overflows and log(0) is -inf; the stable form gives finite values.
        var y = tf.LogSoftmax(F32([1000, 1001, 1002, 0, -1000, 0], 2, 3));
        var expected = new[] { -2.40760596444438, -1.40760596444438, -0.40760596444438, -Math.Log(2), -1000 - Math.Log(2), -Math.Log(2) };
        Expect.Values(y, [2, 3], expected, 1e-5);
    }

    [Fact]
    public void LogSoftmaxFirstAxis()
    {
        var y = tf.LogSoftmax(F32([1, 2, 3, 5], 2, 2), axis: 0);
        var c0 = SoftmaxRef(1, 3);
        var c1 = SoftmaxRef(2, 5);
        Expect.Values(y, [2, 2], [Math.Log(c0[0]), Math.Log(c1[0]), Math.Log(c0[1]), Math.Log(c1[1])]);
    }

    // ----- gradients -----

    [Fact]
    public void ActivationGradients()
    {
        Check((Tensor[] x) => tf.Sigmoid(x[0]), Rand(31, [2, 3], -4, 4));
        Check((Tensor[] x) => tf.Tanh(x[0]), Rand(32, [2, 3], -3, 3));
        Check((Tensor[] x) => tf.Relu(x[0]), F64([-1.5, -0.2, 0.3, 2, -3, 0.7], 2, 3));
    }

    [Fact]
    public void ReluGradientIsZeroAtAndBelowZero()
    {
        var x = F64([-1, 0, 2], 3);
        using var tape = new GradientTape();
        tape.Watch(x);
        Assert.Equal([0.0, 0.0, 1.0], tape.Gradient(tf.Relu(x), x)!.ToArray<double>());
    }

    [Fact]
    public void ReluGradientOfALongTensorPassesTheUpstreamGradientWherePositive()
    {
        // Long enough for the vectorised loop and its scalar tail, in both float dtypes; NaN inputs get no gradient.
        var values = Enumerable.Range(0, 53).Select(i => i % 7 == 3 ? double.NaN : (i % 5 - 2) * 0.75).ToArray();
        var upstream = Enumerable.Range(0, 53).Select(i => 1.0 + i).ToArray();
        var expected = values.Select((v, i) => v > 0 ? upstream[i] : 0).ToArray();
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var x = tf.Cast(F64(values, 53), dtype);
            using var tape = new GradientTape();
            tape.Watch(x);
            var y = tf.Relu(x);
            var g = tape.Gradient(y, [x], outputGradient: tf.Cast(F64(upstream, 53), dtype))[0];
            Assert.Equal(expected, Expect.Doubles(g!));
        }
    }

    [Fact]
    public void SoftmaxGradients()
    {
        Check((Tensor[] x) => tf.Softmax(x[0]), Rand(33, [2, 4]));
        Check((Tensor[] x) => tf.Softmax(x[0], axis: 0), Rand(34, [3, 2]));
        Check((Tensor[] x) => tf.Softmax(x[0], axis: 1), Rand(35, [2, 3, 2]));
        Check((Tensor[] x) => tf.Softmax(x[0]), Rand(36, [5]));
    }

    [Fact]
    public void LogSoftmaxGradients()
    {
        Check((Tensor[] x) => tf.LogSoftmax(x[0]), Rand(37, [2, 4]));
        Check((Tensor[] x) => tf.LogSoftmax(x[0], axis: 0), Rand(38, [3, 2]));
        Check((Tensor[] x) => tf.LogSoftmax(x[0], axis: -2), Rand(39, [2, 3, 2]));
    }

    [Fact]
    public void SecondOrderNnGradients()
    {
        CheckSecondOrder(tf.Sigmoid, Rand(40, [4], -3, 3));
        CheckSecondOrder(tf.Tanh, Rand(41, [4], -2, 2));
        CheckSecondOrder(x => tf.Relu(tf.Multiply(x, x)), F64([-1.5, 0.5, 2], 3));
        CheckSecondOrder(x => tf.Multiply(tf.Relu(x), x), F64([-1.5, 0.5, 2], 3));
        CheckSecondOrder(x => tf.Softmax(x), Rand(42, [2, 3]));
        CheckSecondOrder(x => tf.Softmax(x, axis: 0), Rand(43, [2, 3]));
        CheckSecondOrder(x => tf.LogSoftmax(x), Rand(44, [2, 3]));
    }
}
