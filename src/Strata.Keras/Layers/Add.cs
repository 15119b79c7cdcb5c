namespace Strata.Keras.Layers;

/// <summary>Keras's <c>Add</c> merge layer: the elementwise sum of its inputs (same shapes, or broadcastable).</summary>
public sealed class Add : Layer
{
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

    public override Tensor Call(IReadOnlyList<Tensor> inputs, bool? training)
    {
        if (inputs.Count < 2)
            throw new InvalidArgumentError($"Add '{Name}': needs at least 2 inputs, got {inputs.Count}.");
        var sum = inputs[0];
        for (int i = 1; i < inputs.Count; i++) sum = tf.Add(sum, inputs[i]);
        return sum;
    }

    public override Tensor Call(Tensor inputs) =>
        throw new InvalidArgumentError($"Add '{Name}': call it on a list of tensors, e.g. Apply([a, b]).");
}
