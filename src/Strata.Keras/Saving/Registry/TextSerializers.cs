using System.Text.Json.Nodes;
using Strata.Keras.Layers;

namespace Strata.Keras.Saving;

/// <summary>Keras 3 configs of StringLookup, IntegerLookup and TextVectorization. The vocabulary travels in the config's
/// <c>vocabulary</c> list (with its mask and OOV tokens at the front, which Keras's <c>set_vocabulary</c> accepts), also
/// for an adapted layer, where Keras itself writes <c>vocabulary: null</c> and an <c>assets/…/vocabulary.txt</c> that
/// Strata's archive does not read yet: a Keras file of an adapted layer is refused with that reason rather than loaded
/// without its vocabulary. Only IntegerLookup can sit inside a Strata model (tensors hold no strings).</summary>
internal static class TextSerializers
{
    public static void RegisterAll()
    {
        SerializationRegistry.Register<StringLookup>("StringLookup", c =>
        {
            Check(c, "StringLookup");
            return new StringLookup(c.OptionalInt("max_tokens"), c.Int("num_oov_indices", 1), c.OptionalString("mask_token"),
                c.OptionalString("oov_token", "[UNK]")!, Vocabulary(c, n => n.GetValue<string>()), Idf(c), c.Bool("invert", false),
                c.OptionalString("output_mode", "int")!, c.Bool("pad_to_max_tokens", false), c.String("name"));
        }, l => Lookup(l.Core, JsonValue.Create(l.MaskToken), JsonValue.Create(l.OovToken), "string",
            v => new JsonArray(v.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()), extra: new() { ["encoding"] = "utf-8" }));

        SerializationRegistry.Register<IntegerLookup>("IntegerLookup", c =>
        {
            Check(c, "IntegerLookup");
            var dtype = c.OptionalString("vocabulary_dtype", "int64");
            if (dtype != "int64") throw new ModelFileError(c.Where, $"IntegerLookup: only vocabulary_dtype 'int64' is supported, got '{dtype}'.");
            return new IntegerLookup(c.OptionalInt("max_tokens"), c.Int("num_oov_indices", 1), c.OptionalLong("mask_token"),
                c.OptionalLong("oov_token") ?? -1, Vocabulary(c, n => n.GetValue<long>()), Idf(c), c.Bool("invert", false),
                c.OptionalString("output_mode", "int")!, c.Bool("pad_to_max_tokens", false), name: c.String("name"));
        }, l => Lookup(l.Core, l.MaskToken is { } m ? JsonValue.Create(m) : null, JsonValue.Create(l.OovToken), "int64",
            v => new JsonArray(v.Select(x => (JsonNode?)JsonValue.Create(x)).ToArray()), extra: new() { ["oov_method"] = "floormod" }));

        SerializationRegistry.Register<TextVectorization>("TextVectorization", c =>
        {
            Check(c, "TextVectorization");
            if (c.Has("standardize") && c.Json["standardize"] is not JsonValue)
                throw new ModelFileError(c.Where, "TextVectorization: a custom `standardize` function is not supported.");
            if (c.Has("split") && c.Json["split"] is not JsonValue)
                throw new ModelFileError(c.Where, "TextVectorization: a custom `split` function is not supported.");
            if (c.Bool("ragged", false)) throw new ModelFileError(c.Where, "TextVectorization: `ragged=True` is not supported.");
            int? ngrams = null;
            int[]? widths = null;
            if (c.Has("ngrams"))
            {
                if (c.Json["ngrams"] is JsonArray a) widths = a.Select(x => x!.GetValue<int>()).ToArray();
                else ngrams = c.Int("ngrams");
            }
            return new TextVectorization(c.OptionalInt("max_tokens"), c.OptionalString("standardize"), c.OptionalString("split"), ngrams,
                widths, c.OptionalString("output_mode", "int")!, c.OptionalInt("output_sequence_length"), c.Bool("pad_to_max_tokens", false),
                Vocabulary(c, n => n.GetValue<string>()), Idf(c), c.String("name"));
        }, l =>
        {
            var vocab = l.Core.VocabularyKnown ? l.GetVocabulary() : null;
            return new JsonObject
            {
                ["max_tokens"] = l.MaxTokens, ["standardize"] = l.Standardize, ["split"] = l.Split,
                ["ngrams"] = l.NgramWidths is { } w ? new JsonArray(w.Select(x => (JsonNode?)JsonValue.Create(x)).ToArray()) : JsonValue.Create(l.Ngrams),
                ["output_mode"] = l.OutputMode, ["output_sequence_length"] = l.OutputSequenceLength, ["pad_to_max_tokens"] = l.PadToMaxTokens,
                ["sparse"] = false, ["ragged"] = false,
                ["vocabulary"] = vocab is null ? null : new JsonArray(vocab.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
                ["idf_weights"] = IdfList(l.IdfWeights), ["encoding"] = "utf-8", ["vocabulary_size"] = l.VocabularySize(),
            };
        });
    }

    private static void Check(ConfigReader c, string layer)
    {
        if (c.Bool("sparse", false)) throw new ModelFileError(c.Where, $"{layer}: `sparse=True` is not supported.");
        if (c.Json["vocabulary"] is JsonValue v && v.TryGetValue<string>(out var path))
            throw new ModelFileError(c.Where, $"{layer}: a vocabulary file ('{path}') is not supported; the vocabulary must be a list in the config.");
        if (!c.Has("vocabulary") && c.Has("vocabulary_size"))
            throw new ModelFileError(c.Where, $"{layer}: the file keeps this layer's adapted vocabulary as an asset " +
                "(assets/…/vocabulary.txt), which Strata does not read yet.");
    }

    private static T[]? Vocabulary<T>(ConfigReader c, Func<JsonNode, T> read)
    {
        if (!c.Has("vocabulary")) return null;
        if (c.Json["vocabulary"] is not JsonArray a || a.Any(x => x is null))
            throw new ModelFileError(c.Where, "'vocabulary' must be a list of tokens.");
        try { return a.Select(x => read(x!)).ToArray(); }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new ModelFileError(c.Where, $"'vocabulary' holds a token of the wrong type ({e.Message}).");
        }
    }

