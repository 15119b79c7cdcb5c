using Strata.Keras.Engine;
using Strata.Keras.Initializers;

namespace Strata.Keras.Layers;

/// <summary>
/// KerasHub's <c>PositionEmbedding</c>: a learned vector per position, <c>embeddings</c> (sequenceLength, features)
/// (glorot_uniform), added by the caller: the output is the embeddings of positions <c>startIndex…startIndex+T-1</c>
/// broadcast to the input's shape (batch, T, features). T may be shorter than <see cref="SequenceLength"/>.
/// </summary>
public sealed class PositionEmbedding : Layer
{
    /// <summary>A PositionEmbedding layer (keras_hub.layers.PositionEmbedding): (batch, T, features) in, the position
    /// embeddings of the same shape out.</summary>
    /// <param name="sequenceLength">KerasHub's <c>sequence_length</c>: the largest number of positions, positive.</param>
    /// <param name="initializer">KerasHub's <c>initializer</c> of the embeddings; null for glorot_uniform.</param>
    /// <param name="name">The layer's name; null for <c>position_embedding</c>, <c>position_embedding_1</c>….</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    public PositionEmbedding(int sequenceLength, Initializer? initializer = null, string? name = null, Shape? inputShape = null)
        : base(name, inputShape)
    {
        if (sequenceLength <= 0)
            throw new InvalidArgumentError($"PositionEmbedding: sequence_length must be a positive integer, got sequence_length={sequenceLength}.");
        SequenceLength = sequenceLength;
        Initializer = initializer ?? new GlorotUniform();
        SupportsMasking = true;
    }

    /// <summary>The number of positions the layer holds an embedding for.</summary>
    public int SequenceLength { get; }
    /// <summary>The initializer of <see cref="Embeddings"/> (glorot_uniform by default).</summary>
    public Initializer Initializer { get; }
    /// <summary>The position embeddings, shape (sequenceLength, features); null before Build.</summary>
    public Variable? Embeddings { get; private set; }

    /// <summary>Creates <see cref="Embeddings"/> with the input's last axis as the feature size.</summary>
    /// <param name="inputShape">The input's shape, (batch, steps, features).</param>
    public override void Build(Shape inputShape)
    {
        if (inputShape.Rank < 2)
            throw new InvalidArgumentError($"PositionEmbedding '{Name}': expected an input of rank >= 2 (batch, steps, …, features), got shape {inputShape}.");
        Embeddings = AddWeight("embeddings", [SequenceLength, inputShape[-1]], Initializer);
    }

    /// <summary>The embeddings of positions 0…T-1 broadcast to the input's shape (batch, T, features).</summary>
    /// <param name="inputs">The sequence the positions are for, (batch, T, features).</param>
    public override Tensor Call(Tensor inputs) => Call(inputs, 0);

    /// <summary>The position embeddings for inputs (batch, T, features) starting at <paramref name="startIndex"/>.</summary>
    public Tensor Call(Tensor inputs, int startIndex)
    {
        Guard.NotNull(inputs, $"PositionEmbedding '{Name}'", "inputs");
        if (!Built) EnsureBuilt(inputs.Shape);
        int t = inputs.Shape[1];
        if (inputs.Rank != 3 || inputs.Shape[-1] != Embeddings!.Shape[1] || startIndex < 0 || startIndex + t > SequenceLength)
            throw new InvalidArgumentError(
                $"PositionEmbedding '{Name}': expected an input (batch, T ≤ {SequenceLength - startIndex}, {Embeddings!.Shape[1]}) from start index {startIndex}, got shape {inputs.Shape}.");
        Tensor pos = Embeddings;
        if (startIndex != 0 || t != SequenceLength) pos = pos[startIndex..(startIndex + t)];
        return tf.BroadcastTo(pos, inputs.Shape);
    }
}

/// <summary>
/// KerasHub's <c>TokenAndPositionEmbedding</c> (the layer of Keras's text-generation example): a token
/// <see cref="Embedding"/> (<c>token_embedding</c>) plus a <see cref="PositionEmbedding"/> (<c>position_embedding</c>),
/// (batch, T) indices → (batch, T, embeddingDim). With <c>maskZero</c> the output carries the padding mask.
/// </summary>
public sealed class TokenAndPositionEmbedding : Layer
{
    private readonly Embedding _token;
    private readonly PositionEmbedding _position;

    /// <summary>A TokenAndPositionEmbedding layer (keras_hub.layers.TokenAndPositionEmbedding).</summary>
    /// <param name="vocabularySize">KerasHub's <c>vocabulary_size</c>: the number of token ids.</param>
    /// <param name="sequenceLength">KerasHub's <c>sequence_length</c>: the largest number of positions.</param>
    /// <param name="embeddingDim">KerasHub's <c>embedding_dim</c>: the size of each vector.</param>
    /// <param name="maskZero">KerasHub's <c>mask_zero</c>: treat token 0 as padding and emit a mask; false by default.</param>
    /// <param name="embeddingsInitializer">KerasHub's <c>embeddings_initializer</c> for both tables; null for the sub-layers'
    /// own defaults (uniform for the tokens, glorot_uniform for the positions).</param>
    /// <param name="name">The layer's name; null for <c>token_and_position_embedding</c>, <c>token_and_position_embedding_1</c>….</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    public TokenAndPositionEmbedding(int vocabularySize, int sequenceLength, int embeddingDim, bool maskZero = false,
        Initializer? embeddingsInitializer = null, string? name = null, Shape? inputShape = null) : base(name, inputShape)
    {
        _token = new Embedding(vocabularySize, embeddingDim, embeddingsInitializer, name: "token_embedding", maskZero: maskZero);
        _position = new PositionEmbedding(sequenceLength, embeddingsInitializer, name: "position_embedding");
        SupportsMasking = maskZero;
    }

    /// <summary>The token embedding sub-layer (<c>token_embedding</c>), table (vocabularySize, embeddingDim).</summary>
    public Embedding TokenEmbedding => _token;
    /// <summary>The position embedding sub-layer (<c>position_embedding</c>), table (sequenceLength, embeddingDim).</summary>
    public PositionEmbedding PositionEmbeddingLayer => _position;
    private protected override bool ComputesOwnMask => _token.MaskZero;

    /// <summary>The padding mask <c>inputs != 0</c> with <c>maskZero</c>, else none.</summary>
    /// <param name="inputs">The token indices, (batch, T).</param>
    /// <param name="previousMask">Ignored: the mask comes from the token indices.</param>
    public override Tensor? ComputeMask(Tensor inputs, Tensor? previousMask) => _token.ComputeMask(inputs, previousMask);

    /// <summary>The token embeddings plus the position embeddings: (batch, T) indices → (batch, T, embeddingDim).</summary>
    /// <param name="inputs">The token indices, (batch, T).</param>
    public override Tensor Call(Tensor inputs)
    {
        Guard.NotNull(inputs, $"TokenAndPositionEmbedding '{Name}'", "inputs");
        if (inputs.Rank != 2)
            throw new InvalidArgumentError($"TokenAndPositionEmbedding '{Name}': expected token indices (batch, T), got shape {inputs.Shape}.");
        var tokens = _token.Apply(inputs);
        return tf.Add(tokens, _position.Apply(tokens));
    }
}
