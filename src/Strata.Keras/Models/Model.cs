using Strata.Keras.Layers;

namespace Strata.Keras.Models;

/// <summary>
/// A layer that groups layers for training and inference (Keras's <c>Model</c>). Subclass it and override
/// <see cref="Layer.Call(Tensor)"/>; layers kept in fields are tracked, so their weights are the model's.
/// A subclass may add its own <c>Call</c> overloads (e.g. an <c>isidentity</c> flag).
/// </summary>
public class Model : Layer
{
    public Model(string? name = null) : base(name)
    {
    }

    /// <summary>Every layer of the model, in the order they were declared.</summary>
    public virtual IReadOnlyList<Layer> Layers => SubLayers;
}
