using Strata.Keras.Engine;
using Strata.Keras.Layers;
using Strata.Keras.Models;

namespace Strata.Keras.Tests;

/// <summary>Editing a Sequential (Add, Pop) and looking into models (GetLayer, Inputs, Outputs, Layers), with the
/// errors for what cannot be done.</summary>
public class SequentialEditingTests
{
    [Fact]
    public void PopRemovesTheLastLayerAndRebuildsTheOutputShape()
    {
        tf.random.SetSeed(2);
        var first = new Dense(3, name: "first");
        var last = new Dense(2, name: "last");
        var model = new Sequential([keras.Input([4]), first, last]);
        Assert.Equal(new Shape(-1, 2), model.OutputShape);

        Assert.Same(last, model.Pop()); // Keras 3's pop returns the layer
        Assert.Equal([first], model.Layers);
        Assert.Equal(new Shape(-1, 3), model.OutputShape);
        Assert.Equal(new Shape(5, 3), model.Predict(tf.Ones([5, 4])).Shape);
        Assert.Equal(first.Apply(tf.Ones([5, 4])).ToArray<float>(), model.Predict(tf.Ones([5, 4])).ToArray<float>());

        model.Pop();
        Assert.Empty(model.Layers);
        Assert.Equal(new Shape(-1, 4), model.OutputShape);
        var e = Assert.Throws<InvalidArgumentError>(() => model.Pop());
        Assert.Equal("Sequential.Pop: there are no layers to remove.", e.Message);

        model.Add(new Dense(6));
        Assert.Equal(new Shape(-1, 6), model.OutputShape);
    }

    [Fact]
    public void PopOnAnUnbuiltModelOnlyRemoves()
    {
        var model = new Sequential([new Dense(3), new Dense(2)]);
        model.Pop();
        Assert.Single(model.Layers);
        Assert.False(model.Built);
        Assert.Equal(new Shape(2, 3), model.Apply(tf.Ones([2, 5])).Shape);
    }

    [Fact]
    public void ASequentialCannotContainItselfNorRunEmpty()
    {
        var model = new Sequential(name: "stack");
        Assert.Equal("Sequential.Add: a model cannot contain itself.", Assert.Throws<InvalidArgumentError>(() => model.Add(model)).Message);
        var e = Assert.Throws<InvalidArgumentError>(() => model.Call(tf.Ones([1, 2])));
        Assert.Equal("Sequential 'stack': the model has no layers; add some with Add.", e.Message);
    }

    [Fact]
    public void GetLayerFindsByNameOrListsTheLayers()
    {
        var input = keras.Input([3], name: "features");
        var hidden = new Dense(4, name: "hidden");
        var output = new Dense(1, name: "score");
        var model = new Model(input, output.Apply(hidden.Apply(input)), name: "scorer");
        Assert.Same(hidden, model.GetLayer("hidden"));
        Assert.IsType<InputLayer>(model.GetLayer("features"));
        var e = Assert.Throws<InvalidArgumentError>(() => model.GetLayer("dense"));
        Assert.Equal("Model 'scorer': no layer named 'dense'. Layers: features, hidden, score.", e.Message);

        var seq = new Sequential([new Dense(2, name: "only")], name: "s");
        Assert.Equal("only", seq.GetLayer("only").Name);
        Assert.Contains("Layers: only.", Assert.Throws<InvalidArgumentError>(() => seq.GetLayer("input")).Message);
    }

    private sealed class TwoLayers : Model
    {
        public readonly Dense A = new(3, name: "a");
        public readonly Dense B = new(1, name: "b");

        public override Tensor Call(Tensor inputs) => B.Apply(A.Apply(inputs));
    }

