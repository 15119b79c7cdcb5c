using Strata.Keras.Engine;

namespace Strata.Keras.Layers;

/// <summary>Keras's UpSampling2D on channels-last images: rows and columns repeated (<c>"nearest"</c>, the default)
/// or the image resized by tf.image.resize's bilinear rule (<c>"bilinear"</c>) to (rows · size.0, cols · size.1).</summary>
public sealed class UpSampling2D : Layer
{
    public (int Height, int Width) Size { get; }
    public string Interpolation { get; }

    public UpSampling2D(int size, string interpolation = "nearest", Shape? inputShape = null, string? name = null)
        : this((size, size), interpolation, inputShape, name)
    {
    }

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
