using System.Text;

namespace Strata.Keras.Layers;

/// <summary>
/// The shared engine of <see cref="StringLookup"/>, <see cref="IntegerLookup"/> and <see cref="TextVectorization"/>
/// (Keras's <c>IndexLookup</c>): a vocabulary of tokens with the mask index (in "int" mode) and the OOV indices at
/// its front, learned by <see cref="Adapt"/> (most frequent first, ties broken by the token, high to low, as Keras's
/// <c>np.lexsort((tokens, counts))[::-1]</c>) or given, and the lookups in both directions. Works on flat .NET arrays
/// plus a shape; the layers turn inputs into those and results into tensors.
/// </summary>
internal sealed class LookupCore<T> where T : notnull
{
    internal static readonly string[] OutputModes = ["int", "one_hot", "multi_hot", "count", "tf_idf"];

    private readonly string _layer;
    private readonly IComparer<T> _tokenOrder;
    private readonly Func<T, string> _repr;
    private readonly Func<T, long> _oovBucket;
    private readonly Dictionary<T, long> _index;
    private readonly IEqualityComparer<T> _eq;
    private List<T> _tokens = [];
    private double[]? _idf;   // per index, the front (mask/OOV) slots included

    public LookupCore(string layer, int? maxTokens, int numOovIndices, bool hasMask, T maskToken, T oovToken,
        bool invert, string outputMode, bool padToMaxTokens, IComparer<T> tokenOrder, IEqualityComparer<T> eq,
        Func<T, string> repr, Func<T, long> oovBucket)
    {
        _layer = layer;
        if (maxTokens is { } m && m <= 1)
            throw new InvalidArgumentError($"{layer}: If set, `max_tokens` must be greater than 1. Received: max_tokens={m}");
        if (padToMaxTokens && maxTokens is null)
            throw new InvalidArgumentError($"{layer}: If pad_to_max_tokens is True, must set `max_tokens`. Received: max_tokens=None");
        if (numOovIndices < 0)
            throw new InvalidArgumentError(
                $"{layer}: `num_oov_indices` must be greater than or equal to 0. Received: num_oov_indices={numOovIndices}");
        outputMode = NormalizeOutputMode(layer, outputMode, OutputModes);
        if (invert && outputMode != "int")
            throw new InvalidArgumentError($"{layer}: `output_mode` must be `'int'` when `invert` is true. Received: output_mode={outputMode}");
        MaxTokens = maxTokens;
        NumOovIndices = numOovIndices;
        HasMask = hasMask;
        MaskToken = maskToken;
        OovToken = oovToken;
        Invert = invert;
        OutputMode = outputMode;
        PadToMaxTokens = padToMaxTokens;
        _tokenOrder = tokenOrder;
        _eq = eq;
        _repr = repr;
        _oovBucket = oovBucket;
        _index = new Dictionary<T, long>(eq);
    }

    public int? MaxTokens { get; }
    public int NumOovIndices { get; }
    public bool HasMask { get; }
    public T MaskToken { get; }
    public T OovToken { get; }
    public bool Invert { get; }
    public string OutputMode { get; }
    public bool PadToMaxTokens { get; }

    /// <summary>Whether the vocabulary came from the constructor or <see cref="SetVocabulary"/> (then Adapt is refused).</summary>
    public bool HasInputVocabulary { get; private set; }

    /// <summary>Whether a vocabulary is known (given, or Adapt has run).</summary>
    public bool VocabularyKnown { get; private set; }

    /// <summary>The vocabulary as given to <see cref="SetVocabulary"/> (for configs), or null after Adapt.</summary>
    public IReadOnlyList<T>? InputVocabulary { get; private set; }

    /// <summary>"tf_idf" mode: the inverse document frequency of each index (OOV slots included), else null.</summary>
    public IReadOnlyList<double>? IdfWeights => _idf;

    public int OovStartIndex => HasMask && OutputMode == "int" ? 1 : 0;

    public int TokenStartIndex => OovStartIndex + NumOovIndices;

    public int VocabularySize() => _tokens.Count + TokenStartIndex;

    /// <summary>Keras's <c>validate_string_arg</c> check (with the deprecated "binary" and "tf-idf" spellings).</summary>
    internal static string NormalizeOutputMode(string layer, string outputMode, string[] allowed)
    {
        if (outputMode == "binary") outputMode = "multi_hot";
        if (outputMode == "tf-idf") outputMode = "tf_idf";
        if (outputMode is null || !allowed.Contains(outputMode))
            throw new InvalidArgumentError(UnknownValue(layer, "output_mode", outputMode, allowed));
        return outputMode;
    }

