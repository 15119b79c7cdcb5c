using Strata.Keras.Layers;

namespace Strata.Keras.Tests.Preprocessing;

public class ResizingAndCropTests
{
    private static Tensor Iota(params int[] shape)
    {
        int n = shape.Aggregate(1, (p, d) => p * d);
        return tf.Constant(Enumerable.Range(1, n).Select(i => (float)i).ToArray(), shape: new Shape(shape));
    }

    private static readonly double[] TwoByTwoTo4x4 =
        [1, 1.25, 1.75, 2, 1.5, 1.75, 2.25, 2.5, 2.5, 2.75, 3.25, 3.5, 3, 3.25, 3.75, 4];

    [Fact]
    public void ResizingBilinearAndNearest()
    {
        var y = new Resizing(4, 4).Apply(Iota(1, 2, 2, 1));
        Assert.Equal(new Shape(1, 4, 4, 1), y.Shape);
        Check.Close(TwoByTwoTo4x4, Check.Values(y));
        Check.Close([1, 1, 2, 2], Check.Values(new Resizing(1, 4, interpolation: "nearest").Apply(Iota(1, 2, 1))));
        // One image (rank 3) stays unbatched; integers become floats.
        var one = new Resizing(3, 3).Apply(tf.Constant(new[] { 1, 2, 3, 4 }, shape: new Shape(2, 2, 1)));
        Assert.Equal(new Shape(3, 3, 1), one.Shape);
        Assert.Equal(DType.Float32, one.DType);
    }

    [Fact]
    public void ResizingCropToAspectRatioTakesTheCenteredWindow()
    {
        // A 2x4 image to 2x2: the centered 2x2 window (columns 1 and 2), no resize needed.
        Check.Close([2, 3, 6, 7], Check.Values(new Resizing(2, 2, cropToAspectRatio: true).Apply(Iota(1, 2, 4, 1))));
        // Without the crop the width is squeezed: columns at 0.5 and 2.5 average their neighbours.
        Check.Close([1.5, 3.5, 5.5, 7.5], Check.Values(new Resizing(2, 2).Apply(Iota(1, 2, 4, 1))));
    }

    [Fact]
    public void ResizingPadToAspectRatioCentersTheImageOnACanvas()
    {
        // A 1x2 image [1, 2] to 2x2: a 2x2 canvas, the image in row int(1 / 2) = 0, the rest the fill value.
        Check.Close([1, 2, 9, 9], Check.Values(new Resizing(2, 2, padToAspectRatio: true, fillValue: 9).Apply(Iota(1, 1, 2, 1))));
        // A 2x1 image to 4x4: canvas 2x2 with the column at int(1 / 2) = 0, zeros beside it, then resized (nearest).
        Check.Close([1, 1, 0, 0, 1, 1, 0, 0, 2, 2, 0, 0, 2, 2, 0, 0],
            Check.Values(new Resizing(4, 4, "nearest", padToAspectRatio: true).Apply(Iota(1, 2, 1, 1))));
        // Already of the target's aspect ratio: nothing to pad.
        Check.Close([1, 2, 3, 4], Check.Values(new Resizing(2, 2, padToAspectRatio: true).Apply(Iota(1, 2, 2, 1))));
        FiniteDifferences.Check(x => new Resizing(3, 3, padToAspectRatio: true, fillValue: 0.5).Call(x), FiniteDifferences.Rand(4, 1, 1, 3, 1));
        var e = Assert.Throws<InvalidArgumentError>(() => new Resizing(2, 2, cropToAspectRatio: true, padToAspectRatio: true));
        Assert.StartsWith("Resizing: Only one of `crop_to_aspect_ratio` and `pad_to_aspect_ratio` can be True.", e.Message);
    }

    [Fact]
    public void CenterCropTakesTheMiddleOrSmartResizes()
    {
        Check.Close([6, 7, 10, 11], Check.Values(new CenterCrop(2, 2).Apply(Iota(1, 4, 4, 1))));
        Check.Close([1, 2, 4, 5], Check.Values(new CenterCrop(2, 2).Apply(Iota(3, 3, 1)))); // offset int(1 / 2) = 0
        // Smaller than the target: Keras's smart_resize, here no crop and a bilinear resize.
        Check.Close(TwoByTwoTo4x4, Check.Values(new CenterCrop(4, 4).Apply(Iota(1, 2, 2, 1))));
        // A 2x4 image to 3x3: the centered 2x2 window [[2, 3], [6, 7]], resized.
        Check.Close([2, 2.5, 3, 4, 4.5, 5, 6, 6.5, 7], Check.Values(new CenterCrop(3, 3).Apply(Iota(1, 2, 4, 1))));
    }

    [Fact]
    public void ResizingAndCroppingAreDifferentiable()
    {
        FiniteDifferences.Check(x => new Resizing(3, 2).Call(x), FiniteDifferences.Rand(1, 1, 2, 3, 1));
        FiniteDifferences.Check(x => new Resizing(2, 2, cropToAspectRatio: true).Call(x), FiniteDifferences.Rand(2, 1, 3, 4, 1));
        FiniteDifferences.Check(x => new CenterCrop(1, 2).Call(x), FiniteDifferences.Rand(3, 3, 3, 1));
    }

    [Fact]
    public void BadArgumentsAreRefused()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => new Resizing(2, 2, interpolation: "bicubic"));
        Assert.Equal("Resizing: Invalid value for argument `interpolation`. Expected of one ('bilinear', 'nearest'). Received: interpolation=bicubic", e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => new Resizing(0, 2));
        Assert.Equal("Resizing: height and width must be positive integers, got height=0, width=2.", e.Message);
        Assert.Throws<InvalidArgumentError>(() => new CenterCrop(2, -1));
        e = Assert.Throws<InvalidArgumentError>(() => new CenterCrop(2, 2).Apply(tf.Ones([4, 4])));
        Assert.Equal("CenterCrop: Expected image tensor to have rank 3 (single image) or 4 (batch of images). Received: data.shape=(4, 4)", e.Message);
        Assert.Throws<InvalidArgumentError>(() => new Resizing(2, 2).Apply(tf.Ones([1, 1, 4, 4, 1])));
    }
}
