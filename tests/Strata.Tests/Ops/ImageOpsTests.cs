using static Strata.Tests.GradientCheck;

namespace Strata.Tests.Ops;

public class ImageOpsTests
{
    private static Tensor Image(double[] v, params int[] shape) => tf.Constant(v, dtype: DType.Float32, shape: new Shape(shape));

    /// <summary>A naive 2-D bilinear resize with TF2's half-pixel centers, written pixel by pixel (not separably,
    /// unlike the op): source = (i + 0.5) · in / out - 0.5, clamped to the image.</summary>
    private static double[] NaiveBilinear(double[] x, int b, int h, int w, int c, int oh, int ow)
    {
        var y = new double[b * oh * ow * c];
        for (int n = 0; n < b; n++)
            for (int i = 0; i < oh; i++)
                for (int j = 0; j < ow; j++)
                    for (int k = 0; k < c; k++)
                    {
                        double sy = Math.Clamp((i + 0.5) * h / oh - 0.5, 0, h - 1), sx = Math.Clamp((j + 0.5) * w / ow - 0.5, 0, w - 1);
                        int y0 = (int)Math.Floor(sy), x0 = (int)Math.Floor(sx);
                        int y1 = Math.Min(y0 + 1, h - 1), x1 = Math.Min(x0 + 1, w - 1);
                        double fy = sy - y0, fx = sx - x0;
                        double P(int r, int s) => x[((n * h + r) * w + s) * c + k];
                        y[((n * oh + i) * ow + j) * c + k] = (1 - fy) * ((1 - fx) * P(y0, x0) + fx * P(y0, x1)) + fy * ((1 - fx) * P(y1, x0) + fx * P(y1, x1));
                    }
        return y;
    }

    [Fact]
    public void ResizeBilinearOfATwoByTwoImageMatchesHandValues()
    {
        // [[1, 2], [3, 4]] to 4x4: source rows/cols -0.25, 0.25, 0.75, 1.25 clamp to 0, 0.25, 0.75, 1.
        var y = tf.ResizeBilinear(Image([1, 2, 3, 4], 1, 2, 2, 1), 4, 4);
        Expect.Values(y, [1, 4, 4, 1],
            [1, 1.25, 1.75, 2, 1.5, 1.75, 2.25, 2.5, 2.5, 2.75, 3.25, 3.5, 3, 3.25, 3.75, 4]);
    }

    [Fact]
    public void ResizeBilinearMatchesANaiveFormulaUpAndDown()
    {
        var x = Rand(3, [2, 3, 4, 2]);
        var y = tf.ResizeBilinear(x, 5, 3);
        Expect.Values(y, [2, 5, 3, 2], NaiveBilinear(x.ToArray<double>(), 2, 3, 4, 2, 5, 3), 1e-6);
        Assert.Equal(DType.Float64, y.DType);
    }

    [Fact]
    public void ResizeBilinearLegacyCornersAndUnbatchedAndIntegerInputs()
    {
        // halfPixelCenters false: source i · in / out = 0, 0.5, 1, 1.5 (the last clamps to the edge).
        Expect.Values(tf.ResizeBilinear(Image([1, 2], 1, 2, 1), 1, 4, halfPixelCenters: false), [1, 4, 1], [1, 1.5, 2, 2]);
        var ints = tf.ResizeBilinear(tf.Constant(new[] { 0, 10 }, shape: new Shape(1, 2, 1)), 1, 4);
        Assert.Equal(DType.Float32, ints.DType);
        Expect.Values(ints, [1, 4, 1], [0, 2.5, 7.5, 10]);
    }

    [Fact]
    public void ResizeNearestUsesHalfPixelCentersAndKeepsTheDType()
    {
        // Up 3 → 6: floor((i + 0.5) / 2) = 0 0 1 1 2 2; down 4 → 2: floor((i + 0.5) · 2) = 1, 3.
        Expect.Values(tf.ResizeNearestNeighbor(Image([1, 2, 3], 1, 1, 3, 1), 1, 6), [1, 1, 6, 1], [1, 1, 2, 2, 3, 3]);
        Expect.Values(tf.ResizeNearestNeighbor(Image([1, 2, 3, 4], 4, 1, 1), 2, 1), [2, 1, 1], [2, 4]);
        // Legacy: floor(i · 2) = 0, 2.
        Expect.Values(tf.ResizeNearestNeighbor(Image([1, 2, 3, 4], 4, 1, 1), 2, 1, halfPixelCenters: false), [2, 1, 1], [1, 3]);
        Assert.Equal(DType.Int32, tf.ResizeNearestNeighbor(tf.Constant(new[] { 1, 2 }, shape: new Shape(1, 2, 1)), 2, 2).DType);
    }

