using Strata.Keras.Engine;

namespace Strata.Keras.Layers;

/// <summary>Keras's Cropping1D: removes steps from the start and end of a (batch, steps, features) input.</summary>
public sealed class Cropping1D : Layer
{
    /// <summary>(steps removed at the start, at the end).</summary>
    public (int Start, int End) Cropping { get; }

    /// <summary>The same number of steps at both ends.</summary>
    public Cropping1D(int cropping, Shape? inputShape = null, string? name = null) : this((cropping, cropping), inputShape, name)
    {
    }

    /// <summary>Keras's default crops one step at each end.</summary>
    public Cropping1D(Shape? inputShape = null, string? name = null) : this((1, 1), inputShape, name)
    {
    }

    /// <summary>A Cropping1D layer (keras.layers.Cropping1D): (batch, steps, features) →
    /// (batch, steps - start - end, features).</summary>
    /// <param name="cropping">Keras's <c>cropping</c>: (steps removed at the start, at the end), each non-negative; Keras's
    /// default is (1, 1).</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    /// <param name="name">The layer's name; null for <c>cropping1d</c>, <c>cropping1d_1</c>….</param>
    public Cropping1D((int Start, int End) cropping, Shape? inputShape = null, string? name = null) : base(name, inputShape)
    {
        Cropping = SpatialArgs.Check("Cropping1D", "cropping", [cropping])[0];
        InputSpec = new InputSpec(ndim: 3);
    }

    /// <inheritdoc/>
    public override Tensor Call(Tensor inputs)
    {
        InputCompatibility.Assert(CurrentInputSpecs, inputs, Name);
        return SpatialArgs.Crop(inputs, [Cropping], "Cropping1D");
    }
}
