using static Strata.Tests.GradientCheck;

namespace Strata.Tests.Ops;

public class PoolOpsTests
{
    // ------------------------------------------------------------ an independent reference, in double

    /// <summary>Output size and padding before, from TensorFlow's definitions (nn_ops docs): VALID
    /// ceil((in - k + 1) / s); SAME ceil(in / s), padding max((out - 1)·s + k - in, 0), half of it (rounded down) before.</summary>
    private static (int Out, int Before) Dim(int input, int k, int s, bool same)
    {
        if (!same) return ((input - k + s) / s, 0);
        int o = (input + s - 1) / s;
        return (o, Math.Max((o - 1) * s + k - input, 0) / 2);
    }

    /// <summary>Naive pooling of an (N, spatial…, C) array: every output element scans its window coordinate by
    /// coordinate in row-major order; max keeps the first of tied values (replaces only on strictly greater) and
    /// records where it was; average divides by the number of in-bounds elements.</summary>
    private static (double[] Y, int[] ArgMax, int[] OutShape) Reference(double[] x, int[] shape, int[] k, int[] s, bool same, bool max)
    {
        int sp = shape.Length - 2, n = shape[0], c = shape[^1];
        var outs = new int[sp];
        var pads = new int[sp];
        for (int a = 0; a < sp; a++) (outs[a], pads[a]) = Dim(shape[1 + a], k[a], s[a], same);
        int outSpatial = outs.Aggregate(1, (p, d) => p * d), inSpatial = 1;
        for (int a = 0; a < sp; a++) inSpatial *= shape[1 + a];
        var y = new double[n * outSpatial * c];
        var arg = new int[y.Length];
        var o = new int[sp];
        for (int b = 0; b < n; b++)
            for (int op = 0; op < outSpatial; op++)
            {
                for (int a = sp - 1, rest = op; a >= 0; a--) { o[a] = rest % outs[a]; rest /= outs[a]; }
                for (int ch = 0; ch < c; ch++)
                {
                    double acc = 0, best = double.NaN;
                    int count = 0, bestAt = -1;
                    int windowSize = k.Aggregate(1, (p, d) => p * d);
                    for (int w = 0; w < windowSize; w++)
                    {
                        int lin = 0;
                        bool inside = true;
                        for (int a = 0, rest = w, div = windowSize; a < sp; a++)
                        {
                            div /= k[a];
                            int off = rest / div;
                            rest %= div;
                            int pos = o[a] * s[a] - pads[a] + off;
                            if (pos < 0 || pos >= shape[1 + a]) inside = false;
                            lin = lin * shape[1 + a] + pos;
                        }
                        if (!inside) continue;
                        int at = (b * inSpatial + lin) * c + ch;
                        count++;
                        acc += x[at];
                        if (bestAt < 0 || x[at] > best) { best = x[at]; bestAt = at; }
                    }
                    int yi = (b * outSpatial + op) * c + ch;
                    y[yi] = max ? best : acc / count;
                    arg[yi] = bestAt;
                }
            }
        return (y, arg, [n, .. outs, c]);
    }

    private static Tensor Pool(bool max, int spatial, Tensor x, int[] k, int[] s, string padding) => (max, spatial) switch
    {
        (true, 1) => tf.MaxPool1D(x, k, s, padding),
        (true, 2) => tf.MaxPool2D(x, k, s, padding),
        (true, _) => tf.MaxPool3D(x, k, s, padding),
        (false, 1) => tf.AvgPool1D(x, k, s, padding),
        (false, 2) => tf.AvgPool2D(x, k, s, padding),
        _ => tf.AvgPool3D(x, k, s, padding),
    };

    private static double[] Values(int seed, int n, bool ties)
    {
        var rng = new System.Random(seed);
        // With ties: small integers, so that windows hold equal maxima and the tie rule decides.
        return Enumerable.Range(0, n).Select(_ => ties ? rng.Next(0, 3) : rng.NextDouble() * 4 - 2).ToArray();
    }

