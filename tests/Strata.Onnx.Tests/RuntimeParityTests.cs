using Strata.Keras.Layers;
using Strata.Keras.Models;

namespace Strata.Onnx.Tests;

/// <summary>ONNX Runtime's outputs for exported models equal Strata's Predict within 1e-5 on 1,000 inputs
/// (random inputs, weights moved off their initial values so every term shows).</summary>
public class RuntimeParityTests
{
    private const int N = 1000;

    private static Tensor Images(long seed, params int[] sample)
    {
        tf.random.SetSeed(seed);
        return tf.random.Uniform([N, .. sample]);
    }

    [Fact]
    public void Mlp()
    {
        keras.SetRandomSeed(1);
        var model = new Sequential([new Flatten(inputShape: [28, 28]), new Dense(128, activation: "relu"), new Dropout(0.2), new Dense(10, activation: "softmax")]);
        OnnxCheck.Perturb(model, 2);
        OnnxCheck.AssertMatches(model, Images(3, 28, 28));
    }

    /// <summary>samples/FashionMnistCnn's model: the Flatten after the conv block must see Keras's (h, w, c) order.</summary>
    [Fact]
    public void FashionMnistCnn()
    {
        keras.SetRandomSeed(1);
        var model = new Sequential([
            new Conv2D(32, 3, activation: "relu", inputShape: [28, 28, 1]),
            new MaxPooling2D(2),
            new Conv2D(64, 3, activation: "relu"),
            new MaxPooling2D(2),
            new Flatten(),
            new Dense(128, activation: "relu"),
            new Dense(10),
        ]);
        OnnxCheck.Perturb(model, 2);
        OnnxCheck.AssertMatches(model, Images(3, 28, 28, 1));
    }

