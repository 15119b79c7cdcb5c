using Strata.Keras.Layers;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;

namespace Strata.Keras.Tests.Preprocessing;

public class AugmentationTests
{
    private static Tensor Iota(params int[] shape)
    {
        int n = shape.Aggregate(1, (p, d) => p * d);
        return tf.Constant(Enumerable.Range(1, n).Select(i => (float)i).ToArray(), shape: new Shape(shape));
    }

    /// <summary>Image i of a (b, h, w, 1) batch whose image i is 100 i + 1.. (so images are told apart).</summary>
    private static Tensor Batch(int b, int h, int w)
    {
        var v = new float[b * h * w];
        for (int i = 0; i < v.Length; i++) v[i] = 100 * (i / (h * w)) + i % (h * w) + 1;
        return tf.Constant(v, shape: new Shape(b, h, w, 1));
    }

    private static double[] Image(double[] all, int i, int size) => all.Skip(i * size).Take(size).ToArray();

    private static double[] Flip(double[] img, int h, int w, bool rows, bool cols)
    {
        var y = new double[img.Length];
        for (int r = 0; r < h; r++)
            for (int c = 0; c < w; c++)
                y[r * w + c] = img[(rows ? h - 1 - r : r) * w + (cols ? w - 1 - c : c)];
        return y;
    }

    [Fact]
    public void RandomFlipFlipsSomeImagesAndOnlyInTraining()
    {
        var x = Batch(16, 2, 3);
        var xv = Check.Values(x);
        foreach (var mode in new[] { "horizontal", "vertical", "horizontal_and_vertical" })
        {
            var y = Check.Values(new RandomFlip(mode, seed: 3).Apply(x, training: true));
            int flipped = 0;
            for (int i = 0; i < 16; i++)
            {
                var img = Image(xv, i, 6);
                var outImg = Image(y, i, 6);
                var flip = Flip(img, 2, 3, rows: mode != "horizontal", cols: mode != "vertical");
                if (outImg.SequenceEqual(flip)) flipped++;
                else Assert.Equal(img, outImg); // either flipped as the mode says, or untouched
            }
            Assert.InRange(flipped, 1, 15);
        }
        Assert.Same(x, new RandomFlip().Apply(x, training: false));
        Assert.Equal(xv, Check.Values(new RandomFlip(seed: 1).Apply(x, training: false)));
    }

    [Fact]
    public void SeededAugmentationsRepeatAndAdvance()
    {
        var x = Batch(4, 4, 4);
        Func<Layer>[] makers =
        [
            () => new RandomFlip(seed: 5), () => new RandomCrop(2, 3, seed: 5), () => new RandomContrast(0.5, seed: 5),
            () => new RandomRotation(0.2, seed: 5), () => new RandomZoom(0.3, 0.2, seed: 5), () => new RandomTranslation(0.3, 0.3, seed: 5),
        ];
        foreach (var make in makers)
        {
            var a = make();
            var first = Check.Values(a.Apply(x, training: true));
            Assert.Equal(first, Check.Values(make().Apply(x, training: true))); // same seed, same transformation
            var later = Enumerable.Range(0, 3).Select(_ => Check.Values(a.Apply(x, training: true))).ToArray();
            Assert.Contains(later, l => !l.SequenceEqual(first)); // each call draws anew
        }
    }

    [Fact]
    public void RandomCropTakesOneWindowForTheBatch()
    {
        var x = Batch(2, 4, 5);
        var layer = new RandomCrop(2, 3, seed: 7);
        var seen = new HashSet<(int, int)>();
        for (int call = 0; call < 12; call++)
        {
            var y = Check.Values(layer.Apply(x, training: true));
            Assert.Equal(12, y.Length);
            // Image 0 holds 1..20 row-major: the window's first value gives its corner.
            int top = ((int)y[0] - 1) / 5, left = ((int)y[0] - 1) % 5;
            for (int r = 0; r < 2; r++)
                for (int c = 0; c < 3; c++)
                {
                    Assert.Equal((top + r) * 5 + left + c + 1, y[r * 3 + c]);
                    Assert.Equal(y[r * 3 + c] + 100, y[6 + r * 3 + c]); // the same window in image 1
                }
            seen.Add((top, left));
        }
        Assert.True(seen.Count > 1, "the window moves from call to call");
        Assert.All(seen, s => Assert.True(s.Item1 <= 2 && s.Item2 <= 2));
    }