    // ------------------------------------------------------------ hand-computed values

    [Fact]
    public void MaxPool2DHandComputed()
    {
        // 4×4 image of one channel, 2×2 windows, stride 2.
        var x = tf.Constant(new float[] { 1, 2, 5, 6, 3, 4, 7, 8, 9, 10, 13, 14, 11, 12, 15, 16 }, shape: new Shape(1, 4, 4, 1));
        Expect.Values(tf.MaxPool2D(x, 2, 2), [1, 2, 2, 1], [4, 8, 12, 16]);
        Expect.Values(tf.AvgPool2D(x, 2, 2), [1, 2, 2, 1], [2.5, 6.5, 10.5, 14.5]);
        Assert.Equal(DType.Float32, tf.MaxPool2D(x, 2, 2).DType);
    }

    [Fact]
    public void AvgPoolSameDividesByTheValidElements()
    {
        // 3×3 of 1..9, 2×2 windows, stride 2, SAME: one row and one column of padding after; the edge windows
        // average 2 and 1 real values, as TensorFlow's AvgPool does (not 4).
        var x = tf.Constant(Enumerable.Range(1, 9).Select(v => (double)v).ToArray(), shape: new Shape(1, 3, 3, 1));
        Expect.Values(tf.AvgPool2D(x, 2, 2, "SAME"), [1, 2, 2, 1], [3, 4.5, 7.5, 9]);
        Expect.Values(tf.MaxPool2D(x, 2, 2, "SAME"), [1, 2, 2, 1], [5, 6, 8, 9]);
        // Padding goes after when odd: width 4, window 3, stride 1 → 1 before, 1 after... width 2, window 2: 0 before, 1 after.
        var row = tf.Constant(new double[] { 1, 3 }, shape: new Shape(1, 2, 1));
        Expect.Values(tf.AvgPool1D(row, 2, 1, "SAME"), [1, 2, 1], [2, 3]);
        Expect.Values(tf.AvgPool1D(row, 3, 1, "SAME"), [1, 2, 1], [2, 2]);
    }

    [Fact]
    public void MaxPoolTieGoesToTheFirstInScanOrder()
    {
        // Window [[0, 5], [2, 5]]: the 5 at (0, 1) comes before the one at (1, 1) in row-major order.
        var x = tf.Constant(new double[] { 0, 5, 2, 5 }, shape: new Shape(1, 2, 2, 1));
        using var tape = new GradientTape();
        tape.Watch(x);
        var y = tf.MaxPool2D(x, 2, 2);
        Expect.Values(tape.Gradient(y, x)!, [1, 2, 2, 1], [0, 1, 0, 0]);
    }

    [Fact]
    public void AllEqualWindowRoutesToItsFirstElement()
    {
        var x = tf.Constant(new float[] { 7, 7, 7, 7 }, shape: new Shape(1, 4, 1));
        using var tape = new GradientTape();
        tape.Watch(x);
        var y = tf.MaxPool1D(x, 2, 2);
        Expect.Values(tape.Gradient(tf.ReduceSum(y * tf.Constant(new float[] { 3, 5 }, shape: new Shape(1, 2, 1))), x)!, [1, 4, 1], [3, 0, 5, 0]);
    }

    // ------------------------------------------------------------ against the reference

