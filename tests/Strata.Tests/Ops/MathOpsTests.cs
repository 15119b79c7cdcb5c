using static Strata.Tests.GradientCheck;

namespace Strata.Tests.Ops;

public class MathOpsTests
{
    private static Tensor F32(float[] v, params int[] shape) => tf.Constant(v, shape: new Shape(shape));
    private static Tensor I32(int[] v, params int[] shape) => tf.Constant(v, shape: new Shape(shape));

    // ----- forward values -----

    [Fact]
    public void AddBroadcastsRowVectorOverMatrix()
    {
        var z = tf.Add(F32([1, 2, 3, 4, 5, 6], 2, 3), F32([10, 20, 30], 3));
        Assert.Equal(DType.Float32, z.DType);
        Expect.Values(z, [2, 3], [11, 22, 33, 14, 25, 36]);
    }

    [Fact]
    public void AddBroadcastsColumnAgainstRow()
    {
        var z = F32([1, 2], 2, 1) + F32([10, 20, 30], 1, 3);
        Expect.Values(z, [2, 3], [11, 21, 31, 12, 22, 32]);
    }

    [Fact]
    public void AddBroadcastsMiddleAxis()
    {
        // (2, 1, 3) + (1, 2, 1): both operands broadcast along different axes.
        var a = F32([1, 2, 3, 4, 5, 6], 2, 1, 3);
        var b = F32([100, 200], 1, 2, 1);
        Expect.Values(a + b, [2, 2, 3], [101, 102, 103, 201, 202, 203, 104, 105, 106, 204, 205, 206]);
    }

    [Fact]
    public void AddScalarTensorAndLiteral()
    {
        Expect.Values(F32([1, 2], 2) + 1, [2], [2, 3]);
        Expect.Values(1 + F32([1, 2], 2), [2], [2, 3]);
        Expect.Values(tf.Add(tf.Constant(2f), F32([1, 2], 2)), [2], [3, 4]);
    }

    [Fact]
    public void AddIntegersStaysInt32()
    {
        var z = I32([1, 2, 3], 3) + I32([10, 20, 30], 3);
        Assert.Equal(DType.Int32, z.DType);
        Assert.Equal([11, 22, 33], z.ToArray<int>());
    }

    [Fact]
    public void FloatLiteralTakesTheTensorDType()
    {
        var x64 = F64([1, 2], 2);
        Assert.Equal(DType.Float64, (x64 * 2).DType);
        Assert.Equal(DType.Float64, (x64 + 0.5).DType);
        Assert.Equal(DType.Int32, (I32([1, 2], 2) * 3).DType);
        Assert.Equal(DType.Float32, tf.Multiply(F32([1, 2], 2), 3).DType);
    }

    [Fact]
    public void SubtractAndReversedLiteral()
    {
        Expect.Values(F32([5, 7], 2) - F32([1, 2], 2), [2], [4, 5]);
        Expect.Values(1 - F32([5, 7], 2), [2], [-4, -6]);
        Expect.Values(tf.Subtract(F32([5, 7, 9, 11], 2, 2), F32([1, 2], 2, 1)), [2, 2], [4, 6, 7, 9]);
    }

    [Fact]
    public void MultiplyBroadcasts()
    {
        var z = tf.Multiply(F32([1, 2, 3], 3, 1), F32([10, 100], 1, 2));
        Expect.Values(z, [3, 2], [10, 100, 20, 200, 30, 300]);
    }

    [Fact]
    public void DivideFloats()
    {
        Expect.Values(F32([1, 3], 2) / F32([2, 4], 2), [2], [0.5, 0.75]);
        Expect.Values(2 / F32([4, 8], 2), [2], [0.5, 0.25]);
        var inf = Expect.Doubles(F32([1, -1, 0], 3) / 0);
        Assert.Equal(double.PositiveInfinity, inf[0]);
        Assert.Equal(double.NegativeInfinity, inf[1]);
        Assert.True(double.IsNaN(inf[2]));
    }

