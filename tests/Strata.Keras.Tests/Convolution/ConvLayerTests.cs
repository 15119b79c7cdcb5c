using Strata.Keras.Initializers;
using Strata.Keras.Layers;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;

namespace Strata.Keras.Tests.Convolution;

public class ConvLayerTests
{
    private static Tensor Input(params int[] shape)
    {
        tf.random.SetSeed(3);
        return tf.random.Normal(shape);
    }

    private static string[] Names(Layer l) => l.Weights.Select(w => w.Name.Split('/')[^1].Split(':')[0]).ToArray();

    [Fact]
    public void Conv2DShapesWeightsAndSpec()
    {
        var layer = new Conv2D(32, 3, activation: "relu");
        var y = layer.Apply(Input(2, 28, 28, 1));
        Assert.Equal(new Shape(2, 26, 26, 32), y.Shape);
        Assert.Equal(["kernel", "bias"], Names(layer));
        Assert.Equal(new Shape(3, 3, 1, 32), layer.Kernel!.Shape);
        Assert.Equal(new Shape(32), layer.Bias!.Shape);
        Assert.Equal("InputSpec(min_ndim=4, axes={-1: 1})", layer.InputSpec!.ToString());
        Assert.Equal(320, layer.CountParams());
        Assert.True(tf.ReduceMin(y).Item<float>() >= 0);   // relu

        var strided = new Conv2D(8, (3, 2), strides: 2, padding: "same", useBias: false);
        Assert.Equal(new Shape(1, 4, 3, 8), strided.Apply(Input(1, 7, 5, 3)).Shape);
        Assert.Equal(["kernel"], Names(strided));
        var grouped = new Conv2D(6, [3, 3], groups: 3, dilationRate: 2);
        Assert.Equal(new Shape(1, 5, 5, 6), grouped.Apply(Input(1, 9, 9, 3)).Shape);
        Assert.Equal(new Shape(3, 3, 1, 6), grouped.Kernel!.Shape);
    }

    [Fact]
    public void SummaryShowsOutputShapes()
    {
        var model = new Sequential([new Conv2D(32, 3, activation: "relu", inputShape: [28, 28, 1]), new Conv2D(64, 3, strides: 2), new Flatten(), new Dense(10)]);
        string text = "";
        model.Summary(printFn: s => text = s);
        Assert.Contains("(None, 26, 26, 32)", text);
        Assert.Contains("(None, 12, 12, 64)", text);
        Assert.Contains("320", text);
        Assert.Contains("18,496", text);
    }

    [Fact]
    public void LayerOutputIsConvolutionPlusBiasThenActivation()
    {
        var x = Input(2, 5, 5, 2);
        var layer = new Conv2D(3, 3, padding: "same", activation: "tanh", biasInitializer: new RandomNormal(seed: 4));
        var y = layer.Apply(x);
        var expected = tf.Tanh(tf.Conv2D(x, layer.Kernel!, 1, "SAME") + layer.Bias!);
        Assert.True(tf.ReduceMax(tf.Abs(y - expected)).Item<float>() < 1e-6);
        // Softmax is not fused: the unfused path gives the same as the ops.
        var soft = new Conv1D(4, 2, activation: "softmax");
        var x1 = Input(2, 6, 3);
        var y1 = soft.Apply(x1);
        Assert.True(tf.ReduceMax(tf.Abs(y1 - tf.Softmax(tf.Conv1D(x1, soft.Kernel!) + soft.Bias!))).Item<float>() < 1e-6);
    }

    [Fact]
    public void BiasGradientIsTheUpstreamSummedOverPixels()
    {
        var x = Input(2, 4, 4, 1);
        var layer = new Conv2D(2, 2);
        var w = Input(2, 3, 3, 2);
        using var tape = new GradientTape();
        var loss = tf.ReduceSum(layer.Apply(x) * w);
        var grads = tape.Gradient(loss, layer.TrainableWeights.ToArray());
        Assert.Equal(layer.Kernel!.Shape, grads[0]!.Shape);
        var expectedBias = tf.ReduceSum(w, [0, 1, 2]).ToArray<float>();
        var bias = grads[1]!.ToArray<float>();
        for (int i = 0; i < 2; i++) Assert.Equal(expectedBias[i], bias[i], 4);
    }

