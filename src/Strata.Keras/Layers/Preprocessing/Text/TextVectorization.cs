using System.Text;

namespace Strata.Keras.Layers;

/// <summary>
/// Keras's TextVectorization: standardizes each text ("lower_and_strip_punctuation" by default: ASCII lower case, as
/// <c>tf.strings.lower</c>, and the ASCII punctuation <c>!"#$%&amp;'()*+,-./:;&lt;=&gt;?@[\]^_`{|}~</c> removed), splits
/// it ("whitespace": runs of ASCII white space, as <c>tf.strings.split</c>; "character": each Unicode code point), makes
/// n-grams if asked (joined with a space) and looks the tokens up in a vocabulary that starts with the padding token
/// "" (index 0, in "int" mode) and the OOV token "[UNK]". The vocabulary is given or learned by
/// <see cref="Adapt(IEnumerable{string})"/> (most frequent first, ties broken by the token, high to low).
/// "int" output is int64 <c>(batch, length)</c>: padded with 0 to the longest text or padded/truncated to
/// <c>outputSequenceLength</c>; "multi_hot", "count", "tf_idf" (and "one_hot" for a single token per text) give float32
/// <c>(batch, vocabulary size)</c>.
/// <para>Strata has no string tensors, so the layer takes .NET strings: <c>Apply(string[] texts)</c> (one text per
/// element) or <c>Apply(string[,] texts)</c> of shape (batch, 1), as Keras takes <c>[["text"], ["text"]]</c>. Use it
/// to prepare a model's input.</para>
/// </summary>
public sealed class TextVectorization : Layer
{
    private static readonly string[] Standardizations = ["lower_and_strip_punctuation", "lower", "strip_punctuation"];
    private static readonly string[] Splits = ["whitespace", "character"];
    private const string Punctuation = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~'";

    internal readonly LookupCore<string> Core;
    private readonly int[]? _ngrams;

    /// <summary>A TextVectorization layer (keras.layers.TextVectorization).</summary>
    /// <param name="maxTokens">Keras's <c>max_tokens</c>: the largest vocabulary, padding and OOV tokens included; null
    /// (no limit) by default.</param>
    /// <param name="standardize">Keras's <c>standardize</c>: <c>"lower_and_strip_punctuation"</c> (the default),
    /// <c>"lower"</c>, <c>"strip_punctuation"</c>, or null for none.</param>
    /// <param name="split">Keras's <c>split</c>: <c>"whitespace"</c> (the default), <c>"character"</c>, or null to keep
    /// each text as one token.</param>
    /// <param name="ngrams">n-grams of every width from 1 to this (Keras's integer <c>ngrams</c>).</param>
    /// <param name="ngramWidths">n-grams of exactly these widths (Keras's tuple <c>ngrams</c>); not with <paramref name="ngrams"/>.</param>
    /// <param name="outputMode">Keras's <c>output_mode</c>: <c>"int"</c> (the default), <c>"one_hot"</c>,
    /// <c>"multi_hot"</c>, <c>"count"</c> or <c>"tf_idf"</c>.</param>
    /// <param name="outputSequenceLength">Keras's <c>output_sequence_length</c>, <c>"int"</c> mode only: the length every
    /// row is padded or truncated to; null (pad to the longest text) by default.</param>
    /// <param name="padToMaxTokens">Keras's <c>pad_to_max_tokens</c>: make the encodings <paramref name="maxTokens"/>
    /// wide whatever the vocabulary's size; false by default.</param>
    /// <param name="vocabulary">Keras's <c>vocabulary</c>: the tokens, instead of <see cref="Adapt(IEnumerable{string})"/>;
    /// null by default.</param>
    /// <param name="idfWeights">Keras's <c>idf_weights</c>: for <c>"tf_idf"</c> with a given vocabulary, one weight per
    /// token; null by default.</param>
    /// <param name="name">The layer's name; null for <c>text_vectorization</c>, <c>text_vectorization_1</c>….</param>
    public TextVectorization(int? maxTokens = null, string? standardize = "lower_and_strip_punctuation", string? split = "whitespace",
        int? ngrams = null, IReadOnlyList<int>? ngramWidths = null, string outputMode = "int", int? outputSequenceLength = null,
        bool padToMaxTokens = false, IEnumerable<string>? vocabulary = null, IEnumerable<double>? idfWeights = null, string? name = null)
        : base(name)
    {
        const string L = "TextVectorization";
        if (standardize is not null && !Standardizations.Contains(standardize))
            throw new InvalidArgumentError(LookupCore<string>.UnknownValue(L, "standardize", standardize, Standardizations));
        if (split is not null && !Splits.Contains(split))
            throw new InvalidArgumentError(LookupCore<string>.UnknownValue(L, "split", split, Splits));
        outputMode = LookupCore<string>.NormalizeOutputMode(L, outputMode, LookupCore<string>.OutputModes);
        if (ngrams is not null && ngramWidths is not null)
            throw new InvalidArgumentError($"{L}: `ngrams` must be None, an integer, or a tuple of integers; pass either ngrams or ngramWidths, not both.");
        if (ngrams is { } n && n < 1 || ngramWidths is not null && (ngramWidths.Count == 0 || ngramWidths.Any(w => w < 1)))
            throw new InvalidArgumentError($"{L}: n-gram widths must be at least 1. Received: ngrams=" +
                (ngrams?.ToString() ?? $"({string.Join(", ", ngramWidths!)})"));
        if (outputMode != "int" && outputSequenceLength is not null)
            throw new InvalidArgumentError($"{L}: `output_sequence_length` must not be set if `output_mode` is not 'int'. " +
                $"Received output_sequence_length={outputSequenceLength}.");
        if (outputSequenceLength is { } osl && osl < 0)
            throw new InvalidArgumentError($"{L}: `output_sequence_length` must be either None or a non-negative integer. Received: output_sequence_length={osl}");
        Standardize = standardize;
        Split = split;
        Ngrams = ngrams;
        NgramWidths = ngramWidths?.ToArray();
        _ngrams = ngrams is { } k ? Enumerable.Range(1, k).ToArray() : ngramWidths?.ToArray();
        OutputSequenceLength = outputSequenceLength;
        Core = new LookupCore<string>(L, maxTokens, 1, true, "", "[UNK]", false, outputMode, padToMaxTokens, Utf8Order.Instance,
            StringComparer.Ordinal, s => $"'{s}'", _ => 0);
        var idf = idfWeights?.ToArray();
        Core.CheckIdfArgument(vocabulary is not null, idf);
        if (vocabulary is not null) Core.SetVocabulary(vocabulary.ToArray(), idf);
    }

