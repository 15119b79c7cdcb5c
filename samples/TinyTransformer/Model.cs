using Strata;
using Strata.Keras.Layers;
using Strata.Keras.Models;

namespace TinyTransformer;

/// <summary>One pre-norm decoder block: x + MHA(LN(x), causal), then x + MLP(LN(x)) with a GELU MLP of 4× width.</summary>
internal sealed class DecoderBlock : Layer
{
    private readonly LayerNormalization _ln1, _ln2;
    private readonly MultiHeadAttention _attention;
    private readonly Dense _fc1, _fc2;

    public DecoderBlock(int width, int heads, string? name = null) : base(name)
    {
        _ln1 = new LayerNormalization(epsilon: 1e-5);
        _attention = new MultiHeadAttention(heads, width / heads);
        _ln2 = new LayerNormalization(epsilon: 1e-5);
        _fc1 = new Dense(4 * width, activation: "gelu");
        _fc2 = new Dense(width);
    }

    public override Tensor Call(Tensor inputs) => Call(inputs, training: false);

    public override Tensor Call(Tensor inputs, bool? training)
    {
        var h = _ln1.Apply(inputs);
        var x = inputs + _attention.Call(h, h, useCausalMask: true, training: training);
        return x + _fc2.Apply(_fc1.Apply(_ln2.Apply(x)));
    }
}

/// <summary>A decoder-only character model: token + position embedding → blocks → LayerNormalization → Dense(vocab) logits.</summary>
internal sealed class CharTransformer : Model
{
    private readonly TokenAndPositionEmbedding _embedding;
    private readonly List<DecoderBlock> _blocks = [];
    private readonly LayerNormalization _final;
    private readonly Dense _head;

    public CharTransformer(int vocab, int contextLength, int width, int heads, int blocks)
    {
        _embedding = new TokenAndPositionEmbedding(vocab, contextLength, width);
        for (int i = 0; i < blocks; i++) _blocks.Add(new DecoderBlock(width, heads));
        _final = new LayerNormalization(epsilon: 1e-5);
        _head = new Dense(vocab);
    }

    public override Tensor Call(Tensor inputs) => Call(inputs, training: false);

    public override Tensor Call(Tensor inputs, bool? training)
    {
        var x = _embedding.Apply(inputs);
        foreach (var block in _blocks) x = block.Apply(x, training);
        return _head.Apply(_final.Apply(x));
    }
}
