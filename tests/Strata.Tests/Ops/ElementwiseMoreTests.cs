using static Strata.Tests.GradientCheck;

namespace Strata.Tests.Ops;

/// <summary>squared_difference, rounding, the integer divisions, is_nan & co. and logical_xor.</summary>
public class ElementwiseMoreTests
{
    private static Tensor F32(float[] v, params int[] shape) => tf.Constant(v, shape: new Shape(shape));
    private static Tensor I32(int[] v, params int[] shape) => tf.Constant(v, shape: new Shape(shape));
    private static Tensor I64(long[] v, params int[] shape) => tf.Constant(v, shape: new Shape(shape));

    [Fact]
    public void SquaredDifferenceBroadcastsAndDifferentiates()
    {
        Expect.Values(tf.SquaredDifference(F32([1, 2, 3, 4], 2, 2), F32([1, 5], 2)), [2, 2], [0, 9, 4, 1]);
        Assert.Equal([4, 1], tf.SquaredDifference(I32([1, 2], 2), 3).ToArray<int>());
        Assert.StartsWith("SquaredDifference:", Assert.Throws<InvalidArgumentError>(() => tf.SquaredDifference(F32([1, 2], 2), F32([1, 2, 3], 3))).Message);
        Check(xs => tf.SquaredDifference(xs[0], xs[1]), Rand(1, [2, 3]), Rand(2, [3]));
    }

    [Fact]
    public void FloorCeilRound()
    {
        var x = F32([-2.5f, -1.5f, -0.5f, 0.5f, 1.5f, 2.5f, 1.7f, -1.2f], 8);
        Expect.Values(tf.Floor(x), [8], [-3, -2, -1, 0, 1, 2, 1, -2]);
        Expect.Values(tf.Ceil(x), [8], [-2, -1, -0, 1, 2, 3, 2, -1]);
        // Half to even: TF docs' example round([0.9, 2.5, 2.3, 1.5, -4.5]) = [1, 2, 2, 2, -4].
        Expect.Values(tf.Round(x), [8], [-2, -2, -0, 0, 2, 2, 2, -1]);
        Expect.Values(tf.Round(F32([0.9f, 2.5f, 2.3f, 1.5f, -4.5f], 5)), [5], [1, 2, 2, 2, -4]);
        Expect.Values(tf.Round(F32([float.NaN, float.PositiveInfinity], 2)), [2], [double.NaN, double.PositiveInfinity]);
        Assert.Equal([3, -4], tf.Round(I32([3, -4], 2)).ToArray<int>());
        Assert.Throws<UnsupportedDTypeError>(() => tf.Floor(I32([1], 1)));
        Assert.Throws<UnsupportedDTypeError>(() => tf.Ceil(I32([1], 1)));
        Assert.Throws<UnsupportedDTypeError>(() => tf.Round(tf.Constant(true)));
        // No gradient (as in TensorFlow): the tape gives null.
        var v = Rand(3, [3]);
        using var tape = new GradientTape();
        tape.Watch(v);
        Assert.Null(tape.Gradient(tf.ReduceSum(tf.Floor(v)), v));
    }

    [Fact]
    public void FloorDivAndFloorModFollowTheDivisorsSign()
    {
        var a = I32([7, -7, 7, -7, 0], 5);
        var b = I32([2, 2, -2, -2, 3], 5);
        Assert.Equal([3, -4, -4, 3, 0], tf.FloorDiv(a, b).ToArray<int>());
        Assert.Equal([1, 1, -1, -1, 0], tf.FloorMod(a, b).ToArray<int>());
        Assert.Equal([3, -3, -3, 3, 0], tf.TruncateDiv(a, b).ToArray<int>());
        Assert.Equal([1, -1, 1, -1, 0], tf.TruncateMod(a, b).ToArray<int>());
        // MIN / -1 wraps; MIN % -1 is 0.
        Assert.Equal([long.MinValue], tf.FloorDiv(I64([long.MinValue], 1), I64([-1], 1)).ToArray<long>());
        Assert.Equal([0L], tf.FloorMod(I64([long.MinValue], 1), I64([-1], 1)).ToArray<long>());
        Assert.Equal([int.MinValue], tf.TruncateDiv(I32([int.MinValue], 1), -1).ToArray<int>());
        Assert.Equal([(byte)3], tf.FloorDiv(tf.Constant(new byte[] { 7 }), tf.Constant(new byte[] { 2 })).ToArray<byte>());
        // Floats: floor(x / y); the remainder takes y's sign (Python's -7.5 % 2 = 0.5).
        var x = F32([7.5f, -7.5f, 7.5f, -7.5f], 4);
        var y = F32([2, 2, -2, -2], 4);
        Expect.Values(tf.FloorDiv(x, y), [4], [3, -4, -4, 3]);
        Expect.Values(tf.FloorMod(x, y), [4], [1.5, 0.5, -0.5, -1.5]);
        Expect.Values(tf.TruncateDiv(x, y), [4], [3, -3, -3, 3]);
        Expect.Values(tf.TruncateMod(x, y), [4], [1.5, -1.5, 1.5, -1.5]);
        Expect.Values(tf.FloorDiv(F32([1, -1, 0], 3), 0f), [3], [double.PositiveInfinity, double.NegativeInfinity, double.NaN]);
        // Broadcasting, a literal divisor.
        Assert.Equal([0, 1, 1, 2], tf.FloorDiv(I32([1, 2, 3, 4], 2, 2), 2).ToArray<int>());
    }

