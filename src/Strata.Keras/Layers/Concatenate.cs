namespace Strata.Keras.Layers;

/// <summary>Keras's <c>Concatenate</c> merge layer: joins its inputs along <see cref="Axis"/> (default the last).</summary>
public sealed class Concatenate : Layer
{
    /// <summary>The axis the inputs are joined along (-1, the last, by default).</summary>
    public int Axis { get; }

    /// <summary>A Concatenate layer (keras.layers.Concatenate); apply it to a list of two or more tensors whose shapes agree
    /// except along <paramref name="axis"/>.</summary>
    /// <param name="axis">Keras's <c>axis</c>: the axis to join along; -1 (the last) by default.</param>
    /// <param name="name">The layer's name; null for <c>concatenate</c>, <c>concatenate_1</c>….</param>
    public Concatenate(int axis = -1, string? name = null) : base(name)
    {
        Axis = axis;
    }

    /// <summary>The concatenation of <paramref name="inputs"/> (at least two) along <see cref="Axis"/>.</summary>
    /// <param name="inputs">The tensors to join.</param>
    /// <param name="training">Unused: the layer behaves the same in training and inference.</param>
    public override Tensor Call(IReadOnlyList<Tensor> inputs, bool? training)
    {
        if (inputs.Count < 2)
            throw new InvalidArgumentError($"Concatenate '{Name}': needs at least 2 inputs, got {inputs.Count}.");
        return tf.Concat(inputs, Axis);
    }

    /// <summary>Not for a single tensor: throws an <see cref="InvalidArgumentError"/>; call the layer on a list of tensors.</summary>
    /// <param name="inputs">A single tensor, which a merge layer cannot take.</param>
    public override Tensor Call(Tensor inputs) =>
        throw new InvalidArgumentError($"Concatenate '{Name}': call it on a list of tensors, e.g. Apply([a, b]).");
}
