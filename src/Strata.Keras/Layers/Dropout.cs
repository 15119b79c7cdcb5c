namespace Strata.Keras.Layers;

/// <summary>
/// Sets a fraction <see cref="Rate"/> of the inputs to zero and scales the rest by 1 / (1 - rate), only when
/// called with <c>training: true</c> (as Fit does); at inference (Predict, Evaluate, plain calls) it is the
/// identity. The mask comes from tf.random, so <c>tf.random.SetSeed</c> makes it reproducible.
/// </summary>
public sealed class Dropout : Layer
{
    private long _calls; // with a seed, each call draws a new mask (Keras's SeedGenerator advances the same way)

    /// <summary>The fraction of inputs dropped in training, in [0, 1).</summary>
    public double Rate { get; }
    /// <summary>The seed of the masks, or null to draw them from tf.random's global stream.</summary>
    public long? Seed { get; }

    /// <summary>A Dropout layer (keras.layers.Dropout); the output has the input's shape.</summary>
    /// <param name="rate">Keras's <c>rate</c>: the fraction of inputs to drop, in [0, 1).</param>
    /// <param name="seed">Keras's <c>seed</c>: with a seed, the masks are stateless draws that repeat from run to run;
    /// null (the global stream, which <c>tf.random.SetSeed</c> fixes) by default.</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    /// <param name="name">The layer's name; null for <c>dropout</c>, <c>dropout_1</c>….</param>
    public Dropout(double rate, long? seed = null, Shape? inputShape = null, string? name = null) : base(name, inputShape)
    {
        if (!(rate >= 0 && rate < 1))
            throw new InvalidArgumentError($"Dropout: rate must be in [0, 1), got {rate}.");
        Rate = rate;
        Seed = seed;
        SupportsMasking = true;
    }

    /// <summary>The inference pass: the inputs unchanged.</summary>
    /// <param name="inputs">The input tensor.</param>
    public override Tensor Call(Tensor inputs) => Call(inputs, training: false);

    /// <summary>Drops and rescales the inputs when <paramref name="training"/> is true; returns them unchanged otherwise.</summary>
    /// <param name="inputs">The input tensor.</param>
    /// <param name="training">True in training (Fit passes it); false or null for inference.</param>
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
