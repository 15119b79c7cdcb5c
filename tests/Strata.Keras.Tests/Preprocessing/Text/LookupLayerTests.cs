using Strata.Keras.Layers;

namespace Strata.Keras.Tests.Preprocessing.Text;

/// <summary>StringLookup and IntegerLookup against the examples of Keras 3's docstrings (their outputs are Keras's).</summary>
public class LookupLayerTests
{
    private static readonly string[] Abcd = ["a", "b", "c", "d"];
    private static readonly string[,] Data = { { "a", "c", "d" }, { "d", "z", "b" } };
    private static readonly long[] IntVocab = [12, 36, 1138, 42];

    private static long[] Longs(Tensor t)
    {
        Assert.Equal(DType.Int64, t.DType);
        return t.ToArray<long>();
    }

    private static Tensor I64(long[,] v) => tf.Constant(v, dtype: DType.Int64);

    [Fact]
    public void StringLookupWithKnownVocabulary()
    {
        var y = new StringLookup(vocabulary: Abcd).Apply(Data);
        Assert.Equal(new Shape(2, 3), y.Shape);
        Assert.Equal([1, 3, 4, 4, 0, 2], Longs(y));
    }

    [Fact]
    public void StringLookupAdaptOrdersByCountThenTokenHighToLow()
    {
        var layer = new StringLookup();
        layer.Adapt(Data);
        Assert.Equal(["[UNK]", "d", "z", "c", "b", "a"], layer.GetVocabulary());
        Assert.Equal(["d", "z", "c", "b", "a"], layer.GetVocabulary(includeSpecialTokens: false));
        Assert.Equal(6, layer.VocabularySize());
        Assert.Equal([5, 3, 1, 1, 2, 4], Longs(layer.Apply(Data)));
    }

    [Fact]
    public void AdaptWithMaxTokensKeepsTheMostFrequent()
    {
        var layer = new StringLookup(maxTokens: 3, maskToken: "[MASK]");
        layer.Adapt(["x", "y", "y", "z", "z", "z", "[MASK]", "[UNK]", "[UNK]", "[UNK]", "[UNK]"]);
        // mask and OOV tokens are never learned; max_tokens counts them
        Assert.Equal(["[MASK]", "[UNK]", "z"], layer.GetVocabulary());
        Assert.Equal([0, 1, 1, 2], Longs(layer.Apply(["[MASK]", "y", "q", "z"])));
        // a second Adapt starts over
        layer.Adapt(["y"]);
        Assert.Equal(["[MASK]", "[UNK]", "y"], layer.GetVocabulary());
    }

    [Fact]
    public void TiesAreBrokenByUtf8BytesHighToLow()
    {
        var layer = new StringLookup();
        layer.Adapt(["B", "a", "é", "Z", "b"]);   // bytes: 'é' = C3 A9 sorts above every ASCII letter
        Assert.Equal(["[UNK]", "é", "b", "a", "Z", "B"], layer.GetVocabulary());
    }

    [Fact]
    public void StringLookupMultipleOovIndicesHashAsTensorFlow()
    {
        var y = new StringLookup(vocabulary: Abcd, numOovIndices: 2).Apply(new[,] { { "a", "c", "d" }, { "m", "z", "b" } });
        Assert.Equal([2, 4, 5, 0, 1, 3], Longs(y));
        // tf.strings.to_hash_bucket_fast(["Hello", "TensorFlow", "2.x"], 3) is [0, 2, 2]
        Assert.Equal([0, 2, 2], Longs(new StringLookup(vocabulary: ["q"], numOovIndices: 3).Apply(["Hello", "TensorFlow", "2.x"])));
    }

