using Strata.Keras.Layers;

namespace Strata.Keras.Models;

/// <summary>A plain stack of layers, each feeding the next (Keras's <c>Sequential</c>).</summary>
public class Sequential : Model
{
    private readonly List<Layer> _layers = new();

    public Sequential(IEnumerable<Layer>? layers = null, string? name = null) : base(name)
    {
        if (layers is not null) foreach (var l in layers) Add(l);
    }

    public override IReadOnlyList<Layer> Layers => _layers;

    public void Add(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (ReferenceEquals(layer, this)) throw new InvalidArgumentError("Sequential.Add: a model cannot contain itself.");
        _layers.Add(layer);
        Built = false;
    }

    public void Pop()
    {
        if (_layers.Count == 0) throw new InvalidArgumentError("Sequential.Pop: there are no layers to remove.");
        _layers.RemoveAt(_layers.Count - 1);
    }

    public override void Build(Shape inputShape)
    {
        // Build each layer from the shape the previous one produces, by running a zero batch through.
        var dims = inputShape.ToArray();
        for (int i = 0; i < dims.Length; i++) if (dims[i] < 0) dims[i] = 1;
        Call(tf.Zeros(dims), training: false);
    }

    public override Tensor Call(Tensor inputs) => Call(inputs, training: null);

    public override Tensor Call(Tensor inputs, bool? training)
    {
        if (_layers.Count == 0)
            throw new InvalidArgumentError($"Sequential '{Name}': the model has no layers; add some with Add.");
        var x = inputs;
        foreach (var layer in _layers) x = layer.Apply(x, training);
        return x;
    }
}
