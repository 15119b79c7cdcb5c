using Strata.Keras.Engine;

namespace Strata.Keras.Layers;

/// <summary>
/// The spatial dropouts: like Dropout, but one draw per (sample, channel) drops a whole feature map, the noise
/// shape being (batch, 1, …, 1, channels) (Keras: adjacent frames or pixels are strongly correlated, so dropping
/// single values would not regularize). Kept channels are scaled by 1 / (1 - rate). Active only with
/// <c>training: true</c>.
/// </summary>
public abstract class SpatialDropout : Layer
{
    private readonly SeedStream _random;

    /// <summary>The fraction of channels dropped in training, in [0, 1).</summary>
    public double Rate { get; }
    /// <summary>The seed of the masks, or null to draw them from tf.random's global stream.</summary>
    public long? Seed => _random.Seed;

    private protected SpatialDropout(int ndim, double rate, long? seed, Shape? inputShape, string? name) : base(name, inputShape)
    {
        Rate = NoiseArgs.Rate(GetType().Name, rate, allowOne: false);
        _random = new SeedStream(seed);
        InputSpec = new InputSpec(ndim: ndim);
    }

    /// <summary>The inference pass: the inputs unchanged (after checking their rank).</summary>
    /// <param name="inputs">The input tensor, channels last.</param>
    public override Tensor Call(Tensor inputs) => Call(inputs, training: false);

    /// <summary>Drops whole channels and rescales the rest when <paramref name="training"/> is true; returns the inputs
    /// unchanged otherwise.</summary>
    /// <param name="inputs">The input tensor, channels last.</param>
    /// <param name="training">True in training (Fit passes it); false or null for inference.</param>
    public override Tensor Call(Tensor inputs, bool? training)
    {
        InputCompatibility.Assert(CurrentInputSpecs, inputs, Name);
        if (training != true || Rate == 0) return inputs;
        var noise = new int[inputs.Rank];
        Array.Fill(noise, 1);
        noise[0] = inputs.Shape[0];
        noise[^1] = inputs.Shape[-1];
        var keep = _random.Uniform(noise, dtype: inputs.DType);
        var mask = tf.Cast(tf.GreaterEqual(keep, Tensor.Scalar(Rate, inputs.DType)), inputs.DType) * (1.0 / (1.0 - Rate));
        return inputs * mask; // the mask broadcasts over the spatial axes
    }
}

/// <summary>Keras's SpatialDropout1D: drops whole feature channels of a (batch, steps, channels) input.</summary>
/// <param name="rate">Keras's <c>rate</c>: the fraction of channels dropped in training, in [0, 1).</param>
/// <param name="seed">Keras's <c>seed</c>: stateless, repeatable draws; null (the global stream) by default.</param>
/// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
/// <param name="name">The layer's name; null for <c>spatial_dropout1d</c>, <c>spatial_dropout1d_1</c>….</param>
public sealed class SpatialDropout1D(double rate, long? seed = null, Shape? inputShape = null, string? name = null)
    : SpatialDropout(3, rate, seed, inputShape, name);

/// <summary>Keras's SpatialDropout2D: drops whole feature maps of a channels-last (batch, rows, cols, channels) input.</summary>
/// <param name="rate">Keras's <c>rate</c>: the fraction of channels dropped in training, in [0, 1).</param>
/// <param name="seed">Keras's <c>seed</c>: stateless, repeatable draws; null (the global stream) by default.</param>
/// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
/// <param name="name">The layer's name; null for <c>spatial_dropout2d</c>, <c>spatial_dropout2d_1</c>….</param>
public sealed class SpatialDropout2D(double rate, long? seed = null, Shape? inputShape = null, string? name = null)
    : SpatialDropout(4, rate, seed, inputShape, name);