    [Fact]
    public void DivideIntegersGivesFloat64()
    {
        var z = I32([1, 7, -7], 3) / I32([2, 2, 2], 3);
        Assert.Equal(DType.Float64, z.DType);
        Assert.Equal([0.5, 3.5, -3.5], z.ToArray<double>());
        var w = I32([3], 1) / 2;
        Assert.Equal(DType.Float64, w.DType);
        Assert.Equal([1.5], w.ToArray<double>());
    }

    [Fact]
    public void NegativeOfFloatsAndInts()
    {
        Expect.Values(-F32([1, -2, 0], 3), [3], [-1, 2, 0]);
        Assert.Equal([-1, 2], tf.Negative(I32([1, -2], 2)).ToArray<int>());
    }

    [Fact]
    public void PowValues()
    {
        Expect.Values(tf.Pow(F32([2, 3, 4], 3), 2), [3], [4, 9, 16]);
        Expect.Values(tf.Pow(F32([4, 9], 2), 0.5), [2], [2, 3]);
        Expect.Values(tf.Pow(F32([2, 2, 3], 3), F32([3, 0, -1], 3)), [3], [8, 1, 1.0 / 3]);
        // A negative base with integral exponents is real.
        Expect.Values(tf.Pow(F32([-2, -2], 2), F32([3, 2], 2)), [2], [-8, 4]);
        Expect.Values(tf.Pow(F32([-2], 1), 3), [1], [-8]);
        // Broadcast: a scalar base over exponents.
        Expect.Values(tf.Pow(tf.Constant(2f), F32([0, 1, 10], 3)), [3], [1, 2, 1024]);
    }

    [Fact]
    public void UnaryValues()
    {
        var x = F32([1, 4, 0.25f], 3);
        Expect.Values(tf.Square(F32([-3, 2], 2)), [2], [9, 4]);
        Assert.Equal([9, 4], tf.Square(I32([-3, 2], 2)).ToArray<int>());
        Expect.Values(tf.Sqrt(x), [3], [1, 2, 0.5]);
        Expect.Values(tf.Exp(F32([0, 1, -1], 3)), [3], [1, Math.E, 1 / Math.E]);
        Expect.Values(tf.Log(F32([1, (float)Math.E, 0.5f], 3)), [3], [0, 1, Math.Log(0.5)]);
        Expect.Values(tf.Abs(F32([-1.5f, 2, 0], 3)), [3], [1.5, 2, 0]);
        Assert.Equal([3, 0, 4], tf.Abs(I32([-3, 0, 4], 3)).ToArray<int>());
        Expect.Values(tf.Sign(F32([-2, 0, 5], 3)), [3], [-1, 0, 1]);
    }

    [Fact]
    public void SqrtAndLogOutsideTheirDomain()
    {
        Assert.True(double.IsNaN(Expect.Doubles(tf.Sqrt(F32([-1], 1)))[0]));
        Assert.Equal(double.NegativeInfinity, Expect.Doubles(tf.Log(F32([0], 1)))[0]);
    }

    [Fact]
    public void MaximumAndMinimumBroadcast()
    {
        var a = F32([1, 5, 3, 7], 2, 2);
        var b = F32([4, 4], 2);
        Expect.Values(tf.Maximum(a, b), [2, 2], [4, 5, 4, 7]);
        Expect.Values(tf.Minimum(a, b), [2, 2], [1, 4, 3, 4]);
        Expect.Values(tf.Maximum(a, 3), [2, 2], [3, 5, 3, 7]);
        Assert.Equal([2, 0], tf.Minimum(I32([2, 9], 2), I32([3, 0], 2)).ToArray<int>());
    }

    [Fact]
    public void ClipByValueLimitsEachElement()
    {
        Expect.Values(tf.ClipByValue(F32([-2, 0.5f, 3, 1], 2, 2), 0, 1), [2, 2], [0, 0.5, 1, 1]);
        // Tensor bounds that broadcast.
        Expect.Values(tf.ClipByValue(F32([-2, 5, -2, 5], 2, 2), F32([-1, 0], 2), F32([1, 2], 2)), [2, 2], [-1, 2, -1, 2]);
    }