    [Fact]
    public void StringLookupEncodings()
    {
        var oneHot = new StringLookup(vocabulary: Abcd, outputMode: "one_hot").Apply(["a", "b", "c", "d", "z"]);
        Assert.Equal(DType.Float32, oneHot.DType);
        Assert.Equal(new Shape(5, 5), oneHot.Shape);
        Check.Close([0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0], Check.Values(oneHot));

        string[,] data = { { "a", "c", "d", "d" }, { "d", "z", "b", "z" } };
        var multi = new StringLookup(vocabulary: Abcd, outputMode: "multi_hot").Apply(data);
        Assert.Equal(new Shape(2, 5), multi.Shape);
        Check.Close([0, 1, 0, 1, 1, 1, 0, 1, 0, 1], Check.Values(multi));
        var count = new StringLookup(vocabulary: Abcd, outputMode: "count").Apply(data);
        Check.Close([0, 1, 0, 1, 2, 2, 0, 1, 0, 1], Check.Values(count));
        // one_hot encodes every element (Keras 3: any rank; a last axis of 1 is dropped first)
        var oneHot2 = new StringLookup(vocabulary: Abcd, outputMode: "one_hot").Apply(Data);
        Assert.Equal(new Shape(2, 3, 5), oneHot2.Shape);
        Check.Close([0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0], Check.Values(oneHot2));
        Assert.Equal(new Shape(2, 5), new StringLookup(vocabulary: Abcd, outputMode: "one_hot").Apply(new[,] { { "a" }, { "b" } }).Shape);
        // "binary" is Keras's old name of multi_hot; pad_to_max_tokens widens the output
        var padded = new StringLookup(maxTokens: 8, vocabulary: Abcd, outputMode: "binary", padToMaxTokens: true).Apply(["a", "a"]);
        Assert.Equal(new Shape(8), padded.Shape);
        Check.Close([0, 1, 0, 0, 0, 0, 0, 0], Check.Values(padded));
    }

    [Fact]
    public void TfIdfDocstringExamples()
    {
        string[,] data = { { "a", "c", "d", "d" }, { "d", "z", "b", "z" } };
        var layer = new StringLookup(outputMode: "tf_idf");
        layer.SetVocabulary(Abcd, idfWeights: [0.25, 0.75, 0.6, 0.4]);
        Check.Close([0, 0.25, 0, 0.6, 0.8, 1.0, 0, 0.75, 0, 0.4], Check.Values(layer.Apply(data)));   // OOV weight: the average, 0.5
        var withOov = new StringLookup(outputMode: "tf_idf");
        withOov.SetVocabulary(["[UNK]", "a", "b", "c", "d"], idfWeights: [0.9, 0.25, 0.75, 0.6, 0.4]);
        Check.Close([0, 0.25, 0, 0.6, 0.8, 1.8, 0, 0.75, 0, 0.4], Check.Values(withOov.Apply(data)));

        var rows = I64(new long[,] { { 12, 1138, 42, 42 }, { 42, 7, 36, 7 } });
        var ints = new IntegerLookup(outputMode: "tf_idf", vocabulary: IntVocab, idfWeights: [0.25, 0.75, 0.6, 0.4]);
        Check.Close([0, 0.25, 0, 0.6, 0.8, 1.0, 0, 0.75, 0, 0.4], Check.Values(ints.Apply(rows)));
        var intsOov = new IntegerLookup(outputMode: "tf_idf", vocabulary: [-1, 12, 36, 1138, 42], idfWeights: [0.9, 0.25, 0.75, 0.6, 0.4]);
        Check.Close([0, 0.25, 0, 0.6, 0.8, 1.8, 0, 0.75, 0, 0.4], Check.Values(intsOov.Apply(rows)));
    }

    [Fact]
    public void TfIdfAdaptLearnsDocumentFrequencies()
    {
        // each row is a document: idf = log(1 + N / (1 + document count)); the OOV slot gets the average
        var layer = new StringLookup(outputMode: "tf_idf");
        layer.Adapt(new[,] { { "a", "b" }, { "a", "c" } });
        Assert.Equal(["[UNK]", "a", "c", "b"], layer.GetVocabulary());
        double a = Math.Log(1 + 2.0 / 3), bc = Math.Log(2), oov = (a + 2 * bc) / 3;
        Check.Close([oov, a, bc, bc], layer.IdfWeights!.ToArray(), 1e-12);
        Check.Close([oov, 2 * a, 0, bc], Check.Values(layer.Apply(["a", "q", "b", "a"])), 1e-6);
        var ints = new IntegerLookup(outputMode: "tf_idf");
        ints.Adapt(tf.Constant(new long[,] { { 5, 6 }, { 5, 7 } }));
        Assert.Equal([-1L, 5, 7, 6], ints.GetVocabulary());
        Check.Close([oov, a, bc, bc], ints.IdfWeights!.ToArray(), 1e-12);
    }

