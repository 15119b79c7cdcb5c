using Strata.Keras.Engine;

namespace Strata.Keras.Layers;

/// <summary>Flattens each sample to one axis: (batch, d1, d2, …) → (batch, d1·d2·…). No weights.</summary>
public sealed class Flatten : Layer
{
    /// <summary>A Flatten layer (keras.layers.Flatten).</summary>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    /// <param name="name">The layer's name; null for <c>flatten</c>, <c>flatten_1</c>….</param>
    public Flatten(Shape? inputShape = null, string? name = null) : base(name, inputShape)
    {
        // Keras's spec: anything with a batch axis (a (batch,) input becomes (batch, 1)).
        InputSpec = new InputSpec(minNdim: 1);
    }

    /// <inheritdoc/>
    public override Tensor Call(Tensor inputs)
    {
        if (inputs.Rank < 1)
            throw new InvalidArgumentError($"Flatten '{Name}': expected an input with a batch dimension, got a scalar.");
        int batch = inputs.Shape[0];
        int features = 1; // the product of the sample's dimensions, as Keras's (an empty batch keeps its width)
        for (int d = 1; d < inputs.Rank; d++) features *= inputs.Shape[d];
        return inputs.Rank == 2 ? inputs : tf.Reshape(inputs, [batch, features]);
    }
}