    [Fact]
    public void FunctionalModelsExposeTheirSymbolicInputsAndOutputsSubclassedOnesNone()
    {
        var input = keras.Input([3]);
        var y = new Dense(2).Apply(input);
        var functional = new Model(input, y);
        Assert.Same(input, Assert.Single(functional.Inputs));
        Assert.Same(y, Assert.Single(functional.Outputs));
        Assert.Equal("Functional", functional.ClassName);

        var sub = new TwoLayers();
        Assert.Empty(sub.Inputs);
        Assert.Empty(sub.Outputs);
        Assert.Equal("TwoLayers", sub.ClassName);
        Assert.Equal([sub.A, sub.B], sub.Layers);
        Assert.Same(sub.B, sub.GetLayer("b"));
    }

    [Fact]
    public void AFunctionalModelCalledDirectlyRunsItsGraph()
    {
        tf.random.SetSeed(4);
        var input = keras.Input([2]);
        var dense = new Dense(1, kernelInitializer: "ones");
        var drop = new Dropout(0.5, seed: 1);
        var model = new Model(input, drop.Apply(dense.Apply(input)));
        var x = tf.Constant(new float[,] { { 1, 2 } });
        Assert.Equal(new float[] { 3 }, model.Call(x).ToArray<float>());
        Assert.Equal(new float[] { 3 }, model.Call(x, training: false).ToArray<float>());
        Assert.Equal(new float[] { 3 }, model.Call([x], training: null).ToArray<float>());
        var trained = model.Call(x, training: true).ToArray<float>()[0];
        Assert.True(trained == 0 || trained == 6, $"dropout at rate 0.5 gives 0 or 2·3, got {trained}");
    }

    [Fact]
    public void CallOutputsOfANonFunctionalModelIsItsOneOutput()
    {
        var sub = new TwoLayers();
        var x = tf.Ones([2, 3]);
        var outs = sub.CallOutputs([x]);
        Assert.Equal(sub.Apply(x).ToArray<float>(), Assert.Single(outs).ToArray<float>());
    }

    [Fact]
    public void FunctionalGraphErrorsNameTheModel()
    {
        var a = keras.Input([2], name: "a");
        var b = keras.Input([2], name: "b");
        var sum = new Add().Apply([a, b]);
        Assert.Equal("Model 'empty': needs at least one input and one output.",
            Assert.Throws<InvalidArgumentError>(() => new Model([], [sum], name: "empty")).Message);
        Assert.Equal("Model 'twice': input a is given twice.",
            Assert.Throws<InvalidArgumentError>(() => new Model([a, a], [sum], name: "twice")).Message);
        Assert.Equal("Model 'half': the outputs depend on input 'b', which is not among the model's inputs.",
            Assert.Throws<InvalidArgumentError>(() => new Model([a], [sum], name: "half")).Message);
        Assert.Equal("Model 'real': output 0 must be a symbolic tensor from layers applied to keras.Input, got a real tensor of shape (1, 2).",
            Assert.Throws<InvalidArgumentError>(() => new Model([a], [tf.Ones([1, 2])], name: "real")).Message);

        var model = new Model([a, b], [sum], name: "pair");
        var e = Assert.Throws<InvalidArgumentError>(() => model.CallOutputs([tf.Ones([1, 2])]));
        Assert.StartsWith("Layer \"pair\" expects 2 input(s), but it received 1 input tensors.", e.Message);
        Assert.Equal(new float[] { 2, 2 }, model.CallOutputs([tf.Ones([1, 2]), tf.Ones([1, 2])])[0].ToArray<float>());
    }

    [Fact]
    public void OnlyAnInputTensorStandsForALayer()
    {
        var input = keras.Input([2]);
        var hidden = new Dense(2, name: "made_by_dense");
        var y = (KerasTensor)hidden.Apply(input);
        Assert.Same(hidden, y.SourceLayer);
        var e = Assert.Throws<InvalidArgumentError>(() => new Sequential([y]));
        Assert.Equal($"Only a tensor made by keras.Input can stand for a layer; {y.Name} was made by 'made_by_dense'.", e.Message);
    }
}
