using Strata.Keras.Engine;

namespace Strata.Keras.Layers;

/// <summary>
/// Keras's <c>Masking</c>: a step whose features all equal <see cref="MaskValue"/> (default 0) is padding. The output
/// is the input with those steps zeroed and carries the mask (batch, steps), true at the other steps, for the RNN,
/// attention or pooling layers downstream.
/// </summary>
public sealed class Masking : Layer
{
    /// <summary>A Masking layer (keras.layers.Masking): (batch, steps, features) in, the same shape out.</summary>
    /// <param name="maskValue">Keras's <c>mask_value</c>: the value that marks padding; 0.0 by default.</param>
    /// <param name="name">The layer's name; null for <c>masking</c>, <c>masking_1</c>….</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    public Masking(double maskValue = 0.0, string? name = null, Shape? inputShape = null) : base(name, inputShape)
    {
        MaskValue = maskValue;
        SupportsMasking = true;
    }

    /// <summary>The value that marks a padding step.</summary>
    public double MaskValue { get; }

    private protected override bool ComputesOwnMask => true;

    /// <summary>The mask (batch, steps): true where some feature of the step differs from <see cref="MaskValue"/>.</summary>
    /// <param name="inputs">The input, (batch, …, features).</param>
    /// <param name="previousMask">Ignored: the layer makes its mask from the values.</param>
    public override Tensor? ComputeMask(Tensor inputs, Tensor? previousMask) =>
        tf.ReduceAny(tf.NotEqual(inputs, Tensor.Scalar(MaskValue, inputs.DType)), [-1]);

    /// <inheritdoc/>
    public override Tensor Call(Tensor inputs)
    {
        Guard.NotNull(inputs, $"Masking '{Name}'", "inputs");
        if (inputs.Rank < 2)
            throw new InvalidArgumentError($"Masking '{Name}': expected an input of rank >= 2 (batch, …, features), got shape {inputs.Shape}.");
        var keep = tf.ReduceAny(tf.NotEqual(inputs, Tensor.Scalar(MaskValue, inputs.DType)), [-1], keepDims: true);
        return tf.Multiply(inputs, tf.Cast(keep, inputs.DType));
    }
}
