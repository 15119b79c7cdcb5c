using Strata.Keras.Initializers;

namespace Strata.Keras.Layers;

/// <summary>
/// Maps integer indices in [0, inputDim) to dense vectors of size <see cref="OutputDim"/>: (batch, …) →
/// (batch, …, outputDim). Embeddings start <c>uniform</c> in [-0.05, 0.05), the Keras default.
/// Indices may be uint8, int32, int64 or integral floats. With <c>maskZero</c> the output carries a padding mask.
/// </summary>
public sealed class Embedding : Layer
{
    /// <summary>The vocabulary size: indices run from 0 to inputDim - 1.</summary>
    public int InputDim { get; }
    /// <summary>The size of each embedding vector.</summary>
    public int OutputDim { get; }
    /// <summary>The initializer of <see cref="Embeddings"/> (uniform in [-0.05, 0.05) by default).</summary>
    public Initializer EmbeddingsInitializer { get; }
    /// <summary>The embedding matrix, shape (inputDim, outputDim); null before Build.</summary>
    public Variable? Embeddings { get; private set; }

    /// <summary>An Embedding layer (keras.layers.Embedding).</summary>
    /// <param name="inputDim">Keras's <c>input_dim</c>: the vocabulary size (largest index + 1), positive.</param>
    /// <param name="outputDim">Keras's <c>output_dim</c>: the size of each vector, positive.</param>
    /// <param name="embeddingsInitializer">Keras's <c>embeddings_initializer</c>; null for <c>uniform</c> (in [-0.05, 0.05)).</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    /// <param name="name">The layer's name; null for <c>embedding</c>, <c>embedding_1</c>….</param>
    /// <param name="maskZero">Keras's <c>mask_zero</c>: treat index 0 as padding and emit a mask; false by default.</param>
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

    /// <summary>Creates <see cref="Embeddings"/>, (inputDim, outputDim); the input's shape does not change it.</summary>
    /// <param name="inputShape">The shape of the indices, (batch, …).</param>
    public override void Build(Shape inputShape) =>
        Embeddings = AddWeight("embeddings", [InputDim, OutputDim], EmbeddingsInitializer);

    /// <inheritdoc/>
    public override Tensor Call(Tensor inputs)
    {
        if (Embeddings is null) EnsureBuilt(inputs.Shape);
        var indices = inputs.DType is DType.Int32 or DType.Int64 ? inputs : tf.Cast(inputs, DType.Int64);
        return tf.Gather(Embeddings!, indices);
    }
}