    internal static string UnknownValue(string layer, string arg, string? value, string[] allowed) =>
        $"{layer}: Unknown value for `{arg}` argument of {layer}. Allowed values are: ({string.Join(", ", allowed.Select(a => $"'{a}'"))}). " +
        $"Received: {arg}={value ?? "None"}";

    private string List(IEnumerable<T> items) => "[" + string.Join(", ", items.Select(_repr)) + "]";

    public List<T> GetVocabulary(bool includeSpecialTokens = true)
    {
        var vocab = new List<T>(VocabularySize());
        if (includeSpecialTokens)
        {
            if (OovStartIndex == 1) vocab.Add(MaskToken);
            for (int i = 0; i < NumOovIndices; i++) vocab.Add(OovToken);
        }
        vocab.AddRange(_tokens);
        return vocab;
    }

    public void SetVocabulary(IReadOnlyList<T> vocabulary, IReadOnlyList<double>? idfWeights = null)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        if (OutputMode == "tf_idf" && idfWeights is null)
            throw new InvalidArgumentError($"{_layer}: `idf_weights` must be set if output_mode is 'tf_idf'.");
        if (OutputMode != "tf_idf" && idfWeights is not null)
            throw new InvalidArgumentError($"{_layer}: `idf_weights` should only be set if output_mode is `'tf_idf'`. " +
                $"Received: output_mode={OutputMode} and idf_weights=[{string.Join(", ", idfWeights)}]");
        if (vocabulary.Count == 0)
            throw new InvalidArgumentError($"{_layer}: Cannot set an empty vocabulary. Received: vocabulary=[]");
        int tokenStart = TokenStartIndex;
        var special = new List<T>();
        for (int i = 0; i < OovStartIndex; i++) special.Add(MaskToken);
        for (int i = 0; i < NumOovIndices; i++) special.Add(OovToken);
        bool foundSpecial = vocabulary.Count >= tokenStart && special.Select((s, i) => _eq.Equals(s, vocabulary[i])).All(b => b);
        var tokens = foundSpecial ? vocabulary.Skip(tokenStart).ToList() : vocabulary.ToList();

