using static Strata.Tests.GradientCheck;

namespace Strata.Tests.Ops;

public class ReductionOpsTests
{
    private static Tensor F32(float[] v, params int[] shape) => tf.Constant(v, shape: new Shape(shape));
    private static Tensor I32(int[] v, params int[] shape) => tf.Constant(v, shape: new Shape(shape));

    // x[i, j, k] = 100 i + 10 j + k, shape (2, 3, 4)
    private static Tensor Cube()
    {
        var v = new float[24];
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 4; k++) v[(i * 3 + j) * 4 + k] = 100 * i + 10 * j + k;
        return F32(v, 2, 3, 4);
    }

    [Fact]
    public void ReduceSumAllAndPerAxis()
    {
        var x = F32([1, 2, 3, 4, 5, 6], 2, 3);
        Expect.Values(tf.ReduceSum(x), [], [21]);
        Expect.Values(tf.ReduceSum(x, 0), [3], [5, 7, 9]);
        Expect.Values(tf.ReduceSum(x, 1), [2], [6, 15]);
        Expect.Values(tf.ReduceSum(x, -1), [2], [6, 15]);
        Expect.Values(tf.ReduceSum(x, -2), [3], [5, 7, 9]);
        Expect.Values(tf.ReduceSum(x, [0, 1]), [], [21]);
        Expect.Values(tf.ReduceSum(x, [-1, 0]), [], [21]);
    }

    [Fact]
    public void ReduceSumKeepDims()
    {
        var x = F32([1, 2, 3, 4, 5, 6], 2, 3);
        Expect.Values(tf.ReduceSum(x, 1, keepDims: true), [2, 1], [6, 15]);
        Expect.Values(tf.ReduceSum(x, 0, keepDims: true), [1, 3], [5, 7, 9]);
        Expect.Values(tf.ReduceSum(x, keepDims: true), [1, 1], [21]);
    }

    [Fact]
    public void ReduceSumNonAdjacentAxesOf3D()
    {
        var x = Cube();
        // Sum over i and k: for each j, sum_i sum_k (100 i + 10 j + k) = 4*100 + 8*10 j + 2*6.
        Expect.Values(tf.ReduceSum(x, [0, 2]), [3], [412, 492, 572]);
        Expect.Values(tf.ReduceSum(x, [2, 0], keepDims: true), [1, 3, 1], [412, 492, 572]);
        // Sum over the middle axis only: 3 (100 i + k) + 30.
        Expect.Values(tf.ReduceSum(x, 1), [2, 4], [30, 33, 36, 39, 330, 333, 336, 339]);
        // Sum over the last two: 12 * 100 i + 4 * 30 + 3 * 6.
        Expect.Values(tf.ReduceSum(x, [1, 2]), [2], [138, 1338]);
    }

    [Fact]
    public void ReduceSumOfIntsStaysInt()
    {
        var s = tf.ReduceSum(I32([1, 2, 3, 4], 2, 2), 0);
        Assert.Equal(DType.Int32, s.DType);
        Assert.Equal([4, 6], s.ToArray<int>());
    }

    [Fact]
    public void ReduceSumOfScalarAndOfNoAxes()
    {
        Expect.Values(tf.ReduceSum(tf.Constant(3f)), [], [3]);
        Expect.Values(tf.ReduceSum(F32([1, 2], 2), Array.Empty<int>()), [2], [1, 2]);
    }

    [Fact]
    public void ReduceMeanFloat()
    {
        var x = F32([1, 2, 3, 4, 5, 6], 2, 3);
        Expect.Values(tf.ReduceMean(x), [], [3.5]);
        Expect.Values(tf.ReduceMean(x, 0), [3], [2.5, 3.5, 4.5]);
        Expect.Values(tf.ReduceMean(x, -1, keepDims: true), [2, 1], [2, 5]);
        Expect.Values(tf.ReduceMean(Cube(), [0, 2]), [3], [412 / 8.0, 492 / 8.0, 572 / 8.0]);
    }

    [Fact]
    public void ReduceMeanOfInt32SumsInInt64AsTensorFlowDoes()
    {
        // Summed in int32, the mean of two int.MaxValue wrapped to -1.
        var x = I32([int.MaxValue, int.MaxValue, int.MinValue, int.MinValue], 2, 2);
        Assert.Equal([int.MaxValue, int.MinValue], tf.ReduceMean(x, 1).ToArray<int>());
        Assert.Equal(0, tf.ReduceMean(x).Item<int>()); // (2·MAX + 2·MIN) / 4 = -2 / 4, truncated toward zero
        Assert.Equal((byte)255, tf.ReduceMean(tf.Constant(new byte[] { 255, 255 })).Item<byte>());
        Assert.Equal(-3L, tf.ReduceMean(tf.Constant(new long[] { -3, -4 })).Item<long>());
    }

    [Fact]
    public void ReduceMeanOfIntsTruncates()
    {
        var m = tf.ReduceMean(I32([1, 2, 4, 4], 2, 2), 1);
        Assert.Equal(DType.Int32, m.DType);
        Assert.Equal([1, 4], m.ToArray<int>()); // 3/2 -> 1, 8/2 -> 4
        Assert.Equal(2, tf.ReduceMean(I32([1, 2, 4], 3)).Item<int>()); // 7/3 -> 2
        Assert.Equal(-1, tf.ReduceMean(I32([-1, -2], 2)).Item<int>()); // -3/2 truncates toward zero
    }

    [Fact]
    public void ReduceMaxMin()
    {
        var x = F32([3, -1, 7, 2, 9, -5], 2, 3);
        Expect.Values(tf.ReduceMax(x), [], [9]);
        Expect.Values(tf.ReduceMin(x), [], [-5]);
        Expect.Values(tf.ReduceMax(x, 0), [3], [3, 9, 7]);
        Expect.Values(tf.ReduceMin(x, 1), [2], [-1, -5]);
        Expect.Values(tf.ReduceMax(x, -1, keepDims: true), [2, 1], [7, 9]);
        Expect.Values(tf.ReduceMax(Cube(), [0, 1]), [4], [120, 121, 122, 123]);
        Expect.Values(tf.ReduceMin(Cube(), [1, 2]), [2], [0, 100]);
        Assert.Equal([7, 9], tf.ReduceMax(I32([3, -1, 7, 2, 9, -5], 2, 3), 1).ToArray<int>());
    }

    [Fact]
    public void ArgMaxTakesTheFirstOfTies()
    {
        var x = F32([1, 5, 5, 2, 7, 7, 7, 0], 2, 4);
        var a = tf.ArgMax(x, 1);
        Assert.Equal(DType.Int64, a.DType);
        Assert.Equal([1L, 0L], a.ToArray<long>());
        Assert.Equal([1L, 1L, 1L, 0L], tf.ArgMax(x, 0).ToArray<long>()); // columns (1,7) (5,7) (5,7) (2,0)
        Assert.Equal([1L, 0L], tf.ArgMax(x, -1).ToArray<long>());
        Assert.Equal([0, 3], tf.ArgMin(x, 1, outputType: DType.Int32).ToArray<int>());
        Assert.Equal(2L, tf.ArgMax(I32([4, 1, 9, 9], 4)).Item<long>());
        Assert.Equal(0L, tf.ArgMax(F32([3, 3, 3], 3)).Item<long>());
    }

    [Fact]
    public void ArgMaxOfMiddleAxis()
    {
        // Cube grows along j, so the argmax over axis 1 is 2 everywhere and the argmin 0.
        Assert.Equal(Enumerable.Repeat(2L, 8), tf.ArgMax(Cube(), 1).ToArray<long>());
        Assert.Equal(new Shape(2, 4), tf.ArgMax(Cube(), 1).Shape);
        Assert.Equal(Enumerable.Repeat(0L, 8), tf.ArgMin(Cube(), 1).ToArray<long>());
    }

    [Fact]
    public void ReductionsMatchReferenceForEveryAxisSubsetOfRank4()
    {
        int[] dims = [2, 3, 2, 3];
        var x = Rand(66, dims);
        var v = x.ToArray<double>();
        for (int mask = 0; mask < 16; mask++)
        {
            var axes = Enumerable.Range(0, 4).Where(a => (mask >> a & 1) != 0).ToArray();
            var kept = dims.Select((d, a) => axes.Contains(a) ? 1 : d).ToArray();
            int n = kept.Aggregate(1, (p, d) => p * d);
            var sum = new double[n];
            var max = Enumerable.Repeat(double.NegativeInfinity, n).ToArray();
            var idx = new int[4];
            for (int i = 0; i < v.Length; i++)
            {
                for (int d = 3, rem = i; d >= 0; d--) { idx[d] = rem % dims[d]; rem /= dims[d]; }
                int o = 0;
                for (int d = 0; d < 4; d++) o = o * kept[d] + (axes.Contains(d) ? 0 : idx[d]);
                sum[o] += v[i];
                max[o] = Math.Max(max[o], v[i]);
            }
            var shape = dims.Where((_, a) => !axes.Contains(a)).ToArray();
            // Negative axis numbers name the same axes.
            var negative = axes.Select(a => a - 4).ToArray();
            Expect.Values(tf.ReduceSum(x, axes), shape, sum, 1e-12);
            Expect.Values(tf.ReduceSum(x, negative, keepDims: true), kept, sum, 1e-12);
            Expect.Values(tf.ReduceMax(x, axes), shape, max, 0);
            Expect.Values(tf.ReduceMean(x, negative), shape, sum.Select(s => s / (v.Length / n)).ToArray(), 1e-12);
        }
    }

    // ----- gradients -----

    [Fact]
    public void ReduceSumGradients()
    {
        Check((Tensor[] x) => tf.ReduceSum(x[0]), Rand(51, [2, 3]));
        Check((Tensor[] x) => tf.ReduceSum(x[0], 0), Rand(52, [2, 3]));
        Check((Tensor[] x) => tf.ReduceSum(x[0], -1, keepDims: true), Rand(53, [2, 3]));
        Check((Tensor[] x) => tf.ReduceSum(x[0], [0, 2]), Rand(54, [2, 3, 2]));
        Check((Tensor[] x) => tf.ReduceSum(x[0], [1], keepDims: true), Rand(55, [2, 3, 2]));
    }

    [Fact]
    public void ReduceMeanGradients()
    {
        Check((Tensor[] x) => tf.ReduceMean(x[0]), Rand(56, [2, 3]));
        Check((Tensor[] x) => tf.ReduceMean(x[0], 1), Rand(57, [2, 3]));
        Check((Tensor[] x) => tf.ReduceMean(x[0], [0, 2], keepDims: true), Rand(58, [2, 3, 2]));
    }

    [Fact]
    public void ReduceMaxMinGradients()
    {
        // Random values: no ties, so the extremes are differentiable.
        Check((Tensor[] x) => tf.ReduceMax(x[0]), Rand(59, [2, 3]));
        Check((Tensor[] x) => tf.ReduceMax(x[0], 1), Rand(60, [2, 3]));
        Check((Tensor[] x) => tf.ReduceMin(x[0], 0, keepDims: true), Rand(61, [2, 3]));
        Check((Tensor[] x) => tf.ReduceMin(x[0], [0, 2]), Rand(62, [2, 3, 2]));
    }

    [Fact]
    public void ReduceMaxSharesTheGradientBetweenTies()
    {
        var x = F64([1, 3, 3, 2, 2, 2], 2, 3);
        using var tape = new GradientTape();
        tape.Watch(x);
        var g = tape.Gradient(tf.ReduceMax(x, 1), x)!;
        Expect.Close([0, 0.5, 0.5, 1.0 / 3, 1.0 / 3, 1.0 / 3], g.ToArray<double>(), 1e-12);
    }

    [Fact]
    public void GradientOfReduceSumOfScalarIsOne()
    {
        // Reducing a scalar (or over no axes) reduces nothing; the gradient still passes through once.
        var x = tf.Constant(3.0, dtype: DType.Float64);
        using (var tape = new GradientTape())
        {
            tape.Watch(x);
            Assert.Equal(1.0, tape.Gradient(tf.ReduceSum(x), x)!.Item<double>());
        }
        using (var tape = new GradientTape())
        {
            tape.Watch(x);
            Assert.Equal(1.0, tape.Gradient(tf.ReduceMax(x), x)!.Item<double>());
        }
        var v = F64([1, 2], 2);
        using (var tape = new GradientTape())
        {
            tape.Watch(v);
            var y = tf.ReduceSum(v, Array.Empty<int>());
            Assert.Equal([1.0, 1.0], tape.Gradient(y, v)!.ToArray<double>());
        }
    }

    [Fact]
    public void SecondOrderReductions()
    {
        CheckSecondOrder(x => tf.ReduceSum(tf.Multiply(x, x), 1), Rand(63, [2, 3]));
        CheckSecondOrder(x => tf.ReduceMean(tf.Exp(x), 0), Rand(64, [2, 3]));
        CheckSecondOrder(x => tf.Square(tf.ReduceMax(x, 1)), Rand(65, [2, 3]));
    }
}
