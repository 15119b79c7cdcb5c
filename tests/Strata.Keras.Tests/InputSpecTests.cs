using Strata.Keras.Engine;
using Strata.Keras.Layers;
using Strata.Keras.Losses;
using Strata.Keras.Models;

namespace Strata.Keras.Tests;

/// <summary>Layers and models check their inputs against their input specs, with Keras 3's messages.</summary>
public class InputSpecTests
{
    /// <summary>A pass-through layer whose spec a test sets, to exercise each kind of spec alone.</summary>
    private sealed class Probe : Layer
    {
        public Probe(string name, params InputSpec?[] specs) : base(name) => InputSpecs = specs;

        public override Tensor Call(Tensor inputs) => inputs;

        public override Tensor Call(IReadOnlyList<Tensor> inputs, bool? training) => inputs[0];

        public static Probe With(InputSpec spec, string name = "probe") => new(name, spec);
    }

    private static string Fails(Layer layer, Tensor x) =>
        Assert.Throws<InvalidArgumentError>(() => layer.Apply(x)).Message;

    private const string Prefix = "Input 0 of layer \"probe\" is incompatible with the layer: ";

    // ------------------------------------------------------------ each kind of spec

    [Fact]
    public void NdimIsTheExactRank()
    {
        var p = Probe.With(new InputSpec(ndim: 3));
        Assert.Equal(Prefix + "expected ndim=3, found ndim=2. Full shape received: (2, 4)", Fails(p, tf.Ones([2, 4])));
        Assert.Equal(new Shape(2, 4, 5), p.Apply(tf.Ones([2, 4, 5])).Shape);
    }

    [Fact]
    public void MaxNdimIsTheLargestRank()
    {
        var p = Probe.With(new InputSpec(maxNdim: 2));
        Assert.Equal(Prefix + "expected max_ndim=2, found ndim=3", Fails(p, tf.Ones([2, 3, 4])));
        p.Apply(tf.Ones([2, 3]));
        p.Apply(tf.Ones([2]));
    }

    [Fact]
    public void MinNdimIsTheSmallestRank()
    {
        var p = Probe.With(new InputSpec(minNdim: 3));
        Assert.Equal(Prefix + "expected min_ndim=3, found ndim=2. Full shape received: (2, 4)", Fails(p, tf.Ones([2, 4])));
        p.Apply(tf.Ones([2, 4, 1, 1]));
    }

    [Fact]
    public void DtypeMustMatch()
    {
        var p = Probe.With(new InputSpec(dtype: DType.Float32));
        Assert.Equal(Prefix + "expected dtype=float32, found dtype=int32", Fails(p, tf.Constant(new[,] { { 1, 2 } })));
    }

    [Fact]
    public void AxesFixTheSizeOfSomeAxes()
    {
        var p = Probe.With(new InputSpec(axes: new Dictionary<int, int> { [1] = 5, [-1] = 4 }));
        Assert.Equal(Prefix + "expected axis 1 of input shape to have value 5, but received input with shape (2, 3, 4)",
            Fails(p, tf.Ones([2, 3, 4])));
        Assert.Equal(Prefix + "expected axis -1 of input shape to have value 4, but received input with shape (2, 5, 3)",
            Fails(p, tf.Ones([2, 5, 3])));
        Assert.Equal(Prefix + "axis 1 is out of bounds for an input with ndim=1. Full shape received: (5,)", Fails(p, tf.Ones([5])));
        p.Apply(tf.Ones([7, 5, 4]));
    }

    [Fact]
    public void ShapeFixesEveryKnownDimension()
    {
        var p = Probe.With(new InputSpec(shape: new Shape(-1, 3, 4)));
        Assert.Equal(Prefix + "expected shape=(None, 3, 4), found shape=(2, 3, 5)", Fails(p, tf.Ones([2, 3, 5])));
        // The shape implies the rank.
        Assert.Equal(Prefix + "expected ndim=3, found ndim=2. Full shape received: (3, 4)", Fails(p, tf.Ones([3, 4])));
        p.Apply(tf.Ones([9, 3, 4]));
    }

