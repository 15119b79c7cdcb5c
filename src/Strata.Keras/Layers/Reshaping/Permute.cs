using Strata.Keras.Engine;

namespace Strata.Keras.Layers;

/// <summary>Keras's Permute: reorders the axes of each sample. <see cref="Dims"/> counts from 1 (the batch axis
/// stays first), as in Keras: <c>Permute([2, 1])</c> swaps the two axes of a (batch, a, b) input.</summary>
public sealed class Permute : Layer
{
    private readonly int[] _perm;

    /// <summary>The permutation of the sample's axes, counted from 1 (the batch axis stays first).</summary>
    public IReadOnlyList<int> Dims { get; }

    /// <summary>A Permute layer (keras.layers.Permute).</summary>
    /// <param name="dims">Keras's <c>dims</c>: a permutation of 1…rank-1, e.g. <c>[2, 1]</c>.</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    /// <param name="name">The layer's name; null for <c>permute</c>, <c>permute_1</c>….</param>
    public Permute(int[] dims, Shape? inputShape = null, string? name = null) : base(name, inputShape)
    {
        Guard.NotNull(dims, "Permute", "dims");
        var sorted = dims.Order().ToArray();
        if (!sorted.SequenceEqual(Enumerable.Range(1, dims.Length)))
            throw new InvalidArgumentError(
                "Permute: Invalid permutation argument `dims` for Permute Layer. The set of indices in `dims` must be consecutive and start from 1. " +
                $"Received dims=({string.Join(", ", dims)})");
        Dims = dims.ToArray();
        _perm = [0, .. dims];
        InputSpec = new InputSpec(ndim: dims.Length + 1);
    }

    /// <inheritdoc/>
    public override Tensor Call(Tensor inputs)
    {
        InputCompatibility.Assert(CurrentInputSpecs, inputs, Name);
        return tf.Transpose(inputs, _perm);
    }
}
