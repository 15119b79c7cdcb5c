namespace Strata.Keras.Layers;

/// <summary>Keras's <c>Add</c> merge layer: the elementwise sum of its inputs (same shapes, or broadcastable).</summary>
public sealed class Add : Layer
{
    /// <summary>An Add layer (keras.layers.Add); apply it to a list of two or more tensors.</summary>
    /// <param name="name">The layer's name; null for <c>add</c>, <c>add_1</c>….</param>
    public Add(string? name = null) : base(name)
    {
        SupportsMasking = true;
    }

    /// <summary>Keras's merge-layer mask: the steps valid in every input (inputs without a mask count as all valid).</summary>
    public override Tensor? ComputeMask(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> previousMasks)
    {
        Tensor? mask = null;
        foreach (var m in previousMasks)
            if (m is not null) mask = mask is null ? m : tf.LogicalAnd(mask, m);
        return mask;
    }

    /// <summary>The sum of <paramref name="inputs"/> (at least two, of equal or broadcastable shapes).</summary>
    /// <param name="inputs">The tensors to add.</param>
    /// <param name="training">Unused: the layer behaves the same in training and inference.</param>
    public override Tensor Call(IReadOnlyList<Tensor> inputs, bool? training)
    {
        if (inputs.Count < 2)
            throw new InvalidArgumentError($"Add '{Name}': needs at least 2 inputs, got {inputs.Count}.");
        var sum = inputs[0];
        for (int i = 1; i < inputs.Count; i++) sum = tf.Add(sum, inputs[i]);
        return sum;
    }

    /// <summary>Not for a single tensor: throws an <see cref="InvalidArgumentError"/>; call the layer on a list of tensors.</summary>
    /// <param name="inputs">A single tensor, which a merge layer cannot take.</param>
    public override Tensor Call(Tensor inputs) =>
        throw new InvalidArgumentError($"Add '{Name}': call it on a list of tensors, e.g. Apply([a, b]).");
}
