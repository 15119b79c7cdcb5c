using static Strata.Tests.GradientCheck;

namespace Strata.Tests.Ops;

public class ClipOpsTests
{
    private static Tensor F32(float[] v, params int[] shape) => tf.Constant(v, shape: new Shape(shape));

    [Fact]
    public void ClipByNormScalesOnlyWhenAboveTheClip()
    {
        // TF docs: clip_by_norm([[1, 2, 3, 4, 5]], 2.0) → [[0.26967996, 0.5393599, 0.80903983, 1.0787199, 1.3483998]].
        var t = F32([1, 2, 3, 4, 5], 1, 5);
        Expect.Values(tf.ClipByNorm(t, 2.0), [1, 5], [0.26967996, 0.5393599, 0.80903983, 1.0787199, 1.3483998], 1e-6);
        Expect.Values(tf.ClipByNorm(t, 10.0), [1, 5], [1, 2, 3, 4, 5]);
        // Per row: [3, 4] has norm 5 → [0.6, 0.8]; [0.3, 0.4] stays.
        Expect.Values(tf.ClipByNorm(F32([3, 4, 0.3f, 0.4f], 2, 2), 1.0, [1]), [2, 2], [0.6, 0.8, 0.3, 0.4], 1e-6);
        Expect.Values(tf.ClipByNorm(F32([0, 0], 2), 1.0), [2], [0, 0]);
        Assert.Throws<InvalidArgumentError>(() => tf.ClipByNorm(t, F32([1, 2], 2)));
        Assert.Throws<UnsupportedDTypeError>(() => tf.ClipByNorm(tf.Constant(new[] { 1 }), 1.0));
    }

    [Fact]
    public void ClipByNormGradient()
    {
        Check(v => tf.ClipByNorm(v, 1.0), Rand(1, [2, 3]));
        Check(v => tf.ClipByNorm(v, 100.0, [0]), Rand(2, [2, 3]));
        // At zero the gradient is finite (the clip's slope, 1 here as the norm is below the clip).
        var z = GradientCheck.F64([0, 0], 2);
        using var tape = new GradientTape();
        tape.Watch(z);
        Assert.Equal([1.0, 1], tape.Gradient(tf.ReduceSum(tf.ClipByNorm(z, 1.0)), z)!.ToArray<double>());
    }

    [Fact]
    public void ClipByGlobalNorm()
    {
        // Global norm of [3] and [4] is 5; clipped to 1: [0.6], [0.8].
        var (clipped, norm) = tf.ClipByGlobalNorm([F32([3], 1), null, F32([4], 1)], 1.0);
        Expect.Values(norm, [], [5]);
        Expect.Values(clipped[0]!, [1], [0.6], 1e-6);
        Assert.Null(clipped[1]);
        Expect.Values(clipped[2]!, [1], [0.8], 1e-6);
        var (kept, _) = tf.ClipByGlobalNorm([F32([3], 1)], 10.0);
        Expect.Values(kept[0]!, [1], [3], 1e-6);
        var (nan, inf) = tf.ClipByGlobalNorm([F32([float.PositiveInfinity, 1], 2)], 1.0);
        Assert.True(float.IsPositiveInfinity(inf.Item<float>()));
        Assert.All(nan[0]!.ToArray<float>(), v => Assert.True(float.IsNaN(v)));
        var (withNorm, given) = tf.ClipByGlobalNorm([F32([3], 1)], 1.0, useNorm: tf.Constant(6f));
        Expect.Values(withNorm[0]!, [1], [0.5], 1e-6);
        Assert.Equal(6f, given.Item<float>());
        Expect.Values(tf.GlobalNorm([F32([1, 2], 2), F32([2], 1)]), [], [3]);
        Assert.Throws<InvalidArgumentError>(() => tf.GlobalNorm([null]));
        Assert.Throws<InvalidArgumentError>(() => tf.GlobalNorm([F32([1], 1), tf.Constant(new[] { 1.0 }, DType.Float64)]));
        Assert.Throws<InvalidArgumentError>(() => tf.ClipByGlobalNorm([F32([1], 1)], F32([1, 2], 2)));
        Check(xs => tf.ClipByGlobalNorm([xs[0], xs[1]], 1.0).Clipped[1]!, Rand(3, [2]), Rand(4, [3]));
    }

    [Fact]
    public void ClipByNormNamesItselfOnADtypeClash()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => tf.ClipByNorm(F32([1, 2], 2), tf.Constant(1.0, DType.Float64)));
        Assert.StartsWith("ClipByNorm:", e.Message);
    }

    [Fact]
    public void ALiteralClipKeepsItsDigitsInFloat64()
    {
        // 0.1 as a float64 clip, not float32's 0.100000001490116: [3, 4] * 0.1 / 5 exactly in double.
        var (clipped, _) = tf.ClipByGlobalNorm([tf.Constant(new[] { 3.0, 4.0 }, DType.Float64)], 0.1);
        Assert.Equal([3.0 * (0.1 * (1 / 5.0)), 4.0 * (0.1 * (1 / 5.0))], clipped[0]!.ToArray<double>());
        Assert.Equal([3.0 * 0.1 / 5, 4.0 * 0.1 / 5], tf.ClipByNorm(tf.Constant(new[] { 3.0, 4.0 }, DType.Float64), 0.1).ToArray<double>());
    }
}