    /// <summary>The largest vocabulary (padding and OOV tokens included), or null for no limit.</summary>
    public int? MaxTokens => Core.MaxTokens;
    /// <summary>The standardization: <c>"lower_and_strip_punctuation"</c>, <c>"lower"</c>, <c>"strip_punctuation"</c>, or null
    /// for none.</summary>
    public string? Standardize { get; }
    /// <summary>The split: <c>"whitespace"</c>, <c>"character"</c>, or null for none (each text one token).</summary>
    public string? Split { get; }
    /// <summary>The largest n-gram width when n-grams of every width from 1 are made, or null.</summary>
    public int? Ngrams { get; }
    /// <summary>The exact n-gram widths made, or null.</summary>
    public IReadOnlyList<int>? NgramWidths { get; }
    /// <summary>The encoding: <c>"int"</c>, <c>"one_hot"</c>, <c>"multi_hot"</c>, <c>"count"</c> or <c>"tf_idf"</c>.</summary>
    public string OutputMode => Core.OutputMode;
    /// <summary>In <c>"int"</c> mode, the length every output row is padded or truncated to; null pads to the longest text.</summary>
    public int? OutputSequenceLength { get; }
    /// <summary>Whether the encodings are <see cref="MaxTokens"/> wide whatever the vocabulary's size.</summary>
    public bool PadToMaxTokens => Core.PadToMaxTokens;

    /// <summary>The vocabulary; with <paramref name="includeSpecialTokens"/> (the default) it starts with "" (in "int"
    /// mode) and "[UNK]", and a term's position is its index.</summary>
    public List<string> GetVocabulary(bool includeSpecialTokens = true) => Core.GetVocabulary(includeSpecialTokens);

    /// <summary>The vocabulary's size, padding and OOV tokens included.</summary>
    public int VocabularySize() => Core.VocabularySize();

    /// <summary>Replaces the vocabulary (which may start with the padding and OOV tokens in Keras's order).</summary>
    /// <param name="vocabulary">The tokens, most important first.</param>
    /// <param name="idfWeights">For <c>"tf_idf"</c>: one weight per token; null otherwise.</param>
    public void SetVocabulary(IEnumerable<string> vocabulary, IEnumerable<double>? idfWeights = null) =>
        Core.SetVocabulary(vocabulary.ToArray(), idfWeights?.ToArray());

    /// <summary>"tf_idf" mode: the weight of each index (the OOV slot included).</summary>
    public IReadOnlyList<double>? IdfWeights => Core.IdfWeights;

    /// <summary>Learns the vocabulary from the tokens of every text.</summary>
    public void Adapt(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        Core.Adapt(texts.Select(t => Tokens(t ?? throw Null())), Name);
    }