    [Fact]
    public void ResizeGradientsMatchFiniteDifferences()
    {
        Check(x => tf.ResizeBilinear(x, 3, 5), Rand(5, [1, 2, 3, 2]));
        Check(x => tf.ResizeBilinear(x, 1, 2), Rand(6, [1, 3, 3, 1]));
        Check(x => tf.ResizeNearestNeighbor(x, 3, 2), Rand(7, [1, 2, 3, 1]));
        CheckSecondOrder(x => tf.Square(tf.ResizeBilinear(x, 3, 3)), Rand(8, [1, 2, 2, 1]));
    }

    [Fact]
    public void ResizeRejectsBadArguments()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => tf.ResizeBilinear(tf.Zeros([2, 2]), 3, 3));
        Assert.Equal("ResizeBilinear: images must have rank 3 (height, width, channels) or 4 (batch, height, width, channels), got shape (2, 2).", e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => tf.ResizeNearestNeighbor(tf.Zeros([2, 2, 1]), 0, 3));
        Assert.Equal("ResizeNearestNeighbor: the size must be positive, got (0, 3).", e.Message);
        Assert.Throws<InvalidArgumentError>(() => tf.ResizeBilinear(tf.Zeros([1, 0, 2, 1]), 2, 2));
        Assert.Throws<UnsupportedDTypeError>(() => tf.ResizeNearestNeighbor(tf.Constant(new[] { true, false }, shape: new Shape(1, 2, 1)), 2, 2));
    }

    private static double[] Shift(string fill, double dx, string interpolation = "nearest", double fillValue = 0)
    {
        // One row [1, 2, 3, 4]; output x reads input x + dx.
        var t = tf.Constant(new double[] { 1, 0, dx, 0, 1, 0, 0, 0 }, shape: new Shape(1, 8));
        return Expect.Doubles(tf.ImageProjectiveTransform(Image([1, 2, 3, 4], 1, 1, 4, 1), t, interpolation, fill, fillValue));
    }

    [Fact]
    public void ProjectiveTransformFillModesFollowTensorFlow()
    {
        // Reading x - 2 (coordinates -2, -1, 0, 1) and x + 2 (2, 3, 4, 5) of a b c d:
        Expect.Close([2, 1, 1, 2], Shift("reflect", -2)); // (d c b a | a b c d | d c b a)
        Expect.Close([3, 4, 4, 3], Shift("reflect", 2));
        Expect.Close([3, 4, 1, 2], Shift("wrap", -2));    // (a b c d | a b c d | a b c d)
        Expect.Close([3, 4, 1, 2], Shift("wrap", 2));
        Expect.Close([9, 9, 1, 2], Shift("constant", -2, fillValue: 9));
        Expect.Close([1, 1, 1, 2], Shift("nearest", -2)); // (a a a a | a b c d | d d d d)
        Expect.Close([4, 4, 4, 4], Shift("nearest", 5));
    }

    [Fact]
    public void ProjectiveTransformBilinearBlendsWithTheFillValue()
    {
        // Reading x - 0.5: the first pixel is half fill (0), half a.
        Expect.Close([0.5, 1.5, 2.5, 3.5], Shift("constant", -0.5, "bilinear"));
        Expect.Close([1, 1.5, 2.5, 3.5], Shift("nearest", -0.5, "bilinear"));
        // Nearest rounds half away from zero: x - 0.5 reads 0 (→ -0.5 rounds to -1, outside: fill), 1 (0.5 → 1)...
        Expect.Close([7, 2, 3, 4], Shift("constant", -0.5, "nearest", 7));
    }

    [Fact]
    public void ProjectiveTransformRotatesAndBroadcastsOneTransform()
    {
        // Output (x, y) reads input (y, 2 - x): out[y, x] = in[2 - x, y], a quarter turn; both images share it.
        var x = Rand(9, [2, 3, 3, 2]);
        var t = tf.Constant(new double[] { 0, 1, 0, -1, 0, 2, 0, 0 }, shape: new Shape(1, 8));
        var y = tf.ImageProjectiveTransform(x, t, "nearest");
        var xv = x.ToArray<double>();
        var expected = new double[xv.Length];
        for (int n = 0; n < 2; n++)
            for (int r = 0; r < 3; r++)
                for (int s = 0; s < 3; s++)
                    for (int c = 0; c < 2; c++)
                        expected[((n * 3 + r) * 3 + s) * 2 + c] = xv[((n * 3 + (2 - s)) * 3 + r) * 2 + c];
        Expect.Values(y, [2, 3, 3, 2], expected);
        Assert.Equal(DType.Float64, y.DType);
    }

    [Fact]
    public void ProjectiveTransformOfAnInfinitePointIsTheFillValue()
    {
        // k = 1 - x: pixel 0 is read as is, pixel 1 has k = 0 (at infinity) and takes the fill value.
        var t = tf.Constant(new double[] { 1, 0, 0, 0, 1, 0, -1, 0 }, shape: new Shape(1, 8));
        var y = Expect.Doubles(tf.ImageProjectiveTransform(Image([5, 6], 1, 1, 2, 1), t, "nearest", "constant", 7));
        Expect.Close([5, 7], y);
    }

    [Fact]
    public void ProjectiveTransformOutputShapeAndIntegerImages()
    {
        var t = tf.Constant(new double[] { 1, 0, 0, 0, 1, 0, 0, 0 }, shape: new Shape(1, 8));
        var y = tf.ImageProjectiveTransform(tf.Constant(new[] { 1, 2, 3, 4 }, shape: new Shape(1, 2, 2, 1)), t, outputShape: (1, 3));
        Assert.Equal(DType.Float32, y.DType);
        Expect.Values(y, [1, 1, 3, 1], [1, 2, 0]); // the third column lies outside: constant 0
    }

    [Fact]
    public void ProjectiveTransformGradientsMatchFiniteDifferences()
    {
        var t = tf.Constant(new double[] { 0.9, 0.2, -0.3, -0.1, 1.1, 0.4, 0, 0, 1, 0, 0.35, 0, 1, -0.6, 0.01, 0 }, shape: new Shape(2, 8));
        foreach (var fill in new[] { "constant", "reflect", "wrap", "nearest" })
            Check(x => tf.ImageProjectiveTransform(x, t, "bilinear", fill, 0.5), Rand(10, [2, 3, 4, 1]));
        Check(x => tf.ImageProjectiveTransform(x, t, "nearest"), Rand(11, [2, 3, 3, 2]));
        CheckSecondOrder(x => tf.Square(tf.ImageProjectiveTransform(x, t)), Rand(12, [2, 2, 3, 1]));
    }

    [Fact]
    public void ProjectiveTransformRejectsBadArguments()
    {
        var x = tf.Zeros([2, 2, 2, 1]);
        var t = tf.Zeros([1, 8]);
        var e = Assert.Throws<InvalidArgumentError>(() => tf.ImageProjectiveTransform(tf.Zeros([2, 2, 1]), t));
        Assert.Equal("ImageProjectiveTransform: images must have rank 4 (batch, height, width, channels), got shape (2, 2, 1).", e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => tf.ImageProjectiveTransform(x, tf.Zeros([3, 8])));
        Assert.Equal("ImageProjectiveTransform: transforms must have shape (1, 8) or (2, 8) for images of shape (2, 2, 2, 1), got (3, 8).", e.Message);
        Assert.Throws<InvalidArgumentError>(() => tf.ImageProjectiveTransform(x, tf.Zeros([8])));
        Assert.Throws<InvalidArgumentError>(() => tf.ImageProjectiveTransform(x, tf.Zeros([1, 6])));
        e = Assert.Throws<InvalidArgumentError>(() => tf.ImageProjectiveTransform(x, t, interpolation: "bicubic"));
        Assert.Equal("ImageProjectiveTransform: unknown interpolation \"bicubic\"; expected \"nearest\" or \"bilinear\".", e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => tf.ImageProjectiveTransform(x, t, fillMode: "mirror"));
        Assert.Equal("ImageProjectiveTransform: unknown fill mode \"mirror\"; expected \"reflect\", \"wrap\", \"constant\" or \"nearest\".", e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => tf.ImageProjectiveTransform(x, t, outputShape: (0, 2)));
        Assert.Equal("ImageProjectiveTransform: the output size must be positive, got (0, 2).", e.Message);
    }
}