    [Fact]
    public void UnknownDimensionsAcceptAnything()
    {
        // None in the spec matches any size; None in a symbolic input matches any spec.
        var p = Probe.With(new InputSpec(shape: new Shape(-1, -1, 4), axes: new Dictionary<int, int> { [-1] = 4 }));
        p.Apply(tf.Ones([7, 9, 4]));
        p.Apply(tf.Ones([1, 1, 4]));
        Assert.Equal(new Shape(-1, -1, 4), p.Apply(keras.Input([-1, 4])).Shape);
        var last = Probe.With(new InputSpec(axes: new Dictionary<int, int> { [-1] = 784 }), "last");
        Assert.Equal(new Shape(-1, -1), last.Apply(keras.Input([-1])).Shape);
    }

    [Fact]
    public void ALastAxisOfOneMayBeSqueezedWhenAllowed()
    {
        var p = Probe.With(new InputSpec(shape: new Shape(-1, 4), allowLastAxisSqueeze: true));
        p.Apply(tf.Ones([2, 4, 1]));
        var q = Probe.With(new InputSpec(shape: new Shape(-1, 4, 1), allowLastAxisSqueeze: true));
        q.Apply(tf.Ones([2, 4]));
        // Only a trailing 1 that makes the ranks meet: (2, 1) is not (None, 4).
        Assert.Equal(Prefix + "expected shape=(None, 4), found shape=(2, 1)", Fails(p, tf.Ones([2, 1])));
        // Keras reports the shape after the squeeze.
        Assert.Equal(Prefix + "expected shape=(None, 4), found shape=(2, 3)", Fails(p, tf.Ones([2, 3, 1])));
    }

    [Fact]
    public void OneSpecPerInput()
    {
        var one = Probe.With(new InputSpec(ndim: 2));
        Assert.Equal("Layer \"probe\" expects 1 input(s), but it received 2 input tensors. Inputs received: " +
            "[tf.Tensor(shape=(2, 4), dtype=float32), tf.Tensor(shape=(2, 4), dtype=float32)]",
            Assert.Throws<InvalidArgumentError>(() => one.Apply([tf.Ones([2, 4]), tf.Ones([2, 4])])).Message);

        var two = new Probe("probe", new InputSpec(ndim: 2), null);
        two.Apply([tf.Ones([2, 4]), tf.Ones([3])]); // a null spec accepts anything
        Assert.Equal("Input 0 of layer \"probe\" is incompatible with the layer: expected ndim=2, found ndim=1. Full shape received: (3,)",
            Assert.Throws<InvalidArgumentError>(() => two.Apply([tf.Ones([3]), tf.Ones([3])])).Message);
        Assert.StartsWith("Layer \"probe\" expects 2 input(s), but it received 1 input tensors.", Fails(two, tf.Ones([2, 4])));
    }

    [Fact]
    public void SpecsPrintAsKerasAndRefuseImpossibleAxes()
    {
        Assert.Equal("InputSpec(min_ndim=2, axes={-1: 784})", new InputSpec(minNdim: 2, axes: new Dictionary<int, int> { [-1] = 784 }).ToString());
        Assert.Equal("InputSpec(dtype=int32, shape=(None, 4), ndim=2)", new InputSpec(DType.Int32, shape: new Shape(-1, 4)).ToString());
        Assert.Equal("InputSpec(max_ndim=4)", new InputSpec(maxNdim: 4).ToString());
        Assert.Equal("Axis 2 is greater than the maximum allowed value: 1",
            Assert.Throws<InvalidArgumentError>(() => new InputSpec(ndim: 2, axes: new Dictionary<int, int> { [2] = 3 })).Message);
    }

    // ------------------------------------------------------------ layers

    [Fact]
    public void DenseWantsRankTwoThenItsLastAxis()
    {
        var d = new Dense(3, name: "d");
        Assert.Equal("InputSpec(min_ndim=2)", d.InputSpec!.ToString());
        Assert.Equal("Input 0 of layer \"d\" is incompatible with the layer: expected min_ndim=2, found ndim=1. Full shape received: (4,)",
            Fails(d, tf.Ones([4])));
        Assert.False(d.Built); // checked before building, as Keras does

        d.Apply(tf.Ones([2, 4]));
        Assert.Equal("InputSpec(min_ndim=2, axes={-1: 4})", d.InputSpec!.ToString());
        Assert.Equal("Input 0 of layer \"d\" is incompatible with the layer: expected axis -1 of input shape to have value 4, " +
            "but received input with shape (2, 3)", Fails(d, tf.Ones([2, 3])));
    }

