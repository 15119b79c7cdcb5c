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
    public PositionEmbedding(int sequenceLength, Initializer? initializer = null, string? name = null, Shape? inputShape = null)
        : base(name, inputShape)
    {
        if (sequenceLength <= 0)
            throw new InvalidArgumentError($"PositionEmbedding: sequence_length must be a positive integer, got sequence_length={sequenceLength}.");
        SequenceLength = sequenceLength;
        Initializer = initializer ?? new GlorotUniform();
        SupportsMasking = true;
    }

    public int SequenceLength { get; }
    public Initializer Initializer { get; }
    public Variable? Embeddings { get; private set; }

    public override void Build(Shape inputShape)
    {
        if (inputShape.Rank < 2)
            throw new InvalidArgumentError($"PositionEmbedding '{Name}': expected an input of rank >= 2 (batch, steps, …, features), got shape {inputShape}.");
        Embeddings = AddWeight("embeddings", [SequenceLength, inputShape[-1]], Initializer);
    }

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

    public TokenAndPositionEmbedding(int vocabularySize, int sequenceLength, int embeddingDim, bool maskZero = false,
        Initializer? embeddingsInitializer = null, string? name = null, Shape? inputShape = null) : base(name, inputShape)
    {
        _token = new Embedding(vocabularySize, embeddingDim, embeddingsInitializer, name: "token_embedding", maskZero: maskZero);
        _position = new PositionEmbedding(sequenceLength, embeddingsInitializer, name: "position_embedding");
        SupportsMasking = maskZero;
    }

    public Embedding TokenEmbedding => _token;
    public PositionEmbedding PositionEmbeddingLayer => _position;
    private protected override bool ComputesOwnMask => _token.MaskZero;

    public override Tensor? ComputeMask(Tensor inputs, Tensor? previousMask) => _token.ComputeMask(inputs, previousMask);

    public override Tensor Call(Tensor inputs)
    {
        Guard.NotNull(inputs, $"TokenAndPositionEmbedding '{Name}'", "inputs");
        if (inputs.Rank != 2)
            throw new InvalidArgumentError($"TokenAndPositionEmbedding '{Name}': expected token indices (batch, T), got shape {inputs.Shape}.");
        var tokens = _token.Apply(inputs);
        return tf.Add(tokens, _position.Apply(tokens));
    }
}
