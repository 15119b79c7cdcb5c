namespace Strata.Keras.Engine;

/// <summary>
/// Keras 3's <c>Functional._adjust_input_rank</c>: a model's input whose rank is one off from the model's input is
/// fixed when the difference is a trailing axis of 1 — squeezed when the data has it (labels-like (n, 4, 1) into
/// a (None, 4) model), added when the model has it ((n, 4) into (None, 4, 1)). Any other rank is an error, in
/// Keras's words.
/// </summary>
internal static class InputRank
{
    public static Tensor Adjust(Tensor x, Shape expected)
    {
        int rank = x.Rank, want = expected.Rank;
        if (rank == want) return x;
        if (rank == want + 1 && x.Shape[-1] == 1) return tf.Squeeze(x, [-1]);
        if (rank == want - 1 && expected[-1] == 1) return tf.ExpandDims(x, -1);
        throw new InvalidArgumentError(
            $"Invalid input shape for input {InputCompatibility.Describe(x)}. Expected shape {expected}, but input has incompatible shape {x.Shape}");
    }
}
