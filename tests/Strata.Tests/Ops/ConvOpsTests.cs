using Strata.Kernels.Conv;
using static Strata.Tests.GradientCheck;
using R = Strata.Tests.Ops.ConvReference;

namespace Strata.Tests.Ops;

public class ConvOpsTests
{
    private static double[] D(Tensor t) => Expect.Doubles(t);

    /// <summary>Runs tf's convolution in float32 and float64 on the same values and compares both with the
    /// nested-loop reference.</summary>
    private static void CheckForward(int[] xShape, int[] wShape, int[] strides, int[] dilations, string padding,
        Func<Tensor, Tensor, Tensor> op, bool depthwise = false, int seed = 1)
    {
        var x = Rand(seed, xShape);
        var w = Rand(seed + 1, wShape);
        var g = R.Geometry(xShape, wShape, strides, dilations, padding, depthwise);
        var expected = R.Forward(g, x.ToArray<double>(), w.ToArray<double>());
        var y64 = op(x, w);
        Assert.Equal(new Shape(R.OutputShape(g, xShape.Length - 2)), y64.Shape);
        Expect.Close(expected, D(y64), 1e-12);
        var y32 = op(tf.Cast(x, DType.Float32), tf.Cast(w, DType.Float32));
        Assert.Equal(DType.Float32, y32.DType);
        Expect.Close(expected, D(y32), 1e-4);
    }

    [Fact]
    public void Conv2DHandComputed()
    {
        // 1..9 in a 3x3 image, a 2x2 filter of ones: each output is the sum of a 2x2 window.
        var x = tf.Constant(Enumerable.Range(1, 9).Select(i => (float)i).ToArray(), shape: new Shape(1, 3, 3, 1));
        var w = tf.Ones([2, 2, 1, 1]);
        Expect.Values(tf.Conv2D(x, w), [1, 2, 2, 1], [12, 16, 24, 28]);
        // SAME with an even kernel pads after only: the last row and column see one zero.
        Expect.Values(tf.Conv2D(x, w, padding: "SAME"), [1, 3, 3, 1], [12, 16, 9, 24, 28, 15, 15, 17, 9]);
        // Stride 2, SAME: out 2x2, pad_total = (2-1)*2 + 2 - 3 = 1, after.
        Expect.Values(tf.Conv2D(x, w, 2, "SAME"), [1, 2, 2, 1], [12, 9, 15, 9]);
    }

    [Theory]
    [InlineData(new[] { 1, 5, 7, 3 }, new[] { 3, 2, 3, 4 }, 2, 1, 1, "SAME")]     // strides (2, 1), even kernel width
    [InlineData(new[] { 2, 6, 5, 1 }, new[] { 2, 2, 1, 3 }, 2, 2, 1, "VALID")]    // channels 1, stride 2
    [InlineData(new[] { 1, 7, 6, 2 }, new[] { 3, 3, 2, 2 }, 1, 1, 2, "SAME")]     // dilation 2
    [InlineData(new[] { 1, 7, 8, 3 }, new[] { 3, 2, 3, 2 }, 1, 1, 2, "VALID")]    // dilation, valid
    [InlineData(new[] { 2, 5, 5, 4 }, new[] { 3, 3, 2, 6 }, 1, 1, 1, "SAME")]     // 2 groups
    [InlineData(new[] { 1, 4, 4, 6 }, new[] { 2, 2, 1, 12 }, 2, 2, 1, "VALID")]    // 6 groups of 1 channel
    [InlineData(new[] { 2, 3, 3, 5 }, new[] { 1, 1, 5, 4 }, 1, 1, 1, "VALID")]    // pointwise
    [InlineData(new[] { 1, 4, 5, 3 }, new[] { 1, 1, 3, 2 }, 2, 2, 1, "SAME")]     // 1x1 with stride
    [InlineData(new[] { 2, 5, 4, 8 }, new[] { 3, 3, 8, 3 }, 1, 1, 1, "SAME")]     // kernel rows of 24 floats: one copy each
    [InlineData(new[] { 1, 7, 8, 16 }, new[] { 2, 3, 8, 4 }, 1, 2, 2, "VALID")]   // wide rows, groups and dilation: tap by tap
    public void Conv2DMatchesReference(int[] xs, int[] ws, int sh, int sw, int d, string padding)
        => CheckForward(xs, ws, [sh, sw], [d, d], padding, (x, w) => tf.Conv2D(x, w, [sh, sw], padding, [d, d]));