    [Fact]
    public void ClipByValueErrorsNameClipByValue()
    {
        // The errors came from the Maximum/Minimum it is built on and named those.
        var e = Assert.Throws<InvalidArgumentError>(() => tf.ClipByValue(F32([1, 2], 2), tf.Constant(true), 1));
        Assert.StartsWith("ClipByValue:", e.Message);
        var s = Assert.Throws<InvalidArgumentError>(() => tf.ClipByValue(F32([1, 2], 2), F32([0, 0, 0], 3), 1));
        Assert.StartsWith("ClipByValue:", s.Message);
        Assert.StartsWith("ClipByValue:", Assert.Throws<UnsupportedDTypeError>(() => tf.ClipByValue(tf.Constant(new[] { true }), tf.Constant(false), tf.Constant(true))).Message);
    }

    [Fact]
    public void AbsOfTheMostNegativeIntegerWrapsAsInTensorFlow()
    {
        // TensorPrimitives.Abs threw OverflowException; TensorFlow (two's complement) gives the value itself.
        Assert.Equal([int.MinValue, int.MaxValue, 3], tf.Abs(I32([int.MinValue, -int.MaxValue, -3], 3)).ToArray<int>());
        Assert.Equal([long.MinValue, 5L], tf.Abs(tf.Constant(new[] { long.MinValue, -5L })).ToArray<long>());
        // uint8 has no Abs or Neg kernel in TensorFlow; negating it here wrapped (-4 became 252).
        Assert.Throws<UnsupportedDTypeError>(() => tf.Abs(tf.Constant(new byte[] { 200 })));
        Assert.Throws<UnsupportedDTypeError>(() => tf.Negative(tf.Constant(new byte[] { 4 })));
        Assert.Equal([int.MinValue], tf.Negative(I32([int.MinValue], 1)).ToArray<int>());
    }

    [Fact]
    public void IntegerTensorPlusFractionalLiteralIsRejected()
    {
        // TensorFlow refuses tf.constant([1, 2]) + 2.5 rather than silently truncating 2.5 to 2.
        var x = I32([1, 2], 2);
        Assert.Throws<InvalidArgumentError>(() => x + 2.5);
        Assert.Throws<InvalidArgumentError>(() => 2.5 * x);
        Assert.Throws<InvalidArgumentError>(() => tf.Add(x, 2.5));
        // Whole numbers are fine.
        Assert.Equal([3, 4], (x + 2.0).ToArray<int>());
    }

    [Fact]
    public void DoubleLiteralKeepsItsPrecisionOnFloat64()
    {
        // A Python float meeting a float64 tensor keeps all its digits; it must not pass through float32.
        var x = F64([1], 1);
        Assert.Equal(0.1, (x * 0.1).ToArray<double>()[0]);
        Assert.Equal(0.1, tf.Multiply(x, 0.1).ToArray<double>()[0]);
        Assert.Equal(1.1, tf.Add(0.1, x).ToArray<double>()[0]);
        Assert.Equal(0.1, tf.Maximum(x * 0, 0.1).ToArray<double>()[0]);
        Tensor literal = 0.1;
        Assert.Equal(DType.Float32, literal.DType); // alone, a literal is float32 as in TensorFlow
        Assert.Equal(DType.Float32, tf.Sigmoid(0.5).DType);
    }