    [Fact]
    public void MaskTokenIsIndexZeroInIntModeAndDroppedOtherwise()
    {
        var layer = new StringLookup(maskToken: "", vocabulary: Abcd);
        Assert.Equal(["", "[UNK]", "a", "b", "c", "d"], layer.GetVocabulary());
        Assert.Equal([2, 0, 1, 5], Longs(layer.Apply(["a", "", "q", "d"])));
        var multi = new StringLookup(maskToken: "", vocabulary: Abcd, outputMode: "count");
        Assert.Equal(["[UNK]", "a", "b", "c", "d"], multi.GetVocabulary());
        Check.Close([1, 1, 0, 0, 1], Check.Values(multi.Apply(["a", "", "q", "d", ""])));
    }

    [Fact]
    public void VocabularyMayStartWithTheSpecialTokens()
    {
        var layer = new StringLookup(maskToken: "[M]", vocabulary: ["[M]", "[UNK]", "a", "b"]);
        Assert.Equal(["[M]", "[UNK]", "a", "b"], layer.GetVocabulary());
        Assert.Equal([2, 3], Longs(layer.Apply(["a", "b"])));
    }

    [Fact]
    public void StringLookupInvert()
    {
        var inverse = new StringLookup(vocabulary: Abcd, invert: true);
        Assert.Equal(new[,] { { "a", "c", "d" }, { "d", "[UNK]", "b" } }, inverse.Apply(new long[,] { { 1, 3, 4 }, { 4, 0, 2 } }));
        // forward and inverse pair
        var forward = new StringLookup(vocabulary: Abcd);
        var pair = new StringLookup(vocabulary: forward.GetVocabulary(), invert: true);
        Assert.Equal(new[,] { { "a", "c", "d" }, { "d", "[UNK]", "b" } }, pair.ApplyInverse(forward.Apply(Data)));
        Assert.Equal(["b", "[UNK]"], inverse.Apply([2L, 99L]));
    }

    [Fact]
    public void NoOovIndicesRefusesUnknownTokens()
    {
        var layer = new StringLookup(vocabulary: Abcd, numOovIndices: 0);
        Assert.Equal([0, 3], Longs(layer.Apply(["a", "d"])));
        var e = Assert.Throws<InvalidArgumentError>(() => layer.Apply(["a", "zz", "q"]));
        Assert.Equal("StringLookup: When `num_oov_indices=0` all inputs should be in vocabulary, found OOV values ['zz', 'q'], " +
            "consider setting `num_oov_indices=1`.", e.Message);
    }

    [Fact]
    public void StringLookupBadArguments()
    {
        Assert.Equal("StringLookup: If set, `max_tokens` must be greater than 1. Received: max_tokens=1",
            Assert.Throws<InvalidArgumentError>(() => new StringLookup(maxTokens: 1)).Message);
        Assert.Equal("StringLookup: `num_oov_indices` must be greater than or equal to 0. Received: num_oov_indices=-1",
            Assert.Throws<InvalidArgumentError>(() => new StringLookup(numOovIndices: -1)).Message);
        Assert.Equal("StringLookup: Unknown value for `output_mode` argument of StringLookup. Allowed values are: " +
            "('int', 'one_hot', 'multi_hot', 'count', 'tf_idf'). Received: output_mode=ints",
            Assert.Throws<InvalidArgumentError>(() => new StringLookup(outputMode: "ints")).Message);
        Assert.Equal("StringLookup: `output_mode` must be `'int'` when `invert` is true. Received: output_mode=count",
            Assert.Throws<InvalidArgumentError>(() => new StringLookup(invert: true, outputMode: "count")).Message);
        Assert.Equal("StringLookup: If pad_to_max_tokens is True, must set `max_tokens`. Received: max_tokens=None",
            Assert.Throws<InvalidArgumentError>(() => new StringLookup(outputMode: "count", padToMaxTokens: true)).Message);
        Assert.Equal("StringLookup: `idf_weights` should only be set if `output_mode` is `'tf_idf'`. Received: idf_weights=[0.5] and output_mode=int",
            Assert.Throws<InvalidArgumentError>(() => new StringLookup(vocabulary: ["a"], idfWeights: [0.5])).Message);
        Assert.Equal("StringLookup: When specifying the `vocabulary` argument, in TF-IDF output mode, the `idf_weights` argument must also be provided.",
            Assert.Throws<InvalidArgumentError>(() => new StringLookup(vocabulary: ["a"], outputMode: "tf_idf")).Message);
        Assert.Equal("StringLookup: `idf_weights` must be the same length as vocabulary. len(idf_weights) is 1; len(vocabulary) is 2",
            Assert.Throws<InvalidArgumentError>(() => new StringLookup(vocabulary: ["a", "b"], idfWeights: [0.5], outputMode: "tf_idf")).Message);
        Assert.Equal("StringLookup: `idf_weights` must be set if output_mode is 'tf_idf'.",
            Assert.Throws<InvalidArgumentError>(() => new StringLookup(outputMode: "tf_idf").SetVocabulary(["a"])).Message);
    }

