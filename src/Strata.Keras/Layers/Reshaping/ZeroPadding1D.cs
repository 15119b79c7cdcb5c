using Strata.Keras.Engine;

namespace Strata.Keras.Layers;

/// <summary>Keras's ZeroPadding1D: zeros before and after the steps of a (batch, steps, features) input.</summary>
public sealed class ZeroPadding1D : Layer
{
    /// <summary>(left, right) zeros along the steps axis.</summary>
    public (int Left, int Right) Padding { get; }

    /// <summary>The same number of zeros on both sides (Keras's default 1).</summary>
    public ZeroPadding1D(int padding = 1, Shape? inputShape = null, string? name = null)
        : this((padding, padding), inputShape, name)
    {
    }

    /// <summary>A ZeroPadding1D layer (keras.layers.ZeroPadding1D) with each side given: (batch, steps, features) →
    /// (batch, left + steps + right, features).</summary>
    /// <param name="padding">Keras's <c>padding</c>: (zeros before, zeros after), each non-negative.</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    /// <param name="name">The layer's name; null for <c>zero_padding1d</c>, <c>zero_padding1d_1</c>….</param>
    public ZeroPadding1D((int Left, int Right) padding, Shape? inputShape = null, string? name = null) : base(name, inputShape)
    {
        Padding = SpatialArgs.Check("ZeroPadding1D", "padding", [padding])[0];
        InputSpec = new InputSpec(ndim: 3);
    }

    /// <inheritdoc/>
    public override Tensor Call(Tensor inputs)
    {
        InputCompatibility.Assert(CurrentInputSpecs, inputs, Name);
        return SpatialArgs.Pad(inputs, [Padding]);
    }
}