    /// <summary>Patches of at most 32 values and at least 8 output channels take the direct kernel
    /// (<see cref="SmallPatchConvKernels"/>) in float32: output channels past the last full vector, groups of four
    /// pixels cut at a block's end, lines longer than a block, strides, dilation and padding.</summary>
    [Theory]
    [InlineData(new[] { 2, 9, 11, 1 }, new[] { 3, 3, 1, 13 }, 1, 1, 1, "VALID")]    // a first layer: K = 9, 13 channels
    [InlineData(new[] { 1, 8, 7, 3 }, new[] { 3, 3, 3, 17 }, 2, 2, 1, "SAME")]      // three channels, K = 27, stride 2
    [InlineData(new[] { 3, 6, 9, 1 }, new[] { 2, 4, 1, 8 }, 1, 1, 2, "SAME")]       // an even kernel, dilation 2
    [InlineData(new[] { 1, 3, 150, 1 }, new[] { 3, 3, 1, 9 }, 1, 1, 1, "SAME")]     // 150-pixel lines: blocks of 128
    [InlineData(new[] { 1, 5, 5, 2 }, new[] { 4, 4, 2, 32 }, 1, 1, 1, "SAME")]      // K = 32, the largest taken
    [InlineData(new[] { 2, 7, 6, 1 }, new[] { 3, 3, 1, 35 }, 1, 1, 1, "SAME")]      // 32 channels at once and a tail of 3
    [InlineData(new[] { 1, 9, 13, 3 }, new[] { 2, 2, 3, 48 }, 1, 1, 1, "VALID")]    // 32 + 16 channels, every group interior
    public void SmallPatchConvMatchesReference(int[] xs, int[] ws, int sh, int sw, int d, string padding)
    {
        CheckForward(xs, ws, [sh, sw], [d, d], padding, (x, w) => tf.Conv2D(x, w, [sh, sw], padding, [d, d]));
        double savedFlops = SmallPatchConvKernels.FlopsPerThread;
        try
        {
            SmallPatchConvKernels.FlopsPerThread = 1;   // output lines spread over the threads
            CheckForward(xs, ws, [sh, sw], [d, d], padding, (x, w) => tf.Conv2D(x, w, [sh, sw], padding, [d, d]));
        }
        finally { SmallPatchConvKernels.FlopsPerThread = savedFlops; }
    }

    [Fact]
    public void SmallPatchConv1DAnd3DMatchReference()
    {
        CheckForward([2, 40, 2], [5, 2, 10], [2], [1], "CAUSAL", (x, w) => tf.Conv1D(x, w, 2, "CAUSAL"));
        CheckForward([1, 4, 5, 6, 1], [2, 3, 2, 1, 12], [1, 1, 2], [1, 1, 1], "SAME", (x, w) => tf.Conv3D(x, w, [1, 1, 2], "SAME"));
    }

    [Fact]
    public void Conv2DSmallTilesAndThreads()
    {
        // Tiles of a few rows, spread over threads, cut across images: the same result.
        int saved = ConvKernels.TileBytes, savedFilter = ConvKernels.FilterTileBytes;
        double savedFlops = ConvKernels.MinFlopsPerThread;
        try
        {
            ConvKernels.TileBytes = ConvKernels.FilterTileBytes = 64;
            ConvKernels.MinFlopsPerThread = 1;
            CheckForward([3, 5, 4, 3], [3, 3, 3, 4], [1, 1], [1, 1], "SAME", (x, w) => tf.Conv2D(x, w, padding: "SAME"));
            CheckForward([2, 5, 4, 4], [2, 2, 2, 4], [1, 2], [1, 1], "VALID", (x, w) => tf.Conv2D(x, w, [1, 2]));
            var x = Rand(3, [3, 5, 4, 4]);
            var w = Rand(4, [3, 3, 2, 4]);
            Check(xs => tf.Conv2D(xs[0], xs[1], padding: "SAME"), x, w);
            Check(xs => tf.DepthwiseConv2D(xs[0], xs[1], 1, "SAME"), Rand(5, [3, 3, 4, 2]), Rand(6, [2, 2, 2, 1]));
        }
        finally
        {
            ConvKernels.TileBytes = saved;
            ConvKernels.FilterTileBytes = savedFilter;
            ConvKernels.MinFlopsPerThread = savedFlops;
        }
    }

