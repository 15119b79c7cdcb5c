using Strata.Keras.Layers;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;

namespace Strata.Keras.Tests.Pooling;

public class PoolingLayerTests
{
    private static Tensor Iota(params int[] shape)
    {
        int n = shape.Aggregate(1, (p, d) => p * d);
        return tf.Constant(Enumerable.Range(0, n).Select(i => (float)i).ToArray(), shape: new Shape(shape));
    }

    [Fact]
    public void MaxPooling2DDefaultsAndHandValues()
    {
        var layer = new MaxPooling2D();
        Assert.Equal([2, 2], layer.PoolSize);
        Assert.Equal([2, 2], layer.Strides);
        Assert.Equal("valid", layer.Padding);
        Assert.Equal("channels_last", layer.DataFormat);
        // (1, 4, 4, 1) of 0..15: the maximum of each 2×2 block is its bottom-right element.
        var y = layer.Apply(Iota(1, 4, 4, 1));
        Assert.Equal(new Shape(1, 2, 2, 1), y.Shape);
        Check.Close([5, 7, 13, 15], Check.Values(y));
        Assert.StartsWith("max_pooling2d", layer.Name);
    }

    [Fact]
    public void AveragePooling2DWithStridesAndSamePadding()
    {
        // 3×3 of 0..8, 2×2 windows, stride 1, same: the last row and column average fewer (valid) values.
        var y = new AveragePooling2D(2, strides: 1, padding: "SAME").Apply(Iota(1, 3, 3, 1));
        Assert.Equal(new Shape(1, 3, 3, 1), y.Shape);
        Check.Close([2, 3, 3.5, 5, 6, 6.5, 6.5, 7.5, 8], Check.Values(y));
        var z = new AveragePooling2D((2, 3), strides: (1, 2)).Apply(Iota(2, 3, 5, 2));
        Assert.Equal(new Shape(2, 2, 2, 2), z.Shape);
        Check.Close(Check.Values(tf.AvgPool2D(Iota(2, 3, 5, 2), [2, 3], [1, 2])), Check.Values(z));
    }

    [Fact]
    public void OneAndThreeDimensionalLayersAgreeWithTheOps()
    {
        var x1 = Iota(2, 7, 3);
        Check.Close(Check.Values(tf.MaxPool1D(x1, 3, 2, "SAME")), Check.Values(new MaxPooling1D(3, strides: 2, padding: "same").Apply(x1)));
        Check.Close(Check.Values(tf.AvgPool1D(x1, 2, 2)), Check.Values(new AveragePooling1D().Apply(x1)));
        var x3 = Iota(1, 4, 4, 5, 2);
        Check.Close(Check.Values(tf.MaxPool3D(x3, 2, 2)), Check.Values(new MaxPooling3D().Apply(x3)));
        var avg3 = new AveragePooling3D((2, 1, 3), strides: (1, 1, 2), padding: "same").Apply(x3);
        Check.Close(Check.Values(tf.AvgPool3D(x3, [2, 1, 3], [1, 1, 2], "SAME")), Check.Values(avg3));
        Assert.Equal(new Shape(1, 2, 2, 2, 2), new MaxPooling3D((2, 2, 2)).Apply(x3).Shape);
        Assert.Equal(new Shape(1, 2, 2, 2, 2), new AveragePooling3D(2).Apply(x3).Shape);
        Assert.Equal(new Shape(1, 2, 2, 2), new MaxPooling2D((2, 2)).Apply(Iota(1, 4, 5, 2)).Shape);
    }

    [Fact]
    public void ChannelsFirstIsChannelsLastTransposed()
    {
        var x = Iota(2, 3, 4, 5); // (batch, channels, height, width)
        var y = new MaxPooling2D(2, dataFormat: "channels_first").Apply(x);
        Assert.Equal(new Shape(2, 3, 2, 2), y.Shape);
        var expected = tf.Transpose(tf.MaxPool2D(tf.Transpose(x, [0, 2, 3, 1]), 2, 2), [0, 3, 1, 2]);
        Check.Close(Check.Values(expected), Check.Values(y));
        var g = new GlobalAveragePooling2D(dataFormat: "channels_first").Apply(x);
        Check.Close(Check.Values(tf.ReduceMean(x, [2, 3])), Check.Values(g));
    }

