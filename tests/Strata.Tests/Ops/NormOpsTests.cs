using static Strata.Tests.GradientCheck;

namespace Strata.Tests.Ops;

public class NormOpsTests
{
    /// <summary>Reference batch norm over the last axis in double: per-channel mean and biased variance, then
    /// (x - mean) / sqrt(var + eps) * scale + offset.</summary>
    private static (double[] Y, double[] Mean, double[] Var) Reference(double[] x, int c, double[] scale, double[] offset, double eps,
        double[]? mean = null, double[]? variance = null)
    {
        int rows = x.Length / c;
        var m = mean ?? new double[c];
        var v = variance ?? new double[c];
        if (mean is null)
        {
            for (int r = 0; r < rows; r++) for (int j = 0; j < c; j++) m[j] += x[r * c + j] / rows;
            for (int r = 0; r < rows; r++) for (int j = 0; j < c; j++) v[j] += (x[r * c + j] - m[j]) * (x[r * c + j] - m[j]) / rows;
        }
        var y = new double[x.Length];
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < c; j++) y[r * c + j] = (x[r * c + j] - m[j]) / Math.Sqrt(v[j] + eps) * scale[j] + offset[j];
        return (y, m, v);
    }

    private static double[] Uniform(int seed, int n, double lo, double hi)
    {
        var rng = new System.Random(seed);
        return Enumerable.Range(0, n).Select(_ => lo + (hi - lo) * rng.NextDouble()).ToArray();
    }

    [Fact]
    public void MomentsHandComputed()
    {
        var x = tf.Constant(new double[,] { { 1, 2 }, { 3, 6 } });
        var (mean, variance) = tf.Moments(x, [0]);
        Expect.Values(mean, [2], [2, 4]);
        Expect.Values(variance, [2], [1, 4]);
        var (m2, v2) = tf.Moments(x, [-1], keepDims: true);
        Expect.Values(m2, [2, 1], [1.5, 4.5]);
        Expect.Values(v2, [2, 1], [0.25, 2.25]);
        var (m3, v3) = tf.Moments(x, [0, 1]);
        Expect.Values(m3, [], [3]);
        Expect.Values(v3, [], [3.5]);
    }

    [Fact]
    public void MomentsGradients()
    {
        Check(x => tf.Moments(x, [0, 2]).Variance, Rand(1, [3, 2, 4]));
        Check(x => tf.Moments(x, [1]).Mean, Rand(2, [3, 4]));
        // Second order: exact, since the gradient through the mean is kept.
        CheckSecondOrder(x => tf.Moments(x, [0]).Variance, Rand(3, [4, 3]));
    }

    [Theory]
    [InlineData(3, 2, 3)]
    [InlineData(1, 5, 17)]
    [InlineData(7, 1, 1)]
    public void FusedTrainingMatchesTheReference(int n, int w, int c)
    {
        var xs = Uniform(n * 100 + c, n * w * c, 3, 7); // a mean far from zero
        var scale = Uniform(5, c, 0.5, 2);
        var offset = Uniform(6, c, -1, 1);
        var (y, m, v) = Reference(xs, c, scale, offset, 1e-3);
        foreach (var dtype in new[] { DType.Float64, DType.Float32 })
        {
            Tensor T(double[] a, params int[] s) => tf.Cast(tf.Constant(a, dtype: DType.Float64, shape: new Shape(s)), dtype);
            var r = tf.FusedBatchNorm(T(xs, n, w, c), T(scale, c), T(offset, c), epsilon: 1e-3);
            double tol = dtype == DType.Float64 ? 1e-12 : 1e-5;
            Expect.Values(r.Y, [n, w, c], y, tol);
            Expect.Values(r.BatchMean, [c], m, tol);
            Expect.Values(r.BatchVariance, [c], v, dtype == DType.Float64 ? 1e-12 : 1e-4);
            Assert.Equal(dtype, r.Y.DType);
        }
    }

    [Fact]
    public void FusedTrainingHandComputed()
    {
        // One channel, values 1, 3: mean 2, variance 1, y = ±1/sqrt(1 + eps) * 2 + 0.5.
        var x = tf.Constant(new double[] { 1, 3 }, shape: new Shape(2, 1));
        var r = tf.FusedBatchNorm(x, tf.Constant(new double[] { 2 }), tf.Constant(new double[] { 0.5 }), epsilon: 0);
        Expect.Values(r.Y, [2, 1], [-1.5, 2.5]);
        Expect.Values(r.BatchMean, [1], [2]);
        Expect.Values(r.BatchVariance, [1], [1]);
    }

    [Fact]
    public void FusedInferenceUsesTheGivenStatistics()
    {
        var xs = Uniform(9, 2 * 3 * 4, -2, 2);
        double[] scale = [1, 2, 0.5, -1], offset = [0, 1, -1, 2], mean = [0.5, -0.5, 1, 0], variance = [1, 4, 0.25, 2];
        var (y, _, _) = Reference(xs, 4, scale, offset, 0.01, mean, variance);
        var r = tf.FusedBatchNorm(tf.Constant(xs, dtype: DType.Float64, shape: new Shape(2, 3, 4)), F64(scale, 4), F64(offset, 4),
            F64(mean, 4), F64(variance, 4), epsilon: 0.01, training: false);
        Expect.Values(r.Y, [2, 3, 4], y, 1e-12);
        Expect.Values(r.BatchMean, [4], mean);
        Expect.Values(r.BatchVariance, [4], variance);
    }

    [Fact]
    public void FusedTrainingGradients()
    {
        // First order: the fused backward kernel (nothing records the backward pass).
        Check(xs => tf.FusedBatchNorm(xs[0], xs[1], xs[2], epsilon: 1e-3).Y, Rand(1, [3, 2, 3]), Rand(2, [3], 0.5, 2), Rand(3, [3]));
        Check(xs => tf.FusedBatchNorm(xs[0], xs[1], xs[2], epsilon: 1e-3).Y, Rand(4, [5, 1]), Rand(5, [1], 0.5, 2), Rand(6, [1]));
        // The statistics as outputs.
        var s = Rand(7, [2], 0.5, 2);
        var o = Rand(8, [2]);
        Check(x => tf.FusedBatchNorm(x, s, o).BatchMean, Rand(9, [4, 2]));
        Check(x => tf.FusedBatchNorm(x, s, o).BatchVariance, Rand(10, [4, 2]));
    }

    [Fact]
    public void FusedTrainingSecondOrder()
    {
        // The backward pass recorded: built from ops, differentiable again.
        var s = Rand(11, [3], 0.5, 2);
        var o = Rand(12, [3]);
        CheckSecondOrder(x => tf.FusedBatchNorm(x, s, o, epsilon: 1e-3).Y, Rand(13, [4, 3]));
        CheckSecondOrder(scale => tf.Square(tf.FusedBatchNorm(Rand(14, [2, 2, 3]), scale, o).Y), Rand(15, [3], 0.5, 2));
    }

    [Fact]
    public void FusedBackwardKernelMatchesTheRecordedOps()
    {
        // The same first derivatives with and without an outer tape recording the backward pass.
        var x = Rand(16, [3, 4, 5]);
        var scale = Rand(17, [5], 0.5, 2);
        var offset = Rand(18, [5]);
        var w = Rand(19, [3, 4, 5]);
        Tensor?[] Grads(bool nested)
        {
            using var outer = nested ? new GradientTape() : null;
            outer?.Watch(x);
            using var tape = new GradientTape();
            tape.Watch(x, scale, offset);
            var loss = tf.ReduceSum(tf.FusedBatchNorm(x, scale, offset).Y * w);
            return tape.Gradient(loss, [x, scale, offset]);
        }
        var fused = Grads(false);
        var composed = Grads(true);
        for (int i = 0; i < 3; i++) Expect.Close(Expect.Doubles(composed[i]!), Expect.Doubles(fused[i]!), 1e-10);
    }

    [Fact]
    public void Float32AgreesWithFloat64InBothModesAndBothDirections()
    {
        var x = Rand(35, [4, 3, 5]);
        var (s, o, m, v) = (Rand(36, [5], 0.5, 2), Rand(37, [5]), Rand(38, [5]), Rand(39, [5], 0.5, 2));
        var w = Rand(40, [4, 3, 5]);
        foreach (bool training in new[] { true, false })
        {
            double[][] Run(DType dtype)
            {
                Tensor C(Tensor t) => tf.Cast(t, dtype);
                var xs = new[] { C(x), C(s), C(o) };
                using var tape = new GradientTape();
                tape.Watch(xs);
                var y = tf.FusedBatchNorm(xs[0], xs[1], xs[2], C(m), C(v), training: training).Y;
                var grads = tape.Gradient(tf.ReduceSum(y * C(w)), xs);
                return [Expect.Doubles(y), .. grads.Select(g => Expect.Doubles(g!))];
            }
            var (f64, f32) = (Run(DType.Float64), Run(DType.Float32));
            for (int i = 0; i < f64.Length; i++) Expect.Close(f64[i], f32[i], 1e-4);
        }
    }

    [Fact]
    public void LargeTensorRunsThreadedWithTheSameResults()
    {
        // 128 × 32 × 33 values: above the size where rows are split over threads, for every pass.
        var xs = Uniform(41, 128 * 32 * 33, -3, 5);
        var scale = Uniform(42, 33, 0.5, 2);
        var offset = Uniform(43, 33, -1, 1);
        var (y, m, v) = Reference(xs, 33, scale, offset, 1e-3);
        var x = tf.Constant(xs, dtype: DType.Float64, shape: new Shape(128, 32, 33));
        var (sc, of) = (F64(scale, 33), F64(offset, 33));
        var r = tf.FusedBatchNorm(x, sc, of);
        Expect.Values(r.Y, [128, 32, 33], y, 1e-10);
        Expect.Values(r.BatchMean, [33], m, 1e-10);
        Expect.Values(r.BatchVariance, [33], v, 1e-10);
        Expect.Values(tf.FusedBatchNorm(x, sc, of, r.BatchMean, r.BatchVariance, training: false).Y, [128, 32, 33], y, 1e-10);
        // The fused backward (threaded) against the one built from ops.
        var w = tf.Constant(Uniform(44, xs.Length, -1, 1), dtype: DType.Float64, shape: new Shape(128, 32, 33));
        Tensor?[] Grads(bool nested)
        {
            using var outer = nested ? new GradientTape() : null;
            outer?.Watch(x);
            using var tape = new GradientTape();
            tape.Watch(x, sc, of);
            return tape.Gradient(tf.ReduceSum(tf.FusedBatchNorm(x, sc, of).Y * w), [x, sc, of]);
        }
        var (fused, composed) = (Grads(false), Grads(true));
        for (int i = 0; i < 3; i++) Expect.Close(Expect.Doubles(composed[i]!), Expect.Doubles(fused[i]!), 1e-8);
    }

    [Fact]
    public void FusedInferenceGradients()
    {
        Check(xs => tf.FusedBatchNorm(xs[0], xs[1], xs[2], xs[3], xs[4], epsilon: 1e-3, training: false).Y,
            Rand(20, [2, 3]), Rand(21, [3]), Rand(22, [3]), Rand(23, [3]), Rand(24, [3], 0.5, 2));
        var (s, o, m, v) = (Rand(25, [3]), Rand(26, [3]), Rand(27, [3]), Rand(28, [3], 0.5, 2));
        CheckSecondOrder(x => tf.Square(tf.FusedBatchNorm(x, s, o, m, v, training: false).Y), Rand(29, [2, 3]));
    }

    [Fact]
    public void BatchNormalizationComposed()
    {
        var x = tf.Constant(new double[,] { { 1, 2 }, { 3, 4 } }, dtype: DType.Float64);
        var y = tf.BatchNormalization(x, F64([1, 2], 2), F64([4, 1], 2), F64([10, 20], 2), F64([2, 3], 2), 0);
        Expect.Values(y, [2, 2], [10, 20, 12, 26]);
        var plain = tf.BatchNormalization(x, F64([1, 2], 2), F64([4, 1], 2), null, null, 0);
        Expect.Values(plain, [2, 2], [0, 0, 1, 2]);
        Check(xs => tf.BatchNormalization(xs[0], xs[1], xs[2], xs[3], xs[4], 1e-3),
            Rand(30, [2, 3]), Rand(31, [3]), Rand(32, [3], 0.5, 2), Rand(33, [3]), Rand(34, [3]));
    }

    [Fact]
    public void BadArgumentsAreClearErrors()
    {
        var x = tf.Zeros([2, 3]);
        var c3 = tf.Ones([3]);
        Assert.Contains("FusedBatchNorm: input must have rank >= 2", Assert.Throws<InvalidArgumentError>(() => tf.FusedBatchNorm(tf.Zeros([3]), c3, c3)).Message);
        var bad = Assert.Throws<InvalidArgumentError>(() => tf.FusedBatchNorm(x, tf.Ones([4]), c3)).Message;
        Assert.Contains("scale must be 1-D with the channel count of x", bad);
        Assert.Contains("x has shape (2, 3), scale has shape (4,)", bad);
        Assert.Contains("offset must be 1-D", Assert.Throws<InvalidArgumentError>(() => tf.FusedBatchNorm(x, c3, tf.Ones([1, 3]))).Message);
        Assert.Contains("scale is float64", Assert.Throws<InvalidArgumentError>(() => tf.FusedBatchNorm(x, tf.Ones([3], DType.Float64), c3)).Message);
        Assert.Contains("inference (training: false) needs the mean and variance", Assert.Throws<InvalidArgumentError>(() => tf.FusedBatchNorm(x, c3, c3, training: false)).Message);
        Assert.Contains("mean must be 1-D", Assert.Throws<InvalidArgumentError>(() => tf.FusedBatchNorm(x, c3, c3, tf.Ones([2]), c3, training: false)).Message);
        Assert.Contains("variance must be 1-D", Assert.Throws<InvalidArgumentError>(() => tf.FusedBatchNorm(x, c3, c3, c3, tf.Ones([2]))).Message);
        Assert.Contains("epsilon must be >= 0", Assert.Throws<InvalidArgumentError>(() => tf.FusedBatchNorm(x, c3, c3, epsilon: -1)).Message);
        Assert.Throws<UnsupportedDTypeError>(() => tf.FusedBatchNorm(tf.Zeros([2, 3], DType.Int32), c3, c3));
        Assert.Throws<ArgumentNullException>(() => tf.FusedBatchNorm(x, null!, c3));
        Assert.Throws<ArgumentNullException>(() => tf.Moments(x, null!));
        Assert.Contains("Moments: axis 2 is out of range", Assert.Throws<InvalidArgumentError>(() => tf.Moments(x, [2])).Message);
        Assert.Throws<UnsupportedDTypeError>(() => tf.Moments(tf.Zeros([2], DType.Int32), [0]));
    }

    [Fact]
    public void EmptyChannels()
    {
        var r = tf.FusedBatchNorm(tf.Zeros([2, 0]), tf.Zeros([0]), tf.Zeros([0]));
        Assert.Equal(new Shape(2, 0), r.Y.Shape);
        Assert.Equal(new Shape(0), r.BatchMean.Shape);
    }
}
