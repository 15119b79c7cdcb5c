using System.Text.Json.Nodes;
using Strata.Keras.Layers;
using Strata.Keras.Models;
using Strata.Keras.Saving;

namespace Strata.Keras.Tests.Preprocessing.Text;

public class TextSavingTests
{
    private static JsonObject Config(Layer layer) => SerializationRegistry.For(layer, "test").GetConfig(layer);

    private static T FromConfig<T>(JsonObject config) where T : Layer =>
        (T)SerializationRegistry.Find(typeof(T).Name, null, "test").FromConfig(new ConfigReader(JsonNode.Parse(config.ToJsonString())!.AsObject(), "test"));

    [Fact]
    public void StringLookupConfigCarriesTheAdaptedVocabulary()
    {
        var layer = new StringLookup(maskToken: "[M]", name: "words");
        layer.Adapt(["b", "a", "b"]);
        var config = Config(layer);
        Assert.Equal("""["[M]","[UNK]","b","a"]""", config["vocabulary"]!.ToJsonString());
        Assert.Equal(4, (int)config["vocabulary_size"]!);
        Assert.Equal("[UNK]", (string)config["oov_token"]!);
        var back = FromConfig<StringLookup>(config);
        Assert.Equal("words", back.Name);
        Assert.Equal(layer.GetVocabulary(), back.GetVocabulary());
        Assert.Equal(layer.Apply(["a", "b", "[M]", "q"]).ToArray<long>(), back.Apply(["a", "b", "[M]", "q"]).ToArray<long>());
    }

    [Fact]
    public void TextVectorizationConfigRoundTrips()
    {
        var layer = new TextVectorization(maxTokens: 10, split: "character", ngramWidths: [1, 2], outputSequenceLength: 6);
        layer.Adapt(["abba", "cab"]);
        var config = Config(layer);
        Assert.Equal("character", (string)config["split"]!);
        Assert.Equal("[1,2]", config["ngrams"]!.ToJsonString());
        var back = FromConfig<TextVectorization>(config);
        Assert.Equal(layer.GetVocabulary(), back.GetVocabulary());
        Assert.Equal(layer.Apply(["abc", "b"]).ToArray<long>(), back.Apply(["abc", "b"]).ToArray<long>());
        Assert.Equal(6, back.OutputSequenceLength);
    }

    [Fact]
    public void AModelWithIntegerLookupSavesAndLoads()
    {
        using var dir = new Strata.Keras.Tests.Saving.TempDir();
        keras.SetRandomSeed(3);
        var ids = keras.Input([3], name: "ids", dtype: DType.Int64);
        var lookup = new IntegerLookup(vocabulary: [12, 36, 1138, 42], name: "lookup");
        var model = new Model(ids, new Embedding(5, 2, name: "emb").Apply(lookup.Apply(ids)), name: "m");
        var x = tf.Constant(new long[,] { { 12, 7, 42 }, { 1138, 36, 0 } });
        var y0 = model.Apply(x).ToArray<float>();
        model.Save(dir.File("m.keras"));
        var loaded = keras.models.LoadModel(dir.File("m.keras"));
        Assert.Equal(y0, loaded.Apply(x).ToArray<float>());
    }

    [Fact]
    public void TfIdfWeightsTravelInTheConfig()
    {
        var layer = new StringLookup(outputMode: "tf_idf", name: "tfidf");
        layer.Adapt(new[,] { { "a", "b" }, { "a", "c" } });
        var back = FromConfig<StringLookup>(Config(layer));
        Assert.Equal(layer.GetVocabulary(), back.GetVocabulary());
        Assert.Equal(layer.IdfWeights, back.IdfWeights);
        Assert.Equal(layer.Apply(["a", "q", "b"]).ToArray<float>(), back.Apply(["a", "q", "b"]).ToArray<float>());
        var tv = new TextVectorization(outputMode: "tf_idf");
        tv.Adapt(["a b", "a"]);
        var tvBack = FromConfig<TextVectorization>(Config(tv));
        Assert.Equal(tv.Apply(["a b b"]).ToArray<float>(), tvBack.Apply(["a b b"]).ToArray<float>());
    }

    [Fact]
    public void KerasFilesWithAnAssetVocabularyAreRefusedWithTheReason()
    {
        var config = Config(new StringLookup(vocabulary: ["a"], name: "s"));
        config["vocabulary"] = null;   // as Keras writes an adapted layer (the vocabulary is in assets/)
        var e = Assert.Throws<ModelFileError>(() => FromConfig<StringLookup>(config));
        Assert.Contains("vocabulary.txt", e.Message);
        config["vocabulary"] = "/tmp/vocab.txt";
        Assert.Contains("vocabulary file", Assert.Throws<ModelFileError>(() => FromConfig<StringLookup>(config)).Message);
    }
}
