namespace Strata.Keras.Layers;

/// <summary>Keras's <c>LeakyReLU</c> layer: x for x &gt; 0, negativeSlope·x otherwise (Keras 3's default slope 0.3,
/// not tf.nn's 0.2).</summary>
public sealed class LeakyReLU : Layer
{
    public double NegativeSlope { get; }

    public LeakyReLU(double negativeSlope = 0.3, string? name = null, Shape? inputShape = null) : base(name, inputShape)
    {
        if (!(negativeSlope >= 0))
            throw new InvalidArgumentError(
                $"The negative_slope value of a Leaky ReLU layer cannot be None or negative, Received: negative_slope={negativeSlope}");
        NegativeSlope = negativeSlope;
    }

    public override Tensor Call(Tensor inputs) => tf.LeakyRelu(inputs, NegativeSlope);
}
