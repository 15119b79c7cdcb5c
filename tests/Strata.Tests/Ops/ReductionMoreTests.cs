using static Strata.Tests.GradientCheck;

namespace Strata.Tests.Ops;

public class ReductionMoreTests
{
    private static Tensor F32(float[] v, params int[] shape) => tf.Constant(v, shape: new Shape(shape));
    private static Tensor I32(int[] v, params int[] shape) => tf.Constant(v, shape: new Shape(shape));
    private static Tensor B(bool[] v, params int[] shape) => tf.Constant(v, shape: new Shape(shape));

    [Fact]
    public void ReduceProdValues()
    {
        var x = F32([1, 2, 3, 4, 5, 6], 2, 3);
        Expect.Values(tf.ReduceProd(x), [], [720]);
        Expect.Values(tf.ReduceProd(x, 0), [3], [4, 10, 18]);
        Expect.Values(tf.ReduceProd(x, -1, keepDims: true), [2, 1], [6, 120]);
        var i = tf.ReduceProd(I32([2, 3, 4], 3));
        Assert.Equal(DType.Int32, i.DType);
        Assert.Equal(24, i.Item<int>());
        // An empty reduction is the identity, 1.
        Expect.Values(tf.ReduceProd(tf.Zeros([0, 2]), 0), [2], [1, 1]);
    }

    [Fact]
    public void ReduceProdGradientWithZerosIsTheProductOfTheOthers()
    {
        // d/dx_i prod(x) = prod of the others: with one zero only that element's partial is non-zero.
        var x = GradientCheck.F64([2, 0, 3], 3);
        using var tape = new GradientTape();
        tape.Watch(x);
        var g = tape.Gradient(tf.ReduceProd(x), x)!;
        Assert.Equal([0.0, 6, 0], g.ToArray<double>());
        Check(v => tf.ReduceProd(v, [0, 2]), Rand(1, [2, 3, 2]));
        Check(v => tf.ReduceProd(v, 1, keepDims: true), GradientCheck.F64([1, 0, 2, 0, 0, 3], 2, 3));
        Check(v => tf.ReduceProd(v), Rand(2, [2, 2]));
        CheckSecondOrder(v => tf.ReduceProd(v, 1), Rand(3, [2, 3], 0.5, 2));
    }

    [Fact]
    public void ReduceLogSumExpValuesAndEdgeCases()
    {
        // log(e^1 + e^2 + e^3) = 3.40760596...
        Expect.Values(tf.ReduceLogSumExp(F32([1, 2, 3], 3)), [], [3.4076059644443806], 1e-6);
        // Stable for large values: 1000 + log 2.
        Expect.Values(tf.ReduceLogSumExp(F32([1000, 1000], 2)), [], [1000 + Math.Log(2)], 1e-6);
        var x = F32([0, 0, 1, 1, 2, 2], 3, 2);
        Expect.Values(tf.ReduceLogSumExp(x, 1), [3], [Math.Log(2), 1 + Math.Log(2), 2 + Math.Log(2)], 1e-6);
        Expect.Values(tf.ReduceLogSumExp(x, 0, keepDims: true), [1, 2], Enumerable.Repeat(Math.Log(1 + Math.E + Math.E * Math.E), 2).ToArray(), 1e-6);
        Expect.Values(tf.ReduceLogSumExp(F32([float.NegativeInfinity, float.NegativeInfinity], 2)), [], [double.NegativeInfinity]);
        Expect.Values(tf.ReduceLogSumExp(F32([1, float.PositiveInfinity], 2)), [], [double.PositiveInfinity]);
        Expect.Values(tf.ReduceLogSumExp(F32([1, float.NaN], 2)), [], [double.NaN]);
        Expect.Values(tf.ReduceLogSumExp(tf.Zeros([2, 0]), 1), [2], [double.NegativeInfinity, double.NegativeInfinity]);
        Assert.Throws<UnsupportedDTypeError>(() => tf.ReduceLogSumExp(I32([1], 1)));
    }

    [Fact]
    public void ReduceLogSumExpOfALargeTensorIsThreadedAndExact()
    {
        // 140 000 equal values: log(n e^c) = c + log n (above the 2^17 elements of the threaded path).
        int n = 140_000;
        var x = tf.Fill([n], tf.Constant(0.5f));
        Expect.Values(tf.ReduceLogSumExp(x), [], [0.5 + Math.Log(n)], 1e-5);
        var rows = tf.Fill([20, 7_000], tf.Constant(1.0, DType.Float64));
        Expect.Values(tf.ReduceLogSumExp(rows, 1), [20], Enumerable.Repeat(1 + Math.Log(7_000), 20).ToArray(), 1e-12);
    }