    [Fact]
    public void BroadcastingMatchesReferenceForRandomShapes()
    {
        // Random pairs of shapes of rank <= 4 that broadcast (each dim 1 or the common size, or missing):
        // exercises the broadcast plan's dimension merging against a direct definition.
        var rng = new System.Random(2024);
        for (int trial = 0; trial < 60; trial++)
        {
            int r = rng.Next(1, 5);
            var outDims = Enumerable.Range(0, r).Select(_ => rng.Next(1, 4)).ToArray();
            int[] Operand()
            {
                int rank = rng.Next(0, r + 1);
                return outDims[(r - rank)..].Select(d => rng.Next(3) == 0 ? 1 : d).ToArray();
            }
            var sa = Operand();
            var sb = Operand();
            var a = Rand(trial, sa);
            var b = Rand(trial + 500, sb);
            var expectedShape = Enumerable.Range(0, r).Select(i =>
            {
                int da = i - (r - sa.Length) >= 0 ? sa[i - (r - sa.Length)] : 1;
                int db = i - (r - sb.Length) >= 0 ? sb[i - (r - sb.Length)] : 1;
                return Math.Max(da, db);
            }).ToArray();
            // Drop leading dims neither operand has.
            int outRank = Math.Max(sa.Length, sb.Length);
            expectedShape = expectedShape[(r - outRank)..];
            var av = a.ToArray<double>();
            var bv = b.ToArray<double>();
            int n = expectedShape.Aggregate(1, (p, d) => p * d);
            var sum = new double[n];
            var prod = new double[n];
            var max = new double[n];
            var idx = new int[outRank];
            for (int o = 0; o < n; o++)
            {
                for (int d = outRank - 1, rem = o; d >= 0; d--) { idx[d] = rem % expectedShape[d]; rem /= expectedShape[d]; }
                double x = av[Offset(sa, idx)], y = bv[Offset(sb, idx)];
                sum[o] = x + y;
                prod[o] = x * y;
                max[o] = Math.Max(x, y);
            }
            Expect.Values(tf.Add(a, b), expectedShape, sum, 0);
            Expect.Values(tf.Multiply(a, b), expectedShape, prod, 0);
            Expect.Values(tf.Maximum(a, b), expectedShape, max, 0);
            Expect.Values(tf.BroadcastTo(a, expectedShape), expectedShape, Enumerable.Range(0, n).Select(o =>
            {
                for (int d = outRank - 1, rem = o; d >= 0; d--) { idx[d] = rem % expectedShape[d]; rem /= expectedShape[d]; }
                return av[Offset(sa, idx)];
            }).ToArray(), 0);
        }

        static int Offset(int[] shape, int[] outIdx)
        {
            int o = 0, lead = outIdx.Length - shape.Length;
            for (int i = 0; i < shape.Length; i++) o = o * shape[i] + (shape[i] == 1 ? 0 : outIdx[i + lead]);
            return o;
        }
    }

    // ----- gradients (float64, central differences) -----

    [Fact]
    public void AddGradients()
    {
        Check(x => tf.Add(x[0], x[1]), Rand(1, [2, 3]), Rand(2, [2, 3]));
        Check(x => tf.Add(x[0], x[1]), Rand(1, [2, 3]), Rand(2, [3]));
        Check(x => tf.Add(x[0], x[1]), Rand(1, [2, 1]), Rand(2, [1, 3]));
        Check(x => tf.Add(x[0], x[1]), Rand(1, [2, 1, 3]), Rand(2, [4, 1]));
        Check(x => tf.Add(x[0], x[1]), Rand(1, []), Rand(2, [2, 2]));
    }

    [Fact]
    public void SubtractGradients()
    {
        Check(x => tf.Subtract(x[0], x[1]), Rand(3, [2, 3]), Rand(4, [2, 3]));
        Check(x => tf.Subtract(x[0], x[1]), Rand(3, [3]), Rand(4, [2, 3]));
        Check(x => tf.Subtract(x[0], x[1]), Rand(3, [2, 1]), Rand(4, [1, 2]));
    }

    [Fact]
    public void MultiplyGradients()
    {
        Check(x => tf.Multiply(x[0], x[1]), Rand(5, [2, 3]), Rand(6, [2, 3]));
        Check(x => tf.Multiply(x[0], x[1]), Rand(5, [2, 3]), Rand(6, [3]));
        Check(x => tf.Multiply(x[0], x[1]), Rand(5, [3, 1]), Rand(6, [1, 4]));
        Check((Tensor[] x) => tf.Multiply(x[0], x[0]), Rand(5, [4])); // the same tensor twice
    }

    [Fact]
    public void DivideGradients()
    {
        Check(x => tf.Divide(x[0], x[1]), Rand(7, [2, 3]), Rand(8, [2, 3], 0.5, 2));
        Check(x => tf.Divide(x[0], x[1]), Rand(7, [2, 3]), Rand(8, [3], -2, -0.5));
        Check(x => tf.Divide(x[0], x[1]), Rand(7, [1]), Rand(8, [2, 2], 0.5, 2));
    }