    [Theory]
    [InlineData(1, 1, "VALID")]
    [InlineData(2, 1, "SAME")]
    [InlineData(1, 2, "CAUSAL")]
    [InlineData(2, 1, "CAUSAL")]
    public void Conv1DMatchesReference(int stride, int dilation, string padding)
        => CheckForward([2, 9, 3], [3, 3, 2], [stride], [dilation], padding, (x, w) => tf.Conv1D(x, w, stride, padding, dilation));

    [Fact]
    public void Conv1DCausalIsLeftPadded()
    {
        // Causal: y[t] = w0·x[t-1] + w1·x[t], x[-1] = 0.
        var x = tf.Constant(new float[] { 1, 2, 3, 4 }, shape: new Shape(1, 4, 1));
        var w = tf.Constant(new float[] { 10, 1 }, shape: new Shape(2, 1, 1));
        Expect.Values(tf.Conv1D(x, w, padding: "CAUSAL"), [1, 4, 1], [1, 12, 23, 34]);
    }

    [Fact]
    public void Conv3DMatchesReference()
    {
        CheckForward([1, 3, 4, 4, 2], [2, 2, 2, 2, 3], [1, 2, 1], [1, 1, 1], "SAME", (x, w) => tf.Conv3D(x, w, [1, 2, 1], "SAME"));
        CheckForward([2, 4, 3, 3, 1], [2, 2, 2, 1, 2], [1, 1, 1], [2, 1, 1], "VALID", (x, w) => tf.Conv3D(x, w, dilations: [2, 1, 1]));
        CheckForward([1, 3, 3, 3, 2], [1, 2, 2, 2, 2], [1, 1, 1], [1, 1, 1], "VALID", (x, w) => tf.Conv3D(x, w, 1));
    }

    [Theory]
    [InlineData(2, "SAME", 1)]     // Keras: (3 - 1)·2 + 3 - 2·1 + 1 = 6
    [InlineData(2, "VALID", 1)]    // (3 - 1)·2 + 3 + 1 = 8
    [InlineData(1, "SAME", 0)]
    [InlineData(3, "VALID", 2)]
    public void Conv2DTransposeMatchesReference(int stride, string padding, int outputPadding)
    {
        int pad = padding == "SAME" ? 1 : 0;
        int outSize = (3 - 1) * stride + 3 - 2 * pad + outputPadding;
        var x = Rand(5, [2, 3, 3, 2]);
        var w = Rand(6, [3, 3, 4, 2]);   // [kh, kw, out, in]
        var y = tf.Conv2DTranspose(x, w, [2, outSize, outSize, 4], stride, padding);
        var g = R.Geometry([2, outSize, outSize, 4], [3, 3, 4, 2], [stride, stride], [1, 1], padding);
        Assert.Equal(new Shape(2, outSize, outSize, 4), y.Shape);
        Expect.Close(R.Transpose(g, x.ToArray<double>(), w.ToArray<double>()), D(y), 1e-12);
        var y32 = tf.Conv2DTranspose(tf.Cast(x, DType.Float32), tf.Cast(w, DType.Float32), [2, outSize, outSize, 4], [1, stride, stride, 1], padding);
        Expect.Close(D(y), D(y32), 1e-4);
    }