    private static JsonArray? IdfList(IReadOnlyList<double>? idf) =>
        idf is null ? null : new JsonArray(idf.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    private static double[]? Idf(ConfigReader c)
    {
        if (!c.Has("idf_weights")) return null;
        if (c.Json["idf_weights"] is not JsonArray a || a.Any(x => x is null))
            throw new ModelFileError(c.Where, "'idf_weights' must be a list of numbers.");
        try { return a.Select(x => x!.GetValue<double>()).ToArray(); }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new ModelFileError(c.Where, $"'idf_weights' holds a value that is not a number ({e.Message}).");
        }
    }

    private static JsonObject Lookup<T>(LookupCore<T> core, JsonNode? mask, JsonNode? oov, string dtype, Func<List<T>, JsonArray> list,
        JsonObject extra) where T : notnull
    {
        var o = new JsonObject
        {
            ["invert"] = core.Invert, ["max_tokens"] = core.MaxTokens, ["num_oov_indices"] = core.NumOovIndices, ["oov_token"] = oov,
            ["mask_token"] = mask, ["output_mode"] = core.OutputMode, ["sparse"] = false, ["pad_to_max_tokens"] = core.PadToMaxTokens,
            ["vocabulary_dtype"] = dtype, ["idf_weights"] = IdfList(core.IdfWeights),
            ["vocabulary"] = core.VocabularyKnown ? list(core.GetVocabulary()) : null,
            ["vocabulary_size"] = core.VocabularyKnown ? core.VocabularySize() : null,
        };
        foreach (var (k, v) in extra.ToList())
        {
            extra.Remove(k);
            o[k] = v;
        }
        return o;
    }
}
