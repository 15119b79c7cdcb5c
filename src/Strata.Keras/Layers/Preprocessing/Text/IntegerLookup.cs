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

    public int? MaxTokens => Core.MaxTokens;
    public int NumOovIndices => Core.NumOovIndices;
    public long? MaskToken => Core.HasMask ? Core.MaskToken : null;
    public long OovToken => Core.OovToken;
    public bool Invert => Core.Invert;
    public string OutputMode => Core.OutputMode;
    public bool PadToMaxTokens => Core.PadToMaxTokens;

    /// <summary>The vocabulary; with <paramref name="includeSpecialTokens"/> (the default) a term's position is its index.</summary>
    public List<long> GetVocabulary(bool includeSpecialTokens = true) => Core.GetVocabulary(includeSpecialTokens);

    /// <summary>The vocabulary's size, mask and OOV indices included.</summary>
    public int VocabularySize() => Core.VocabularySize();

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

    public override Tensor Call(Tensor inputs)
    {
        var values = Values(inputs, "the input");
        var dims = inputs.Shape.ToArray();
        if (Invert) return tf.Constant(Core.Inverse(values), dtype: DType.Int64, shape: new Shape(dims));
        return Core.Encode(Core.Lookup(values), dims);
    }

    public Shape ComputeOutputShape(Shape inputShape) => Core.OutputShapeFor(inputShape);
}
