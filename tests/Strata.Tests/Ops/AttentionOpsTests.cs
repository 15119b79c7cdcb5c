using static Strata.Tests.GradientCheck;

namespace Strata.Tests.Ops;

/// <summary>tf.nn.ScaledDotProductAttention: values against a naive attention written here in double loops,
/// masks (bool, broadcast, causal, fully masked rows), gradients against finite differences (plain, masked, causal,
/// blocked causal), second derivatives through nested tapes, and its shape errors.</summary>
public class AttentionOpsTests
{
    private const string Op = "ScaledDotProductAttention";

    /// <summary>softmax(q·kᵀ·scale masked)·v per head, in double loops; fully masked rows give zeros.</summary>
    private static double[] Naive(double[] q, double[] k, double[] v, int heads, int tq, int tk, int d, int dv, double scale,
        Func<int, int, int, bool>? allowed)
    {
        var o = new double[heads * tq * dv];
        for (int h = 0; h < heads; h++)
            for (int i = 0; i < tq; i++)
            {
                var s = new double[tk];
                double max = double.NegativeInfinity;
                for (int j = 0; j < tk; j++)
                {
                    if (allowed is not null && !allowed(h, i, j)) { s[j] = double.NegativeInfinity; continue; }
                    double dot = 0;
                    for (int c = 0; c < d; c++) dot += q[(h * tq + i) * d + c] * k[(h * tk + j) * d + c];
                    s[j] = dot * scale;
                    max = Math.Max(max, s[j]);
                }
                if (double.IsNegativeInfinity(max)) continue;
                double sum = 0;
                for (int j = 0; j < tk; j++) sum += s[j] = Math.Exp(s[j] - max);
                for (int j = 0; j < tk; j++)
                    for (int c = 0; c < dv; c++) o[(h * tq + i) * dv + c] += s[j] / sum * v[(h * tk + j) * dv + c];
            }
        return o;
    }

    private static void Close(double[] expected, double[] actual, double tol)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tol * (1 + Math.Abs(expected[i])), $"element {i}: expected {expected[i]}, got {actual[i]}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ForwardMatchesNaiveAttention(bool causal)
    {
        int b = 2, h = 3, tq = 5, tk = 5, d = 4, dv = 3;
        var q = Rand(1, [b, h, tq, d]);
        var k = Rand(2, [b, h, tk, d]);
        var v = Rand(3, [b, h, tk, dv]);
        var y = tf.nn.ScaledDotProductAttention(q, k, v, isCausal: causal);
        Assert.Equal(new Shape(b, h, tq, dv), y.Shape);
        var expected = Naive(q.ToArray<double>(), k.ToArray<double>(), v.ToArray<double>(), b * h, tq, tk, d, dv, 1 / Math.Sqrt(d),
            causal ? (_, i, j) => j <= i : null);
        Close(expected, y.ToArray<double>(), 1e-12);
    }

    [Fact]
    public void Float32MatchesNaiveWithScaleAndDifferentLengths()
    {
        int tq = 7, tk = 9, d = 6, dv = 5;
        var q = tf.Cast(Rand(4, [2, tq, d]), DType.Float32);
        var k = tf.Cast(Rand(5, [2, tk, d]), DType.Float32);
        var v = tf.Cast(Rand(6, [2, tk, dv]), DType.Float32);
        var y = tf.ScaledDotProductAttention(q, k, v, scale: 0.3);
        Assert.Equal(DType.Float32, y.DType);
        var f = (Tensor t) => tf.Cast(t, DType.Float64).ToArray<double>();
        Close(Naive(f(q), f(k), f(v), 2, tq, tk, d, dv, 0.3, null), f(y), 1e-5);
    }

    [Fact]
    public void BroadcastMaskAndFullyMaskedRowGiveZeros()
    {
        // mask (batch, 1, tq, tk) over (batch, heads, tq, tk); batch 1's row 2 sees nothing.
        int b = 2, h = 2, tq = 3, tk = 4, d = 2;
        var mv = new bool[b * tq * tk];
        var rng = new Random(7);
        for (int i = 0; i < mv.Length; i++) mv[i] = rng.NextDouble() < 0.6;
        for (int j = 0; j < tk; j++) mv[(1 * tq + 2) * tk + j] = false;
        for (int i = 0; i < tq; i++) mv[(0 * tq + i) * tk] = true;
        var mask = tf.Constant(mv, shape: new Shape(b, 1, tq, tk));
        var q = Rand(8, [b, h, tq, d]);
        var k = Rand(9, [b, h, tk, d]);
        var v = Rand(10, [b, h, tk, d]);
        var y = tf.ScaledDotProductAttention(q, k, v, mask);
        var expected = Naive(q.ToArray<double>(), k.ToArray<double>(), v.ToArray<double>(), b * h, tq, tk, d, d, 1 / Math.Sqrt(d),
            (hh, i, j) => mv[((hh / h) * tq + i) * tk + j]);
        Close(expected, y.ToArray<double>(), 1e-12);
        var row = y[1, 0, 2].ToArray<double>();
        Assert.All(row, x => Assert.Equal(0.0, x));
        // A (tq, tk) mask broadcasts over every leading dimension; (1, tk) over the rows too.
        var m2 = tf.Constant(mv[..(tq * tk)], shape: new Shape(tq, tk));
        var y2 = tf.ScaledDotProductAttention(q, k, v, m2);
        Close(Naive(q.ToArray<double>(), k.ToArray<double>(), v.ToArray<double>(), b * h, tq, tk, d, d, 1 / Math.Sqrt(d),
            (_, i, j) => mv[i * tk + j]), y2.ToArray<double>(), 1e-12);
    }