    public static TheoryData<bool, int, int[], int[], int[], bool> Cases => new()
    {
        // max, spatial, shape (N, spatial…, C), ksize, strides, SAME
        { true, 2, [1, 5, 7, 3], [3, 2], [2, 3], true },
        { true, 2, [1, 5, 7, 3], [3, 2], [2, 3], false },
        { false, 2, [1, 5, 7, 3], [3, 2], [2, 3], true },
        { false, 2, [2, 4, 5, 1], [2, 2], [1, 1], false },
        { true, 2, [2, 6, 6, 17], [2, 2], [2, 2], false },
        // 2×2 / stride 2 (its own kernel): odd sizes left over (VALID) or cut windows (SAME), channel counts
        // below, at and above a vector.
        { true, 2, [2, 5, 7, 9], [2, 2], [2, 2], true },
        { true, 2, [1, 5, 5, 3], [2, 2], [2, 2], false },
        { true, 2, [1, 3, 5, 8], [2, 2], [2, 2], true },
        { true, 2, [1, 4, 3, 16], [2, 2], [2, 2], false },
        { true, 3, [1, 2, 4, 5, 3], [1, 2, 2], [1, 2, 2], true },
        { true, 2, [1, 5, 5, 9], [3, 3], [2, 2], true },
        { false, 2, [1, 5, 5, 9], [3, 3], [2, 2], true },
        { true, 1, [2, 9, 3], [4], [3], true },
        { false, 1, [2, 9, 3], [4], [3], true },
        { true, 1, [1, 6, 1], [2], [1], false },
        { true, 3, [1, 4, 3, 5, 2], [2, 2, 3], [2, 1, 2], true },
        { false, 3, [1, 4, 3, 5, 2], [2, 2, 3], [2, 1, 2], true },
        { true, 3, [2, 3, 3, 3, 1], [3, 3, 3], [1, 1, 1], false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardMatchesTheReference(bool max, int spatial, int[] shape, int[] k, int[] s, bool same)
    {
        int size = shape.Aggregate(1, (p, d) => p * d);
        var values = Values(size, size, ties: false);
        var (expected, _, outShape) = Reference(values, shape, k, s, same, max);
        var x64 = tf.Constant(values, dtype: DType.Float64, shape: new Shape(shape));
        Expect.Values(Pool(max, spatial, x64, k, s, same ? "SAME" : "VALID"), outShape, expected, 1e-12);
        var x32 = tf.Cast(x64, DType.Float32);
        Expect.Values(Pool(max, spatial, x32, k, s, same ? "SAME" : "VALID"), outShape, expected, 1e-6);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MaxGradientMatchesTheReferenceArgMaxWithTies(bool max, int spatial, int[] shape, int[] k, int[] s, bool same)
    {
        if (!max) return;
        int size = shape.Aggregate(1, (p, d) => p * d);
        var values = Values(size + 1, size, ties: true);
        var (_, arg, outShape) = Reference(values, shape, k, s, same, max: true);
        var dy = Values(size + 2, arg.Length, ties: false);
        var expected = new double[size];
        for (int i = 0; i < arg.Length; i++) expected[arg[i]] += dy[i];
        foreach (var dtype in new[] { DType.Float64, DType.Float32 })
        {
            var x = tf.Cast(tf.Constant(values, dtype: DType.Float64, shape: new Shape(shape)), dtype);
            using var tape = new GradientTape();
            tape.Watch(x);
            var y = Pool(true, spatial, x, k, s, same ? "SAME" : "VALID");
            Assert.Equal(new Shape(outShape), y.Shape);
            var w = tf.Cast(tf.Constant(dy, dtype: DType.Float64, shape: new Shape(outShape)), dtype);
            Expect.Values(tape.Gradient(tf.ReduceSum(y * w), x)!, shape, expected, 1e-6);
        }
    }

    [Fact]
    public void LargeBatchRunsThreadedWithTheSameResult()
    {
        // 8 × 16 × 16 × 72 values: above the threshold where batch items are split over threads.
        int[] shape = [8, 16, 16, 72];
        int size = shape.Aggregate(1, (p, d) => p * d);
        var values = Values(3, size, ties: true);
        var x = tf.Constant(values.Select(v => (float)v).ToArray(), shape: new Shape(shape));
        var (expected, arg, outShape) = Reference(values, shape, [2, 2], [2, 2], false, max: true);
        using var tape = new GradientTape();
        tape.Watch(x);
        var y = tf.MaxPool2D(x, 2, 2);
        Expect.Values(y, outShape, expected);
        var dx = Expect.Doubles(tape.Gradient(tf.ReduceSum(y), x)!);
        var want = new double[size];
        foreach (var a in arg) want[a] += 1;
        Expect.Close(want, dx);
        var (avg, _, _) = Reference(values, shape, [2, 2], [2, 2], false, max: false);
        Expect.Values(tf.AvgPool2D(x, 2, 2), outShape, avg);
    }

    // ------------------------------------------------------------ gradients against finite differences

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void FirstOrderGradients(bool max)
    {
        Check(x => Pool(max, 2, x, [3, 2], [2, 1], "SAME"), Rand(1, [1, 4, 5, 3]));
        Check(x => Pool(max, 2, x, [2, 2], [2, 2], "VALID"), Rand(2, [2, 4, 4, 1]));
        Check(x => Pool(max, 1, x, [3], [2], "SAME"), Rand(3, [1, 6, 2]));
        Check(x => Pool(max, 3, x, [2, 2, 2], [1, 2, 1], "SAME"), Rand(4, [1, 3, 3, 3, 2]));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SecondOrderGradients(bool max)
    {
        // Squared, so that the gradient depends on x through the pooled output (dy = 2·y·W): the second derivative
        // goes through MaxPoolGradGrad / AvgPool applied by the recorded gradient ops.
        CheckSecondOrder(x => tf.Square(Pool(max, 2, x, [2, 2], [1, 2], "SAME")), Rand(5, [1, 3, 4, 2]));
        CheckSecondOrder(x => tf.Square(Pool(max, 1, x, [3], [2], "VALID")), Rand(6, [2, 7, 1]));
    }

    [Fact]
    public void SecondOrderOverManyChannelsInFloat32AndFloat64()
    {
        // 17 channels: whole vectors and a scalar tail in MaxPoolGradGrad; float32 agrees with float64.
        var x64 = Rand(12, [1, 3, 3, 17]);
        CheckSecondOrder(x => tf.Square(tf.MaxPool2D(x, 2, 1)), x64);
        static double[] Hessian(Tensor x)
        {
            using var outer = new GradientTape();
            outer.Watch(x);
            Tensor d;
            using (var inner = new GradientTape())
            {
                inner.Watch(x);
                d = inner.Gradient(tf.ReduceSum(tf.Square(tf.MaxPool2D(x, 2, 1))), x)!;
            }
            return Expect.Doubles(outer.Gradient(tf.ReduceSum(tf.Square(d)), x)!);
        }
        Expect.Close(Hessian(x64), Hessian(tf.Cast(x64, DType.Float32)), 1e-5);
    }

    [Fact]
    public void GradientOpsAreAdjointsOfEachOther()
    {
        // MaxPoolGrad and MaxPoolGradGrad are linear in their last input; each one's recorded gradient must be the
        // other (and AvgPoolGrad's, AvgPool): checked by finite differences in that input.
        var x = Rand(7, [1, 4, 5, 3]);
        var g = Strata.Kernels.PoolGeometry.Create(x.Shape, 2, new[] { 2, 3 }, new[] { 1, 2 }, "SAME", "test");
        var y = tf.MaxPool2D(x, [2, 3], [1, 2], "SAME");
        Check((Tensor d) => tf.MaxPoolGrad(x, y, d, g), Rand(8, y.Shape.ToArray()));
        Check((Tensor d) => tf.MaxPoolGradGrad(x, y, d, g), Rand(9, x.Shape.ToArray()));
        Check((Tensor d) => tf.AvgPoolGrad(d, g), Rand(10, y.Shape.ToArray()));
    }

    [Fact]
    public void ThirdOrderThroughMaxPoolGradGrad()
    {
        // d/dx of a second-order quantity built on MaxPoolGradGrad: nested three deep.
        var x = Rand(11, [1, 4, 4, 1]);
        Check(xs =>
        {
            using var outer = new GradientTape();
            outer.Watch(xs[0]);
            using var inner = new GradientTape();
            inner.Watch(xs[0]);
            var l = tf.ReduceSum(tf.Pow(tf.MaxPool2D(xs[0], 2, 2), 3));
            var d1 = inner.Gradient(l, xs[0])!;
            var d2 = outer.Gradient(tf.ReduceSum(tf.Square(d1)), xs[0])!;
            return d2;
        }, 1e-5, 1e-4, [x]);
    }

    // ------------------------------------------------------------ errors

    [Fact]
    public void BadArgumentsAreClearErrors()
    {
        var x = tf.Zeros([1, 4, 4, 2]);
        Assert.Contains("MaxPool2D: input must be 4-D", Assert.Throws<InvalidArgumentError>(() => tf.MaxPool2D(tf.Zeros([4, 4, 2]), 2, 2)).Message);
        Assert.Contains("(4, 4, 2)", Assert.Throws<InvalidArgumentError>(() => tf.MaxPool2D(tf.Zeros([4, 4, 2]), 2, 2)).Message);
        Assert.Contains("AvgPool1D: input must be 3-D", Assert.Throws<InvalidArgumentError>(() => tf.AvgPool1D(x, 2, 2)).Message);
        Assert.Contains("MaxPool3D: input must be 5-D", Assert.Throws<InvalidArgumentError>(() => tf.MaxPool3D(x, 2, 2)).Message);
        Assert.Contains("ksize must be positive", Assert.Throws<InvalidArgumentError>(() => tf.MaxPool2D(x, 0, 1)).Message);
        Assert.Contains("strides must be positive", Assert.Throws<InvalidArgumentError>(() => tf.AvgPool2D(x, [2, 2], [1, -1])).Message);
        Assert.Contains("ksize must have 1, 2 or 4 entries, got 3", Assert.Throws<InvalidArgumentError>(() => tf.MaxPool2D(x, [2, 2, 2], [1])).Message);
        Assert.Contains("batch or channel", Assert.Throws<InvalidArgumentError>(() => tf.MaxPool2D(x, [1, 2, 2, 2], [1])).Message);
        Assert.Contains("padding must be \"VALID\" or \"SAME\", got \"same\"", Assert.Throws<InvalidArgumentError>(() => tf.MaxPool2D(x, 2, 2, "same")).Message);
        var tooLarge = Assert.Throws<InvalidArgumentError>(() => tf.MaxPool2D(x, [5, 2], [1, 1])).Message;
        Assert.Contains("MaxPool2D: the window is larger than the input with VALID padding", tooLarge);
        Assert.Contains("input_size 4, window 5", tooLarge);
        Assert.Throws<UnsupportedDTypeError>(() => tf.MaxPool2D(tf.Zeros([1, 2, 2, 1], DType.Int32), 2, 2));
        Assert.Throws<ArgumentNullException>(() => tf.MaxPool2D(x, null!, [1]));
        // The same window with SAME padding is fine: one output per stride.
        Assert.Equal(new Shape(1, 4, 4, 2), tf.MaxPool2D(x, [5, 2], [1, 1], "SAME").Shape);
        // ksize in its 4-entry form.
        Assert.Equal(new Shape(1, 2, 2, 2), tf.AvgPool2D(x, [1, 2, 2, 1], [1, 2, 2, 1]).Shape);
    }

    [Fact]
    public void EmptyBatchAndChannels()
    {
        Assert.Equal(new Shape(0, 2, 2, 3), tf.MaxPool2D(tf.Zeros([0, 4, 4, 3]), 2, 2).Shape);
        Assert.Equal(new Shape(1, 2, 2, 0), tf.AvgPool2D(tf.Zeros([1, 4, 4, 0]), 2, 2).Shape);
        Assert.Equal(new Shape(0, 1, 1, 1, 2), tf.AvgPool3D(tf.Zeros([0, 2, 3, 2, 2]), 2, 2).Shape);
    }
}