    [Fact]
    public void TransposesOfOtherRanksMatchReference()
    {
        var x = Rand(7, [1, 4, 3]);
        var w = Rand(8, [3, 2, 3]);
        var y = tf.Conv1DTranspose(x, w, [1, 8, 2], 2, "SAME");
        Expect.Close(R.Transpose(R.Geometry([1, 8, 2], [3, 2, 3], [2], [1], "SAME"), x.ToArray<double>(), w.ToArray<double>()), D(y), 1e-12);
        var y2 = tf.Conv1DTranspose(x, w, [1, 10, 2], 1, "VALID", 3);
        Expect.Close(R.Transpose(R.Geometry([1, 10, 2], [3, 2, 3], [1], [3], "VALID"), x.ToArray<double>(), w.ToArray<double>()), D(y2), 1e-12);
        var x3 = Rand(9, [1, 2, 2, 3, 2]);
        var w3 = Rand(10, [2, 2, 2, 1, 2]);
        var y3 = tf.Conv3DTranspose(x3, w3, [1, 4, 4, 6, 1], [2, 2, 2]);
        Expect.Close(R.Transpose(R.Geometry([1, 4, 4, 6, 1], [2, 2, 2, 1, 2], [2, 2, 2], [1, 1, 1], "SAME"), x3.ToArray<double>(), w3.ToArray<double>()), D(y3), 1e-12);
    }

    [Theory]
    [InlineData(1, 1, "VALID", 2)]
    [InlineData(2, 1, "SAME", 2)]
    [InlineData(1, 2, "SAME", 2)]
    [InlineData(1, 1, "SAME", 1)]   // multiplier 1: the vector path along the channels
    [InlineData(2, 1, "VALID", 1)]
    public void DepthwiseConv2DMatchesReference(int stride, int dilation, string padding, int multiplier)
        => CheckForward([2, 5, 6, 3], [3, 3, 3, multiplier], [stride, stride], [dilation, dilation], padding,
            (x, w) => tf.DepthwiseConv2D(x, w, stride, padding, dilation), depthwise: true);

    [Fact]
    public void DepthwiseChannelOrderIsChannelTimesMultiplier()
    {
        // One pixel, 1x1 filter: output channel c·M + m is x[c]·w[c, m].
        var x = tf.Constant(new float[] { 1, 10 }, shape: new Shape(1, 1, 1, 2));
        var w = tf.Constant(new float[] { 1, 2, 3, 4, 5, 6 }, shape: new Shape(1, 1, 2, 3));
        Expect.Values(tf.DepthwiseConv2D(x, w), [1, 1, 1, 6], [1, 2, 3, 40, 50, 60]);
    }

    [Fact]
    public void SeparableConvIsDepthwiseThenPointwise()
    {
        var x = Rand(11, [1, 5, 5, 2]);
        var dw = Rand(12, [3, 3, 2, 2]);
        var pw = Rand(13, [1, 1, 4, 3]);
        var g = R.Geometry([1, 5, 5, 2], [3, 3, 2, 2], [2, 2], [1, 1], "SAME", depthwise: true);
        var mid = R.Forward(g, x.ToArray<double>(), dw.ToArray<double>());
        var g2 = R.Geometry([1, 3, 3, 4], [1, 1, 4, 3], [1, 1], [1, 1], "VALID");
        var y = tf.SeparableConv2D(x, dw, pw, [2, 2], "SAME");
        Assert.Equal(new Shape(1, 3, 3, 3), y.Shape);
        Expect.Close(R.Forward(g2, mid, pw.ToArray<double>()), D(y), 1e-12);
        // 1-D: the same composition on (batch, width, channels).
        var x1 = Rand(14, [2, 6, 2]);
        var y1 = tf.SeparableConv1D(x1, Rand(15, [3, 2, 1]), Rand(16, [1, 2, 2]), 1, "CAUSAL");
        Assert.Equal(new Shape(2, 6, 2), y1.Shape);
    }

    // ------------------------------------------------------------------ gradients

