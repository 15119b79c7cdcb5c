using System.Text.Json.Nodes;
using PureHDF;
using Strata.Keras.Layers;
using Strata.Keras.Models;
using Strata.Keras.Saving;

namespace Strata.Keras.Tests.Saving;

/// <summary>Custom classes load only once registered; Keras's naming of weight groups; legacy attributes split in parts.</summary>
public class RegistryTests
{
    [KerasSerializable("strata_tests")]
    private sealed class Scale(double factor, string? name = null) : Layer(name), IKerasSerializable<Scale>
    {
        public double Factor { get; } = factor;

        public override Tensor Call(Tensor inputs) => inputs * Factor;

        public override JsonObject GetConfig() => new() { ["factor"] = Factor };

        public static Scale FromConfig(ConfigReader config) => new(config.Double("factor"), config.String("name"));
    }

    [Fact]
    public void CustomLayerLoadsOnlyAfterItIsRegistered()
    {
        using var dir = new TempDir();
        var model = new Sequential([new InputLayer([2]), new Scale(3, name: "scale"), new Dense(1)]);
        // Registration lasts for the process: another test may have registered Scale already.
        if (!SerializationRegistry.IsRegistered("strata_tests>Scale"))
            Assert.Contains("class Scale is not registered for saving", Assert.Throws<ModelFileError>(() => model.ToJson()).Message);
        SerializationRegistry.Register<Scale>();
        var json = model.ToJson();
        Assert.Contains("\"registered_name\":\"strata_tests>Scale\"", json);
        Assert.Contains("Scale (registered as 'strata_tests>Missing') is not registered",
            Assert.Throws<ModelFileError>(() => keras.models.ModelFromJson(json.Replace("strata_tests>Scale", "strata_tests>Missing"))).Message);
        Assert.True(SerializationRegistry.IsRegistered("strata_tests>Scale"));
        model.Save(dir.File("c.keras"));
        var loaded = keras.models.LoadModel(dir.File("c.keras"));
        Assert.Equal(3, ((Scale)loaded.Layers[0]).Factor);
        var x = tf.Constant(new float[,] { { 1, 2 } });
        Assert.Equal(model.Predict(x).ToArray<float>(), loaded.Predict(x).ToArray<float>());
    }

    [Fact]
    public void RegisteringWithFunctionsAddsAClass()
    {
        SerializationRegistry.Register<Scale>("ScaleByFunctions", c => new Scale(c.Double("factor"), c.String("name")),
            s => new JsonObject { ["factor"] = s.Factor }, module: "strata.tests");
        Assert.True(SerializationRegistry.IsRegistered("ScaleByFunctions"));
        Assert.Contains("ScaleByFunctions", SerializationRegistry.ClassNames);
        Assert.Throws<InvalidArgumentError>(() => SerializationRegistry.Register<Unmarked>());
        SerializationRegistry.Register<Scale>(); // restore: the type maps back to its attribute's name
    }

    private sealed class Unmarked : Layer, IKerasSerializable<Unmarked>
    {
        public override JsonObject GetConfig() => new();

        public static Unmarked FromConfig(ConfigReader config) => new();
    }

    [Theory]
    [InlineData("Dense", "dense")]
    [InlineData("Conv2D", "conv2d")]
    [InlineData("MaxPooling2D", "max_pooling2d")]
    [InlineData("BatchNormalization", "batch_normalization")]
    [InlineData("InputLayer", "input_layer")]
    [InlineData("LSTM", "lstm")]
    public void WeightGroupsAreNamedAsKerasNamesThem(string cls, string snake) => Assert.Equal(snake, KerasNaming.ToSnakeCase(cls));

    [Fact]
    public void ConfigReaderReadsKerasArgumentForms()
    {
        var c = new ConfigReader(JsonNode.Parse("""{"k":3,"s":[2,1],"p":"same","sh":[null,4],"b":true,"d":{"module":"keras","class_name":"DTypePolicy","config":{"name":"float32"}}}""")!.AsObject(), "test");
        Assert.Equal([3, 3], c.IntTuple("k", 2));
        Assert.Equal([2, 1], c.IntTuple("s", 2));
        Assert.Equal([1, 1], c.IntTuple("missing", 2, [1, 1]));
        Assert.Equal("same", c.Choice("p", "valid", "valid", "same"));
        Assert.Equal([-1, 4], c.ShapeList("sh")!);
        Assert.True(c.Bool("b", false));
        Assert.Equal("float32", c.DTypeName("d"));
        Assert.Equal(DType.Float32, c.LayerDType());
        Assert.Contains("'s' must be an integer or a list of 3 integers", Assert.Throws<ModelFileError>(() => c.IntTuple("s", 3)).Message);
        Assert.Contains("supported: valid", Assert.Throws<ModelFileError>(() => c.Choice("p", "valid", "valid")).Message);
        Assert.Contains("'p' must be a number", Assert.Throws<ModelFileError>(() => c.Double("p")).Message);
        Assert.Contains("'k' must be a string", Assert.Throws<ModelFileError>(() => c.String("k")).Message);
        Assert.Contains("Unknown activation", Assert.Throws<ModelFileError>(() => c.Activation("p")).Message);
        Assert.Contains("'missing' is missing", Assert.Throws<ModelFileError>(() => c.Int("missing")).Message);
        Assert.Contains("not valid JSON", Assert.Throws<ModelFileError>(() => ConfigReader.Parse("{", "x")).Message);
        var f16 = new ConfigReader(JsonNode.Parse("""{"dtype":"mixed_float16"}""")!.AsObject(), "t");
        Assert.Contains("mixed_float16", Assert.Throws<ModelFileError>(() => f16.LayerDType()).Message);
    }

    [Fact]
    public void LegacyWeightsWithSplitLayerNamesLoad()
    {
        // Keras splits attributes over 64 KiB into layer_names0, layer_names1…; a legacy save_weights file keeps them at the root.
        using var dir = new TempDir();
        var file = new H5File
        {
            ["first"] = new H5Group
            {
                ["first"] = new H5Group
                {
                    ["kernel:0"] = new H5Dataset(new float[] { 1, 2, 3, 4, 5, 6 }, fileDims: [3, 2]),
                    ["bias:0"] = new H5Dataset(new float[] { 0.5f, -0.5f }, fileDims: [2]),
                },
                Attributes = new() { ["weight_names"] = new[] { "first/kernel:0", "first/bias:0" } },
            },
            ["second"] = new H5Group
            {
                ["second"] = new H5Group { ["kernel:0"] = new H5Dataset(new float[] { 1, -1 }, fileDims: [2, 1]) },
                Attributes = new() { ["weight_names"] = new[] { "second/kernel:0" } },
            },
        };
        file.Attributes["layer_names0"] = new[] { "first" };
        file.Attributes["layer_names1"] = new[] { "second" };
        file.Write(dir.File("legacy.h5"));
        var model = new Sequential([new InputLayer([3]), new Dense(2, name: "first"), new Dense(1, useBias: false, name: "second")]);
        model.LoadWeights(dir.File("legacy.h5"));
        Assert.Equal([1f, 2, 3, 4, 5, 6], model.Layers[0].GetWeights()[0].ToArray<float>());
        Assert.Equal([1f, -1], model.Layers[1].GetWeights()[0].ToArray<float>());
        var wrong = new Sequential([new InputLayer([3]), new Dense(2)]);
        Assert.Contains("holds weights for 2 layers", Assert.Throws<ModelFileError>(() => wrong.LoadWeights(dir.File("legacy.h5"))).Message);
    }
}
