using Strata.Keras.Layers;

namespace Strata.Keras.Tests.Preprocessing.Text;

public class TextVectorizationTests
{
    private static long[] Longs(Tensor t)
    {
        Assert.Equal(DType.Int64, t.DType);
        return t.ToArray<long>();
    }

    [Fact]
    public void DocstringAdaptExample()
    {
        var layer = new TextVectorization(maxTokens: 5000, outputMode: "int", outputSequenceLength: 4);
        layer.Adapt(["foo bar", "bar baz", "baz bada boom"]);
        Assert.Equal(["", "[UNK]", "baz", "bar", "foo", "boom", "bada"], layer.GetVocabulary());
        var y = layer.Apply(new[,] { { "foo qux bar" }, { "qux baz" } });
        Assert.Equal(new Shape(2, 4), y.Shape);
        Assert.Equal([4, 1, 3, 0, 1, 2, 0, 0], Longs(y));
    }

    [Fact]
    public void DocstringVocabularyExample()
    {
        var layer = new TextVectorization(maxTokens: 5000, outputMode: "int", outputSequenceLength: 4,
            vocabulary: ["earth", "wind", "and", "fire"]);
        Assert.Equal(["", "[UNK]", "earth", "wind", "and", "fire"], layer.GetVocabulary());
        Assert.Equal(6, layer.VocabularySize());
        // "rain" is cut by output_sequence_length; an empty text is all padding
        Assert.Equal([2, 4, 5, 3, 0, 0, 0, 0], Longs(layer.Apply(new[,] { { "Earth, and FIRE; wind!! rain" }, { "" } })));
        Assert.Equal([1, 0, 0, 0], Longs(layer.Apply(["water"])));
    }

    [Fact]
    public void PadsToTheLongestTextOrTruncates()
    {
        var layer = new TextVectorization(vocabulary: ["a", "b", "c"]);
        var y = layer.Apply(["a b c a", "  c\t\n b ", ""]);
        Assert.Equal(new Shape(3, 4), y.Shape);
        Assert.Equal([2, 3, 4, 2, 4, 3, 0, 0, 0, 0, 0, 0], Longs(y));
        var cut = new TextVectorization(vocabulary: ["a", "b", "c"], outputSequenceLength: 2).Apply(["a b c a", "c"]);
        Assert.Equal([2, 3, 4, 0], Longs(cut));
    }

    [Fact]
    public void Standardizations()
    {
        string text = "It's A-OK, (really)! Ünïcode STAYS";
        Assert.Equal(["its", "aok", "really", "Ünïcode", "stays"], new TextVectorization().Tokens(text));   // tf.strings.lower is ASCII-only
        Assert.Equal(["it's", "a-ok,", "(really)!", "Ünïcode", "stays"], new TextVectorization(standardize: "lower").Tokens(text));
        Assert.Equal(["Its", "AOK", "really", "Ünïcode", "STAYS"], new TextVectorization(standardize: "strip_punctuation").Tokens(text));
        Assert.Equal(["It's", "A-OK,", "(really)!", "Ünïcode", "STAYS"], new TextVectorization(standardize: null).Tokens(text));
    }

    [Fact]
    public void CharacterSplitAndNgrams()
    {
        Assert.Equal(["a", "b", " ", "é", "😀"], new TextVectorization(split: "character", standardize: null).Tokens("ab é😀"));
        Assert.Equal(["a", "b", "c", "a b", "b c"], new TextVectorization(ngrams: 2).Tokens("a b c"));
        Assert.Equal(["a b c"], new TextVectorization(ngramWidths: [3]).Tokens("a b c"));
        Assert.Equal(["A b"], new TextVectorization(split: null, standardize: null).Tokens("A b"));
        var layer = new TextVectorization(ngrams: 2);
        layer.Adapt(["the cat", "the dog"]);
        Assert.Equal(["", "[UNK]", "the", "the dog", "the cat", "dog", "cat"], layer.GetVocabulary());
    }

    [Fact]
    public void SplitNoneLooksUpWholeStrings()
    {
        var layer = new TextVectorization(split: null, vocabulary: ["new york", "paris"]);
        var y = layer.Apply(["New York", "Paris!", "Rome"]);
        Assert.Equal(new Shape(3), y.Shape);
        Assert.Equal([2, 3, 1], Longs(y));
    }

    [Fact]
    public void MultiHotAndCountOutputs()
    {
        var count = new TextVectorization(outputMode: "count", vocabulary: ["a", "b", "c"]);
        Assert.Equal(["[UNK]", "a", "b", "c"], count.GetVocabulary());
        var y = count.Apply(["a a b z", "", "c"]);
        Assert.Equal(DType.Float32, y.DType);
        Assert.Equal(new Shape(3, 4), y.Shape);
        Check.Close([1, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1], Check.Values(y));
        var multi = new TextVectorization(outputMode: "multi_hot", maxTokens: 6, padToMaxTokens: true);
        multi.Adapt(["x y y"]);
        Assert.Equal(["[UNK]", "y", "x"], multi.GetVocabulary());
        Check.Close([0, 1, 1, 0, 0, 0], Check.Values(multi.Apply(["y x y"])));
    }