    [Fact]
    public void RandomCropAtInferenceCropsToTheAspectRatioAndResizes()
    {
        // A 4x4 image 1..16 to 2x2: the whole image (same aspect ratio) resized, each output the mean of a 2x2 block.
        var expected = new double[] { 3.5, 5.5, 11.5, 13.5 };
        Check.Close(expected, Check.Values(new RandomCrop(2, 2).Apply(Iota(1, 4, 4, 1), training: false)));
        // In training, an image not larger than the target on both sides takes the same path.
        Check.Close([2, 3, 6, 7], Check.Values(new RandomCrop(2, 2, seed: 1).Apply(Iota(2, 4, 1), training: true)));
    }

    [Fact]
    public void RandomContrastSpreadsEachImageAboutItsChannelMeans()
    {
        var x = tf.Constant(new float[] { 10, 50, 20, 40, 30, 30, 40, 20 }, shape: new Shape(2, 2, 1, 2)); // 2 images, 2 channels
        var y = Check.Values(new RandomContrast(0.5, seed: 2).Apply(x, training: true));
        var xv = Check.Values(x);
        for (int i = 0; i < 2; i++)
        {
            double? factor = null;
            for (int ch = 0; ch < 2; ch++)
            {
                double mean = (xv[i * 4 + ch] + xv[i * 4 + 2 + ch]) / 2;
                for (int p = 0; p < 2; p++)
                {
                    int k = i * 4 + p * 2 + ch;
                    double c = (y[k] - mean) / (xv[k] - mean);
                    factor ??= c;
                    Assert.Equal(factor.Value, c, 4); // one factor per image, for all its channels
                }
            }
            // Keras 3's single factor 0.5 gives the range [1, 1.5].
            Assert.InRange(factor!.Value, 1 - 1e-6, 1.5 + 1e-6);
        }
        Assert.Same(x, new RandomContrast(0.5).Apply(x, training: false));
    }

    [Fact]
    public void RandomContrastClipsToTheValueRangeAndTakesPairs()
    {
        var layer = new RandomContrast((0.9, 1.0), valueRange: (0, 1), seed: 1);
        Assert.Equal((0.9, 1.0), layer.Factor);
        var y = Check.Values(layer.Apply(tf.Constant(new float[] { 0, 1, 0, 1 }, shape: new Shape(2, 2, 1)), training: true));
        Assert.All(y, v => Assert.InRange(v, 0, 1));
    }