    [Fact]
    public void PowGradients()
    {
        // Positive base: gradients in both x and y.
        Check(x => tf.Pow(x[0], x[1]), Rand(9, [2, 3], 0.5, 2), Rand(10, [2, 3]));
        Check(x => tf.Pow(x[0], x[1]), Rand(9, [2, 3], 0.5, 2), Rand(10, [3]));
        Check((Tensor[] x) => tf.Pow(x[0], 3.0), Rand(9, [5]));
        Check((Tensor[] x) => tf.Pow(x[0], 2.0), Rand(9, [5]));
    }

    [Fact]
    public void PowGradientInExponentIsZeroForNonPositiveBase()
    {
        var x = F64([-2, 0], 2);
        var y = F64([2, 3], 2);
        using var tape = new GradientTape();
        tape.Watch(x, y);
        var z = tf.Pow(x, y);
        var g = tape.Gradient(tf.ReduceSum(z), [x, y]);
        Assert.Equal([-4.0, 0.0], g[0]!.ToArray<double>()); // 2 * (-2), 3 * 0^2
        Assert.Equal([0.0, 0.0], g[1]!.ToArray<double>());  // no NaN from log(x)
    }

    [Fact]
    public void UnaryGradients()
    {
        Check((Tensor[] x) => tf.Negative(x[0]), Rand(11, [2, 3]));
        Check((Tensor[] x) => tf.Square(x[0]), Rand(12, [2, 3]));
        Check((Tensor[] x) => tf.Sqrt(x[0]), Rand(13, [2, 3], 0.2, 3));
        Check((Tensor[] x) => tf.Exp(x[0]), Rand(14, [2, 3]));
        Check((Tensor[] x) => tf.Log(x[0]), Rand(15, [2, 3], 0.2, 3));
        Check((Tensor[] x) => tf.Abs(x[0]), F64([-1.5, -0.3, 0.4, 2], 4)); // away from the kink at 0
        Check((Tensor[] x) => tf.Identity(x[0]), Rand(16, [3]));
    }

    [Fact]
    public void MaximumMinimumGradients()
    {
        // Values drawn apart so that no pair ties.
        var a = F64([1, 5, -3, 7, 0.5, -1], 2, 3);
        var b = F64([4, 2, -2.5, 8, 0.1, -3], 2, 3);
        Check(x => tf.Maximum(x[0], x[1]), a, b);
        Check(x => tf.Minimum(x[0], x[1]), a, b);
        Check(x => tf.Maximum(x[0], x[1]), a, F64([0.7, 3, -2.2], 3));
        Check(x => tf.Minimum(x[0], x[1]), a, F64([0.7, 3, -2.2], 3));
    }

    [Fact]
    public void MaximumTieSendsTheGradientToTheFirstInput()
    {
        var a = F64([2, 1], 2);
        var b = F64([2, 3], 2);
        using var tape = new GradientTape();
        tape.Watch(a, b);
        var g = tape.Gradient(tf.Maximum(a, b), [a, b]);
        Assert.Equal([1.0, 0.0], g[0]!.ToArray<double>());
        Assert.Equal([0.0, 1.0], g[1]!.ToArray<double>());
    }

    [Fact]
    public void ClipByValueGradient()
    {
        Check((Tensor[] x) => tf.ClipByValue(x[0], -1, 1), F64([-2, -0.5, 0.3, 1.7, 0.9, -1.2], 2, 3));
        var t = F64([-2, 0.5, 3], 3);
        using var tape = new GradientTape();
        tape.Watch(t);
        var g = tape.Gradient(tf.ClipByValue(t, 0, 1), t)!;
        Assert.Equal([0.0, 1.0, 0.0], g.ToArray<double>());
    }

    [Fact]
    public void SecondOrderMathGradients()
    {
        CheckSecondOrder(x => tf.Multiply(x, tf.Exp(x)), Rand(17, [3]));
        CheckSecondOrder(x => tf.Divide(tf.Square(x), tf.Add(x, 3)), Rand(18, [3], 0.5, 2));
        CheckSecondOrder(x => tf.Sqrt(x), Rand(19, [3], 0.5, 2));
        CheckSecondOrder(x => tf.Log(x), Rand(20, [3], 0.5, 2));
        CheckSecondOrder(x => tf.Pow(x, 3.0), Rand(21, [3], 0.5, 2));
    }
}