    [Fact]
    public void TfIdfOutput()
    {
        var layer = new TextVectorization(outputMode: "tf_idf");
        layer.Adapt(["a b", "a c"]);   // each text a document
        Assert.Equal(["[UNK]", "a", "c", "b"], layer.GetVocabulary());
        double a = Math.Log(1 + 2.0 / 3), bc = Math.Log(2), oov = (a + 2 * bc) / 3;
        var y = layer.Apply(["a a z", "c"]);
        Assert.Equal(new Shape(2, 4), y.Shape);
        Check.Close([oov, 2 * a, 0, 0, 0, 0, bc, 0], Check.Values(y), 1e-6);
        var given = new TextVectorization(outputMode: "tf_idf", vocabulary: ["x"], idfWeights: [2.0]);
        Check.Close([2, 4], Check.Values(given.Apply(["x x q"])));   // the OOV slot weighs the average of the given weights
    }

    [Fact]
    public void CharacterVocabularyOfLab1Music()
    {
        // MIT Lab 1 Part 2 builds vocab = sorted(set(songs_joined)) and char2idx by hand (samples/Lab1Music);
        // TextVectorization(split: "character") learns the same characters, and StringLookup with that vocabulary and
        // no OOV index maps each character to the lab's index.
        string text = LabText();
        var expected = text.Distinct().Order().Select(c => c.ToString()).ToArray();
        var vectorizer = new TextVectorization(standardize: null, split: "character");
        vectorizer.Adapt([text]);
        var learned = vectorizer.GetVocabulary(includeSpecialTokens: false);
        Assert.Equal(expected, learned.Order(StringComparer.Ordinal).ToArray());
        var counts = text.GroupBy(c => c).ToDictionary(g => g.Key.ToString(), g => g.Count());
        for (int i = 1; i < learned.Count; i++) Assert.True(counts[learned[i - 1]] >= counts[learned[i]]);   // by frequency

        var char2idx = new StringLookup(vocabulary: expected, numOovIndices: 0);
        string sample = text[..Math.Min(200, text.Length)];
        var ids = char2idx.Apply(sample.Select(c => c.ToString()).ToArray()).ToArray<long>();
        Assert.Equal(sample.Select(c => (long)Array.IndexOf(expected, c.ToString())).ToArray(), ids);
        var idx2char = new StringLookup(vocabulary: expected, numOovIndices: 0, invert: true);
        Assert.Equal(sample, string.Concat(idx2char.Apply(ids)));
    }

    private static string LabText()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "samples", "Lab1Music", "data", "irish.abc");
            if (File.Exists(path)) return File.ReadAllText(path);
        }
        return "X:1\nT:Alexander's\nZ: id:dc-hornpipe-1\nM:C|\nL:1/8\nK:D Major\n(3ABc|dAFA DFAd|fdcd FAdf|gfge fefd|(3efe (3dcB A2 (3ABc|\n";
    }

    [Fact]
    public void BadArgumentsAndInput()
    {
        Assert.Equal("TextVectorization: Unknown value for `split` argument of TextVectorization. Allowed values are: " +
            "('whitespace', 'character'). Received: split=word", Assert.Throws<InvalidArgumentError>(() => new TextVectorization(split: "word")).Message);
        Assert.Equal("TextVectorization: Unknown value for `standardize` argument of TextVectorization. Allowed values are: " +
            "('lower_and_strip_punctuation', 'lower', 'strip_punctuation'). Received: standardize=upper",
            Assert.Throws<InvalidArgumentError>(() => new TextVectorization(standardize: "upper")).Message);
        Assert.Equal("TextVectorization: `output_sequence_length` must not be set if `output_mode` is not 'int'. Received output_sequence_length=3.",
            Assert.Throws<InvalidArgumentError>(() => new TextVectorization(outputMode: "count", outputSequenceLength: 3)).Message);
        Assert.Equal("TextVectorization: If set, `max_tokens` must be greater than 1. Received: max_tokens=1",
            Assert.Throws<InvalidArgumentError>(() => new TextVectorization(maxTokens: 1)).Message);
        Assert.Contains("ngrams", Assert.Throws<InvalidArgumentError>(() => new TextVectorization(ngrams: 0)).Message);
        Assert.Equal("TextVectorization: When using `TextVectorization` to tokenize strings, the input rank must be 1 or the last shape " +
            "dimension must be 1. Received: inputs.shape=(1, 2) with rank=2",
            Assert.Throws<InvalidArgumentError>(() => new TextVectorization(vocabulary: ["a"]).Apply(new[,] { { "a", "b" } })).Message);
        Assert.Contains("cannot hold strings", Assert.Throws<InvalidArgumentError>(() => new TextVectorization().Apply(tf.Constant(new[] { 1 }))).Message);
        Assert.StartsWith("TextVectorization: When using `output_mode=count` and `pad_to_max_tokens=False`, you must set the layer's vocabulary",
            Assert.Throws<FailedPreconditionError>(() => new TextVectorization(outputMode: "count").Apply(["a"])).Message);
        var fixedVocab = new TextVectorization(vocabulary: ["a"], name: "tv");
        Assert.Contains("Cannot adapt layer 'tv'", Assert.Throws<InvalidArgumentError>(() => fixedVocab.Adapt(["b"])).Message);
        Assert.Contains("null text", Assert.Throws<InvalidArgumentError>(() => fixedVocab.Apply([null!])).Message);
    }
}