    [Fact]
    public void DenseOnAWrongImageNamesItsShape()
    {
        var d = new Dense(10, name: "dense_784");
        d.Apply(tf.Ones([1, 784]));
        Assert.Equal("Input 0 of layer \"dense_784\" is incompatible with the layer: expected axis -1 of input shape to have value 784, " +
            "but received input with shape (2, 14, 14)", Fails(d, tf.Ones([2, 14, 14])));
        // Called directly (not through Apply) it says the same.
        Assert.Equal("Input 0 of layer \"dense_784\" is incompatible with the layer: expected axis -1 of input shape to have value 784, " +
            "but received input with shape (2, 14, 14)", Assert.Throws<InvalidArgumentError>(() => d.Call(tf.Ones([2, 14, 14]))).Message);
    }

    [Fact]
    public void DenseOnRankThreeWorksOnTheLastAxis()
    {
        // (batch, time, features) → (batch, time, units), as Keras 3's Dense; built on rank 2, it takes rank 3 too.
        var d = new Dense(3, kernelInitializer: "ones");
        Assert.Equal(new Shape(2, 5, 3), d.Apply(tf.Ones([2, 5, 4])).Shape);
        Assert.Equal(new Shape(6, 3), d.Apply(tf.Ones([6, 4])).Shape);
        Assert.All(d.Apply(tf.Ones([1, 2, 2, 4])).ToArray<float>(), v => Assert.Equal(4f, v));
        var model = new Sequential([keras.Input([5, 4]), new Dense(2)]);
        Assert.Equal(new Shape(-1, 5, 2), model.OutputShape);
        Assert.Equal(new Shape(3, 5, 2), model.Predict(tf.Ones([3, 5, 4])).Shape);
    }

    [Fact]
    public void DenseOnAnUnknownLastAxisIsRefused()
    {
        const string expected = "Shapes used to initialize variables must be fully-defined (no `None` dimensions). " +
            "Received: shape=(None, 3) for variable path='d_none/kernel'";
        var input = keras.Input([-1]);
        var d = new Dense(3, name: "d_none");
        Assert.Equal(expected, Assert.Throws<InvalidArgumentError>(() => d.Apply(input)).Message);
        Assert.False(d.Built);
        Assert.Equal(expected, Assert.Throws<InvalidArgumentError>(() => new Sequential([keras.Input([-1]), new Dense(3, name: "d_none")])).Message);
    }

    [Fact]
    public void AnUnknownAxisInsideASampleStaysUnknown()
    {
        // Keras: Flatten of (None, None, 3) is (None, None), and a Dense cannot be built on it.
        var input = keras.Input([-1, 3]);
        var flat = new Flatten(name: "flat_none").Apply(input);
        Assert.Equal(new Shape(-1, -1), flat.Shape);
        Assert.Equal("Shapes used to initialize variables must be fully-defined (no `None` dimensions). " +
            "Received: shape=(None, 2) for variable path='after_flat/kernel'",
            Assert.Throws<InvalidArgumentError>(() => new Dense(2, name: "after_flat").Apply(flat)).Message);
        // A Dense on the known last axis keeps the unknown one.
        Assert.Equal(new Shape(-1, -1, 2), new Dense(2).Apply(input).Shape);
    }

    [Fact]
    public void FlattenWantsABatchAxis()
    {
        var f = new Flatten(name: "f");
        Assert.Equal("InputSpec(min_ndim=1)", f.InputSpec!.ToString());
        Assert.Equal("Input 0 of layer \"f\" is incompatible with the layer: expected min_ndim=1, found ndim=0. Full shape received: ()",
            Fails(f, tf.Constant(1f)));
        Assert.Equal(new Shape(3, 1), f.Apply(tf.Ones([3])).Shape); // (batch,) becomes (batch, 1), as in Keras
    }

    [Fact]
    public void LayersWithoutASpecInKerasHaveNone()
    {
        // Named, so that the default names other tests expect ("concatenate") stay free.
        Assert.Null(new Embedding(10, 2, name: "spec_embedding").InputSpec);
        Assert.Null(new Reshape([2, 2], name: "spec_reshape").InputSpec);
        Assert.Null(new Dropout(0.5, name: "spec_dropout").InputSpec);
        Assert.Null(new Add(name: "spec_add").InputSpecs);
        Assert.Null(new Concatenate(name: "spec_concatenate").InputSpecs);
        Assert.Null(new InputLayer([3], name: "spec_input").InputSpec);
    }

