namespace Strata.Keras.Layers;

/// <summary>
/// Sets a fraction <see cref="Rate"/> of the inputs to zero and scales the rest by 1 / (1 - rate), only when
/// called with <c>training: true</c> (as Fit does); at inference (Predict, Evaluate, plain calls) it is the
/// identity. The mask comes from tf.random, so <c>tf.random.SetSeed</c> makes it reproducible.
/// </summary>
public sealed class Dropout : Layer
{
    private long _calls; // with a seed, each call draws a new mask (Keras's SeedGenerator advances the same way)

    public double Rate { get; }
    public long? Seed { get; }

    public Dropout(double rate, long? seed = null, Shape? inputShape = null, string? name = null) : base(name, inputShape)
    {
        if (!(rate >= 0 && rate < 1))
            throw new InvalidArgumentError($"Dropout: rate must be in [0, 1), got {rate}.");
        Rate = rate;
        Seed = seed;
        SupportsMasking = true;
    }

    public override Tensor Call(Tensor inputs) => Call(inputs, training: false);

    public override Tensor Call(Tensor inputs, bool? training)
    {
        if (training != true || Rate == 0) return inputs;
        // With a seed, stateless draws from [seed, 0], [seed, 1], … as Keras 3's SeedGenerator gives them (two layers
        // with one seed draw the same masks); without one, tf.nn.dropout's stateful draw, whose op seed follows
        // tf.random.SetSeed (tf.keras's Dropout docstring: SetSeed(0), rate 0.2 on 0..9 drops only the last).
        var keep = Seed is { } s
            ? tf.random.StatelessUniform(inputs.Shape, (s, _calls++), dtype: inputs.DType)
            : tf.random.Uniform(inputs.Shape, dtype: inputs.DType);
        var mask = tf.Cast(tf.GreaterEqual(keep, Tensor.Scalar(Rate, inputs.DType)), inputs.DType);
        // Scale and mask in one constant so the tape records a single multiply.
        return inputs * (mask * (1.0 / (1.0 - Rate)));
    }
}
