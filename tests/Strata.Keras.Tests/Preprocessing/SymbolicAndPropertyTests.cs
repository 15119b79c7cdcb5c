using Strata.Keras.Layers;
using Strata.Keras.Models;

namespace Strata.Keras.Tests.Preprocessing;

public class SymbolicAndPropertyTests
{
    [Fact]
    public void LayersRunOnSymbolicInputsWithTheirOutputShapes()
    {
        var input = keras.Input([6, 6, 2]);
        var x = new ZeroPadding2D(1).Apply(input);                // (None, 8, 8, 2)
        x = new Cropping2D(((1, 0), (0, 1))).Apply(x);          // (None, 7, 7, 2)
        x = new RandomCrop(5, 5, seed: 1).Apply(x);               // (None, 5, 5, 2)
        x = new UpSampling2D(2).Apply(x);                         // (None, 10, 10, 2)
        x = new Resizing(3, 4).Apply(x);                          // (None, 3, 4, 2)
        x = new Permute([2, 1, 3]).Apply(x);                      // (None, 4, 3, 2)
        Assert.Equal(new Shape(-1, 4, 3, 2), x.Shape);
        var model = new Model(input, new Flatten().Apply(x));
        Assert.Equal(new Shape(2, 24), model.Predict(tf.Ones([2, 6, 6, 2])).Shape);
    }

    [Fact]
    public void NormalizationNeedsAKnownKeptAxis()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => new Normalization().Apply(keras.Input([-1])));
        Assert.Equal("Normalization: All `axis` values to be kept must have a known shape. Received axis=(-1), inputs.shape=(None, None), with unknown axis at index 1", e.Message);
    }

    [Fact]
    public void PropertiesKeepTheArgumentsAndPlainCallsOfNoiseLayersAreInference()
    {
        var x = tf.Ones([1, 3, 3, 2]);
        Assert.Equal([2, 1], new Permute([2, 1]).Dims);
        Assert.Equal(4L, new RandomFlip(seed: 4).Seed);
        Assert.Null(new RandomFlip().Seed);
        Assert.Equal(5L, new GaussianDropout(0.1, seed: 5).Seed);
        Assert.Equal(6L, new GaussianNoise(0.1, seed: 6).Seed);
        Assert.Equal(0.1, new GaussianNoise(0.1).Stddev);
        Assert.Same(x, new RandomRotation(0.5, seed: 1).Call(x, training: false));
        Assert.NotSame(x, new RandomRotation(0.5, seed: 1).Call(x));   // Keras 3: a plain call of an augmentation trains
        Assert.Same(x, new GaussianDropout(0.5, seed: 1).Call(x));
        Assert.Same(x, new SpatialDropout2D(0.5, seed: 1).Call(x));
        var zoom = new RandomZoom(0.2, (-0.1, 0.3), fillMode: "constant", interpolation: "nearest", fillValue: 2);
        Assert.Equal((-0.2, 0.2), zoom.HeightFactor);
        Assert.Equal((-0.1, 0.3), zoom.WidthFactor);
        Assert.Equal(("constant", "nearest", 2.0), (zoom.FillMode, zoom.Interpolation, zoom.FillValue));
        Assert.Null(new RandomZoom(0.2).WidthFactor);
        Assert.Equal((-0.3, 0.3), new RandomRotation(-0.3).Factor);
        Assert.Equal((0.0, 0.4), new RandomContrast(0.4).Factor); // Keras 3: max(-f, 0), f
        Assert.Equal((0.0, 255.0), new RandomContrast(0.4).ValueRange);
        var resizing = new Resizing(2, 3, "nearest", cropToAspectRatio: true);
        Assert.Equal((2, 3, "nearest", true), (resizing.Height, resizing.Width, resizing.Interpolation, resizing.CropToAspectRatio));
        Assert.Equal(((1, 2), (3, 4)), new Cropping2D(((1, 2), (3, 4))).Cropping);
        Assert.Equal((2, 2), new Cropping1D(2).Cropping);
        Assert.Equal(((1, 1), (2, 2), (3, 3)), new ZeroPadding3D((1, 2, 3)).Padding);
        Assert.Equal((0, 1), new ZeroPadding1D((0, 1)).Padding);
        Assert.Equal(((2, 3), "bilinear"), (new UpSampling2D((2, 3), "bilinear").Size, new UpSampling2D((2, 3), "bilinear").Interpolation));
        Assert.Equal(3, new RepeatVector(3).N);
        Assert.Equal((0.5, 1.0), (new Rescaling(0.5, 1).Scale, new Rescaling(0.5, 1).Offset));
        Assert.Equal([-1], new Normalization().Axis);
        Assert.Empty(new Normalization(axis: null).Axis);
        Assert.True(new Normalization(invert: true).Invert);
        Assert.Equal("horizontal", new RandomFlip("horizontal").Mode);
        Assert.Equal((2, 3), (new CenterCrop(2, 3).Height, new CenterCrop(2, 3).Width));
        Assert.Equal((2, 3), (new RandomCrop(2, 3).Height, new RandomCrop(2, 3).Width));
        var t = new RandomTranslation(0.1, (0.2, -0.3));
        Assert.Equal(((-0.1, 0.1), (-0.3, 0.2)), (t.HeightFactor, t.WidthFactor));
    }
}
