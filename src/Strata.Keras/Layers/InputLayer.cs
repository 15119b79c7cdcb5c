using Strata.Keras.Engine;

namespace Strata.Keras.Layers;

/// <summary>
/// The entry of a model (Keras's <c>InputLayer</c>): it holds the symbolic <see cref="Output"/> that
/// <c>keras.Input</c> returns, shape (None, ...shape). In a <c>Sequential</c> it fixes the input shape so the
/// model is built at construction. Called on real data it passes them through.
/// </summary>
public sealed class InputLayer : Layer
{
    /// <summary>An InputLayer (keras.layers.InputLayer) whose <see cref="Output"/> is a symbolic tensor
    /// (batchSize or None, ...shape).</summary>
    /// <param name="shape">The shape of one sample, without the batch dimension.</param>
    /// <param name="name">The layer's name; null for <c>input_layer</c>, <c>input_layer_1</c>….</param>
    /// <param name="dtype">The dtype of the model's input; float32 by default.</param>
    /// <param name="batchSize">A fixed batch size, or null for None.</param>
    public InputLayer(Shape shape, string? name = null, DType dtype = DType.Float32, int? batchSize = null)
        : base(name, shape)
    {
        Output = AddInputNode([batchSize ?? -1, .. shape.ToArray()], dtype, name ?? Name);
        Built = true;
    }

    /// <summary>The symbolic input tensor, shape (batch, ...shape).</summary>
    public KerasTensor Output { get; }

    /// <summary>Passes <paramref name="inputs"/> through unchanged.</summary>
    /// <param name="inputs">The model's input data.</param>
    public override Tensor Call(Tensor inputs) => inputs;
}
