using Strata.Keras.Layers;

namespace Strata.Keras.Tests;

/// <summary>Layer constructor arguments Keras refuses, direct calls that bypass Apply, and the layers' own errors,
/// each naming the layer and the offending value.</summary>
public class LayerArgumentTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void DenseNeedsPositiveUnits(int units) =>
        Assert.Equal($"Dense: units must be positive, got {units}.", Assert.Throws<InvalidArgumentError>(() => new Dense(units)).Message);

    [Fact]
    public void DenseCalledDirectlyBuildsOnceThenChecksItsKernel()
    {
        var dense = new Dense(2, kernelInitializer: "ones", name: "direct");
        Assert.Equal(new float[] { 3, 3 }, dense.Call(tf.Constant(new float[,] { { 1, 2 } })).ToArray<float>());
        Assert.Equal(new Shape(2, 2), dense.Kernel!.Shape);
        var e = Assert.Throws<InvalidArgumentError>(() => dense.Call(tf.Ones([1, 3])));
        Assert.Equal("Input 0 of layer \"direct\" is incompatible with the layer: expected axis -1 of input shape to have value 2, but received input with shape (1, 3)", e.Message);
        var unbuilt = new Dense(2, name: "flat");
        Assert.Equal("Input 0 of layer \"flat\" is incompatible with the layer: expected min_ndim=2, found ndim=1. Full shape received: (4,)",
            Assert.Throws<InvalidArgumentError>(() => unbuilt.Call(tf.Ones([4]))).Message);
        Assert.Null(unbuilt.Kernel);
    }

    [Fact]
    public void DenseCastsIntegerInputsToItsKernelsDtype()
    {
        var dense = new Dense(1, kernelInitializer: "ones", biasInitializer: new Strata.Keras.Initializers.Constant(0.5));
        var y = dense.Apply(tf.Constant(new[,] { { 1, 2, 3 } }));
        Assert.Equal(DType.Float32, y.DType);
        Assert.Equal(new float[] { 6.5f }, y.ToArray<float>());
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(10, 0)]
    public void EmbeddingNeedsPositiveSizes(int inputDim, int outputDim) =>
        Assert.Equal($"Embedding: inputDim and outputDim must be positive, got {inputDim} and {outputDim}.",
            Assert.Throws<InvalidArgumentError>(() => new Embedding(inputDim, outputDim)).Message);

    [Fact]
    public void EmbeddingLooksUpIntegralFloatIndicesAndBuildsWhenCalledDirectly()
    {
        var table = tf.Constant(new float[,] { { 0, 0 }, { 1, 10 }, { 2, 20 } });
        var e = new Embedding(3, 2, embeddingsInitializer: new FromTable(table));
        var y = e.Call(tf.Constant(new float[,] { { 2, 1 } }));
        Assert.Equal(new Shape(1, 2, 2), y.Shape);
        Assert.Equal(new float[] { 2, 20, 1, 10 }, y.ToArray<float>());
        Assert.Equal(new float[] { 1, 10 }, e.Call(tf.Constant(new byte[] { 1 })).ToArray<float>());
    }

    private sealed class FromTable(Tensor table) : Strata.Keras.Initializers.Initializer
    {
        public override Tensor Call(Shape shape, DType dtype = DType.Float32) => table;
    }

    [Fact]
    public void ReshapeRefusesSizesThatDoNotDivide()
    {
        var x = tf.Ones([2, 6]);
        Assert.Equal(new Shape(2, 3, 2), new Reshape([3, -1]).Apply(x).Shape);
        Assert.Equal(new Shape(0, 2, 3), new Reshape([2, 3]).Apply(tf.Ones([0, 6])).Shape);
        Assert.Equal("Reshape 'r1': a sample of shape (6,) (6 values) cannot be reshaped to (4, None).",
            Assert.Throws<InvalidArgumentError>(() => new Reshape([4, -1], name: "r1").Apply(x)).Message);
        Assert.Equal("Reshape 'r2': a sample of shape (6,) (6 values) cannot be reshaped to (None, None).",
            Assert.Throws<InvalidArgumentError>(() => new Reshape([-1, -1], name: "r2").Apply(x)).Message);
        Assert.Equal("Reshape 'r3': a sample of shape (6,) (6 values) cannot be reshaped to (0, None).",
            Assert.Throws<InvalidArgumentError>(() => new Reshape([0, -1], name: "r3").Apply(x)).Message);
        Assert.Equal("Reshape 'r4': expected an input with a batch dimension, got a scalar.",
            Assert.Throws<InvalidArgumentError>(() => new Reshape([1], name: "r4").Apply(tf.Constant(1f))).Message);
    }

    [Fact]
    public void FlattenKeepsARankTwoInputAndRefusesAScalar()
    {
        var x = tf.Ones([3, 4]);
        Assert.Same(x, new Flatten().Apply(x));
        Assert.Equal(new Shape(0, 12), new Flatten().Apply(tf.Ones([0, 3, 4])).Shape);
        Assert.Equal("Flatten 'f': expected an input with a batch dimension, got a scalar.",
            Assert.Throws<InvalidArgumentError>(() => new Flatten(name: "f").Call(tf.Constant(1f))).Message);
    }

    [Fact]
    public void MergeLayersNeedTwoInputsGivenAsAList()
    {
        var a = tf.Ones([1, 2]);
        Assert.Equal("Add 'plus': needs at least 2 inputs, got 1.",
            Assert.Throws<InvalidArgumentError>(() => new Add(name: "plus").Call([a], null)).Message);
        Assert.Equal("Add 'plus2': call it on a list of tensors, e.g. Apply([a, b]).",
            Assert.Throws<InvalidArgumentError>(() => new Add(name: "plus2").Apply(a)).Message);
        Assert.Equal("Concatenate 'cat': needs at least 2 inputs, got 1.",
            Assert.Throws<InvalidArgumentError>(() => new Concatenate(name: "cat").Call([a], null)).Message);
        Assert.Equal("Concatenate 'cat2': call it on a list of tensors, e.g. Apply([a, b]).",
            Assert.Throws<InvalidArgumentError>(() => new Concatenate(name: "cat2").Apply(a)).Message);
        Assert.Equal(new Shape(2, 2), new Concatenate(axis: 0).Apply([a, a]).Shape);
    }

    [Fact]
    public void ALayerOfOneInputRefusesSeveral()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => new Dropout(0.5, name: "drop").Call([tf.Ones([1]), tf.Ones([1])], training: true));
        Assert.Equal("Layer 'drop' (Dropout) takes one input, got 2.", e.Message);
        Assert.Equal("Layer 'none_given': needs at least one input.",
            Assert.Throws<InvalidArgumentError>(() => new Add(name: "none_given").Apply(Array.Empty<Tensor>())).Message);
        var input = keras.Input([2]);
        Assert.Equal("Layer 'mixed': inputs mix symbolic (keras.Input) and real tensors; input 1 is real.",
            Assert.Throws<InvalidArgumentError>(() => new Add(name: "mixed").Apply([input, tf.Ones([1, 2])])).Message);
    }

    [Fact]
    public void APlainCallOfDropoutIsInference()
    {
        var x = tf.Ones([1000]);
        var drop = new Dropout(0.5, seed: 3);
        Assert.Same(x, drop.Call(x));
        Assert.Equal(0.5, drop.Rate);
        Assert.Equal(3, drop.Seed);
        Assert.Equal($"Dropout: rate must be in [0, 1), got {double.NaN}.", Assert.Throws<InvalidArgumentError>(() => new Dropout(double.NaN)).Message);
        Assert.Equal("Dropout: rate must be in [0, 1), got -0.1.", Assert.Throws<InvalidArgumentError>(() => new Dropout(-0.1)).Message);
    }

    [Fact]
    public void InputLayerPassesRealDataThrough()
    {
        var layer = new InputLayer([3], name: "in");
        var x = tf.Ones([2, 3]);
        Assert.Same(x, layer.Call(x));
        Assert.Equal("<InputLayer name=in, built=True>", layer.ToString());
        Assert.Equal("<Dense name=d, built=False>", new Dense(1, name: "d").ToString());
    }

    private sealed class NoCall : Layer
    {
    }

    [Fact]
    public void ALayerWithoutCallSaysWhatToOverride()
    {
        var layer = new NoCall();
        var e = Assert.Throws<NotImplementedException>(() => layer.Apply(tf.Ones([1])));
        Assert.Equal($"Layer '{layer.Name}' (NoCall) must override Call(Tensor).", e.Message);
        Assert.Matches("^no_call(_[0-9]+)?$", layer.Name); // Keras's snake_case of the class name
    }

    [Fact]
    public void SetWeightsNeedsOneValuePerWeight()
    {
        var dense = new Dense(2, inputShape: [3], name: "pair");
        dense.Apply(tf.Ones([1, 3]));
        var e = Assert.Throws<InvalidArgumentError>(() => dense.SetWeights([tf.Zeros([3, 2])]));
        Assert.Equal("SetWeights: layer 'pair' has 2 weights, got 1 values.", e.Message);
    }

    private sealed class WrongShape : Strata.Keras.Initializers.Initializer
    {
        public override Tensor Call(Shape shape, DType dtype = DType.Float32) => tf.Zeros([1]);
    }

    [Fact]
    public void AnInitializerOfTheWrongShapeIsCaught()
    {
        var dense = new Dense(2, kernelInitializer: new WrongShape(), name: "odd");
        var e = Assert.Throws<InvalidArgumentError>(() => dense.Apply(tf.Ones([1, 3])));
        Assert.Equal("odd.AddWeight('kernel'): the initializer gave shape (1,), expected (3, 2).", e.Message);
    }
}
