using Strata.Keras.Engine;

namespace Strata.Keras.Layers;

/// <summary>Keras's UpSampling2D on channels-last images: rows and columns repeated (<c>"nearest"</c>, the default)
/// or the image resized by tf.image.resize's bilinear rule (<c>"bilinear"</c>) to (rows · size.0, cols · size.1).</summary>
public sealed class UpSampling2D : Layer
{
    /// <summary>The upsampling factors for rows and columns.</summary>
    public (int Height, int Width) Size { get; }
    /// <summary>The method: <c>"nearest"</c> (repetition) or <c>"bilinear"</c>.</summary>
    public string Interpolation { get; }

    /// <summary>An UpSampling2D layer (keras.layers.UpSampling2D) with one factor for rows and columns.</summary>
    /// <param name="size">Keras's <c>size</c> as one number: the factor for both axes, positive.</param>
    /// <param name="interpolation">Keras's <c>interpolation</c>: <c>"nearest"</c> (the default) or <c>"bilinear"</c>.</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    /// <param name="name">The layer's name; null for <c>up_sampling2d</c>, <c>up_sampling2d_1</c>….</param>
    public UpSampling2D(int size, string interpolation = "nearest", Shape? inputShape = null, string? name = null)
        : this((size, size), interpolation, inputShape, name)
    {
    }

    /// <summary>An UpSampling2D layer (keras.layers.UpSampling2D): (batch, rows, cols, channels) →
    /// (batch, rows · size.Height, cols · size.Width, channels).</summary>
    /// <param name="size">Keras's <c>size</c>: the (rows, columns) factors, positive; null for Keras's default (2, 2).</param>
    /// <param name="interpolation">Keras's <c>interpolation</c>: <c>"nearest"</c> (the default) or <c>"bilinear"</c>.</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    /// <param name="name">The layer's name; null for <c>up_sampling2d</c>, <c>up_sampling2d_1</c>….</param>
    public UpSampling2D((int Height, int Width)? size = null, string interpolation = "nearest", Shape? inputShape = null, string? name = null)
        : base(name, inputShape)
    {
        var s = size ?? (2, 2);
        if (s.Height <= 0 || s.Width <= 0)
            throw new InvalidArgumentError($"UpSampling2D: size must be positive integers, got ({s.Height}, {s.Width}).");
        if (interpolation is not ("nearest" or "bilinear"))
            throw new InvalidArgumentError(
                $"UpSampling2D: `interpolation` argument should be one of: \"nearest\", \"bilinear\". Received: \"{interpolation}\".");
        Size = s;
        Interpolation = interpolation;
        InputSpec = new InputSpec(ndim: 4);
    }

    /// <inheritdoc/>
    public override Tensor Call(Tensor inputs)
    {
        InputCompatibility.Assert(CurrentInputSpecs, inputs, Name);
        if (Interpolation == "bilinear")
        {
            var x = inputs.DType.IsFloating ? inputs : tf.Cast(inputs, DType.Float32);
            return tf.ResizeBilinear(x, x.Shape[1] * Size.Height, x.Shape[2] * Size.Width);
        }
        return UpSampling1D.Repeat(UpSampling1D.Repeat(inputs, 1, Size.Height), 2, Size.Width);
    }
}
