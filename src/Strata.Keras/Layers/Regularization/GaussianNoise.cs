namespace Strata.Keras.Layers;

/// <summary>Keras's GaussianNoise: adds zero-centered normal noise of standard deviation <see cref="Stddev"/>,
/// only with <c>training: true</c> (a regularizer; at inference the identity).</summary>
public sealed class GaussianNoise : Layer
{
    private readonly SeedStream _random;

    public double Stddev { get; }
    public long? Seed => _random.Seed;

    public GaussianNoise(double stddev, long? seed = null, Shape? inputShape = null, string? name = null) : base(name, inputShape)
    {
        if (!(stddev >= 0 && stddev <= 1))
            throw new InvalidArgumentError(
                $"GaussianNoise: Invalid value received for argument `stddev`. Expected a float value between 0 and 1. Received: stddev={stddev}");
        Stddev = stddev;
        _random = new SeedStream(seed);
    }

    public override Tensor Call(Tensor inputs) => Call(inputs, training: false);

    public override Tensor Call(Tensor inputs, bool? training)
    {
        if (training != true || Stddev == 0) return inputs;
        return inputs + _random.Normal(inputs.Shape, 0, Stddev, inputs.DType);
    }
}
