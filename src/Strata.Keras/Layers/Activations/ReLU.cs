namespace Strata.Keras.Layers;

/// <summary>Keras's <c>ReLU</c> layer: keras.activations.relu with a cap (<see cref="MaxValue"/>), a slope for
/// values at or below <see cref="Threshold"/>, and the threshold itself; all must be non-negative, as in Keras 3.</summary>
public sealed class ReLU : Layer
{
    /// <summary>The largest output value, or null for no cap.</summary>
    public double? MaxValue { get; }
    /// <summary>The slope for inputs below <see cref="Threshold"/>.</summary>
    public double NegativeSlope { get; }
    /// <summary>The value below which inputs are damped (by <see cref="NegativeSlope"/>) rather than passed on.</summary>
    public double Threshold { get; }

    /// <summary>A ReLU layer (keras.layers.ReLU): <c>min(x, maxValue)</c> for x ≥ threshold,
    /// <c>negativeSlope·(x - threshold)</c> otherwise. Every argument must be non-negative (an
    /// <see cref="InvalidArgumentError"/> otherwise).</summary>
    /// <param name="maxValue">Keras's <c>max_value</c>: the cap on the output; null (no cap) by default.</param>
    /// <param name="negativeSlope">Keras's <c>negative_slope</c>: the slope below the threshold; 0 by default.</param>
    /// <param name="threshold">Keras's <c>threshold</c>: where the activation starts; 0 by default.</param>
    /// <param name="name">The layer's name; null for <c>re_lu</c>, <c>re_lu_1</c>….</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    public ReLU(double? maxValue = null, double negativeSlope = 0, double threshold = 0, string? name = null, Shape? inputShape = null)
        : base(name, inputShape)
    {
        if (maxValue is < 0)
            throw new InvalidArgumentError($"max_value of a ReLU layer cannot be a negative value. Received: max_value={maxValue}");
        if (!(negativeSlope >= 0))
            throw new InvalidArgumentError($"negative_slope of a ReLU layer cannot be a negative value. Received: negative_slope={negativeSlope}");
        if (!(threshold >= 0))
            throw new InvalidArgumentError($"threshold of a ReLU layer cannot be a negative value. Received: threshold={threshold}");
        (MaxValue, NegativeSlope, Threshold) = (maxValue, negativeSlope, threshold);
    }

    /// <inheritdoc/>
    public override Tensor Call(Tensor inputs) => keras.activations.Relu(inputs, NegativeSlope, MaxValue, Threshold);
}
