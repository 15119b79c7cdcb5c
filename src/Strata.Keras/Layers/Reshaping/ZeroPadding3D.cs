using Strata.Keras.Engine;

namespace Strata.Keras.Layers;

/// <summary>Keras's ZeroPadding3D: zeros around the three spatial axes of a channels-last
/// (batch, dim1, dim2, dim3, channels) volume.</summary>
public sealed class ZeroPadding3D : Layer
{
    /// <summary>((before, after) of dim1, of dim2, of dim3).</summary>
    public ((int, int) Dim1, (int, int) Dim2, (int, int) Dim3) Padding { get; }

    /// <summary>The same padding on every side (Keras's default 1).</summary>
    public ZeroPadding3D(int padding = 1, Shape? inputShape = null, string? name = null)
        : this(((padding, padding), (padding, padding), (padding, padding)), inputShape, name)
    {
    }

    /// <summary>A symmetric padding per spatial axis.</summary>
    public ZeroPadding3D((int, int, int) padding, Shape? inputShape = null, string? name = null)
        : this(((padding.Item1, padding.Item1), (padding.Item2, padding.Item2), (padding.Item3, padding.Item3)), inputShape, name)
    {
    }

    /// <summary>A ZeroPadding3D layer (keras.layers.ZeroPadding3D) with every side given: each spatial axis grows by its
    /// before and after counts.</summary>
    /// <param name="padding">Keras's <c>padding</c>: ((before, after) of dim1, of dim2, of dim3), each non-negative.</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    /// <param name="name">The layer's name; null for <c>zero_padding3d</c>, <c>zero_padding3d_1</c>….</param>
    public ZeroPadding3D(((int, int) Dim1, (int, int) Dim2, (int, int) Dim3) padding, Shape? inputShape = null, string? name = null)
        : base(name, inputShape)
    {
        SpatialArgs.Check("ZeroPadding3D", "padding", [padding.Dim1, padding.Dim2, padding.Dim3]);
        Padding = padding;
        InputSpec = new InputSpec(ndim: 5);
    }

    /// <inheritdoc/>
    public override Tensor Call(Tensor inputs)
    {
        InputCompatibility.Assert(CurrentInputSpecs, inputs, Name);
        return SpatialArgs.Pad(inputs, [Padding.Dim1, Padding.Dim2, Padding.Dim3]);
    }
}
