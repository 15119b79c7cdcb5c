namespace Strata.Keras.Layers;

/// <summary>
/// Keras's IntegerLookup: maps integer tokens (int32 or int64 tensors) to indices in a vocabulary, given or learned by
/// <see cref="Adapt(Tensor)"/> (most frequent first, ties broken by the value, high to low). In "int" mode the
/// vocabulary starts with the mask token (when set), then <c>numOovIndices</c> OOV slots (token -1), then the tokens;
/// several OOV slots take <c>token floormod numOovIndices</c> (Keras's default "floormod"). "one_hot", "multi_hot", "tf_idf" and
/// "count" give float32 encodings. With <c>invert: true</c> it maps indices back to tokens (int64).
/// </summary>
public sealed class IntegerLookup : Layer
{
    internal readonly LookupCore<long> Core;

    /// <summary>An IntegerLookup layer (keras.layers.IntegerLookup).</summary>
    /// <param name="maxTokens">Keras's <c>max_tokens</c>: the largest vocabulary, mask and OOV indices included, greater than
    /// 1; null (no limit) by default.</param>
    /// <param name="numOovIndices">Keras's <c>num_oov_indices</c>: how many indices unknown tokens share, non-negative
    /// (0: an unknown token is an error); 1 by default.</param>
    /// <param name="maskToken">Keras's <c>mask_token</c>: the token that marks padding (index 0, and dropped by the
    /// encodings); null (no mask) by default.</param>
    /// <param name="oovToken">Keras's <c>oov_token</c>: the token the inverse lookup returns for an OOV index; -1 by
    /// default.</param>
    /// <param name="vocabulary">Keras's <c>vocabulary</c>: the tokens, instead of <see cref="Adapt(Tensor)"/>; null by
    /// default.</param>
    /// <param name="idfWeights">Keras's <c>idf_weights</c>: for <c>"tf_idf"</c> with a given vocabulary, one weight per
    /// token; null by default.</param>
    /// <param name="invert">Keras's <c>invert</c>: map indices back to tokens (<c>"int"</c> mode only); false by default.</param>
    /// <param name="outputMode">Keras's <c>output_mode</c>: <c>"int"</c> (the default), <c>"one_hot"</c>, <c>"multi_hot"</c>,
    /// <c>"count"</c> or <c>"tf_idf"</c>.</param>
    /// <param name="padToMaxTokens">Keras's <c>pad_to_max_tokens</c>: make the encodings <paramref name="maxTokens"/> wide
    /// whatever the vocabulary's size; false by default.</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    /// <param name="name">The layer's name; null for <c>integer_lookup</c>, <c>integer_lookup_1</c>….</param>
    public IntegerLookup(int? maxTokens = null, int numOovIndices = 1, long? maskToken = null, long oovToken = -1,
        IEnumerable<long>? vocabulary = null, IEnumerable<double>? idfWeights = null, bool invert = false, string outputMode = "int",
        bool padToMaxTokens = false, Shape? inputShape = null, string? name = null) : base(name, inputShape)
    {
        if (maxTokens is { } m && m <= 1)
            throw new InvalidArgumentError($"IntegerLookup: If `max_tokens` is set for `IntegerLookup`, it must be greater than 1. Received: max_tokens={m}");
        if (numOovIndices < 0)
            throw new InvalidArgumentError(
                $"IntegerLookup: The value of `num_oov_indices` argument for `IntegerLookup` must >= 0. Received: num_oov_indices={numOovIndices}");
        Core = new LookupCore<long>("IntegerLookup", maxTokens, numOovIndices, maskToken is not null, maskToken ?? 0, oovToken,
            invert, outputMode, padToMaxTokens, Comparer<long>.Default, EqualityComparer<long>.Default, v => v.ToString(),
            v => ((v % numOovIndices) + numOovIndices) % numOovIndices);
        var idf = idfWeights?.ToArray();
        Core.CheckIdfArgument(vocabulary is not null, idf);
        if (vocabulary is not null) Core.SetVocabulary(vocabulary.ToArray(), idf);
    }

