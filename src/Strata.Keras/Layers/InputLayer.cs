using Strata.Keras.Engine;

namespace Strata.Keras.Layers;

/// <summary>
/// The entry of a model (Keras's <c>InputLayer</c>): it holds the symbolic <see cref="Output"/> that
/// <c>keras.Input</c> returns, shape (None, ...shape). In a <c>Sequential</c> it fixes the input shape so the
/// model is built at construction. Called on real data it passes them through.
/// </summary>
public sealed class InputLayer : Layer
{
    /// <param name="shape">The shape of one sample, without the batch dimension.</param>
    /// <param name="batchSize">A fixed batch size, or null for None.</param>
    public InputLayer(Shape shape, string? name = null, DType dtype = DType.Float32, int? batchSize = null)
        : base(name, shape)
    {
        Output = AddInputNode([batchSize ?? -1, .. shape.ToArray()], dtype, name ?? Name);
        Built = true;
    }

    /// <summary>The symbolic input tensor, shape (batch, ...shape).</summary>
    public KerasTensor Output { get; }

    public override Tensor Call(Tensor inputs) => inputs;
}