    [Fact]
    public void RandomRotationByAQuarterTurn()
    {
        // factor (0.25, 0.25): always 90°. Output (x, y) reads input (2 - y, x): out[r, c] = in[c, 2 - r].
        var x = Iota(1, 3, 3, 1);
        var y = Check.Values(new RandomRotation((0.25, 0.25), interpolation: "nearest").Apply(x, training: true));
        var xv = Check.Values(x);
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 3; c++)
                Assert.Equal(xv[c * 3 + (2 - r)], y[r * 3 + c], 4);
        // factor 0: no rotation; inference: the identity.
        Check.Close(xv, Check.Values(new RandomRotation(0.0).Apply(x, training: true)));
        Assert.Same(x, new RandomRotation(0.3).Apply(x, training: false));
        var one = new RandomRotation(0.1, seed: 2).Apply(Iota(3, 3, 2), training: true);
        Assert.Equal(new Shape(3, 3, 2), one.Shape);
    }

    [Fact]
    public void RandomZoomScalesAboutTheCenter()
    {
        // Zoom 0.5 (factor -0.5, zooming in): output (x, y) reads (0.5 x + 0.75, 0.5 y + 0.75), which rounds to
        // input rows and columns 1 1 2 2.
        var x = Iota(1, 4, 4, 1);
        var y = Check.Values(new RandomZoom((-0.5, -0.5), interpolation: "nearest").Apply(x, training: true));
        int[] src = [1, 1, 2, 2];
        var xv = Check.Values(x);
        for (int r = 0; r < 4; r++)
            for (int c = 0; c < 4; c++)
                Assert.Equal(xv[src[r] * 4 + src[c]], y[r * 4 + c]);
        // A separate width factor of 0: only the rows are zoomed.
        var rowsOnly = Check.Values(new RandomZoom((-0.5, -0.5), 0.0, interpolation: "nearest").Apply(x, training: true));
        for (int r = 0; r < 4; r++)
            for (int c = 0; c < 4; c++)
                Assert.Equal(xv[src[r] * 4 + c], rowsOnly[r * 4 + c]);
        Assert.Same(x, new RandomZoom(0.2).Apply(x, training: false));
    }

    [Fact]
    public void RandomTranslationShiftsAndFills()
    {
        // Height 0.25 of 4 rows: down by 1; width -0.5 of 4 columns: left by 2; constant fill 0.
        var x = Iota(1, 4, 4, 1);
        var y = Check.Values(new RandomTranslation((0.25, 0.25), (-0.5, -0.5), fillMode: "constant", interpolation: "nearest")
            .Apply(x, training: true));
        var xv = Check.Values(x);
        for (int r = 0; r < 4; r++)
            for (int c = 0; c < 4; c++)
            {
                int sr = r - 1, sc = c + 2;
                double expected = sr is >= 0 and < 4 && sc is >= 0 and < 4 ? xv[sr * 4 + sc] : 0;
                Assert.Equal(expected, y[r * 4 + c]);
            }
        Assert.Same(x, new RandomTranslation(0.2, 0.2).Apply(x, training: false));
    }

    [Fact]
    public void FactorsFillModesAndInterpolationsAreChecked()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => new RandomRotation(1.5));
        Assert.Equal("RandomRotation: The `factor` argument should be a number (or a list of two numbers) in the range [-1, 1]. Received: factor=1.5", e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => new RandomContrast((2.0, 3.0)));
        Assert.Equal("RandomContrast: The `factor` argument should be a number (or a list of two numbers) in the range [0, 1]. Received: factor=(2, 3)", e.Message);
        Assert.Throws<InvalidArgumentError>(() => new RandomContrast(-0.1));
        e = Assert.Throws<InvalidArgumentError>(() => new RandomZoom(0.2, 1.5));
        Assert.Equal("RandomZoom: The `height_factor` and `width_factor` arguments should be a number (or a list of two numbers) in the range [-1.0, 1.0]. " +
                     "Received: width_factor=1.5", e.Message);
        Assert.Throws<InvalidArgumentError>(() => new RandomTranslation((0.1, -2.0), 0.1));
        e = Assert.Throws<InvalidArgumentError>(() => new RandomRotation(0.1, fillMode: "mirror"));
        Assert.Equal("RandomRotation: Unknown `fill_mode` mirror. Expected of one ('reflect', 'wrap', 'constant', 'nearest').", e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => new RandomZoom(0.1, interpolation: "bicubic"));
        Assert.Equal("RandomZoom: Unknown `interpolation` bicubic. Expected of one ('nearest', 'bilinear').", e.Message);
        Assert.Throws<InvalidArgumentError>(() => new RandomTranslation(0.1, 0.1, fillMode: "edge"));
        e = Assert.Throws<InvalidArgumentError>(() => new RandomFlip("diagonal", name: "flip"));
        Assert.Equal("RandomFlip: RandomFlip layer flip received an unknown mode argument diagonal", e.Message);
        Assert.Throws<InvalidArgumentError>(() => new RandomCrop(0, 2));
        e = Assert.Throws<InvalidArgumentError>(() => new RandomFlip().Apply(tf.Ones([2, 2]), training: true));
        Assert.Equal("RandomFlip: Expected image tensor to have rank 3 (single image) or 4 (batch of images). Received: data.shape=(2, 2)", e.Message);
        Assert.Equal("(-0.1, 0.3)", ((Factor)(-0.1, 0.3)).ToString());
    }

    [Fact]
    public void AModelWithAugmentationTrains()
    {
        tf.random.SetSeed(41);
        // The target is the image's mean, which flips, small shifts and rotations hardly change.
        var x = tf.random.Uniform([32, 4, 4, 1], 0, 255, seed: 3);
        var y = tf.ReduceMean(x, [1, 2, 3]) / 255f;
        var model = new Sequential([
            new Rescaling(1 / 255.0, inputShape: [4, 4, 1]), new RandomFlip(seed: 1), new RandomRotation(0.05, seed: 2),
            new RandomTranslation(0.1, 0.1, seed: 3), new RandomZoom(0.1, seed: 4), new RandomContrast(0.1, valueRange: (0, 1), seed: 5),
            new Flatten(), new Dense(1)]);
        model.Compile(optimizer: new Adam(0.02), loss: "mse");
        var h = model.Fit(x, tf.Reshape(y, [32, 1]), batchSize: 8, epochs: 15, verbose: 0);
        Assert.True(h["loss"][^1] < 0.2 * h["loss"][0], $"loss {h["loss"][0]} → {h["loss"][^1]}");
        Assert.Equal(Check.Values(model.Predict(x)), Check.Values(model.Predict(x))); // inference is deterministic
    }

    [Fact]
    public void GradientsFlowThroughTheAugmentations()
    {
        FiniteDifferences.Check(x => new RandomFlip(seed: 1).Call(x, training: true), FiniteDifferences.Rand(1, 2, 2, 3, 1));
        FiniteDifferences.Check(x => new RandomRotation(0.1, seed: 2).Call(x, training: true), FiniteDifferences.Rand(2, 1, 3, 3, 1));
        FiniteDifferences.Check(x => new RandomContrast(0.4, valueRange: (-10, 10), seed: 3).Call(x, training: true), FiniteDifferences.Rand(3, 1, 2, 2, 2));
    }
}