    /// <summary>Learns the vocabulary from a (batch, 1) column of texts, as Keras takes <c>[["text"], ["text"]]</c>.</summary>
    /// <param name="texts">The texts, one per row.</param>
    public void Adapt(string[,] texts) => Adapt(Column(texts));

    /// <summary>Vectorizes the texts: int64 (batch, length) in <c>"int"</c> mode, float32 (batch, vocabulary size) in the
    /// others.</summary>
    /// <param name="texts">The texts, one per element, none null.</param>
    public Tensor Apply(string[] texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (Split is null && OutputSequenceLength is null && OutputMode == "int")
            return Core.Encode(Core.Lookup(texts.Select(t => Standardized(t ?? throw Null())).ToArray()), [texts.Length]);
        return Forward(texts);
    }

    /// <summary>Vectorizes a (batch, 1) column of texts, as <see cref="Apply(string[])"/> does.</summary>
    /// <param name="texts">The texts, one per row.</param>
    public Tensor Apply(string[,] texts) => Forward(Column(texts));

    /// <summary>The tokens one text becomes (standardized, split, n-grams), before the lookup.</summary>
    public IReadOnlyList<string> Tokens(string text)
    {
        var s = Standardized(text);
        List<string> parts = Split switch
        {
            "whitespace" => s.Split([' ', '\t', '\n', '\v', '\f', '\r'], StringSplitOptions.RemoveEmptyEntries).ToList(),
            "character" => s.EnumerateRunes().Select(r => r.ToString()).ToList(),
            _ => [s],
        };
        if (_ngrams is null) return parts;
        var grams = new List<string>();
        foreach (int w in _ngrams)
            for (int i = 0; i + w <= parts.Count; i++)
                grams.Add(string.Join(" ", parts.Skip(i).Take(w)));
        return grams;
    }

    private string Standardized(string text)
    {
        if (Standardize is null) return text;
        var sb = new StringBuilder(text.Length);
        bool lower = Standardize != "strip_punctuation", strip = Standardize != "lower";
        foreach (char c in text)
        {
            if (strip && Punctuation.Contains(c)) continue;
            sb.Append(lower && c is >= 'A' and <= 'Z' ? (char)(c + 32) : c);
        }
        return sb.ToString();
    }

    private Tensor Forward(string[] texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var rows = texts.Select(t => Core.Lookup(Tokens(t ?? throw Null()).ToArray())).ToArray();
        int n = rows.Length;
        if (OutputMode == "int")
        {
            int len = OutputSequenceLength ?? (n == 0 ? 0 : rows.Max(r => r.Length));
            var output = new long[checked(n * len)];
            for (int i = 0; i < n; i++) Array.Copy(rows[i], 0, output, i * len, Math.Min(len, rows[i].Length));
            return tf.Constant(output, dtype: DType.Int64, shape: new Shape(n, len));
        }
        int width = n == 0 ? 0 : rows.Max(r => r.Length);
        if (OutputMode == "one_hot" && width > 1)
            throw new InvalidArgumentError($"TextVectorization: output_mode 'one_hot' encodes one token per text, but a text of " +
                $"layer '{Name}' has {width} tokens (shape ({n}, {width})); use 'multi_hot' or 'count'.");
        var flat = new long[n * width];
        Array.Fill(flat, -1);
        for (int i = 0; i < n; i++) Array.Copy(rows[i], 0, flat, i * width, rows[i].Length);
        if (width == 0) return tf.Zeros(new Shape(n, PadToMaxTokens ? MaxTokens!.Value : Core.VocabularySize()));
        return Core.Encode(flat, [n, width]);
    }

    private static string[] Column(string[,] texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.GetLength(1) != 1)
            throw new InvalidArgumentError("TextVectorization: When using `TextVectorization` to tokenize strings, the input rank must be 1 " +
                $"or the last shape dimension must be 1. Received: inputs.shape=({texts.GetLength(0)}, {texts.GetLength(1)}) with rank=2");
        return Enumerable.Range(0, texts.GetLength(0)).Select(i => texts[i, 0]).ToArray();
    }

    private InvalidArgumentError Null() => new($"TextVectorization: layer '{Name}' got a null text.");

    /// <summary>A tensor cannot hold strings in Strata: this entry only explains what to call.</summary>
    public override Tensor Call(Tensor inputs) =>
        throw new InvalidArgumentError($"TextVectorization: Strata tensors cannot hold strings; call Apply(string[]) or Apply(string[,]) " +
            $"on layer '{Name}' (got a {inputs?.DType.Name()} tensor).");
}
