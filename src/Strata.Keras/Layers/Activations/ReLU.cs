namespace Strata.Keras.Layers;

/// <summary>Keras's <c>ReLU</c> layer: keras.activations.relu with a cap (<see cref="MaxValue"/>), a slope for
/// values at or below <see cref="Threshold"/>, and the threshold itself; all must be non-negative, as in Keras 3.</summary>
public sealed class ReLU : Layer
{
    public double? MaxValue { get; }
    public double NegativeSlope { get; }
    public double Threshold { get; }

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

    public override Tensor Call(Tensor inputs) => keras.activations.Relu(inputs, NegativeSlope, MaxValue, Threshold);
}