    [Fact]
    public void OtherRanksAndCausalPadding()
    {
        var c1 = new Conv1D(4, 3, padding: "causal", dilationRate: 2);
        Assert.Equal(new Shape(2, 10, 4), c1.Apply(Input(2, 10, 3)).Shape);
        Assert.Equal(new Shape(3, 3, 4), c1.Kernel!.Shape);
        Assert.Equal("InputSpec(min_ndim=3, axes={-1: 3})", c1.InputSpec!.ToString());
        var c3 = new Conv3D(2, (2, 3, 3), strides: (1, 2, 2), padding: "same");
        Assert.Equal(new Shape(1, 3, 3, 2, 2), c3.Apply(Input(1, 3, 5, 4, 1)).Shape);
        Assert.Equal(new Shape(2, 3, 3, 1, 2), c3.Kernel!.Shape);
    }

    [Theory]
    [InlineData("same", -1, 2, 10)]    // in·stride
    [InlineData("valid", -1, 2, 11)]   // in·stride + max(k - stride, 0)
    [InlineData("same", 1, 2, 10)]     // (in - 1)·stride + k - 2·(k / 2) + 1
    [InlineData("valid", 1, 2, 12)]    // (in - 1)·stride + k + 1
    [InlineData("valid", 0, 1, 7)]
    public void TransposeOutputLength(string padding, int outputPadding, int stride, int expected)
    {
        int? op = outputPadding < 0 ? null : outputPadding;
        Assert.Equal(expected, ConvUtils.DeconvOutputLength(5, 3, padding, op, stride));
        var layer = outputPadding < 0
            ? new Conv2DTranspose(4, 3, strides: stride, padding: padding)
            : new Conv2DTranspose(4, 3, strides: stride, padding: padding, outputPadding: outputPadding);
        var y = layer.Apply(Input(2, 5, 5, 3));
        Assert.Equal(new Shape(2, expected, expected, 4), y.Shape);
        Assert.Equal(new Shape(3, 3, 4, 3), layer.Kernel!.Shape);   // [k, k, filters, in]
        Assert.Equal(["kernel", "bias"], Names(layer));
        Assert.Equal(new Shape(-1, expected, expected, 4), layer.ComputeOutputShape(new Shape(-1, 5, 5, 3)));
    }

    [Fact]
    public void TransposesOfOtherRanksAndUtils()
    {
        var t1 = new Conv1DTranspose(2, 4, strides: 2, padding: "same");
        Assert.Equal(new Shape(1, 12, 2), t1.Apply(Input(1, 6, 3)).Shape);
        var t3 = new Conv3DTranspose(1, 2, strides: 2, outputPadding: (1, 0, 1));
        Assert.Equal(new Shape(1, 5, 4, 5, 1), t3.Apply(Input(1, 2, 2, 2, 2)).Shape);
        Assert.Equal(-1, ConvUtils.DeconvOutputLength(-1, 3, "same"));
        Assert.Equal(9, ConvUtils.DeconvOutputLength(3, 3, "valid", stride: 2, dilation: 2));   // 3·2 + (5 - 2), effective 5
        Assert.Equal(3, ConvUtils.ConvOutputLength(7, 3, "valid", 2));
        Assert.Equal(4, ConvUtils.ConvOutputLength(7, 3, "same", 2));
        Assert.Equal(7, ConvUtils.ConvOutputLength(7, 3, "causal"));
        Assert.Equal(-1, ConvUtils.ConvOutputLength(-1, 3, "valid"));
        Assert.Throws<InvalidArgumentError>(() => ConvUtils.ConvOutputLength(7, 3, "full"));
        Assert.Throws<InvalidArgumentError>(() => ConvUtils.DeconvOutputLength(7, 3, "causal"));
    }

