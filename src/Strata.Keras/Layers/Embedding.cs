using Strata.Keras.Initializers;

namespace Strata.Keras.Layers;

/// <summary>
/// Maps integer indices in [0, inputDim) to dense vectors of size <see cref="OutputDim"/>: (batch, …) →
/// (batch, …, outputDim). Embeddings start <c>uniform</c> in [-0.05, 0.05), the Keras default.
/// Indices may be uint8, int32, int64 or integral floats. With <c>maskZero</c> the output carries a padding mask.
/// </summary>
public sealed class Embedding : Layer
{
    public int InputDim { get; }
    public int OutputDim { get; }
    public Initializer EmbeddingsInitializer { get; }
    public Variable? Embeddings { get; private set; }

    public Embedding(int inputDim, int outputDim, Initializer? embeddingsInitializer = null, Shape? inputShape = null, string? name = null,
        bool maskZero = false)
        : base(name, inputShape)
    {
        if (inputDim <= 0 || outputDim <= 0)
            throw new InvalidArgumentError($"Embedding: inputDim and outputDim must be positive, got {inputDim} and {outputDim}.");
        InputDim = inputDim;
        OutputDim = outputDim;
        EmbeddingsInitializer = embeddingsInitializer ?? new RandomUniform();
        MaskZero = maskZero;
        SupportsMasking = maskZero;
    }

    /// <summary>Keras's <c>mask_zero</c>: index 0 is padding; the output carries a mask (batch, …) true where the
    /// index is not 0, which RNNs, attention and GlobalAveragePooling1D downstream honour.</summary>
    public bool MaskZero { get; }

    private protected override bool ComputesOwnMask => MaskZero;

    /// <summary>The mask <c>inputs != 0</c> with <see cref="MaskZero"/>, else none.</summary>
    public override Tensor? ComputeMask(Tensor inputs, Tensor? previousMask) =>
        MaskZero ? tf.NotEqual(inputs, Tensor.Scalar(0, inputs.DType)) : null;

    public override void Build(Shape inputShape) =>
        Embeddings = AddWeight("embeddings", [InputDim, OutputDim], EmbeddingsInitializer);

    public override Tensor Call(Tensor inputs)
    {
        if (Embeddings is null) EnsureBuilt(inputs.Shape);
        var indices = inputs.DType is DType.Int32 or DType.Int64 ? inputs : tf.Cast(inputs, DType.Int64);
        return tf.Gather(Embeddings!, indices);
    }
}
