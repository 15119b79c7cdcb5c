namespace Strata.Keras.Layers;

/// <summary>Reshapes each sample to <see cref="TargetShape"/> (no batch dimension; one entry may be -1).</summary>
public sealed class Reshape : Layer
{
    /// <summary>The shape of each output sample, without the batch dimension; one entry may be -1 (inferred).</summary>
    public Shape TargetShape { get; }

    /// <summary>A Reshape layer (keras.layers.Reshape): (batch, …) → (batch, ...targetShape).</summary>
    /// <param name="targetShape">Keras's <c>target_shape</c>: the sample shape to produce; one entry may be -1.</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    /// <param name="name">The layer's name; null for <c>reshape</c>, <c>reshape_1</c>….</param>
    public Reshape(Shape targetShape, Shape? inputShape = null, string? name = null) : base(name, inputShape)
    {
        TargetShape = targetShape;
    }

    /// <inheritdoc/>
    public override Tensor Call(Tensor inputs)
    {
        if (inputs.Rank < 1)
            throw new InvalidArgumentError($"Reshape '{Name}': expected an input with a batch dimension, got a scalar.");
        int batch = inputs.Shape[0];
        int sample = 1; // values per sample, from the shape (an empty batch has samples of the same size)
        for (int d = 1; d < inputs.Rank; d++) sample *= inputs.Shape[d];
        var target = TargetShape.ToArray();
        int known = 1, unknown = 0;
        foreach (var d in target) if (d < 0) unknown++; else known *= d;
        if (unknown > 1 || (unknown == 0 && known != sample) || (unknown == 1 && (known == 0 || sample % known != 0)))
            throw new InvalidArgumentError(
                $"Reshape '{Name}': a sample of shape {Shape.Wrap(inputs.Shape.Dims[1..].ToArray())} ({sample} values) cannot be reshaped to {TargetShape}.");
        return tf.Reshape(inputs, [batch, .. target]);
    }
}