    [Fact]
    public void GradientsMatchFiniteDifferences()
    {
        var q = Rand(11, [2, 3, 4]);
        var k = Rand(12, [2, 5, 4]);
        var v = Rand(13, [2, 5, 3]);
        Check(xs => tf.ScaledDotProductAttention(xs[0], xs[1], xs[2]), q, k, v);
    }

    [Fact]
    public void MaskedAndCausalGradientsMatchFiniteDifferences()
    {
        var mv = new bool[] { true, false, true, true, false, true, false, false, false, true, true, true };
        var mask = tf.Constant(mv, shape: new Shape(1, 3, 4));
        var q = Rand(14, [2, 3, 2]);
        var k = Rand(15, [2, 4, 2]);
        var v = Rand(16, [2, 4, 3]);
        Check(xs => tf.ScaledDotProductAttention(xs[0], xs[1], xs[2], mask), q, k, v);
        var q2 = Rand(17, [2, 4, 3]);
        Check(xs => tf.ScaledDotProductAttention(xs[0], xs[1], xs[2], isCausal: true, scale: 0.7), q2, Rand(18, [2, 4, 3]), Rand(19, [2, 4, 2]));
    }

    [Fact]
    public void CausalBlocksSkipTheUpperTriangleAndStayExact()
    {
        // Blocks of 2 rows over 7 steps: several key prefixes, a ragged last block; the gradient still matches.
        int saved = Strata.Kernels.AttentionKernels.CausalBlockRows;
        Strata.Kernels.AttentionKernels.CausalBlockRows = 2;
        try
        {
            var q = Rand(20, [1, 7, 3]);
            var k = Rand(21, [1, 7, 3]);
            var v = Rand(22, [1, 7, 2]);
            var y = tf.ScaledDotProductAttention(q, k, v, isCausal: true);
            Close(Naive(q.ToArray<double>(), k.ToArray<double>(), v.ToArray<double>(), 1, 7, 7, 3, 2, 1 / Math.Sqrt(3), (_, i, j) => j <= i),
                y.ToArray<double>(), 1e-12);
            Check(xs => tf.ScaledDotProductAttention(xs[0], xs[1], xs[2], isCausal: true), q, k, v);
        }
        finally
        {
            Strata.Kernels.AttentionKernels.CausalBlockRows = saved;
        }
    }

    [Theory]
    [InlineData(3, 6)]
    [InlineData(6, 3)]
    public void CausalWithDifferentLengthsIsKerasTopLeftTriangle(int tq, int tk)
    {
        // Keras's causal mask for T ≠ S: query i sees keys j ≤ i (rows past S see every key).
        var q = Rand(29, [2, tq, 3]);
        var k = Rand(30, [2, tk, 3]);
        var v = Rand(31, [2, tk, 2]);
        var y = tf.ScaledDotProductAttention(q, k, v, isCausal: true);
        Close(Naive(q.ToArray<double>(), k.ToArray<double>(), v.ToArray<double>(), 2, tq, tk, 3, 2, 1 / Math.Sqrt(3), (_, i, j) => j <= i),
            y.ToArray<double>(), 1e-12);
        Check(xs => tf.ScaledDotProductAttention(xs[0], xs[1], xs[2], isCausal: true), q, k, v);
    }

    [Fact]
    public void CausalOutputIgnoresFutureKeysAndValues()
    {
        var q = Rand(23, [1, 6, 4]);
        var k = Rand(24, [1, 6, 4]);
        var v = Rand(25, [1, 6, 4]);
        var y = tf.ScaledDotProductAttention(q, k, v, isCausal: true).ToArray<double>();
        var kv = k.ToArray<double>();
        var vv = v.ToArray<double>();
        for (int c = 0; c < 4; c++) { kv[4 * 4 + c] += 10; vv[4 * 4 + c] -= 10; }
        var y2 = tf.ScaledDotProductAttention(q, F64(kv, 1, 6, 4), F64(vv, 1, 6, 4), isCausal: true).ToArray<double>();
        for (int i = 0; i < 4 * 4; i++) Assert.Equal(y[i], y2[i]);
        Assert.NotEqual(y[4 * 4], y2[4 * 4]);
    }

    [Fact]
    public void SecondDerivativesThroughNestedTapes()
    {
        var q = Rand(26, [1, 3, 2]);
        var k = Rand(27, [1, 3, 2]);
        var v = Rand(28, [1, 3, 2]);
        CheckSecondOrder(x => tf.ScaledDotProductAttention(x, k, v, isCausal: true), q);
        CheckSecondOrder(x => tf.ScaledDotProductAttention(q, x, v), k);
    }

    [Fact]
    public void BadShapesNameTheOpAndShapes()
    {
        var q = tf.Zeros([2, 3, 4]);
        var e = Assert.Throws<InvalidArgumentError>(() => tf.ScaledDotProductAttention(tf.Zeros([4]), q, q));
        Assert.Contains(Op, e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => tf.ScaledDotProductAttention(q, tf.Zeros([2, 3, 5]), q));
        Assert.Contains("(2, 3, 5)", e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => tf.ScaledDotProductAttention(q, q, q, tf.Ones([2, 3, 5], DType.Bool)));
        Assert.Contains("mask", e.Message);
        Assert.Contains("(2, 3, 5)", e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => tf.ScaledDotProductAttention(q, q, q, tf.Ones([3, 3, 3], DType.Bool)));
        Assert.Contains("(3, 3, 3)", e.Message);
        Assert.Throws<InvalidArgumentError>(() => tf.ScaledDotProductAttention(q, q, q, tf.Ones([2, 3, 3])));
    }
}
