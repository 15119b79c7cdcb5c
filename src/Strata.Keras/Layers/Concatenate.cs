namespace Strata.Keras.Layers;

/// <summary>Keras's <c>Concatenate</c> merge layer: joins its inputs along <see cref="Axis"/> (default the last).</summary>
public sealed class Concatenate : Layer
{
    public int Axis { get; }

    public Concatenate(int axis = -1, string? name = null) : base(name)
    {
        Axis = axis;
    }

    public override Tensor Call(IReadOnlyList<Tensor> inputs, bool? training)
    {
        if (inputs.Count < 2)
            throw new InvalidArgumentError($"Concatenate '{Name}': needs at least 2 inputs, got {inputs.Count}.");
        return tf.Concat(inputs, Axis);
    }

    public override Tensor Call(Tensor inputs) =>
        throw new InvalidArgumentError($"Concatenate '{Name}': call it on a list of tensors, e.g. Apply([a, b]).");
}