    [Fact]
    public void StringLookupBadVocabularies()
    {
        Assert.Equal("StringLookup: Cannot set an empty vocabulary. Received: vocabulary=[]",
            Assert.Throws<InvalidArgumentError>(() => new StringLookup(vocabulary: [])).Message);
        Assert.Equal("StringLookup: The passed vocabulary has at least one repeated term. Please uniquify your dataset. " +
            "The repeated terms are: ['a']", Assert.Throws<InvalidArgumentError>(() => new StringLookup(vocabulary: ["a", "b", "a"])).Message);
        var e = Assert.Throws<InvalidArgumentError>(() => new StringLookup(maskToken: "[M]", vocabulary: ["a", "[M]"]));
        Assert.StartsWith("StringLookup: Found reserved mask token at unexpected location in `vocabulary`.", e.Message);
        Assert.EndsWith("in precisely this order: ['[M]', '[UNK]']. Received: mask_token='[M]' at vocabulary index [1]", e.Message);
        Assert.Contains("Found reserved OOV token", Assert.Throws<InvalidArgumentError>(
            () => new StringLookup(vocabulary: ["a", "[UNK]"], invert: true)).Message);
        Assert.Equal("StringLookup: Attempted to set a vocabulary larger than the maximum vocab size. Received vocabulary size is 5; " +
            "`max_tokens` is 3.", Assert.Throws<InvalidArgumentError>(() => new StringLookup(maxTokens: 3, vocabulary: Abcd)).Message);
        var counting = new StringLookup(outputMode: "count");
        counting.Adapt(["a", "b"]);
        counting.Adapt(["c", "d"]);   // same size: allowed
        Assert.Equal("StringLookup: When using `output_mode=count` and `pad_to_max_tokens=False`, the vocabulary size cannot be changed " +
            "after the layer is called. Old vocab size is 3, new vocab size is 2", Assert.Throws<FailedPreconditionError>(() => counting.Adapt(["e"])).Message);
        var given = new StringLookup(vocabulary: Abcd, name: "lookup");
        Assert.Equal("StringLookup: Cannot adapt layer 'lookup' after setting a static vocabulary via `vocabulary` argument or " +
            "`set_vocabulary()` method.", Assert.Throws<InvalidArgumentError>(() => given.Adapt(["a"])).Message);
    }

    [Fact]
    public void StringLookupBadInput()
    {
        var e = Assert.Throws<FailedPreconditionError>(() => new StringLookup(outputMode: "multi_hot").Apply(["a"]));
        Assert.StartsWith("StringLookup: When using `output_mode=multi_hot` and `pad_to_max_tokens=False`, you must set the layer's vocabulary", e.Message);
        Assert.Contains("cannot hold strings", Assert.Throws<InvalidArgumentError>(() => new StringLookup(vocabulary: Abcd).Apply(tf.Constant(new[] { 1 }))).Message);
        Assert.Contains("invert=True", Assert.Throws<InvalidArgumentError>(() => new StringLookup(vocabulary: Abcd, invert: true).Apply(["a"])).Message);
        Assert.Contains("integer indices", Assert.Throws<InvalidArgumentError>(
            () => new StringLookup(vocabulary: Abcd, invert: true).ApplyInverse(tf.Constant(new[] { 1.5f }))).Message);
    }

