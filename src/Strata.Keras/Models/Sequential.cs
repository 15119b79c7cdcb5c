using Strata.Keras.Engine;
using Strata.Keras.Layers;

namespace Strata.Keras.Models;

/// <summary>
/// A plain stack of layers, each feeding the next (Keras's <c>Sequential</c>). When the input shape is known —
/// an <see cref="InputLayer"/> (or <c>keras.Input(...)</c>) first, or <c>inputShape:</c> on the first layer — the
/// model is built at construction, so <c>Summary()</c> shows every shape before training; otherwise it is built
/// by its first call (or Fit).
/// </summary>
public class Sequential : Model
{
    private readonly List<Layer> _layers = new();
    private InputLayer? _inputLayer;

    /// <summary>The input layer (null until the input shape is known); Saving writes it as Keras's first layer.</summary>
    internal InputLayer? InputLayerOrNull => _inputLayer;
    private KerasTensor[]? _inputs; // [_inputLayer.Output], remade when the input layer changes
    private KerasTensor? _output; // the symbolic output, once the input shape is known

    /// <summary>keras.Sequential: a model that runs <paramref name="layers"/> one after the other.</summary>
    /// <param name="layers">The layers in order, added as by <see cref="Add"/>; an <see cref="InputLayer"/> may come first.
    /// None by default (add them later).</param>
    /// <param name="name">The model's name; by default <c>sequential</c>, numbered (<c>sequential_1</c>…).</param>
    public Sequential(IEnumerable<Layer>? layers = null, string? name = null) : base(name)
    {
        if (layers is not null) foreach (var l in layers) Add(l);
    }

    /// <summary>The layers in order (an input layer is not one of them, as in Keras).</summary>
    public override IReadOnlyList<Layer> Layers => _layers;

    /// <summary>The layers in order, without the input layer.</summary>
    public override IReadOnlyList<Layer> SubLayers => _layers;

    // Keras 3's Sequential leaves the check to the layers, so a 14×14 image into a 28×28 model is reported by the
    // Dense after Flatten as (2, 196). Checking against the input layer names the shape the user passed instead.
    private protected override KerasTensor[]? SpecSources => _inputs;

    private void SetInputLayer(InputLayer input)
    {
        _inputLayer = input;
        _inputs = [input.Output];
        _output = input.Output;
    }

    /// <summary>Appends <paramref name="layer"/> on top of the stack (Keras's <c>add</c>). When the input shape is known the
    /// layer is built at once, so shape errors show here rather than in Fit.</summary>
    /// <param name="layer">The layer to add; an <see cref="InputLayer"/> only as the first.</param>
    /// <exception cref="InvalidArgumentError">The layer is the model itself, or an <see cref="InputLayer"/> after
    /// other layers.</exception>
    public void Add(Layer layer)
    {
        Guard.NotNull(layer, "Sequential.Add", "layer");
        if (ReferenceEquals(layer, this)) throw new InvalidArgumentError("Sequential.Add: a model cannot contain itself.");
        if (layer is InputLayer input)
        {
            if (_layers.Count > 0 || _inputLayer is not null)
                throw new InvalidArgumentError($"Sequential '{Name}': an InputLayer can only come first, once; got '{input.Name}' after other layers.");
            SetInputLayer(input);
            return;
        }
        if (_inputLayer is null && _layers.Count == 0 && layer.InputShape is { } shape)
            SetInputLayer(new InputLayer(shape));
        _layers.Add(layer);
        if (_output is not null)
        {
            _output = (KerasTensor)layer.Apply(_output);
            OutputShape = _output.Shape;
            Built = true;
        }
        else Built = false;
    }

    /// <summary>Removes the last layer and returns it (Keras's <c>pop</c>); a model with a known input shape is rebuilt.</summary>
    public Layer Pop()
    {
        if (_layers.Count == 0) throw new InvalidArgumentError("Sequential.Pop: there are no layers to remove.");
        var last = _layers[^1];
        _layers.RemoveAt(_layers.Count - 1);
        if (_inputLayer is not null) Build(_inputLayer.Output.Shape);
        return last;
    }

    /// <summary>Builds every layer by passing a symbolic input of <paramref name="inputShape"/> (batch first) through.</summary>
    public override void Build(Shape inputShape)
    {
        if (_inputLayer is null || _inputLayer.Output.Shape.Rank != inputShape.Rank)
            SetInputLayer(new InputLayer(Shape.Wrap(inputShape.Dims[1..].ToArray())));
        _output = _inputLayer!.Output;
        foreach (var layer in _layers) _output = (KerasTensor)layer.Apply(_output);
        OutputShape = _output.Shape;
        Built = true;
    }

    /// <summary>Runs the layers in order on <paramref name="inputs"/>, each layer in its default mode.</summary>
    /// <param name="inputs">The input batch.</param>
    public override Tensor Call(Tensor inputs) => Call(inputs, training: null);

    /// <summary>Runs the layers in order on <paramref name="inputs"/>. A built model first fixes a trailing axis of 1
    /// more or less, as Keras does, and refuses any other rank.</summary>
    /// <param name="inputs">The input batch.</param>
    /// <param name="training">True in training, false in inference, null for each layer's default.</param>
    /// <exception cref="InvalidArgumentError">The model has no layers, or the input's rank does not fit.</exception>
    public override Tensor Call(Tensor inputs, bool? training)
    {
        if (_layers.Count == 0)
            throw new InvalidArgumentError($"Sequential '{Name}': the model has no layers; add some with Add.");
        // As Keras's Sequential.call runs its functional model: a trailing axis of 1 more or less is fixed, any
        // other rank refused before the first layer sees it.
        var x = _inputLayer is not null && Built ? InputRank.Adjust(inputs, _inputLayer.Output.Shape) : inputs;
        foreach (var layer in _layers) x = layer.Apply(x, training);
        return x;
    }
}