    [Fact]
    public void Conv2DGradients()
    {
        Check(xs => tf.Conv2D(xs[0], xs[1], [2, 1], "SAME"), Rand(20, [2, 5, 4, 3]), Rand(21, [2, 3, 3, 2]));
        Check(xs => tf.Conv2D(xs[0], xs[1], 1, "VALID", 2), Rand(22, [1, 6, 5, 4]), Rand(23, [2, 2, 2, 4]));   // groups, dilation
        Check(xs => tf.Conv2D(xs[0], xs[1]), Rand(24, [2, 3, 3, 3]), Rand(25, [1, 1, 3, 2]));                   // pointwise
        // Wide kernel rows (more than 16 floats) in the scatter: contiguous, then per tap (groups, dilation).
        Check(xs => tf.Conv2D(xs[0], xs[1], 2, "SAME"), Rand(80, [1, 4, 4, 6]), Rand(81, [3, 3, 6, 2]));
        Check(xs => tf.Conv2D(xs[0], xs[1], [2, 2], "VALID", [2, 2]), Rand(82, [1, 5, 5, 12]), Rand(83, [2, 3, 6, 2]));
        // Stride 1, "same": the input gradient runs as a convolution with the flipped filter (groups, dilation).
        Check(xs => tf.Conv2D(xs[0], xs[1], 1, "SAME", 2), Rand(26, [1, 5, 6, 4]), Rand(27, [3, 2, 2, 6]));
        Check(xs => tf.DepthwiseConv2D(xs[0], xs[1], 1, "SAME"), Rand(28, [2, 4, 3, 3]), Rand(29, [2, 3, 3, 2]));
        Check(xs => tf.DepthwiseConv2D(xs[0], xs[1], 2, "SAME"), Rand(84, [2, 5, 4, 4]), Rand(85, [3, 2, 4, 1]));   // multiplier 1
    }

    [Fact]
    public void OtherConvolutionGradients()
    {
        Check(xs => tf.Conv1D(xs[0], xs[1], 2, "CAUSAL"), Rand(30, [2, 7, 2]), Rand(31, [3, 2, 3]));
        Check(xs => tf.Conv3D(xs[0], xs[1], 1, "SAME"), Rand(32, [1, 3, 3, 2, 2]), Rand(33, [2, 2, 2, 2, 2]));
        Check(xs => tf.Conv2DTranspose(xs[0], xs[1], [1, 6, 6, 2], 2, "SAME"), Rand(34, [1, 3, 3, 3]), Rand(35, [3, 3, 2, 3]));
        Check(xs => tf.Conv1DTranspose(xs[0], xs[1], [2, 8, 1], 2, "VALID"), Rand(36, [2, 3, 2]), Rand(37, [3, 1, 2]));
        Check(xs => tf.DepthwiseConv2D(xs[0], xs[1], 2, "SAME"), Rand(38, [1, 5, 4, 2]), Rand(39, [3, 3, 2, 2]));
        Check(xs => tf.SeparableConv2D(xs[0], xs[1], xs[2], padding: "SAME"), Rand(40, [1, 4, 4, 2]), Rand(41, [2, 2, 2, 1]), Rand(42, [1, 1, 2, 3]));
    }

    [Fact]
    public void Conv2DSecondOrder()
    {
        var w = Rand(50, [2, 2, 2, 3]);
        var x = Rand(51, [1, 4, 4, 2]);
        // Through the input (the input gradient's own gradient w.r.t. x, via the filter gradient) and the filter.
        CheckSecondOrder(v => tf.Square(tf.Conv2D(v, w, 2, "SAME")), x);
        CheckSecondOrder(v => tf.Tanh(tf.Conv2D(x, v, 1, "VALID")), w);
        CheckSecondOrder(v => tf.Square(tf.Conv2DTranspose(v, Rand(52, [3, 3, 2, 2]), [1, 8, 8, 2], 2)), x);
    }

    [Fact]
    public void FilterGradientDifferentiatedByTheInput()
    {
        // d/dx of a function of ∂L/∂w (the filter gradient's partial in x), L = sum(tanh(conv(x, w)) * u).
        var w = Rand(55, [2, 2, 2, 2], -0.7, 0.7);
        var u = Rand(56, [1, 3, 4, 2]);
        Check(xs =>
        {
            using var inner = new GradientTape();
            inner.Watch(w);
            var loss = tf.ReduceSum(tf.Multiply(tf.Tanh(tf.Conv2D(xs[0], w, [1, 1, 1, 1], "VALID")), u));
            return inner.Gradient(loss, w)!;
        }, 1e-5, 1e-4, [Rand(57, [1, 4, 5, 2], -1, 1)]);
    }

