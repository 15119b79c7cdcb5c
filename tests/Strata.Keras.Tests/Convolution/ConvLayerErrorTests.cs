using Strata.Keras.Layers;

namespace Strata.Keras.Tests.Convolution;

public class ConvLayerErrorTests
{
    private static void Fails(Action a, params string[] parts)
    {
        var e = Assert.ThrowsAny<InvalidArgumentError>(a);
        foreach (var p in parts) Assert.Contains(p, e.Message);
    }

    [Fact]
    public void BadArgumentsUseKerasWording()
    {
        Fails(() => new Conv2D(0, 3), "Invalid value for argument `filters`. Expected a strictly positive value. Received filters=0.");
        Fails(() => new Conv2D(6, 3, groups: 0), "The number of groups must be a positive integer. Received: groups=0.");
        Fails(() => new Conv2D(5, 3, groups: 2), "The number of filters must be evenly divisible by the number of groups. Received: groups=2, filters=5.");
        Fails(() => new Conv2D(4, 0), "The `kernel_size` argument must be a tuple of 2 integers. Received kernel_size=0, including values {0} that do not satisfy `value > 0`");
        Fails(() => new Conv2D(4, (3, 3, 3)), "The `kernel_size` argument must be a tuple of 2 integers. Received kernel_size=(3, 3, 3)");
        Fails(() => new Conv2D(4, 3, strides: (1, 0)), "The `strides` argument must be a tuple of 2 integers", "{0}");
        Fails(() => new Conv2D(4, 3, strides: 2, dilationRate: 2),
            "`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides=(2, 2) and dilation_rate=(2, 2)");
        Fails(() => new Conv2D(4, 3, padding: "causal"), "The `padding` argument must be a list/tuple or one of {'valid', 'same'}. Received: causal");
        Fails(() => new Conv1D(4, 3, padding: "full"), "{'valid', 'same', 'causal'}. Received: full");
        Fails(() => new Conv2D(4, 3, dataFormat: "channels_first"), "Conv2D", "channels_first", "not supported");
        Fails(() => new Conv2D(4, 3, dataFormat: "nhwc"), "The `data_format` argument must be one of {'channels_first', 'channels_last'}. Received: data_format=nhwc");
        Fails(() => new Conv2DTranspose(4, 3, strides: 2, outputPadding: 2), "`output_padding` must be < `strides`. output_padding=(2, 2), strides=(2, 2)");
        Fails(() => new Conv2DTranspose(4, 3, outputPadding: -1), "output_padding", "`value >= 0`");
        Fails(() => new Conv2DTranspose(0, 3), "Received filters=0.");
        Fails(() => new Conv1DTranspose(2, 3, padding: "causal"), "{'valid', 'same'}");
        Fails(() => new DepthwiseConv2D(3, depthMultiplier: 0), "Received depth_multiplier=0.");
        Fails(() => new DepthwiseConv2D(3, strides: 2, dilationRate: 2), "`strides > 1` not supported");
        Fails(() => new SeparableConv2D(4, 3, depthMultiplier: -1), "depth_multiplier");
        Fails(() => new SeparableConv2D(0, 3), "filters");
        Fails(() => new SeparableConv1D(2, 3, strides: 2, dilationRate: 3), "`strides > 1` not supported");
    }

    [Fact]
    public void BadInputsNameTheLayer()
    {
        var conv = new Conv2D(4, 3, name: "feature_map");
        Fails(() => conv.Apply(tf.Zeros([5, 5, 1])), "feature_map", "min_ndim=4");
        conv.Apply(tf.Zeros([1, 5, 5, 2]));
        Fails(() => conv.Apply(tf.Zeros([1, 5, 5, 3])), "feature_map", "axis -1");
        Fails(() => conv.Call(tf.Zeros([1, 5, 5, 3])), "feature_map");
        Fails(() => new Conv2D(4, 3, name: "small").Apply(tf.Zeros([1, 1, 5, 2])), "small", "Computed output size would be negative",
            "`inputs shape=(1, 1, 5, 2)`", "`kernel shape=(3, 3)`");
        Fails(() => new Conv2D(4, 3, groups: 2).Apply(tf.Zeros([1, 5, 5, 3])),
            "The number of input channels must be evenly divisible by the number of groups. Received groups=2, but the input has 3 channels (full input shape is (1, 5, 5, 3)).");
        Fails(() => new Conv2D(4, 3, name: "direct").Build(new Shape(5, 5, 1)), "direct", "rank 4");
        Fails(() => new Conv2D(4, 3, name: "nochan").Build(new Shape(-1, 5, 5, -1)), "nochan", "channel dimension");
        Fails(() => new Conv2DTranspose(4, 3, name: "up").Apply(tf.Zeros([1, 3, 3, 2, 1])), "up", "rank 4");
        var built = new Conv2DTranspose(4, 3, name: "built_up");
        built.Apply(tf.Zeros([1, 3, 3, 2]));
        Fails(() => built.Apply(tf.Zeros([1, 1, 3, 3, 2])), "built_up", "rank 4");
        Fails(() => new DepthwiseConv2D(3, name: "dw").Apply(tf.Zeros([1, 1, 1, 3])), "dw", "Computed output size would be negative");
        Fails(() => new SeparableConv2D(2, 5, name: "sep").Apply(tf.Zeros([1, 3, 3, 3])), "sep", "Computed output size would be negative");
    }

    [Fact]
    public void ArgumentFormsAgree()
    {
        var a = new Conv2D(2, [3, 2], strides: new[] { 2, 1 });
        var b = new Conv2D(2, (3, 2), strides: (2, 1));
        Assert.Equal(a.KernelSize, b.KernelSize);
        Assert.Equal(a.Strides, b.Strides);
        Assert.Equal([1, 1], a.DilationRate);
        Assert.Equal("valid", a.Padding);
        Assert.Equal("channels_last", new Conv2D(1, 1, dataFormat: "Channels_Last").DataFormat);
        Assert.Equal("same", new Conv2D(1, 1, padding: "SAME").Padding);
        Assert.Equal("(3, 2)", ((IntTuple)(3, 2)).ToString());
        Assert.Equal("3", ((IntTuple)3).ToString());
        Assert.Equal([1, 2, 3], (IntTuple)(1, 2, 3));
        Assert.True(default(IntTuple).IsDefault);
        Assert.Equal([4, 5], ((System.Collections.IEnumerable)(IntTuple)(4, 5)).Cast<int>());
        Assert.Equal("channels_last", new Conv2DTranspose(1, 2).DataFormat);
        Assert.Equal("channels_last", new DepthwiseConv2D(2).DataFormat);
        Assert.Equal("channels_last", new SeparableConv1D(1, 2).DataFormat);
        Assert.Null(new Conv2DTranspose(1, 2).OutputPadding);
    }
}
