namespace Strata.Keras.Layers;

/// <summary>Keras's <c>LeakyReLU</c> layer: x for x &gt; 0, negativeSlope·x otherwise (Keras 3's default slope 0.3,
/// not tf.nn's 0.2).</summary>
public sealed class LeakyReLU : Layer
{
    /// <summary>The slope applied to negative inputs.</summary>
    public double NegativeSlope { get; }

    /// <summary>A LeakyReLU layer (keras.layers.LeakyReLU).</summary>
    /// <param name="negativeSlope">Keras's <c>negative_slope</c>: the slope for x &lt; 0; 0.3 by default. It must be
    /// non-negative (an <see cref="InvalidArgumentError"/> otherwise).</param>
    /// <param name="name">The layer's name; null for <c>leaky_re_lu</c>, <c>leaky_re_lu_1</c>….</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    public LeakyReLU(double negativeSlope = 0.3, string? name = null, Shape? inputShape = null) : base(name, inputShape)
    {
        if (!(negativeSlope >= 0))
            throw new InvalidArgumentError(
                $"The negative_slope value of a Leaky ReLU layer cannot be None or negative, Received: negative_slope={negativeSlope}");
        NegativeSlope = negativeSlope;
    }

    /// <inheritdoc/>
    public override Tensor Call(Tensor inputs) => tf.LeakyRelu(inputs, NegativeSlope);
}
