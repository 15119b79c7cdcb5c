using Strata.Keras.Engine;

namespace Strata.Keras.Layers;

/// <summary>Keras's ZeroPadding2D: rows of zeros above and below, columns left and right, of a channels-last
/// (batch, rows, cols, channels) image.</summary>
public sealed class ZeroPadding2D : Layer
{
    /// <summary>((top, bottom), (left, right)).</summary>
    public ((int Top, int Bottom) Height, (int Left, int Right) Width) Padding { get; }

    /// <summary>The same padding on all four sides (Keras's default 1).</summary>
    public ZeroPadding2D(int padding = 1, Shape? inputShape = null, string? name = null)
        : this(((padding, padding), (padding, padding)), inputShape, name)
    {
    }

    /// <summary>(symmetric height padding, symmetric width padding).</summary>
    public ZeroPadding2D((int Height, int Width) padding, Shape? inputShape = null, string? name = null)
        : this(((padding.Height, padding.Height), (padding.Width, padding.Width)), inputShape, name)
    {
    }

    /// <summary>A ZeroPadding2D layer (keras.layers.ZeroPadding2D) with every side given: (batch, rows, cols, channels) →
    /// (batch, top + rows + bottom, left + cols + right, channels).</summary>
    /// <param name="padding">Keras's <c>padding</c>: ((top, bottom), (left, right)), each non-negative.</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    /// <param name="name">The layer's name; null for <c>zero_padding2d</c>, <c>zero_padding2d_1</c>….</param>
    public ZeroPadding2D(((int Top, int Bottom) Height, (int Left, int Right) Width) padding, Shape? inputShape = null, string? name = null)
        : base(name, inputShape)
    {
        SpatialArgs.Check("ZeroPadding2D", "padding", [padding.Height, padding.Width]);
        Padding = padding;
        InputSpec = new InputSpec(ndim: 4);
    }

    /// <inheritdoc/>
    public override Tensor Call(Tensor inputs)
    {
        InputCompatibility.Assert(CurrentInputSpecs, inputs, Name);
        return SpatialArgs.Pad(inputs, [Padding.Height, Padding.Width]);
    }
}