    [Fact]
    public void ReduceLogSumExpGradientIsSoftmax()
    {
        Check(v => tf.ReduceLogSumExp(v, 1), Rand(4, [2, 3]));
        Check(v => tf.ReduceLogSumExp(v, [0, 2], keepDims: true), Rand(5, [2, 2, 3]));
        CheckSecondOrder(v => tf.ReduceLogSumExp(v, 0), Rand(6, [3, 2]));
        var x = GradientCheck.F64([0, Math.Log(3)], 2);
        using var tape = new GradientTape();
        tape.Watch(x);
        Expect.Close([0.25, 0.75], tape.Gradient(tf.ReduceLogSumExp(x), x)!.ToArray<double>(), 1e-12);
    }

    [Fact]
    public void ReduceVarianceAndStdAreBiased()
    {
        // TF docs example: x = [[1., 2.], [3., 4.]] → variance 1.25, axis 0 → [1., 1.], axis 1 → [0.25, 0.25].
        var x = F32([1, 2, 3, 4], 2, 2);
        Expect.Values(tf.ReduceVariance(x), [], [1.25]);
        Expect.Values(tf.ReduceVariance(x, 0), [2], [1, 1]);
        Expect.Values(tf.ReduceVariance(x, 1), [2], [0.25, 0.25]);
        // TF docs: reduce_std → 1.1180339887498949, axis 0 → [1., 1.], axis 1 → [0.5, 0.5].
        Expect.Values(tf.ReduceStd(x), [], [1.1180339887498949]);
        Expect.Values(tf.ReduceStd(x, -1, keepDims: true), [2, 1], [0.5, 0.5]);
        Assert.Throws<UnsupportedDTypeError>(() => tf.ReduceStd(I32([1, 2], 2)));
        Assert.StartsWith("ReduceVariance:", Assert.Throws<InvalidArgumentError>(() => tf.ReduceVariance(x, 2)).Message);
        Check(v => tf.ReduceVariance(v, 0), Rand(7, [3, 2]));
        Check(v => tf.ReduceStd(v, [1]), Rand(8, [2, 3]));
    }

    [Fact]
    public void ReduceAnyAllOnBools()
    {
        var x = B([true, true, false, false], 2, 2);
        Assert.False(tf.ReduceAll(x).Item<bool>());
        Assert.True(tf.ReduceAny(x).Item<bool>());
        Assert.Equal([false, false], tf.ReduceAll(x, 0).ToArray<bool>());
        Assert.Equal([true, false], tf.ReduceAll(x, 1).ToArray<bool>());
        Assert.Equal([true, false], tf.ReduceAny(x, -1).ToArray<bool>());
        Assert.Equal(new Shape(2, 1), tf.ReduceAny(x, 1, keepDims: true).Shape);
        // Empty reductions: any is false, all is true.
        var empty = tf.Constant(Array.Empty<bool>(), shape: new Shape(0));
        Assert.False(tf.ReduceAny(empty).Item<bool>());
        Assert.True(tf.ReduceAll(empty).Item<bool>());
        Assert.Throws<UnsupportedDTypeError>(() => tf.ReduceAny(F32([1], 1)));
    }

    [Fact]
    public void CountNonzeroCountsNaNAndBools()
    {
        // TF docs example: count_nonzero([[0, 1, 0], [1, 1, 0]]) → 3, axis 0 → [1, 2, 0], axis 1 → [1, 2].
        var x = I32([0, 1, 0, 1, 1, 0], 2, 3);
        var all = tf.CountNonzero(x);
        Assert.Equal(DType.Int64, all.DType);
        Assert.Equal(3L, all.Item<long>());
        Assert.Equal([1L, 2, 0], tf.CountNonzero(x, 0).ToArray<long>());
        Assert.Equal([1, 2], tf.CountNonzero(x, 1, dtype: DType.Int32).ToArray<int>());
        Assert.Equal(2L, tf.CountNonzero(F32([0, float.NaN, -0f, 2], 4)).Item<long>());
        Assert.Equal(1L, tf.CountNonzero(B([false, true], 2)).Item<long>());
        Assert.Throws<UnsupportedDTypeError>(() => tf.CountNonzero(x, dtype: DType.Bool));
    }

    [Fact]
    public void ArgMinTakesTheFirstOnTies()
    {
        Assert.Equal([1L, 0], tf.ArgMin(F32([3, 1, 1, 2, 5, 2], 2, 3), 0).ToArray<long>()[..2]);
        Assert.Equal([1L, 0], tf.ArgMin(F32([3, 1, 1, 2, 5, 2], 2, 3), -1).ToArray<long>());
    }
}