    [Fact]
    public void GlobalPoolingValuesAndKeepDims()
    {
        var x = tf.Constant(new float[] { 1, -1, 5, 2, 3, 0 }, shape: new Shape(1, 3, 2));
        Check.Close([5, 2], Check.Values(new GlobalMaxPooling1D().Apply(x)));
        Check.Close([3, 1 / 3.0], Check.Values(new GlobalAveragePooling1D().Apply(x)));
        Assert.Equal(new Shape(1, 1, 2), new GlobalMaxPooling1D(keepDims: true).Apply(x).Shape);
        var x2 = Iota(2, 3, 4, 5);
        Assert.Equal(new Shape(2, 5), new GlobalMaxPooling2D().Apply(x2).Shape);
        Check.Close(Check.Values(tf.ReduceMean(x2, [1, 2])), Check.Values(new GlobalAveragePooling2D().Apply(x2)));
        Assert.Equal(new Shape(2, 1, 1, 5), new GlobalAveragePooling2D(keepDims: true).Apply(x2).Shape);
        var x3 = Iota(1, 2, 2, 2, 3);
        Check.Close([21, 22, 23], Check.Values(new GlobalMaxPooling3D().Apply(x3)));
        Check.Close([10.5, 11.5, 12.5], Check.Values(new GlobalAveragePooling3D().Apply(x3)));
        Assert.StartsWith("global_average_pooling3d", new GlobalAveragePooling3D().Name);
    }

    [Fact]
    public void IntegerImagesArePooledAsFloat32()
    {
        var x = tf.Cast(Iota(1, 2, 2, 1), DType.UInt8);
        var y = new MaxPooling2D().Apply(x);
        Assert.Equal(DType.Float32, y.DType);
        Check.Close([3], Check.Values(y));
        Assert.Equal(DType.Float32, new GlobalAveragePooling2D().Apply(x).DType);
    }

    [Fact]
    public void SymbolicShapesInAFunctionalModelAndSummary()
    {
        var input = keras.Input([28, 28, 3]);
        var y = new MaxPooling2D(2, name: "pool").Apply(input);
        Assert.Equal(new Shape(-1, 14, 14, 3), y.Shape);
        var z = new GlobalAveragePooling2D().Apply(new AveragePooling2D(3, strides: 2, padding: "same").Apply(y));
        Assert.Equal(new Shape(-1, 3), z.Shape);
    }

    [Fact]
    public void GradientsFlowThroughPoolingInFit()
    {
        // Dense → (batch, 4, 2) → max pooling → flatten → Dense: training must lower the loss.
        tf.random.SetSeed(3);
        var x = tf.random.Uniform([32, 4], seed: 1);
        var y = tf.ReduceSum(x, 1, keepDims: true);
        var model = new Sequential([new Dense(8, inputShape: [4]), new Reshape([4, 2]), new MaxPooling1D(2), new Flatten(), new Dense(1)]);
        model.Compile(optimizer: new Adam(0.02), loss: "mse");
        var history = model.Fit(x, y, batchSize: 8, epochs: 15, verbose: 0);
        var loss = history["loss"];
        Assert.True(loss[^1] < 0.3 * loss[0], $"loss went from {loss[0]} to {loss[^1]}");
    }

    [Fact]
    public void BadArgumentsUseKerasMessages()
    {
        Assert.Contains("The `padding` argument must be one of \"valid\", \"same\". Received: padding=full",
            Assert.Throws<InvalidArgumentError>(() => new MaxPooling2D(2, padding: "full")).Message);
        Assert.Contains("The `pool_size` argument must be a tuple of 2 integers. Received pool_size=(0, 2), including values {0}",
            Assert.Throws<InvalidArgumentError>(() => new MaxPooling2D((0, 2))).Message);
        Assert.Contains("The `strides` argument must be a tuple of 1 integers",
            Assert.Throws<InvalidArgumentError>(() => new AveragePooling1D(2, strides: -1)).Message);
        Assert.Contains("The `data_format` argument must be one of {'channels_first', 'channels_last'}. Received: data_format=nhwc",
            Assert.Throws<InvalidArgumentError>(() => new MaxPooling2D(dataFormat: "nhwc")).Message);
        Assert.Throws<InvalidArgumentError>(() => new GlobalMaxPooling2D(dataFormat: "nchw"));
        Assert.Contains("expected ndim=4, found ndim=3", Assert.Throws<InvalidArgumentError>(() => new MaxPooling2D().Apply(Iota(4, 4, 1))).Message);
        Assert.Contains("expected ndim=3, found ndim=4", Assert.Throws<InvalidArgumentError>(() => new GlobalAveragePooling1D().Apply(Iota(1, 4, 4, 1))).Message);
        Assert.Contains("the window is larger than the input", Assert.Throws<InvalidArgumentError>(() => new MaxPooling2D(3).Apply(Iota(1, 2, 2, 1))).Message);
        Assert.Throws<ArgumentNullException>(() => new MaxPooling2D().Call(null!));
    }
}