    [Fact]
    public void GradientPenaltyOfAConvolutionalCritic()
    {
        // WGAN-GP: d/dw of (||∂critic/∂x||² - 1)², critic = sum(tanh(conv(x, w))): needs the input gradient's
        // gradient w.r.t. the filter (ConvBackpropInput's partial in w).
        var x = Rand(60, [2, 4, 4, 1]);
        Check(ws =>
        {
            using var inner = new GradientTape();
            inner.Watch(x);
            var critic = tf.ReduceSum(tf.Tanh(tf.Conv2D(x, ws[0], 1, "SAME")));
            var dx = inner.Gradient(critic, x)!;
            return tf.Square(tf.ReduceSum(tf.Square(dx)) - 1.0);
        }, 1e-5, 1e-4, [Rand(61, [3, 3, 1, 2], -0.5, 0.5)]);
    }

    [Fact]
    public void FirstLayerSkipsTheInputGradient()
    {
        var x = Rand(70, [1, 3, 3, 1]);
        var w = tf.Variable(Rand(71, [2, 2, 1, 1]));
        using var tape = new GradientTape();
        var y = tf.ReduceSum(tf.Conv2D(x, w));
        var grads = tape.Gradient(y, [x, w]);
        Assert.Null(grads[0]);
        // dL/dw[i, j] = sum of the window's inputs at offset (i, j).
        var xv = x.ToArray<double>();
        Expect.Close([xv[0] + xv[1] + xv[3] + xv[4], xv[1] + xv[2] + xv[4] + xv[5], xv[3] + xv[4] + xv[6] + xv[7], xv[4] + xv[5] + xv[7] + xv[8]], D(grads[1]!), 1e-12);
    }

    // ------------------------------------------------------------------ errors

    private static void Fails(Action a, params string[] parts)
    {
        var e = Assert.ThrowsAny<InvalidArgumentError>(a);
        foreach (var p in parts) Assert.Contains(p, e.Message);
    }

    [Fact]
    public void BadArgumentsAreNamed()
    {
        var x = tf.Zeros([1, 5, 5, 3]);
        var w = tf.Zeros([3, 3, 3, 4]);
        Fails(() => tf.Conv2D(tf.Zeros([5, 5, 3]), w), "Conv2D", "4-D", "(5, 5, 3)");
        Fails(() => tf.Conv2D(x, tf.Zeros([3, 3, 4])), "Conv2D", "filter", "(3, 3, 4)");
        Fails(() => tf.Conv2D(x, tf.Zeros([3, 3, 2, 4])), "Conv2D", "evenly divisible by filter depth: 3 vs 2");
        Fails(() => tf.Conv2D(tf.Zeros([1, 5, 5, 4]), tf.Zeros([3, 3, 2, 3])), "output depth must be evenly divisible by number of groups: 3 vs 2");
        Fails(() => tf.Conv2D(x, w, 0), "Conv2D", "strides must be positive");
        Fails(() => tf.Conv2D(x, w, [-1, 1]), "strides must be positive");
        Fails(() => tf.Conv2D(x, w, [2, 1, 1, 1]), "batch and depth");
        Fails(() => tf.Conv2D(x, w, [1, 1, 1]), "strides must have 1, 2 or 4 elements");
        Fails(() => tf.Conv2D(x, w, dilations: [1, -1]), "dilations must be positive");
        Fails(() => tf.Conv2D(x, tf.Zeros([7, 2, 3, 4])), "Computed output size would be negative: -1", "input_size: 5", "effective_filter_size: 7");
        Fails(() => tf.Conv2D(x, w, padding: "CAUSAL"), "padding must be \"VALID\" or \"SAME\"");
        Fails(() => tf.Conv2D(x, tf.Zeros([3, 3, 3, 4], DType.Float64)), "float32", "float64", "tf.Cast");
        Assert.Throws<UnsupportedDTypeError>(() => tf.Conv2D(tf.Zeros([1, 5, 5, 3], DType.Int32), w));
        Fails(() => tf.Conv1D(tf.Zeros([1, 5, 2]), tf.Zeros([3, 2, 1]), padding: "FULL"), "Conv1D", "\"CAUSAL\"");
        Fails(() => tf.Conv3D(tf.Zeros([1, 2, 2, 2]), tf.Zeros([1, 1, 1, 2, 1])), "Conv3D", "5-D");
        Fails(() => tf.DepthwiseConv2D(x, tf.Zeros([3, 3, 2, 1])), "DepthwiseConv2D", "in_channels");
        Fails(() => tf.SeparableConv2D(x, tf.Zeros([3, 3, 3, 1]), tf.Zeros([1, 1, 2, 4])), "pointwise_filter", "(1, 1, 2, 4)");
        Assert.Throws<ArgumentNullException>(() => tf.Conv2D(x, null!));
    }