    [Fact]
    public void IntegerDivisionByZeroIsAnError()
    {
        foreach (var op in new Func<Tensor, Tensor, Tensor>[] { tf.FloorDiv, tf.FloorMod, tf.TruncateDiv, tf.TruncateMod })
        {
            var e = Assert.Throws<InvalidArgumentError>(() => op(I32([1, 2], 2), I32([1, 0], 2)));
            Assert.Contains("Integer division by zero", e.Message);
        }
        Assert.Throws<InvalidArgumentError>(() => tf.FloorDiv(I64([1], 1), I64([0], 1)));
        Assert.Throws<InvalidArgumentError>(() => tf.FloorDiv(tf.Constant(new byte[] { 1 }), tf.Constant(new byte[] { 0 })));
        // An empty result divides nothing.
        Assert.Equal(0, tf.FloorDiv(tf.Zeros([0], DType.Int32), I32([0], 1)).Size);
        Assert.Throws<UnsupportedDTypeError>(() => tf.FloorDiv(tf.Constant(true), tf.Constant(true)));
    }

    [Fact]
    public void FloorModGradient()
    {
        // Away from the jumps (x / y not near an integer): d/dx = 1, d/dy = -floor(x / y).
        var x = GradientCheck.F64([5.3, -4.1, 2.7], 3);
        var y = GradientCheck.F64([2.0, 1.5, -1.2], 3);
        Check(xs => tf.FloorMod(xs[0], xs[1]), x, y);
    }

    [Fact]
    public void IsNanIsInfIsFinite()
    {
        var x = F32([1, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0], 5);
        Assert.Equal([false, true, false, false, false], tf.IsNan(x).ToArray<bool>());
        Assert.Equal([false, false, true, true, false], tf.IsInf(x).ToArray<bool>());
        Assert.Equal([true, false, false, false, true], tf.IsFinite(x).ToArray<bool>());
        Assert.Equal([true], tf.IsNan(tf.Constant(new[] { double.NaN })).ToArray<bool>());
        Assert.Equal(new Shape(0, 2), tf.IsFinite(tf.Zeros([0, 2])).Shape);
        Assert.Throws<UnsupportedDTypeError>(() => tf.IsNan(I32([1], 1)));
    }

    [Fact]
    public void LogicalXor()
    {
        var x = tf.Constant(new[] { true, true, false, false });
        var y = tf.Constant(new[] { true, false, true, false });
        Assert.Equal([false, true, true, false], tf.LogicalXor(x, y).ToArray<bool>());
        Assert.Equal([false, false, true, true], tf.LogicalXor(x, tf.Constant(true)).ToArray<bool>());
        Assert.Throws<InvalidArgumentError>(() => tf.LogicalXor(x, F32([1], 1)));
    }

    [Fact]
    public void DivisionWithAScalarDividendAndDoubleClasses()
    {
        Assert.Equal([3, -4, 2], tf.FloorDiv(7, I32([2, -2, 3], 3)).ToArray<int>());
        Assert.Equal([1, -1, 1], tf.FloorMod(7, I32([2, -2, 3], 3)).ToArray<int>());
        Assert.Equal([false, true], tf.IsInf(tf.Constant(new[] { 1.0, double.NegativeInfinity })).ToArray<bool>());
        Assert.Equal([true, false], tf.IsFinite(tf.Constant(new[] { 1.0, double.NaN })).ToArray<bool>());
    }
}