    /// <summary>The largest vocabulary (mask and OOV indices included), or null for no limit.</summary>
    public int? MaxTokens => Core.MaxTokens;
    /// <summary>How many indices unknown tokens share.</summary>
    public int NumOovIndices => Core.NumOovIndices;
    /// <summary>The token that marks padding, or null when there is none.</summary>
    public long? MaskToken => Core.HasMask ? Core.MaskToken : null;
    /// <summary>The token the inverse lookup returns for an OOV index.</summary>
    public long OovToken => Core.OovToken;
    /// <summary>Whether the layer maps indices back to tokens.</summary>
    public bool Invert => Core.Invert;
    /// <summary>The encoding: <c>"int"</c>, <c>"one_hot"</c>, <c>"multi_hot"</c>, <c>"count"</c> or <c>"tf_idf"</c>.</summary>
    public string OutputMode => Core.OutputMode;
    /// <summary>Whether the encodings are <see cref="MaxTokens"/> wide whatever the vocabulary's size.</summary>
    public bool PadToMaxTokens => Core.PadToMaxTokens;

    /// <summary>The vocabulary; with <paramref name="includeSpecialTokens"/> (the default) a term's position is its index.</summary>
    public List<long> GetVocabulary(bool includeSpecialTokens = true) => Core.GetVocabulary(includeSpecialTokens);

    /// <summary>The vocabulary's size, mask and OOV indices included.</summary>
    public int VocabularySize() => Core.VocabularySize();

    /// <summary>Replaces the vocabulary (which may start with the mask and OOV tokens in Keras's order).</summary>
    /// <param name="vocabulary">The tokens, most important first.</param>
    /// <param name="idfWeights">For <c>"tf_idf"</c>: one weight per token; null otherwise.</param>
    public void SetVocabulary(IEnumerable<long> vocabulary, IEnumerable<double>? idfWeights = null) =>
        Core.SetVocabulary(vocabulary.ToArray(), idfWeights?.ToArray());

    /// <summary>"tf_idf" mode: the weight of each index (OOV slots included).</summary>
    public IReadOnlyList<double>? IdfWeights => Core.IdfWeights;

    /// <summary>Learns the vocabulary from every value of an integer tensor (for "tf_idf", each value of a vector, or each
    /// slice along the first axis, is one document).</summary>
    public void Adapt(Tensor data)
    {
        var values = Values(data, "Adapt");
        int rows = data.Rank >= 2 ? data.Shape[0] : values.Length;
        int width = rows == 0 ? 0 : values.Length / rows;
        Core.Adapt(Enumerable.Range(0, rows).Select(r => values.Skip(r * width).Take(width)), Name);
    }

    /// <summary>Learns the vocabulary from the tokens (each one token, and for <c>"tf_idf"</c> one document).</summary>
    /// <param name="data">The tokens to count.</param>
    public void Adapt(IEnumerable<long> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Core.Adapt(data.Select(v => new[] { v }), Name);
    }

    private long[] Values(Tensor t, string what)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (!t.DType.IsInteger)
            throw new InvalidArgumentError($"IntegerLookup: {what} needs integer values (int32 or int64), got dtype {t.DType.Name()} " +
                $"and shape {t.Shape} (layer '{Name}').");
        return tf.Cast(t, DType.Int64).ToArray<long>();
    }

    /// <summary>The lookup of an int32 or int64 tensor: int64 indices of the input's shape in <c>"int"</c> mode, float32
    /// encodings in the others (see <see cref="ComputeOutputShape"/>), or int64 tokens with <see cref="Invert"/>.</summary>
    /// <param name="inputs">The integer tokens (or, inverted, indices).</param>
    public override Tensor Call(Tensor inputs)
    {
        var values = Values(inputs, "the input");
        var dims = inputs.Shape.ToArray();
        if (Invert) return tf.Constant(Core.Inverse(values), dtype: DType.Int64, shape: new Shape(dims));
        return Core.Encode(Core.Lookup(values), dims);
    }

    /// <summary>The output shape for an input shape: the same in <c>"int"</c> mode; otherwise the encoding's, whose last axis
    /// is the vocabulary size (or <see cref="MaxTokens"/> with <see cref="PadToMaxTokens"/>).</summary>
    /// <param name="inputShape">The input's shape.</param>
    public Shape ComputeOutputShape(Shape inputShape) => Core.OutputShapeFor(inputShape);
}
