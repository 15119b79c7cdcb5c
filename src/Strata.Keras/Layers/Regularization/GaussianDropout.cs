namespace Strata.Keras.Layers;

/// <summary>Keras's GaussianDropout: multiplies the inputs by normal noise of mean 1 and standard deviation
/// sqrt(rate / (1 - rate)), only with <c>training: true</c> (at inference the identity).</summary>
public sealed class GaussianDropout : Layer
{
    private readonly SeedStream _random;

    /// <summary>The drop probability that sets the noise's deviation, sqrt(rate / (1 - rate)); in [0, 1].</summary>
    public double Rate { get; }
    /// <summary>The seed of the noise, or null to draw it from tf.random's global stream.</summary>
    public long? Seed => _random.Seed;

    /// <summary>A GaussianDropout layer (keras.layers.GaussianDropout); the output has the input's shape.</summary>
    /// <param name="rate">Keras's <c>rate</c>, in [0, 1]: the noise's deviation is sqrt(rate / (1 - rate)) (0 and 1 leave the
    /// inputs unchanged).</param>
    /// <param name="seed">Keras's <c>seed</c>: stateless, repeatable draws; null (the global stream) by default.</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    /// <param name="name">The layer's name; null for <c>gaussian_dropout</c>, <c>gaussian_dropout_1</c>….</param>
    public GaussianDropout(double rate, long? seed = null, Shape? inputShape = null, string? name = null) : base(name, inputShape)
    {
        Rate = NoiseArgs.Rate("GaussianDropout", rate);
        _random = new SeedStream(seed);
    }

    /// <summary>The inference pass: the inputs unchanged.</summary>
    /// <param name="inputs">The input tensor.</param>
    public override Tensor Call(Tensor inputs) => Call(inputs, training: false);

    /// <summary>Multiplies the inputs by the noise when <paramref name="training"/> is true; returns them unchanged
    /// otherwise.</summary>
    /// <param name="inputs">The input tensor.</param>
    /// <param name="training">True in training (Fit passes it); false or null for inference.</param>
    public override Tensor Call(Tensor inputs, bool? training)
    {
        // Keras applies the noise only for 0 < rate < 1 (rate 1 would have an infinite deviation).
        if (training != true || !(Rate > 0 && Rate < 1)) return inputs;
        double stddev = Math.Sqrt(Rate / (1.0 - Rate));
        return inputs * _random.Normal(inputs.Shape, 1, stddev, inputs.DType);
    }
}
