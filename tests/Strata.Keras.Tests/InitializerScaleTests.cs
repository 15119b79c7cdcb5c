using Strata.Keras.Initializers;

namespace Strata.Keras.Tests;

/// <summary>VarianceScaling's modes and distributions on convolution kernels (Keras's compute_fans multiplies the
/// receptive field into both fans), Orthogonal's wide case, and the errors for what they cannot make.</summary>
public class InitializerScaleTests
{
    private static double Rms(Tensor t) => Math.Sqrt(t.ToArray<float>().Select(v => (double)v * v).Average());

    [Fact]
    public void FansOfAConvolutionKernelIncludeTheReceptiveField()
    {
        // (kh, kw, in, out) = (3, 3, 4, 8): fan_in = 3·3·4 = 36, fan_out = 3·3·8 = 72.
        Assert.Equal((36.0, 72.0), Initializer.Fans([3, 3, 4, 8]));
        Assert.Equal((5.0, 5.0), Initializer.Fans([5]));
        Assert.Equal((1.0, 1.0), Initializer.Fans(Shape.Scalar));
        Assert.Equal((2.0 * 6, 2.0 * 7), Initializer.Fans([2, 6, 7]));
    }

    [Fact]
    public void GlorotUniformOnAKernelUsesBothFans()
    {
        // limit √(6 / (36 + 72)) = 0.2357
        var k = new GlorotUniform(seed: 7).Call([3, 3, 4, 8]).ToArray<float>();
        double limit = Math.Sqrt(6.0 / 108);
        Assert.All(k, v => Assert.InRange(v, -limit, limit));
        Assert.InRange(k.Max(), 0.9 * limit, limit);
    }

    [Fact]
    public void FanOutWithAnUntruncatedNormalHasVarianceScaleOverFanOut()
    {
        // scale 3, fan_out 500: stddev √(3/500) = 0.0775, values beyond 2σ are kept (not truncated).
        var init = new VarianceScaling(scale: 3, mode: "fan_out", distribution: "untruncated_normal", seed: 4);
        var w = init.Call([100, 500]);
        double sd = Math.Sqrt(3.0 / 500);
        Assert.InRange(Rms(w), 0.97 * sd, 1.03 * sd);
        Assert.Contains(w.ToArray<float>(), v => Math.Abs(v) > 2 * sd);
        Assert.Equal(4, init.Seed);
    }

    [Fact]
    public void TruncatedNormalIsRescaledToTheVarianceAsked()
    {
        // Keras divides the stddev by 0.8796 so the truncated draw still has variance scale / fan_in.
        var w = new VarianceScaling(scale: 2, mode: "fan_in", seed: 9).Call([400, 200]);
        double sd = Math.Sqrt(2.0 / 400);
        Assert.InRange(Rms(w), 0.97 * sd, 1.03 * sd);
        Assert.All(w.ToArray<float>(), v => Assert.InRange(Math.Abs(v), 0, 2 * sd / 0.87962566103423978 + 1e-6));
    }

    [Fact]
    public void BadModesAndDistributionsAreNamed()
    {
        Assert.Equal("VarianceScaling: mode must be fan_in, fan_out or fan_avg, got 'fan_sum'.",
            Assert.Throws<InvalidArgumentError>(() => new VarianceScaling(mode: "fan_sum").Call([2, 2])).Message);
        Assert.Equal("VarianceScaling: distribution must be truncated_normal, untruncated_normal or uniform, got 'laplace'.",
            Assert.Throws<InvalidArgumentError>(() => new VarianceScaling(distribution: "laplace").Call([2, 2])).Message);
    }

    [Fact]
    public void OrthogonalOfAWideShapeHasOrthonormalRows()
    {
        // (3, 5): the rows of the transposed Q are orthonormal, times the gain.
        var q = new Orthogonal(gain: 2, seed: 3).Call([3, 5]).ToArray<float>();
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
            {
                double dot = 0;
                for (int k = 0; k < 5; k++) dot += q[i * 5 + k] * q[j * 5 + k];
                Assert.Equal(i == j ? 4 : 0, dot, 1e-5);
            }
    }

    [Fact]
    public void OrthogonalNeedsAMatrix() =>
        Assert.Equal("Orthogonal: the shape must have rank >= 2, got (4,).",
            Assert.Throws<InvalidArgumentError>(() => new Orthogonal().Call([4])).Message);

    [Fact]
    public void InitializersKeepTheDtypeAsked()
    {
        Assert.Equal(DType.Float64, new HeUniform(seed: 1).Call([2, 2], DType.Float64).DType);
        Assert.Equal(DType.Float64, new Orthogonal(seed: 1).Call([2, 2], DType.Float64).DType);
        Assert.Equal(new double[] { 0.5, 0.5 }, new Constant(0.5).Call([2], DType.Float64).ToArray<double>());
    }
}