    [Fact]
    public void BadTransposeArgumentsAreNamed()
    {
        var x = tf.Zeros([1, 3, 3, 2]);
        var w = tf.Zeros([3, 3, 4, 2]);
        Fails(() => tf.Conv2DTranspose(x, w, [1, 7, 7, 4], 2), "Conv2DTranspose", "does not match output_shape", "(1, 4, 4, 2)");
        Fails(() => tf.Conv2DTranspose(x, w, [1, 6, 6, 3], 2), "output_shape's depth 3", "out_channels 4");
        Fails(() => tf.Conv2DTranspose(tf.Zeros([1, 3, 3, 5]), w, [1, 6, 6, 4], 2), "input depth 5");
        Fails(() => tf.Conv2DTranspose(x, w, [1, 6, 6], 2), "output_shape must be 4");
        Fails(() => tf.Conv2DTranspose(x, tf.Zeros([3, 4, 2]), [1, 6, 6, 4], 2), "filters must be 4-D");
        Fails(() => tf.Conv2DTranspose(tf.Zeros([3, 3, 2]), w, [1, 6, 6, 4], 2), "input must be 4-D");
        Fails(() => tf.Conv1DTranspose(tf.Zeros([1, 3, 2]), tf.Zeros([3, 4, 2]), [1, 6, 4], 2, "CAUSAL"), "Conv1DTranspose", "padding");
        Assert.Throws<ArgumentNullException>(() => tf.Conv2DTranspose(x, w, null!, 2));
    }

    [Fact]
    public void EmptyBatchAndZeroOutput()
    {
        var y = tf.Conv2D(tf.Zeros([0, 4, 4, 2]), tf.Ones([3, 3, 2, 3]));
        Assert.Equal(new Shape(0, 2, 2, 3), y.Shape);
        // The window exactly one wider than the input: TensorFlow's size formula gives 0, not an error.
        Assert.Equal(new Shape(1, 0, 3, 1), tf.Conv2D(tf.Ones([1, 2, 3, 1]), tf.Ones([3, 1, 1, 1])).Shape);
        var x = tf.Variable(tf.Ones([0, 3, 3, 1]));
        var w = tf.Variable(tf.Ones([2, 2, 1, 1]));
        using var tape = new GradientTape();
        var loss = tf.ReduceSum(tf.Conv2D(x, w, 2));
        var grads = tape.Gradient(loss, [x, w]);
        Assert.Equal(new Shape(0, 3, 3, 1), grads[0]!.Shape);
        Expect.Values(grads[1]!, [2, 2, 1, 1], [0, 0, 0, 0]);
        // A depthwise convolution of no channels has no output channels.
        Assert.Equal(new Shape(1, 2, 2, 0), tf.DepthwiseConv2D(tf.Ones([1, 3, 3, 0]), tf.Ones([2, 2, 0, 3])).Shape);
    }

    [Fact]
    public void GradientOpsCheckTheirUpstreamShape()
    {
        var g = tf.ConvGeometryOf("Conv2D", 2, new Shape(1, 4, 4, 1), new Shape(2, 2, 1, 1), null, null, "VALID");
        var e = Assert.Throws<InvalidArgumentError>(() => tf.ConvBackpropInput(g, tf.Ones([2, 2, 1, 1]), tf.Ones([1, 2, 2, 1])));
        Assert.Contains("Conv2D: out_backprop must have shape (1, 3, 3, 1), got (1, 2, 2, 1)", e.Message);
        Assert.Throws<InvalidArgumentError>(() => tf.ConvBackpropFilter(g, tf.Ones([1, 4, 4, 1]), tf.Ones([1, 3, 3, 2])));
    }
}
