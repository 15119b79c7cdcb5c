namespace Strata.Keras.Layers;

/// <summary>Keras's GaussianNoise: adds zero-centered normal noise of standard deviation <see cref="Stddev"/>,
/// only with <c>training: true</c> (a regularizer; at inference the identity).</summary>
public sealed class GaussianNoise : Layer
{
    private readonly SeedStream _random;

    /// <summary>The standard deviation of the added noise, in [0, 1].</summary>
    public double Stddev { get; }
    /// <summary>The seed of the noise, or null to draw it from tf.random's global stream.</summary>
    public long? Seed => _random.Seed;

    /// <summary>A GaussianNoise layer (keras.layers.GaussianNoise); the output has the input's shape.</summary>
    /// <param name="stddev">Keras's <c>stddev</c>: the noise's standard deviation, in [0, 1].</param>
    /// <param name="seed">Keras's <c>seed</c>: stateless, repeatable draws; null (the global stream) by default.</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    /// <param name="name">The layer's name; null for <c>gaussian_noise</c>, <c>gaussian_noise_1</c>….</param>
    public GaussianNoise(double stddev, long? seed = null, Shape? inputShape = null, string? name = null) : base(name, inputShape)
    {
        if (!(stddev >= 0 && stddev <= 1))
            throw new InvalidArgumentError(
                $"GaussianNoise: Invalid value received for argument `stddev`. Expected a float value between 0 and 1. Received: stddev={stddev}");
        Stddev = stddev;
        _random = new SeedStream(seed);
    }

    /// <summary>The inference pass: the inputs unchanged.</summary>
    /// <param name="inputs">The input tensor.</param>
    public override Tensor Call(Tensor inputs) => Call(inputs, training: false);

    /// <summary>Adds the noise when <paramref name="training"/> is true; returns the inputs unchanged otherwise.</summary>
    /// <param name="inputs">The input tensor.</param>
    /// <param name="training">True in training (Fit passes it); false or null for inference.</param>
    public override Tensor Call(Tensor inputs, bool? training)
    {
        if (training != true || Stddev == 0) return inputs;
        return inputs + _random.Normal(inputs.Shape, 0, Stddev, inputs.DType);
    }
}