    [Fact]
    public void DepthwiseAndSeparableWeights()
    {
        var dw = new DepthwiseConv2D(3, depthMultiplier: 2, padding: "same");
        var x = Input(2, 5, 5, 3);
        var y = dw.Apply(x);
        Assert.Equal(new Shape(2, 5, 5, 6), y.Shape);
        Assert.Equal(["kernel", "bias"], Names(dw));
        Assert.Equal(new Shape(3, 3, 3, 2), dw.Kernel!.Shape);
        Assert.Equal(new Shape(6), dw.Bias!.Shape);
        Assert.True(tf.ReduceMax(tf.Abs(y - (tf.DepthwiseConv2D(x, dw.Kernel!, 1, "SAME") + dw.Bias!))).Item<float>() < 1e-6);

        var sep = new SeparableConv2D(4, 3, depthMultiplier: 2, strides: 2);
        Assert.Equal(new Shape(2, 2, 2, 4), sep.Apply(x).Shape);
        Assert.Equal(["depthwise_kernel", "pointwise_kernel", "bias"], Names(sep));
        Assert.Equal(new Shape(3, 3, 3, 2), sep.DepthwiseKernel!.Shape);
        Assert.Equal(new Shape(1, 1, 6, 4), sep.PointwiseKernel!.Shape);
        Assert.Equal(new Shape(4), sep.Bias!.Shape);

        var sep1 = new SeparableConv1D(5, 2, padding: "causal", activation: "relu");
        Assert.Equal(new Shape(2, 7, 5), sep1.Apply(Input(2, 7, 3)).Shape);
        Assert.Equal(new Shape(1, 3, 5), sep1.PointwiseKernel!.Shape);
        Assert.Equal("InputSpec(min_ndim=3, axes={-1: 3})", sep1.InputSpec!.ToString());
    }

    [Fact]
    public void SmallCnnLearns()
    {
        // Targets from a fixed convolution of the input: a Conv2D + Dense fit them, the loss falls far.
        tf.random.SetSeed(11);
        var x = tf.random.Normal([64, 6, 6, 1]);
        var y = tf.ReduceMean(tf.Conv2D(x, tf.random.Normal([3, 3, 1, 2])), [1, 2, 3], keepDims: false);
        y = tf.Reshape(y, [64, 1]);
        var model = new Sequential([
            new Conv2D(4, 3, activation: "relu", inputShape: [6, 6, 1]), new Conv2DTranspose(2, 2, strides: 2), new SeparableConv2D(2, 3),
            new Flatten(), new Dense(1)]);
        model.Compile(optimizer: new Adam(0.01), loss: "mse");
        var h = model.Fit(x, y, batchSize: 16, epochs: 25, verbose: 0);
        var losses = h["loss"];
        Assert.True(losses[^1] < 0.3 * losses[0], $"loss {losses[0]} → {losses[^1]}");
    }

    [Fact]
    public void DirectCallsBuildTheLayer()
    {
        // Call without Apply (as the MIT lab calls its layers) builds on first use, for every family.
        Layer[] layers = [new Conv2D(2, 2), new Conv2DTranspose(2, 2), new DepthwiseConv2D(2), new SeparableConv2D(2, 2)];
        foreach (var layer in layers)
        {
            var y = layer.Call(Input(1, 4, 4, 3));
            Assert.True(layer.Built || layer.Weights.Count > 0, layer.Name);
            Assert.Equal(4, y.Rank);
        }
    }

    [Fact]
    public void Float64InputsAreCastToTheKernelDType()
    {
        var layer = new Conv1D(2, 2);
        var y = layer.Apply(tf.Cast(Input(1, 4, 1), DType.Float64));
        Assert.Equal(DType.Float32, y.DType);
    }
}