    // ------------------------------------------------------------ models

    private static Sequential Built4(string name) => new([keras.Input([4]), new Dense(3)], name: name);

    [Fact]
    public void AModelBuiltForRankTwoRefusesRankThree()
    {
        var seq = Built4("seq4");
        Assert.Equal("Input 0 of layer \"seq4\" is incompatible with the layer: expected shape=(None, 4), found shape=(2, 3, 4)",
            Fails(seq, tf.Ones([2, 3, 4])));
        var input = keras.Input([4]);
        var fun = new Model(input, new Dense(3).Apply(input), name: "fun4");
        Assert.Equal("Input 0 of layer \"fun4\" is incompatible with the layer: expected shape=(None, 4), found shape=(2, 3, 4)",
            Fails(fun, tf.Ones([2, 3, 4])));
        Assert.Equal(new Shape(2, 3), seq.Apply(tf.Ones([2, 4])).Shape);
    }

    [Fact]
    public void AModelBuiltForRankThreeRefusesRankTwo()
    {
        var seq = new Sequential([keras.Input([3, 4]), new Dense(2)], name: "seq34");
        Assert.Equal("Input 0 of layer \"seq34\" is incompatible with the layer: expected shape=(None, 3, 4), found shape=(5, 4)",
            Fails(seq, tf.Ones([5, 4])));
        var input = keras.Input([3, 4]);
        var fun = new Model(input, new Dense(2).Apply(input), name: "fun34");
        Assert.Equal("Input 0 of layer \"fun34\" is incompatible with the layer: expected shape=(None, 3, 4), found shape=(5, 4)",
            Fails(fun, tf.Ones([5, 4])));
    }

    [Fact]
    public void ARankTheSpecLetsThroughIsRefusedByTheModel()
    {
        // (None, 4) and (2, 4, 7) agree on their first two axes; the model then refuses the rank, as Keras's
        // Functional._adjust_input_rank does.
        var fun = Built4("seq_rank");
        Assert.Equal("Invalid input shape for input tf.Tensor(shape=(2, 4, 7), dtype=float32). Expected shape (None, 4), " +
            "but input has incompatible shape (2, 4, 7)", Fails(fun, tf.Ones([2, 4, 7])));
        var series = new Sequential([keras.Input([-1, 17]), new Dense(1)], name: "series");
        Assert.Equal("Invalid input shape for input tf.Tensor(shape=(2, 17), dtype=float32). Expected shape (None, None, 17), " +
            "but input has incompatible shape (2, 17)", Fails(series, tf.Ones([2, 17])));
    }

    [Fact]
    public void ATrailingAxisOfOneIsSqueezedOrAddedByTheModel()
    {
        var seq = Built4("seq_squeeze");
        Assert.Equal(new Shape(2, 3), seq.Apply(tf.Ones([2, 4, 1])).Shape);
        var input = keras.Input([4, 1]);
        var fun = new Model(input, new Dense(2).Apply(new Flatten().Apply(input)), name: "fun_expand");
        Assert.Equal(new Shape(2, 2), fun.Apply(tf.Ones([2, 4])).Shape);
        Assert.Equal(new Shape(2, 2), fun.Predict(tf.Ones([2, 4])).Shape);
    }

    private static Sequential Mnist(string name)
    {
        var model = new Sequential([keras.Input([28, 28]), new Flatten(), new Dense(10)], name: name);
        model.Compile(optimizer: "adam", loss: new SparseCategoricalCrossentropy(fromLogits: true));
        return model;
    }

    [Fact]
    public void ASmallImageIsReportedWithTheShapeGiven()
    {
        // Not the flattened (2, 196) the Dense would see: the model names the shape the user passed.
        var model = Mnist("mnist");
        const string expected = "Input 0 of layer \"mnist\" is incompatible with the layer: expected shape=(None, 28, 28), found shape=";
        Assert.Equal(expected + "(2, 14, 14)", Fails(model, tf.Ones([2, 14, 14])));
        var x = tf.Ones([5, 14, 14]);
        var y = tf.Zeros([5], DType.Int32);
        Assert.Equal(expected + "(5, 14, 14)", Assert.Throws<InvalidArgumentError>(() => model.Predict(x)).Message);
        Assert.Equal(expected + "(5, 14, 14)", Assert.Throws<InvalidArgumentError>(() => model.Fit(x, y, verbose: 0)).Message);
        Assert.Equal(expected + "(5, 14, 14)", Assert.Throws<InvalidArgumentError>(() => model.Evaluate(x, y, verbose: 0)).Message);
        Assert.Equal(expected + "(5, 14, 14)", Assert.Throws<InvalidArgumentError>(() =>
            model.Fit(tf.Ones([5, 28, 28]), y, verbose: 0, validationData: (x, y))).Message);
        Assert.Equal(expected + "(5, 14, 14)", Assert.Throws<InvalidArgumentError>(() => model.PredictOnBatch(x)).Message);
        Assert.Equal(expected + "(5, 14, 14)", Assert.Throws<InvalidArgumentError>(() => model.TrainOnBatch(x, y)).Message);
    }