        var repeated = tokens.GroupBy(t => t, _eq).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0)
            throw new InvalidArgumentError($"{_layer}: The passed vocabulary has at least one repeated term. Please uniquify your dataset. " +
                $"The repeated terms are: {List(repeated)}");
        string order = "Note that passed `vocabulary` does not need to include the OOV and mask tokens. Either remove all mask and OOV " +
            $"tokens, or include them only at the start of the vocabulary in precisely this order: {List(special)}.";
        if (HasMask && tokens.Contains(MaskToken, _eq))
            throw new InvalidArgumentError($"{_layer}: Found reserved mask token at unexpected location in `vocabulary`. {order} " +
                $"Received: mask_token={_repr(MaskToken)} at vocabulary index [{LastIndex(vocabulary, MaskToken)}]");
        if (Invert && tokens.Contains(OovToken, _eq))
            throw new InvalidArgumentError($"{_layer}: Found reserved OOV token at unexpected location in `vocabulary`. {order} " +
                $"Received: oov_token={_repr(OovToken)} at vocabulary index [{LastIndex(vocabulary, OovToken)}]");
        int newSize = tokenStart + tokens.Count;
        if (MaxTokens is { } max && newSize > max)
            throw new InvalidArgumentError($"{_layer}: Attempted to set a vocabulary larger than the maximum vocab size. " +
                $"Received vocabulary size is {newSize}; `max_tokens` is {max}.");
        if (idfWeights is not null && idfWeights.Count != vocabulary.Count)
            throw new InvalidArgumentError($"{_layer}: `idf_weights` must be the same length as vocabulary. len(idf_weights) is " +
                $"{idfWeights.Count}; len(vocabulary) is {vocabulary.Count}");
        SetTokens(tokens);
        HasInputVocabulary = true;
        InputVocabulary = vocabulary.ToArray();
        if (idfWeights is not null)
        {
            // Without the special tokens in front, their weight is the average of the given ones (Keras).
            int front = foundSpecial ? 0 : tokenStart;
            _idf = [.. Enumerable.Repeat(idfWeights.Average(), front), .. idfWeights];
        }
    }

    private int LastIndex(IReadOnlyList<T> vocabulary, T token)
    {
        for (int i = vocabulary.Count - 1; i >= 0; i--)
            if (_eq.Equals(vocabulary[i], token)) return i;
        return -1;
    }

    private void SetTokens(List<T> tokens)
    {
        // Keras (_ensure_vocab_size_unchanged): an encoding's width is fixed by the first vocabulary it has.
        if (OutputMode != "int" && !PadToMaxTokens && VocabularyKnown && tokens.Count != _tokens.Count)
            throw new FailedPreconditionError($"{_layer}: When using `output_mode={OutputMode}` and `pad_to_max_tokens=False`, the vocabulary " +
                $"size cannot be changed after the layer is called. Old vocab size is {VocabularySize()}, new vocab size is {tokens.Count + TokenStartIndex}");
        _tokens = tokens;
        _index.Clear();
        for (int i = 0; i < tokens.Count; i++) _index[tokens[i]] = TokenStartIndex + i;
        VocabularyKnown = true;
    }

    /// <summary>Learns the vocabulary from every token of <paramref name="documents"/> (Keras's adapt: update_state over the
    /// data, then finalize_state). Replaces a vocabulary learned before.</summary>
    /// <remarks>Each element of <paramref name="documents"/> is one document (for "tf_idf"'s document frequencies).</remarks>
    public void Adapt(IEnumerable<IEnumerable<T>> documents, string layerName)
    {
        if (HasInputVocabulary)
            throw new InvalidArgumentError($"{_layer}: Cannot adapt layer '{layerName}' after setting a static vocabulary via " +
                "`vocabulary` argument or `set_vocabulary()` method.");
        var counts = new Dictionary<T, long>(_eq);
        var docCounts = new Dictionary<T, long>(_eq);
        long numDocuments = 0;
        foreach (var doc in documents)
        {
            numDocuments++;
            var seen = OutputMode == "tf_idf" ? new HashSet<T>(_eq) : null;
            foreach (var t in doc)
            {
                counts[t] = counts.GetValueOrDefault(t) + 1;
                if (seen is not null && seen.Add(t)) docCounts[t] = docCounts.GetValueOrDefault(t) + 1;
            }
        }
        if (counts.Count == 0)
        {
            VocabularyKnown = true;
            return;
        }
        if (HasMask) counts.Remove(MaskToken);
        counts.Remove(OovToken);
        // Keras: np.lexsort((tokens, counts))[::-1] — by count, then by token, both from high to low.
        var sorted = counts.OrderByDescending(kv => kv.Value).ThenByDescending(kv => kv.Key, _tokenOrder).Select(kv => kv.Key);
        if (MaxTokens is { } max) sorted = sorted.Take(Math.Max(0, max - TokenStartIndex));
        SetTokens(sorted.ToList());
        InputVocabulary = null;
        if (OutputMode == "tf_idf")
        {
            // log(1 + N / (1 + document count)); the OOV slots get the average (Keras cannot know theirs in one pass)
            var idf = _tokens.Select(t => Math.Log(1 + (double)numDocuments / (1 + docCounts.GetValueOrDefault(t)))).ToArray();
            double mean = idf.Length == 0 ? 0 : idf.Average();
            _idf = [.. Enumerable.Repeat(mean, TokenStartIndex), .. idf];
        }
    }

    /// <summary>Token → index. The mask token gives 0 in "int" mode (else -1: dropped by the encodings); an OOV token
    /// gives the OOV index (hashed into the OOV buckets when there are several).</summary>
    public long[] Lookup(IReadOnlyList<T> tokens)
    {
        var result = new long[tokens.Count];
        List<T>? oov = null;
        for (int i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (HasMask && _eq.Equals(t, MaskToken))
                result[i] = OutputMode == "int" ? 0 : -1;
            else if (_index.TryGetValue(t, out long idx))
                result[i] = idx;
            else if (NumOovIndices == 0)
                (oov ??= []).Add(t);
            else
                result[i] = NumOovIndices == 1 ? OovStartIndex : OovStartIndex + _oovBucket(t);
        }
        if (oov is not null)
            throw new InvalidArgumentError($"{_layer}: When `num_oov_indices=0` all inputs should be in vocabulary, found OOV values " +
                $"{List(oov)}, consider setting `num_oov_indices=1`.");
        return result;
    }

    /// <summary>Index → token (invert=True): 0 is the mask token when there is one; indices outside the learned
    /// tokens give the OOV token.</summary>
    public T[] Inverse(ReadOnlySpan<long> indices)
    {
        var result = new T[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            long k = indices[i];
            if (HasMask && k == 0) result[i] = MaskToken;
            else if (k >= TokenStartIndex && k < TokenStartIndex + _tokens.Count) result[i] = _tokens[(int)(k - TokenStartIndex)];
            else result[i] = OovToken;
        }
        return result;
    }

    /// <summary>Keras's checks of <c>idf_weights</c> at construction.</summary>
    public void CheckIdfArgument(bool hasVocabulary, IReadOnlyList<double>? idfWeights)
    {
        if (idfWeights is not null && OutputMode != "tf_idf")
            throw new InvalidArgumentError($"{_layer}: `idf_weights` should only be set if `output_mode` is `'tf_idf'`. " +
                $"Received: idf_weights=[{string.Join(", ", idfWeights)}] and output_mode={OutputMode}");
        if (OutputMode == "tf_idf" && hasVocabulary && idfWeights is null)
            throw new InvalidArgumentError($"{_layer}: When specifying the `vocabulary` argument, in TF-IDF output mode, the `idf_weights` " +
                "argument must also be provided.");
        if (idfWeights is not null && !hasVocabulary)
            throw new InvalidArgumentError($"{_layer}: `idf_weights` needs the `vocabulary` they weigh (Strata keeps no weights without one).");
    }

    /// <summary>Indices (from <see cref="Lookup"/>) of shape <paramref name="dims"/> as the layer's output: int64 of the
    /// same shape in "int" mode, else float32 encodings over the vocabulary as Keras 3's encode_categorical_inputs makes
    /// them: "one_hot" encodes every element (a last axis of 1 is dropped first), "multi_hot" marks the tokens of the
    /// last axis, "count" counts over axis 1 (axis 0 for a vector). Indices outside [0, depth) (a dropped mask) add
    /// nothing. (Keras's own eager result is int64 here while its output spec says float32; Strata keeps float32, which
    /// Dense and the losses take directly.)</summary>
    public Tensor Encode(long[] indices, int[] dims)
    {
        if (OutputMode == "int") return tf.Constant(indices, dtype: DType.Int64, shape: new Shape(dims));
        if (!PadToMaxTokens && !VocabularyKnown)
            throw new FailedPreconditionError($"{_layer}: When using `output_mode={OutputMode}` and `pad_to_max_tokens=False`, you must set " +
                "the layer's vocabulary before calling it. Either pass a `vocabulary` argument to the layer, or call `adapt` with some sample data.");
        int depth = PadToMaxTokens ? MaxTokens!.Value : VocabularySize();
        var shape = dims.Length == 0 ? new[] { 1 } : dims;
        int[] outDims;
        Func<int, int> slot;   // element → output row
        if (OutputMode == "one_hot")
        {
            outDims = shape.Length > 1 && shape[^1] == 1 ? [.. shape[..^1], depth] : [.. shape, depth];
            slot = i => i;
        }
        else if (OutputMode == "multi_hot" || shape.Length == 1)
        {
            outDims = [.. shape[..^1], depth];
            int width = shape[^1];
            slot = i => i / width;
        }
        else
        {
            // count over axis 1: (d0, d1, rest…) → (d0, rest…, depth)
            outDims = [shape[0], .. shape[2..], depth];
            int rest = shape[2..].Aggregate(1, (a, d) => checked(a * d));
            int d1 = shape[1];
            slot = i => i / (d1 * rest) * rest + i % rest;
        }
        long total = outDims.Aggregate(1L, (a, d) => a * d);
        if (total > Array.MaxLength)
            throw new InvalidArgumentError($"{_layer}: the {OutputMode} output of shape {new Shape(outDims)} is too large.");
        var output = new float[total];
        bool binary = OutputMode is "multi_hot" or "one_hot";
        for (int i = 0; i < indices.Length; i++)
        {
            long k = indices[i];
            if (k < 0 || k >= depth) continue;
            ref float cell = ref output[(long)slot(i) * depth + k];
            cell = binary ? 1 : cell + 1;
        }
        if (OutputMode == "tf_idf")
        {
            // count × idf (float32, as Keras multiplies); indices past the vocabulary (pad_to_max_tokens) weigh 0
            var idf = _idf ?? throw new FailedPreconditionError($"{_layer}: When `output_mode` is `'tf_idf'`, `idf_weights` must be provided.");
            for (long j = 0; j < output.LongLength; j++)
            {
                int k = (int)(j % depth);
                output[j] = k < idf.Length ? output[j] * (float)idf[k] : 0;
            }
        }
        return tf.Constant(output, dtype: DType.Float32, shape: new Shape(outDims));
    }

    public Shape OutputShapeFor(Shape inputShape)
    {
        if (OutputMode == "int") return inputShape;
        int depth = PadToMaxTokens ? MaxTokens!.Value : VocabularySize();
        var dims = inputShape.Rank == 0 ? [1] : inputShape.ToArray();
        if (OutputMode == "one_hot") return dims.Length > 1 && dims[^1] == 1 ? new Shape([.. dims[..^1], depth]) : new Shape([.. dims, depth]);
        if (OutputMode is "count" or "tf_idf" && dims.Length > 2) return new Shape([dims[0], .. dims[2..], depth]);
        return new Shape([.. dims[..^1], depth]);
    }
}

/// <summary>Orders strings as NumPy orders byte strings: by their UTF-8 bytes.</summary>
internal sealed class Utf8Order : IComparer<string>
{
    public static readonly Utf8Order Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        return Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y));
    }
}