    [Fact]
    public void Lstm()
    {
        keras.SetRandomSeed(1);
        var model = new Sequential([
            new LSTM(24, returnSequences: true, inputShape: [12, 8]),
            new LSTM(16),
            new Dense(5, activation: "softmax"),
        ]);
        OnnxCheck.Perturb(model, 2);
        OnnxCheck.AssertMatches(model, Images(3, 12, 8) * 2.0 - 1.0);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Gru(bool resetAfter)
    {
        keras.SetRandomSeed(1);
        var model = new Sequential([
            new GRU(20, returnSequences: true, resetAfter: resetAfter, goBackwards: true, inputShape: [10, 6]),
            new SimpleRNN(8, returnSequences: true, goBackwards: true),
            new GRU(12, resetAfter: resetAfter, goBackwards: true),
            new Dense(3),
        ]);
        OnnxCheck.Perturb(model, 2);
        OnnxCheck.AssertMatches(model, Images(3, 10, 6) * 2.0 - 1.0);
    }

    [Fact]
    public void SimpleRnnOverEmbedding()
    {
        keras.SetRandomSeed(1);
        var tokens = keras.Input([15], dtype: DType.Int32, name: "tokens");
        var h = new Embedding(50, 8).Apply(tokens);
        h = new SimpleRNN(16, returnSequences: true).Apply(h);
        h = new GlobalAveragePooling1D().Apply(h);
        var model = new Model(tokens, new Dense(4).Apply(h));
        OnnxCheck.Perturb(model, 2);
        tf.random.SetSeed(3);
        OnnxCheck.AssertMatches(model, tf.random.Uniform([N, 15], 0, 50, DType.Int32));
    }

    /// <summary>A functional model with two conv branches: same and strided padding, BatchNormalization on a
    /// channels-first value, Add and Concatenate of conv outputs, depthwise and separable convolutions, global pooling.</summary>
    [Fact]
    public void FunctionalConvBranches()
    {
        keras.SetRandomSeed(1);
        var input = keras.Input([17, 15, 3], name: "image");
        var x = new Rescaling(2.0, -1.0).Apply(input);
        var a = new Conv2D(8, 3, padding: "same", activation: "relu").Apply(x);
        a = new BatchNormalization().Apply(a);
        var b = new Conv2D(8, 1, padding: "same").Apply(x);
        var sum = new Add().Apply([a, b]);
        var c = new DepthwiseConv2D(3, strides: 2, padding: "same", depthMultiplier: 2).Apply(sum);
        var d = new SeparableConv2D(16, 3, strides: 2, padding: "same", activation: "swish").Apply(sum);
        var cat = new Concatenate().Apply([c, d]);
        var pooled = new AveragePooling2D(2, padding: "same").Apply(cat);
        var gmax = new GlobalMaxPooling2D().Apply(pooled);
        var gavg = new GlobalAveragePooling2D().Apply(new Conv2D(4, 2, dilationRate: 2, activation: "gelu").Apply(cat));
        var head = new Dense(6, activation: "log_softmax").Apply(new Concatenate().Apply([gmax, gavg]));
        var model = new Model(input, head);
        OnnxCheck.Perturb(model, 2);
        OnnxCheck.AssertMatches(model, Images(3, 17, 15, 3));
    }

    [Fact]
    public void Conv1DCausalAndPooling()
    {
        keras.SetRandomSeed(1);
        var model = new Sequential([
            new Conv1D(6, 3, padding: "causal", dilationRate: 2, activation: "tanh", inputShape: [20, 4]),
            new MaxPooling1D(3, strides: 2, padding: "same"),
            new BatchNormalization(),
            new Conv1D(5, 2, strides: 2),
            new Reshape([-1]),
            new Dense(3, activation: "sigmoid"),
        ]);
        OnnxCheck.Perturb(model, 2);
        OnnxCheck.AssertMatches(model, Images(3, 20, 4) * 2.0 - 1.0);
    }

    [Theory]
    [InlineData("relu")]
    [InlineData("sigmoid")]
    [InlineData("tanh")]
    [InlineData("softmax")]
    [InlineData("exponential")]
    [InlineData("softplus")]
    [InlineData("softsign")]
    [InlineData("elu")]
    [InlineData("selu")]
    [InlineData("gelu")]
    [InlineData("leaky_relu")]
    [InlineData("relu6")]
    [InlineData("silu")]
    [InlineData("hard_sigmoid")]
    [InlineData("hard_swish")]
    [InlineData("mish")]
    public void DenseActivation(string activation)
    {
        keras.SetRandomSeed(1);
        // The second activation sees values of a few units; exp's outputs then reach the thousands, where only a relative bound is meaningful.
        var model = new Sequential([new Dense(16, activation: activation, inputShape: [8]), new Dense(8), new ActivationLayer(activation)]);
        OnnxCheck.Perturb(model, 2);
        OnnxCheck.AssertMatches(model, Images(3, 8) * 4.0 - 2.0, relative: activation == "exponential");
    }

    [Fact]
    public void ActivationLayers()
    {
        keras.SetRandomSeed(1);
        var model = new Sequential([
            new Dense(12, inputShape: [6]), new ReLU(maxValue: 1.5), new Dense(12), new LeakyReLU(0.1), new Dense(12), new ELU(0.7),
            new Dense(12), new PReLU(), new Dense(12), new ReLU(negativeSlope: 0.05), new Reshape([3, 4]), new Softmax(axis: 1),
        ]);
        OnnxCheck.Perturb(model, 2);
        OnnxCheck.AssertMatches(model, Images(3, 6) * 4.0 - 2.0);
    }

    [Fact]
    public void Volumes()
    {
        keras.SetRandomSeed(1);
        var model = new Sequential([
            new Conv3D(4, 3, padding: "same", activation: "relu", inputShape: [6, 7, 5, 2]),
            new MaxPooling3D(2, padding: "same"),
            new AveragePooling3D(2, strides: 1),
            new Conv3D(3, 2, strides: 2, padding: "same"),
            new GlobalAveragePooling3D(),
            new Dense(2),
        ]);
        OnnxCheck.Perturb(model, 2);
        OnnxCheck.AssertMatches(model, Images(3, 6, 7, 5, 2));
    }

    /// <summary>Global pooling with keepdims keeps the value channels-first; the Flatten after it transposes back.</summary>
    [Fact]
    public void GlobalPoolingKeepDimsThenFlatten()
    {
        keras.SetRandomSeed(1);
        var model = new Sequential([
            new Conv2D(5, 3, inputShape: [8, 8, 2]), new GlobalMaxPooling2D(keepDims: true), new Flatten(), new Dense(3),
        ]);
        OnnxCheck.Perturb(model, 2);
        OnnxCheck.AssertMatches(model, Images(3, 8, 8, 2));
    }

    [Fact]
    public void StreamOverloadWritesTheSameBytesAsTheFile()
    {
        var model = new Sequential([new Dense(3, inputShape: [2])]);
        using var stream = new MemoryStream();
        model.ExportOnnx(stream);
        Assert.True(stream.CanWrite);   // left open
        Assert.Equal(model.ToOnnxBytes(), stream.ToArray());
    }

    /// <summary>Two inputs, two outputs, a layer called twice: the graph's inputs and outputs are named after their
    /// layers, in the model's order, and the shared layer's weights are stored once.</summary>
    [Fact]
    public void SeveralInputsAndOutputs()
    {
        keras.SetRandomSeed(1);
        var a = keras.Input([4], name: "left");
        var b = keras.Input([6], name: "right");
        var shared = new Dense(5, activation: "tanh", name: "shared");
        var joined = new Concatenate().Apply([shared.Apply(a), new Dense(5).Apply(b), shared.Apply(new Dense(4).Apply(b))]);
        var model = new Model([a, b], [new Dense(2, name: "first").Apply(joined), new Dense(3, activation: "softmax", name: "second").Apply(joined)]);
        OnnxCheck.Perturb(model, 2);
        tf.random.SetSeed(3);
        var xa = tf.random.Uniform([N, 4]);
        var xb = tf.random.Uniform([N, 6]);
        var expected = model.CallOutputs([xa, xb]);

        var bytes = model.ToOnnxBytes();
        Assert.Single(Strata.Onnx.Export.ModelExporter.Export(model).Initializers, t => t.Name.StartsWith("shared/kernel"));
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(bytes);
        Assert.Equal(["left", "right"], session.InputNames);
        Assert.Equal(["first", "second"], session.OutputNames);
        using var va = Microsoft.ML.OnnxRuntime.OrtValue.CreateTensorValueFromMemory(xa.ToArray<float>(), [N, 4]);
        using var vb = Microsoft.ML.OnnxRuntime.OrtValue.CreateTensorValueFromMemory(xb.ToArray<float>(), [N, 6]);
        using var run = new Microsoft.ML.OnnxRuntime.RunOptions();
        using var outputs = session.Run(run, ["left", "right"], [va, vb], ["first", "second"]);
        for (int o = 0; o < 2; o++)
        {
            var want = expected[o].ToArray<float>();
            var got = outputs[o].GetTensorDataAsSpan<float>().ToArray();
            Assert.Equal(want.Length, got.Length);
            Assert.True(want.Zip(got).All(p => Math.Abs(p.First - p.Second) <= 1e-5), $"output {o} differs");
        }
    }

    [Fact]
    public void ConvTranspose()
    {
        keras.SetRandomSeed(1);
        var model = new Sequential([
            new Conv2DTranspose(6, 3, strides: 2, padding: "same", activation: "relu", inputShape: [5, 6, 3]),
            new Conv2DTranspose(4, 3, strides: 2, padding: "valid"),
            new Conv2DTranspose(3, 2, strides: 3, padding: "valid", outputPadding: 1),
            new Conv2DTranspose(2, 4, strides: 2, padding: "same", outputPadding: 1),
        ]);
        OnnxCheck.Perturb(model, 2);
        OnnxCheck.AssertMatches(model, Images(3, 5, 6, 3));

        var sequence = new Sequential([
            new Conv1DTranspose(4, 3, dilationRate: 2, padding: "same", inputShape: [9, 2]),
            new Conv1DTranspose(3, 5, strides: 2),
            new Flatten(),
        ]);
        OnnxCheck.Perturb(sequence, 4);
        OnnxCheck.AssertMatches(sequence, Images(5, 9, 2));
    }

    /// <summary>A Sequential block (with augmentation layers, the identity at inference) inside a functional model, and
    /// the functional model inside a Sequential: both inlined.</summary>
    [Fact]
    public void NestedModels()
    {
        keras.SetRandomSeed(1);
        var block = new Sequential([
            new RandomFlip(), new RandomRotation(0.1), new Conv2D(4, 3, activation: "relu", inputShape: [10, 10, 3]), new MaxPooling2D(2),
        ]);
        var image = keras.Input([10, 10, 3]);
        var features = new Flatten().Apply(block.Apply(image));
        var functional = new Model(image, new Dense(5).Apply(features));
        var outer = new Sequential([new InputLayer([10, 10, 3]), functional, new Dense(2, activation: "softmax")]);
        OnnxCheck.Perturb(outer, 2);
        OnnxCheck.AssertMatches(outer, Images(3, 10, 10, 3));
    }

    [Fact]
    public void LayerNormalizationPermuteAndZeroPadding()
    {
        keras.SetRandomSeed(1);
        var model = new Sequential([
            new Conv2D(4, 3, inputShape: [9, 8, 2]), new ZeroPadding2D(((1, 2), (0, 1))), new Conv2D(3, 2),
            new ZeroPadding2D(1), new Reshape([-1, 3]), new LayerNormalization(), new Permute([2, 1]),
            new LayerNormalization(axis: [1, 2]), new Flatten(), new Dense(2),
        ]);
        OnnxCheck.Perturb(model, 2);
        OnnxCheck.AssertMatches(model, Images(3, 9, 8, 2));
    }
}
