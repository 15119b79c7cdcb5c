namespace Strata.Keras.Layers;

/// <summary>Keras's GaussianDropout: multiplies the inputs by normal noise of mean 1 and standard deviation
/// sqrt(rate / (1 - rate)), only with <c>training: true</c> (at inference the identity).</summary>
public sealed class GaussianDropout : Layer
{
    private readonly SeedStream _random;

    public double Rate { get; }
    public long? Seed => _random.Seed;

    public GaussianDropout(double rate, long? seed = null, Shape? inputShape = null, string? name = null) : base(name, inputShape)
    {
        Rate = NoiseArgs.Rate("GaussianDropout", rate);
        _random = new SeedStream(seed);
    }

    public override Tensor Call(Tensor inputs) => Call(inputs, training: false);

    public override Tensor Call(Tensor inputs, bool? training)
    {
        // Keras applies the noise only for 0 < rate < 1 (rate 1 would have an infinite deviation).
        if (training != true || !(Rate > 0 && Rate < 1)) return inputs;
        double stddev = Math.Sqrt(Rate / (1.0 - Rate));
        return inputs * _random.Normal(inputs.Shape, 1, stddev, inputs.DType);
    }
}
