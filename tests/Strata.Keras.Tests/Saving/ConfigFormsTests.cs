using Strata.Keras.Layers;
using Strata.Keras.Models;
using Strata.Keras.Saving;

namespace Strata.Keras.Tests.Saving;

/// <summary>Config forms other than the ones Strata writes: Keras 2's functional nodes and bare Sequential lists,
/// nested models, and graphs that do not close.</summary>
public class ConfigFormsTests
{
    private const string Keras2Dense =
        """{"class_name":"Dense","config":{"name":"d","trainable":true,"dtype":"float32","units":2,"activation":"linear","use_bias":true,"kernel_initializer":{"class_name":"GlorotUniform","config":{"seed":null}},"bias_initializer":{"class_name":"Zeros","config":{}},"kernel_regularizer":null,"bias_regularizer":null,"activity_regularizer":null,"kernel_constraint":null,"bias_constraint":null},"name":"d","inbound_nodes":[[["input_1",0,0,{}]]]}""";

    private static string Keras2Functional(string dense, string outputs = """[["d",0,0]]""") =>
        $$$"""{"class_name":"Model","config":{"name":"m","layers":[{"class_name":"InputLayer","config":{"batch_input_shape":[null,3],"dtype":"float32","sparse":false,"name":"input_1"},"name":"input_1","inbound_nodes":[]},{{{dense}}}],"input_layers":[["input_1",0,0]],"output_layers":{{{outputs}}}}}""";

    [Fact]
    public void Keras2FunctionalConfigBuilds()
    {
        var model = keras.models.ModelFromJson(Keras2Functional(Keras2Dense));
        Assert.Equal("Functional", model.ClassName);
        Assert.Equal(["input_1", "d"], model.Layers.Select(l => l.Name));
        Assert.Equal([3, 2], model.Weights[0].Shape.ToArray());
        // A single [name, node, tensor] for output_layers is accepted too.
        Assert.Equal("m", keras.models.ModelFromJson(Keras2Functional(Keras2Dense, """["d",0,0]""")).Name);
    }

    [Fact]
    public void BrokenGraphsAreRefusedWithTheLayerNamed()
    {
        var e = Assert.Throws<ModelFileError>(() => keras.models.ModelFromJson(Keras2Functional(Keras2Dense.Replace("\"input_1\",0,0,{}", "\"nowhere\",0,0,{}"))));
        Assert.Contains("layer 'd'", e.Message);
        Assert.Contains("nowhere[0][0] is never produced", e.Message);
        var second = Assert.Throws<ModelFileError>(() => keras.models.ModelFromJson(Keras2Functional(Keras2Dense.Replace("\"input_1\",0,0,{}", "\"input_1\",0,1,{}"))));
        Assert.Contains("Strata's layers have one output", second.Message);
        var outputs = Assert.Throws<ModelFileError>(() => keras.models.ModelFromJson(Keras2Functional(Keras2Dense, """[["e",0,0]]""")));
        Assert.Contains("'output_layers' names e[0][0]", outputs.Message);
    }

    [Fact]
    public void BareSequentialListOfKeras20Builds()
    {
        var model = keras.models.ModelFromJson(
            """{"class_name":"Sequential","config":[{"class_name":"Dense","config":{"name":"d","units":2,"batch_input_shape":[null,3],"activation":"relu"}}]}""");
        Assert.IsType<Sequential>(model);
        Assert.Equal([3, 2], model.Weights[0].Shape.ToArray());
    }

    [Fact]
    public void SequentialNestedInAFunctionalModelRoundTrips()
    {
        using var dir = new TempDir();
        keras.SetRandomSeed(12);
        var inner = new Sequential([new InputLayer([3]), new Dense(4, "relu", name: "inner_dense")], name: "inner");
        var x = keras.Input([3], name: "x");
        var model = new Model(x, new Dense(1, name: "head").Apply(inner.Apply(x)), name: "outer");
        model.Save(dir.File("n.keras"));
        var loaded = keras.models.LoadModel(dir.File("n.keras"));
        Assert.IsType<Sequential>(loaded.Layers[1]);
        SavingFiles.AssertSameWeights(model, loaded);
        var data = tf.Constant(new float[,] { { 1, -2, 3 } });
        Assert.Equal(model.Predict(data).ToArray<float>(), loaded.Predict(data).ToArray<float>());
    }

    [Fact]
    public void UnbuiltSequentialConfigBuildsFromItsBuildInputShape()
    {
        var model = keras.models.ModelFromJson(
            """{"module":"keras","class_name":"Sequential","config":{"name":"s","layers":[{"module":"keras.layers","class_name":"Dense","config":{"name":"d","units":2},"registered_name":null}],"build_input_shape":[null,5]},"registered_name":null}""");
        Assert.Equal([5, 2], model.Weights[0].Shape.ToArray());
    }
}
