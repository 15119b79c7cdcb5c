namespace Strata.Keras.Layers;

/// <summary>
/// Keras's StringLookup: maps strings to indices in a vocabulary (given, or learned by <see cref="Adapt(IEnumerable{string})"/>:
/// most frequent first, ties broken by the string, high to low). In "int" mode the vocabulary starts with the mask token
/// (when set), then <c>numOovIndices</c> OOV slots ("[UNK]"), then the tokens; "one_hot", "multi_hot", "count" and "tf_idf" (count × idf weight) give
/// float32 encodings over the vocabulary (without the mask slot; mask tokens are dropped).
/// <para>Strata has no string tensors, so this layer takes .NET strings: <c>Apply(string[])</c> and
/// <c>Apply(string[,])</c> give an int64 (or float32) tensor of the input's shape (or the encoded shape). With
/// <c>invert: true</c> it maps indices back: <c>Apply(long[])</c>, <c>Apply(long[,])</c> or <see cref="ApplyInverse"/> for a
/// tensor give string arrays. It cannot sit inside a model that passes tensors between layers; use it to prepare the
/// model's input (Keras recommends that use too). More than one OOV index hashes OOV strings with FarmHash64 as
/// TensorFlow's <c>to_hash_bucket_fast</c> does.</para>
/// </summary>
public sealed class StringLookup : Layer
{
    internal readonly LookupCore<string> Core;

    /// <summary>A StringLookup layer (keras.layers.StringLookup).</summary>
    /// <param name="maxTokens">Keras's <c>max_tokens</c>: the largest vocabulary, mask and OOV indices included, greater than
    /// 1; null (no limit) by default.</param>
    /// <param name="numOovIndices">Keras's <c>num_oov_indices</c>: how many indices unknown strings share (hashed among them),
    /// non-negative (0: an unknown string is an error); 1 by default.</param>
    /// <param name="maskToken">Keras's <c>mask_token</c>: the string that marks padding (index 0, and dropped by the
    /// encodings); null (no mask) by default.</param>
    /// <param name="oovToken">Keras's <c>oov_token</c>: the string of the OOV indices; <c>"[UNK]"</c> by default.</param>
    /// <param name="vocabulary">Keras's <c>vocabulary</c>: the tokens, instead of <see cref="Adapt(IEnumerable{string})"/>;
    /// null by default.</param>
    /// <param name="idfWeights">Keras's <c>idf_weights</c>: for <c>"tf_idf"</c> with a given vocabulary, one weight per
    /// token; null by default.</param>
    /// <param name="invert">Keras's <c>invert</c>: map indices back to strings (<c>"int"</c> mode only); false by default.</param>
    /// <param name="outputMode">Keras's <c>output_mode</c>: <c>"int"</c> (the default), <c>"one_hot"</c>, <c>"multi_hot"</c>,
    /// <c>"count"</c> or <c>"tf_idf"</c>.</param>
    /// <param name="padToMaxTokens">Keras's <c>pad_to_max_tokens</c>: make the encodings <paramref name="maxTokens"/> wide
    /// whatever the vocabulary's size; false by default.</param>
    /// <param name="name">The layer's name; null for <c>string_lookup</c>, <c>string_lookup_1</c>….</param>
    public StringLookup(int? maxTokens = null, int numOovIndices = 1, string? maskToken = null, string oovToken = "[UNK]",
        IEnumerable<string>? vocabulary = null, IEnumerable<double>? idfWeights = null, bool invert = false, string outputMode = "int",
        bool padToMaxTokens = false, string? name = null) : base(name)
    {
        ArgumentNullException.ThrowIfNull(oovToken);
        Core = new LookupCore<string>("StringLookup", maxTokens, numOovIndices, maskToken is not null, maskToken ?? "", oovToken,
            invert, outputMode, padToMaxTokens, Utf8Order.Instance, StringComparer.Ordinal, s => $"'{s}'",
            s => (long)(FarmHash.Fingerprint64(s) % (ulong)numOovIndices));
        var idf = idfWeights?.ToArray();
        Core.CheckIdfArgument(vocabulary is not null, idf);
        if (vocabulary is not null) Core.SetVocabulary(vocabulary.ToArray(), idf);
    }