    [Fact]
    public void AFunctionalModelChecksInFitToo()
    {
        var input = keras.Input([28, 28]);
        var model = new Model(input, new Dense(10).Apply(new Flatten().Apply(input)), name: "fmnist");
        model.Compile(optimizer: "adam", loss: new SparseCategoricalCrossentropy(fromLogits: true));
        var e = Assert.Throws<InvalidArgumentError>(() => model.Fit(tf.Ones([4, 14, 14]), tf.Zeros([4], DType.Int32), verbose: 0));
        Assert.Equal("Input 0 of layer \"fmnist\" is incompatible with the layer: expected shape=(None, 28, 28), found shape=(4, 14, 14)", e.Message);
        model.Fit(tf.Ones([4, 28, 28]), tf.Zeros([4], DType.Int32), verbose: 0);
    }

    [Fact]
    public void AModelsSpecComesFromItsInputs()
    {
        var a = keras.Input([3], name: "a");
        var b = keras.Input([2], name: "b");
        var model = new Model([a, b], [new Concatenate(name: "two_concatenate").Apply([a, b])], name: "two");
        Assert.Equal(["a", "b"], model.InputSpecs!.Select(s => s!.Name));
        Assert.Equal("InputSpec(shape=(None, 3), ndim=2)", model.InputSpecs![0]!.ToString());
        Assert.Equal("Layer \"two\" expects 2 input(s), but it received 1 input tensors. Inputs received: [tf.Tensor(shape=(2, 3), dtype=float32)]",
            Assert.Throws<InvalidArgumentError>(() => model.CallOutputs([tf.Ones([2, 3])])).Message);
        Assert.Equal("Input 1 of layer \"two\" is incompatible with the layer: expected shape=(None, 2), found shape=(2, 3)",
            Assert.Throws<InvalidArgumentError>(() => model.CallOutputs([tf.Ones([2, 3]), tf.Ones([2, 3])])).Message);
        Assert.Equal(new Shape(2, 5), model.CallOutputs([tf.Ones([2, 3]), tf.Ones([2, 2])])[0].Shape);
    }

    [Fact]
    public void ANestedModelChecksItsSymbolicInput()
    {
        var inner = Built4("inner4");
        Assert.Equal("Input 0 of layer \"inner4\" is incompatible with the layer: expected shape=(None, 4), found shape=(None, 5)",
            Assert.Throws<InvalidArgumentError>(() => inner.Apply(keras.Input([5]))).Message);
        Assert.Equal(new Shape(-1, 3), inner.Apply(keras.Input([4])).Shape);
    }

    [Fact]
    public void AnUnbuiltSequentialTakesItsSpecFromItsFirstInput()
    {
        var seq = new Sequential([new Dense(3)], name: "lazy");
        Assert.Null(seq.InputSpecs);
        seq.Apply(tf.Ones([2, 4]));
        Assert.Equal("InputSpec(shape=(None, 4), ndim=2)", seq.InputSpec!.ToString());
        Assert.Equal("Input 0 of layer \"lazy\" is incompatible with the layer: expected shape=(None, 4), found shape=(2, 5)",
            Fails(seq, tf.Ones([2, 5])));
    }

    [Fact]
    public void ASpecSetByHandReplacesTheModelsOwn()
    {
        var seq = Built4("manual");
        seq.InputSpec = new InputSpec(minNdim: 2);
        Assert.Equal("InputSpec(min_ndim=2)", seq.InputSpec!.ToString());
        Assert.Equal("Input 0 of layer \"manual\" is incompatible with the layer: expected min_ndim=2, found ndim=1. Full shape received: (4,)",
            Fails(seq, tf.Ones([4])));
    }
}
