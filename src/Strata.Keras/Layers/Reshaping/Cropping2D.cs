using Strata.Keras.Engine;

namespace Strata.Keras.Layers;

/// <summary>Keras's Cropping2D: removes rows from the top and bottom and columns from the left and right of a
/// channels-last (batch, rows, cols, channels) image.</summary>
public sealed class Cropping2D : Layer
{
    /// <summary>((top, bottom), (left, right)).</summary>
    public ((int Top, int Bottom) Height, (int Left, int Right) Width) Cropping { get; }

    /// <summary>The same cropping on all four sides (Keras's default is 0: nothing cropped).</summary>
    public Cropping2D(int cropping = 0, Shape? inputShape = null, string? name = null)
        : this(((cropping, cropping), (cropping, cropping)), inputShape, name)
    {
    }

    /// <summary>(symmetric height cropping, symmetric width cropping).</summary>
    public Cropping2D((int Height, int Width) cropping, Shape? inputShape = null, string? name = null)
        : this(((cropping.Height, cropping.Height), (cropping.Width, cropping.Width)), inputShape, name)
    {
    }

    /// <summary>A Cropping2D layer (keras.layers.Cropping2D) with every side given: (batch, rows, cols, channels) →
    /// (batch, rows - top - bottom, cols - left - right, channels).</summary>
    /// <param name="cropping">Keras's <c>cropping</c>: ((top, bottom), (left, right)), each non-negative.</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    /// <param name="name">The layer's name; null for <c>cropping2d</c>, <c>cropping2d_1</c>….</param>
    public Cropping2D(((int Top, int Bottom) Height, (int Left, int Right) Width) cropping, Shape? inputShape = null, string? name = null)
        : base(name, inputShape)
    {
        SpatialArgs.Check("Cropping2D", "cropping", [cropping.Height, cropping.Width]);
        Cropping = cropping;
        InputSpec = new InputSpec(ndim: 4);
    }

    /// <inheritdoc/>
    public override Tensor Call(Tensor inputs)
    {
        InputCompatibility.Assert(CurrentInputSpecs, inputs, Name);
        return SpatialArgs.Crop(inputs, [Cropping.Height, Cropping.Width], "Cropping2D");
    }
}
