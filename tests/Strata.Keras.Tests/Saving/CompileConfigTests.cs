using System.Text.Json.Nodes;
using Strata.Keras.Layers;
using Strata.Keras.Models;
using Strata.Keras.Saving;

namespace Strata.Keras.Tests.Saving;

/// <summary>compile_config: multi-output losses and metrics survive a round trip; what Strata cannot compile is named.</summary>
public class CompileConfigTests
{
    [Fact]
    public void MultiOutputModelKeepsItsLossesAndMetrics()
    {
        using var dir = new TempDir();
        keras.SetRandomSeed(21);
        var x = keras.Input([2], name: "x");
        var h = new Dense(3, "relu", name: "h").Apply(x);
        var model = new Model([x], [new Dense(1, name: "reg").Apply(h), new Dense(2, "softmax", name: "cls").Apply(h)], name: "two_out");
        model.Compile(new Optimizers.SGD(0.1), [new Strata.Keras.Losses.MeanSquaredError(), new Strata.Keras.Losses.SparseCategoricalCrossentropy()], ["mae"]);
        model.Save(dir.File("t.keras"));
        var loaded = keras.models.LoadModel(dir.File("t.keras"));
        Assert.Equal(model.MetricsNames, loaded.MetricsNames);
        Assert.Equal(2, loaded.CompiledLosses.Length);
        Assert.IsType<Strata.Keras.Losses.SparseCategoricalCrossentropy>(loaded.CompiledLosses[1]);
        var uncompiled = keras.models.LoadModel(dir.File("t.keras"), compile: false);
        Assert.False(uncompiled.Compiled);
        SavingFiles.AssertSameWeights(model, uncompiled);
    }

    private static JsonObject Compile(string extra) => JsonNode.Parse($$"""{"optimizer":"adam","loss":"mse"{{extra}}}""")!.AsObject();

    [Theory]
    [InlineData(""","loss_weights":[1.0]""", "'loss_weights' is not supported")]
    [InlineData(""","weighted_metrics":["f1_of_the_moon"]""", "Unknown metric 'f1_of_the_moon'")]
    [InlineData(""","weighted_metrics":{"out":["mae"]}""", "'weighted_metrics' must be a list")]
    [InlineData(""","metrics":["f1_of_the_moon"]""", "Unknown metric 'f1_of_the_moon'")]
    [InlineData(""","metrics":{"out":["mae"]}""", "per-output dicts are not supported")]
    [InlineData(""","metrics":[3]""", "metrics are read by name")]
    public void UnsupportedCompileSettingsAreNamed(string extra, string message)
    {
        var model = SavingFiles.TinyMlp();
        var e = Assert.Throws<ModelFileError>(() => CompileSerializer.Compile(model, Compile(extra), "here"));
        Assert.Contains(message, e.Message);
        Assert.StartsWith("here", e.Message);
    }

    [Fact]
    public void WeightedMetricsAreReadAfterTheMetrics()
    {
        var model = SavingFiles.TinyMlp();
        CompileSerializer.Compile(model, Compile(""","metrics":["mae"],"weighted_metrics":["mae","mse"]"""), "here");
        Assert.Equal(["loss", "mae", "weighted_mae", "mse"], model.MetricsNames);
        Assert.Equal("""["mae","mse"]""", CompileSerializer.ToConfig(model)!["weighted_metrics"]!.ToJsonString());
    }

    [Fact]
    public void MetricObjectsAreReadByTheirConfigName()
    {
        var model = SavingFiles.TinyMlp();
        CompileSerializer.Compile(model, Compile(""","metrics":[{"module":"keras.metrics","class_name":"MeanAbsoluteError","config":{"name":"mae"}}]"""), "here");
        Assert.Equal(["loss", "mae"], model.Metrics.Select(m => m.Name));   // the loss tracker first, as Keras 3
    }

    [Fact]
    public void UnsavableTrainingSettingsAreNamed()
    {
        var model = SavingFiles.TinyMlp();
        model.Compile(new Optimizers.Adam(new Optimizers.ExponentialDecay(0.1, 10, 0.9)), "mse");
        Assert.Contains("learning-rate schedule", Assert.Throws<ModelFileError>(() => CompileSerializer.ToConfig(model)).Message);
        model.Compile(new Optimizers.Nadam(), "mse");
        Assert.Contains("Nadam cannot be saved yet", Assert.Throws<ModelFileError>(() => CompileSerializer.ToConfig(model)).Message);
        model.Compile("adam", "mse", [new Strata.Keras.Metrics.Mean("running")]);
        Assert.Contains("metric 'running'", Assert.Throws<ModelFileError>(() => CompileSerializer.ToConfig(model)).Message);
        Assert.Contains("schedule", Assert.Throws<ModelFileError>(() => OptimizerSerializer.FromConfig(
            JsonNode.Parse("""{"class_name":"Adam","config":{"learning_rate":{"class_name":"ExponentialDecay","config":{}}}}""")!, "t")).Message);
        Assert.Contains("'Lamb' is not supported", Assert.Throws<ModelFileError>(() => OptimizerSerializer.FromConfig(
            JsonNode.Parse("""{"class_name":"Lamb","config":{}}""")!, "t")).Message);
        Assert.Contains("'decay'", Assert.Throws<ModelFileError>(() => OptimizerSerializer.FromConfig(
            JsonNode.Parse("""{"class_name":"SGD","config":{"decay":0.1}}""")!, "t")).Message);
        Assert.Contains("Unknown optimizer", Assert.Throws<ModelFileError>(() => OptimizerSerializer.FromConfig(JsonValue.Create("adamq"), "t")).Message);
        Assert.Contains("Unknown loss", Assert.Throws<ModelFileError>(() => LossSerializer.FromConfig(JsonValue.Create("msq"), "t")).Message);
        Assert.Contains("Unknown initializer", Assert.Throws<ModelFileError>(() => InitializerSerializer.FromConfig(JsonValue.Create("ones_ish"), "t")).Message);
        Assert.Contains("'Identity' is not supported", Assert.Throws<ModelFileError>(() => InitializerSerializer.FromConfig(
            JsonNode.Parse("""{"class_name":"Identity","config":{}}""")!, "t")).Message);
    }
}