    /// <summary>The largest vocabulary (mask and OOV indices included), or null for no limit.</summary>
    public int? MaxTokens => Core.MaxTokens;
    /// <summary>How many indices unknown strings share.</summary>
    public int NumOovIndices => Core.NumOovIndices;
    /// <summary>The string that marks padding, or null when there is none.</summary>
    public string? MaskToken => Core.HasMask ? Core.MaskToken : null;
    /// <summary>The string of the OOV indices (<c>"[UNK]"</c> by default).</summary>
    public string OovToken => Core.OovToken;
    /// <summary>Whether the layer maps indices back to strings.</summary>
    public bool Invert => Core.Invert;
    /// <summary>The encoding: <c>"int"</c>, <c>"one_hot"</c>, <c>"multi_hot"</c>, <c>"count"</c> or <c>"tf_idf"</c>.</summary>
    public string OutputMode => Core.OutputMode;
    /// <summary>Whether the encodings are <see cref="MaxTokens"/> wide whatever the vocabulary's size.</summary>
    public bool PadToMaxTokens => Core.PadToMaxTokens;

    /// <summary>The vocabulary; with <paramref name="includeSpecialTokens"/> (the default) a term's position is its index.</summary>
    public List<string> GetVocabulary(bool includeSpecialTokens = true) => Core.GetVocabulary(includeSpecialTokens);

    /// <summary>The vocabulary's size, mask and OOV indices included.</summary>
    public int VocabularySize() => Core.VocabularySize();

    /// <summary>Replaces the vocabulary (which may start with the mask and OOV tokens in Keras's order).</summary>
    public void SetVocabulary(IEnumerable<string> vocabulary, IEnumerable<double>? idfWeights = null) =>
        Core.SetVocabulary(vocabulary.ToArray(), idfWeights?.ToArray());

    /// <summary>"tf_idf" mode: the weight of each index (OOV slots included).</summary>
    public IReadOnlyList<double>? IdfWeights => Core.IdfWeights;

    /// <summary>Learns the vocabulary from the strings (each one token, and for "tf_idf" one document).</summary>
    public void Adapt(IEnumerable<string> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Core.Adapt(data.Select(s => new[] { s }), Name);
    }

    /// <summary>Learns the vocabulary from the strings (each row one document for "tf_idf").</summary>
    public void Adapt(string[,] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Core.Adapt(Enumerable.Range(0, data.GetLength(0)).Select(r => Enumerable.Range(0, data.GetLength(1)).Select(c => data[r, c])), Name);
    }

    /// <summary>Looks up a batch of strings: int64 indices (batch) in <c>"int"</c> mode, float32 encodings in the others.</summary>
    /// <param name="inputs">The strings, none null.</param>
    public Tensor Apply(string[] inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return Forward(inputs, [inputs.Length]);
    }

    /// <summary>Looks up a matrix of strings: int64 indices of its shape in <c>"int"</c> mode, float32 encodings in the
    /// others.</summary>
    /// <param name="inputs">The strings, none null.</param>
    public Tensor Apply(string[,] inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return Forward(inputs.Cast<string>().ToArray(), [inputs.GetLength(0), inputs.GetLength(1)]);
    }

    /// <summary>Looks up one string: a scalar int64 index in <c>"int"</c> mode, a float32 encoding in the others.</summary>
    /// <param name="input">The string.</param>
    public Tensor Apply(string input) => Forward([input], []);