    [Fact]
    public void IntegerLookupDocstringExamples()
    {
        var data = I64(new long[,] { { 12, 1138, 42 }, { 42, 1000, 36 } });
        Assert.Equal([1, 3, 4, 4, 0, 2], Longs(new IntegerLookup(vocabulary: IntVocab).Apply(data)));

        var adapted = new IntegerLookup();
        adapted.Adapt(data);
        Assert.Equal([-1L, 42, 1138, 1000, 36, 12], adapted.GetVocabulary());
        Assert.Equal([5, 2, 1, 1, 3, 4], Longs(adapted.Apply(data)));

        var twoOov = new IntegerLookup(vocabulary: IntVocab, numOovIndices: 2);
        Assert.Equal([2, 4, 5, 1, 0, 3], Longs(twoOov.Apply(I64(new long[,] { { 12, 1138, 42 }, { 37, 1000, 36 } }))));

        var oneHot = new IntegerLookup(vocabulary: IntVocab, outputMode: "one_hot").Apply(tf.Constant(new long[] { 12, 36, 1138, 42, 7 }));
        Assert.Equal(new Shape(5, 5), oneHot.Shape);
        Check.Close([0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0], Check.Values(oneHot));

        var rows = I64(new long[,] { { 12, 1138, 42, 42 }, { 42, 7, 36, 7 } });
        Check.Close([0, 1, 0, 1, 1, 1, 0, 1, 0, 1], Check.Values(new IntegerLookup(vocabulary: IntVocab, outputMode: "multi_hot").Apply(rows)));
        Check.Close([0, 1, 0, 1, 2, 2, 0, 1, 0, 1], Check.Values(new IntegerLookup(vocabulary: IntVocab, outputMode: "count").Apply(rows)));

        // rank 3: multi_hot over the last axis, count over axis 1 (Keras 3's encode_categorical_inputs)
        var cube = tf.Constant(new long[,,] { { { 12, 36 }, { 12, 7 } } });
        var counted = new IntegerLookup(vocabulary: IntVocab, outputMode: "count").Apply(cube);
        Assert.Equal(new Shape(1, 2, 5), counted.Shape);
        Check.Close([0, 2, 0, 0, 0, 1, 0, 1, 0, 0], Check.Values(counted));
        var marked = new IntegerLookup(vocabulary: IntVocab, outputMode: "multi_hot").Apply(cube);
        Assert.Equal(new Shape(1, 2, 5), marked.Shape);
        Check.Close([0, 1, 1, 0, 0, 1, 1, 0, 0, 0], Check.Values(marked));

        var inverse = new IntegerLookup(vocabulary: IntVocab, invert: true).Apply(I64(new long[,] { { 1, 3, 4 }, { 4, 0, 2 } }));
        Assert.Equal(new Shape(2, 3), inverse.Shape);
        Assert.Equal([12, 1138, 42, 42, -1, 36], Longs(inverse));

        var forward = new IntegerLookup(vocabulary: IntVocab);
        var pair = new IntegerLookup(vocabulary: forward.GetVocabulary(), invert: true);
        Assert.Equal([12, 1138, 42, 42, -1, 36], Longs(pair.Apply(forward.Apply(data))));
    }

    [Fact]
    public void IntegerLookupTakesInt32AndFloorModsNegativeOov()
    {
        var layer = new IntegerLookup(vocabulary: IntVocab, numOovIndices: 3, maskToken: 0);
        Assert.Equal([0L, -1, -1, -1, 12, 36, 1138, 42], layer.GetVocabulary());
        // 0 is the mask; -4 floormod 3 = 2, 5 floormod 3 = 2, 3 floormod 3 = 0 (after the mask slot)
        Assert.Equal([0, 3, 3, 1, 4], Longs(layer.Apply(tf.Constant(new[] { 0, -4, 5, 3, 12 }))));
    }

    [Fact]
    public void IntegerLookupBadInput()
    {
        Assert.Equal("IntegerLookup: If `max_tokens` is set for `IntegerLookup`, it must be greater than 1. Received: max_tokens=0",
            Assert.Throws<InvalidArgumentError>(() => new IntegerLookup(maxTokens: 0)).Message);
        Assert.Equal("IntegerLookup: The value of `num_oov_indices` argument for `IntegerLookup` must >= 0. Received: num_oov_indices=-2",
            Assert.Throws<InvalidArgumentError>(() => new IntegerLookup(numOovIndices: -2)).Message);
        Assert.Equal("IntegerLookup: the input needs integer values (int32 or int64), got dtype float32 and shape (2,) (layer 'ids').",
            Assert.Throws<InvalidArgumentError>(() => new IntegerLookup(vocabulary: IntVocab, name: "ids").Apply(tf.Constant(new[] { 1f, 2f }))).Message);
        Assert.Equal("IntegerLookup: When `num_oov_indices=0` all inputs should be in vocabulary, found OOV values [7], " +
            "consider setting `num_oov_indices=1`.", Assert.Throws<InvalidArgumentError>(
                () => new IntegerLookup(vocabulary: IntVocab, numOovIndices: 0).Apply(tf.Constant(new long[] { 12, 7 }))).Message);
    }
}