    private Tensor Forward(string[] tokens, int[] dims)
    {
        if (Invert)
            throw new InvalidArgumentError($"StringLookup: layer '{Name}' has invert=True: it maps indices to strings; pass indices " +
                "(long[], long[,] or a tensor to ApplyInverse), not strings.");
        if (Array.IndexOf(tokens, null) >= 0) throw new InvalidArgumentError($"StringLookup: layer '{Name}' got a null string.");
        return Core.Encode(Core.Lookup(tokens), dims);
    }

    /// <summary>With <see cref="Invert"/>: the strings of a vector of indices.</summary>
    /// <param name="indices">The indices.</param>
    public string[] Apply(long[] indices) => (string[])ApplyInverse(tf.Constant(indices, dtype: DType.Int64));

    /// <summary>With <see cref="Invert"/>: the strings of a matrix of indices, same shape.</summary>
    /// <param name="indices">The indices.</param>
    public string[,] Apply(long[,] indices) => (string[,])ApplyInverse(tf.Constant(indices, dtype: DType.Int64));

    /// <summary>invert=True: an integer tensor of indices → a string array of the same shape and rank.</summary>
    public Array ApplyInverse(Tensor indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        if (!Invert)
            throw new InvalidArgumentError($"StringLookup: layer '{Name}' maps strings to indices; only a layer with invert=True maps indices to strings.");
        if (!indices.DType.IsInteger)
            throw new InvalidArgumentError($"StringLookup: inverse lookup needs integer indices, got dtype {indices.DType.Name()} (layer '{Name}').");
        var flat = tf.Cast(indices, DType.Int64).ToArray<long>();
        var tokens = Core.Inverse(flat);
        var dims = indices.Shape.ToArray();
        var result = StringArray(dims.Length == 0 ? [1] : dims, indices.Shape);
        int i = 0;
        foreach (var index in Indices(dims.Length == 0 ? [1] : dims)) result.SetValue(tokens[i++], index);
        return dims.Length == 0 ? new[] { tokens[0] } : result;
    }

    /// <summary>A string array of the indices' shape, its type named so that NativeAOT has its code (no Array.CreateInstance).</summary>
    private Array StringArray(int[] dims, Shape shape) => dims.Length switch
    {
        1 => new string[dims[0]],
        2 => new string[dims[0], dims[1]],
        3 => new string[dims[0], dims[1], dims[2]],
        4 => new string[dims[0], dims[1], dims[2], dims[3]],
        _ => throw new InvalidArgumentError($"StringLookup: inverse lookup takes indices of rank 4 at most, got shape {shape} (layer '{Name}')."),
    };

    private static IEnumerable<int[]> Indices(int[] dims)
    {
        long total = dims.Aggregate(1L, (a, d) => a * d);
        var idx = new int[dims.Length];
        for (long n = 0; n < total; n++)
        {
            yield return (int[])idx.Clone();
            for (int a = dims.Length - 1; a >= 0; a--)
            {
                if (++idx[a] < dims[a]) break;
                idx[a] = 0;
            }
        }
    }

    /// <summary>A tensor cannot hold strings in Strata: this entry only explains what to call.</summary>
    public override Tensor Call(Tensor inputs) =>
        throw new InvalidArgumentError(Invert
            ? $"StringLookup: layer '{Name}' (invert=True) returns strings, which a tensor cannot hold; call ApplyInverse(indices) for a string array."
            : $"StringLookup: Strata tensors cannot hold strings; call Apply(string[]) or Apply(string[,]) on layer '{Name}' (got a {inputs?.DType.Name()} tensor).");

    /// <summary>The output shape for an input shape: the same in <c>"int"</c> mode; otherwise the encoding's, whose last axis
    /// is the vocabulary size (or <see cref="MaxTokens"/> with <see cref="PadToMaxTokens"/>).</summary>
    /// <param name="inputShape">The input's shape.</param>
    public Shape ComputeOutputShape(Shape inputShape) => Core.OutputShapeFor(inputShape);
}
