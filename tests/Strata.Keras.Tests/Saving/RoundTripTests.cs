using System.Text.Json.Nodes;
using Strata.Keras.Layers;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;
using Strata.Keras.Saving;

namespace Strata.Keras.Tests.Saving;

/// <summary>Save → load gives the same model: same config, bit-identical weights and predictions, and an optimizer
/// that resumes exactly where it stopped.</summary>
public class RoundTripTests
{
    private static void AssertSamePredictions(Model a, Model b, Tensor x) =>
        Assert.Equal(a.Predict(x).ToArray<float>(), b.Predict(x).ToArray<float>());

    [Fact]
    public void SequentialRoundTripsThroughAKerasArchive()
    {
        using var dir = new TempDir();
        var model = SavingFiles.TinyMlp();
        model.Compile(new Adam(0.01), "sparse_categorical_crossentropy", ["accuracy"]);
        model.Save(dir.File("m.keras"));
        var loaded = keras.models.LoadModel(dir.File("m.keras"));
        Assert.IsType<Sequential>(loaded);
        Assert.Equal(model.Layers.Select(l => (l.Name, l.ClassName)), loaded.Layers.Select(l => (l.Name, l.ClassName)));
        SavingFiles.AssertSameWeights(model, loaded);
        AssertSamePredictions(model, loaded, SavingFiles.TinyInputs());
        Assert.Equal(0.01, loaded.Optimizer!.LearningRate, 12);
        Assert.Equal(["loss", "accuracy"], loaded.Metrics.Select(m => m.Name));
    }

    [Fact]
    public void NextTrainingStepAfterLoadingEqualsAnUninterruptedRun()
    {
        using var dir = new TempDir();
        var x = SavingFiles.TinyInputs();
        var y = SavingFiles.TinyLabels();
        var uninterrupted = SavingFiles.TinyMlp(dropout: 0);
        var resumed = SavingFiles.TinyMlp(dropout: 0);
        foreach (var m in new[] { uninterrupted, resumed }) m.Compile(new Adam(0.05), "sparse_categorical_crossentropy");
        // Dropout draws masks from tf.random: both runs use the same seed sequence.
        tf.random.SetSeed(3);
        for (int i = 0; i < 3; i++) uninterrupted.TrainOnBatch(x, y);
        tf.random.SetSeed(3);
        for (int i = 0; i < 3; i++) resumed.TrainOnBatch(x, y);
        resumed.Save(dir.File("m.keras"));
        var loaded = keras.models.LoadModel(dir.File("m.keras"));
        Assert.Equal(3, loaded.Optimizer!.Iterations);
        var m0 = uninterrupted.Optimizer!.GetSlot(uninterrupted.TrainableWeights[0], "momentum")!;
        Assert.Equal(m0.ToArray<float>(), loaded.Optimizer.GetSlot(loaded.TrainableWeights[0], "momentum")!.ToArray<float>());
        // TrainOnBatch's metrics accumulate across calls: reset so that each value is that batch's loss.
        double Step(Model m) { m.ResetMetrics(); return m.TrainOnBatch(x, y)["loss"]; }
        var expected = Step(uninterrupted);
        var expectedNext = Step(uninterrupted);
        Assert.Equal(expected, Step(loaded));
        Assert.Equal(expectedNext, Step(loaded));
        SavingFiles.AssertSameWeights(uninterrupted, loaded);
    }

    [Theory]
    [InlineData("sgd")]
    [InlineData("rmsprop")]
    [InlineData("adamax")]
    [InlineData("adagrad")]
    public void OptimizerStateOfOtherOptimizersRoundTrips(string optimizer)
    {
        using var dir = new TempDir();
        Optimizer opt = optimizer switch
        {
            "sgd" => new SGD(0.1, momentum: 0.9),
            "rmsprop" => new RMSprop(0.01, momentum: 0.5, centered: true),
            _ => Optimizer.Get(optimizer),
        };
        var model = SavingFiles.TinyMlp(dropout: 0);
        model.Compile(opt, "sparse_categorical_crossentropy");
        model.TrainOnBatch(SavingFiles.TinyInputs(), SavingFiles.TinyLabels());
        model.SaveWeights(dir.File("w.weights.h5"));
        var other = SavingFiles.TinyMlp(dropout: 0);
        other.Compile(optimizer switch { "sgd" => new SGD(0.1, momentum: 0.9), "rmsprop" => new RMSprop(0.01, momentum: 0.5, centered: true), _ => Optimizer.Get(optimizer) },
            "sparse_categorical_crossentropy");
        other.LoadWeights(dir.File("w.weights.h5"));
        Assert.Equal(1, other.Optimizer!.Iterations);
        var x = SavingFiles.TinyInputs();
        var y = SavingFiles.TinyLabels();
        model.ResetMetrics();
        var a = model.TrainOnBatch(x, y)["loss"];
        Assert.Equal(a, other.TrainOnBatch(x, y)["loss"]);
        SavingFiles.AssertSameWeights(model, other);
    }

    [Fact]
    public void FunctionalModelWithSharedLayerTwoInputsAndMergesRoundTrips()
    {
        using var dir = new TempDir();
        keras.SetRandomSeed(1);
        var a = keras.Input([3], name: "a");
        var b = keras.Input([3], name: "b");
        var shared = new Dense(4, activation: "tanh", name: "shared");
        var sum = new Add(name: "sum").Apply([shared.Apply(a), shared.Apply(b)]);
        var joined = new Concatenate(name: "joined").Apply([sum, new ActivationLayer("sigmoid", name: "act").Apply(sum)]);
        var reshaped = new Reshape([2, 4], name: "reshape").Apply(joined);
        var flat = new Flatten(name: "flat").Apply(reshaped);
        var model = new Model([a, b], [new Dense(2, name: "out").Apply(flat)], name: "two_in");
        model.Save(dir.File("f.keras"));
        var loaded = keras.models.LoadModel(dir.File("f.keras"));
        Assert.Equal("Functional", loaded.ClassName);
        Assert.Equal(model.Layers.Select(l => l.Name), loaded.Layers.Select(l => l.Name));
        SavingFiles.AssertSameWeights(model, loaded);
        var xa = tf.Constant(new float[,] { { 1, 2, 3 }, { -1, 0.5f, 2 } });
        var xb = tf.Constant(new float[,] { { 0, 1, -2 }, { 3, 1, 0 } });
        Assert.Equal(model.CallOutputs([xa, xb])[0].ToArray<float>(), loaded.CallOutputs([xa, xb])[0].ToArray<float>());
        // Keras 3's tree: the shared layer has two inbound nodes; "sum" takes a list of two __keras_tensor__.
        var config = JsonNode.Parse(model.ToJson())!;
        var layers = config["config"]!["layers"]!.AsArray();
        var sharedEntry = layers.First(l => (string?)l!["name"] == "shared")!;
        Assert.Equal(2, sharedEntry["inbound_nodes"]!.AsArray().Count);
        Assert.Equal("shared", (string?)layers.First(l => (string?)l!["name"] == "sum")!["inbound_nodes"]![0]!["args"]![0]![1]!["config"]!["keras_history"]![0]);
        Assert.Equal(1, (int)layers.First(l => (string?)l!["name"] == "sum")!["inbound_nodes"]![0]!["args"]![0]![1]!["config"]!["keras_history"]![1]!);
    }

    [Fact]
    public void EmbeddingModelRoundTripsThroughJsonAndWeights()
    {
        using var dir = new TempDir();
        keras.SetRandomSeed(2);
        var model = new Sequential([new InputLayer([3], dtype: DType.Int32), new Embedding(10, 4, name: "emb"), new Flatten(), new Dense(1)]);
        var rebuilt = keras.models.ModelFromJson(model.ToJson());
        Assert.False(rebuilt.Compiled);
        Assert.Equal(model.Weights.Select(w => w.Shape), rebuilt.Weights.Select(w => w.Shape));
        model.SaveWeights(dir.File("e.weights.h5"));
        rebuilt.LoadWeights(dir.File("e.weights.h5"));
        var ids = tf.Constant(new[,] { { 1, 2, 9 }, { 0, 0, 5 } });
        AssertSamePredictions(model, rebuilt, ids);
    }

    [Fact]
    public void ConfigUsesKeras3KeysAndValues()
    {
        var model = SavingFiles.TinyMlp("cfg");
        model.Compile("adam", "mse", ["mae"]);
        var json = JsonNode.Parse(ModelConfigWriter.Serialize(model, withCompile: true).ToJsonString())!;
        Assert.Equal("keras", (string?)json["module"]);
        Assert.Equal("Sequential", (string?)json["class_name"]);
        var layers = json["config"]!["layers"]!.AsArray();
        Assert.Equal("InputLayer", (string?)layers[0]!["class_name"]);
        Assert.Equal("[null,4]", layers[0]!["config"]!["batch_shape"]!.ToJsonString());
        var dense = layers[1]!;
        Assert.Equal("keras.layers", (string?)dense["module"]);
        Assert.Equal("relu", (string?)dense["config"]!["activation"]);
        Assert.Equal("""{"module":"keras.initializers","class_name":"GlorotUniform","config":{"seed":null},"registered_name":null}""",
            dense["config"]!["kernel_initializer"]!.ToJsonString());
        Assert.Equal("float32", (string?)dense["config"]!["dtype"]!["config"]!["name"]);
        Assert.Equal("[null,4]", dense["build_config"]!["input_shape"]!.ToJsonString());
        Assert.Equal(0.25, (double)layers[2]!["config"]!["rate"]!);
        var compile = json["compile_config"]!;
        Assert.Equal("Adam", (string?)compile["optimizer"]!["class_name"]);
        Assert.Equal(0.9, (double)compile["optimizer"]!["config"]!["beta_1"]!);
        Assert.Equal("MeanSquaredError", (string?)compile["loss"]!["class_name"]);
        Assert.Equal("""["mae"]""", compile["metrics"]!.ToJsonString());
    }

    [Fact]
    public void InitializersLossesAndOptimizersRoundTripThroughTheirConfigs()
    {
        Initializers.Initializer[] inits =
        [
            new Initializers.Zeros(), new Initializers.Ones(), new Initializers.Constant(0.5), new Initializers.RandomNormal(1, 2, 3),
            new Initializers.RandomUniform(-1, 1, 4), new Initializers.TruncatedNormal(0, 0.1), new Initializers.Orthogonal(2, 5),
            new Initializers.GlorotNormal(6), new Initializers.HeNormal(), new Initializers.HeUniform(), new Initializers.LecunNormal(),
            new Initializers.LecunUniform(), new Initializers.VarianceScaling(2, "fan_out", "uniform", 8),
        ];
        foreach (var init in inits)
        {
            var config = InitializerSerializer.ToConfig(init, "test");
            var back = InitializerSerializer.FromConfig(config, "test");
            Assert.Equal(init.GetType(), back.GetType());
            Assert.Equal(config.ToJsonString(), InitializerSerializer.ToConfig(back, "test").ToJsonString());
        }
        Assert.IsType<Initializers.GlorotUniform>(InitializerSerializer.FromConfig(JsonValue.Create("glorot_uniform"), "test"));

        Strata.Keras.Losses.Loss[] losses =
        [
            new Strata.Keras.Losses.MeanSquaredError(), new Strata.Keras.Losses.MeanAbsoluteError("sum"), new Strata.Keras.Losses.Huber(2), new Strata.Keras.Losses.BinaryCrossentropy(true, 0.1),
            new Strata.Keras.Losses.CategoricalCrossentropy(false, 0.2), new Strata.Keras.Losses.SparseCategoricalCrossentropy(true),
        ];
        foreach (var loss in losses)
        {
            var config = LossSerializer.ToConfig(loss, "test");
            Assert.Equal(config.ToJsonString(), LossSerializer.ToConfig(LossSerializer.FromConfig(config, "test"), "test").ToJsonString());
        }
        Assert.IsType<Strata.Keras.Losses.MeanSquaredError>(LossSerializer.FromConfig(JsonNode.Parse("""{"module":"builtins","class_name":"function","config":"mse","registered_name":"function"}""")!, "t"));

        Optimizer[] optimizers = [new Adam(0.1, amsgrad: true), new AdamW(0.2), new SGD(0.3, 0.5, true), new RMSprop(0.4, 0.8, 0.1, centered: true),
            new Adagrad(0.5), new Adamax(0.6, clipnorm: 1)];
        foreach (var opt in optimizers)
        {
            var config = OptimizerSerializer.ToConfig(opt, "test");
            var back = OptimizerSerializer.FromConfig(config, "test");
            Assert.Equal(opt.GetType(), back.GetType());
            Assert.Equal(config.ToJsonString(), OptimizerSerializer.ToConfig(back, "test").ToJsonString());
        }
        Assert.IsType<RMSprop>(OptimizerSerializer.FromConfig(JsonValue.Create("rmsprop"), "t"));
        // Keras 2's config: "lr" and a zero "decay".
        var k2 = OptimizerSerializer.FromConfig(JsonNode.Parse("""{"class_name":"Adam","config":{"lr":0.002,"decay":0.0}}""")!, "t");
        Assert.Equal(0.002, k2.LearningRate, 12);
    }

    [Fact]
    public void SkipMismatchLeavesMismatchedLayersAsTheyWere()
    {
        using var dir = new TempDir();
        var small = SavingFiles.TinyMlp();
        small.SaveWeights(dir.File("s.weights.h5"));
        keras.SetRandomSeed(9);
        var other = new Sequential([new InputLayer([4]), new Dense(5, "relu"), new Dropout(0.25), new Dense(2)]);
        var before = other.Layers[2].GetWeights()[0].ToArray<float>();
        Assert.Throws<ModelFileError>(() => other.LoadWeights(dir.File("s.weights.h5")));
        other.LoadWeights(dir.File("s.weights.h5"), skipMismatch: true);
        Assert.Equal(small.Layers[0].GetWeights()[0].ToArray<float>(), other.Layers[0].GetWeights()[0].ToArray<float>());
        Assert.Equal(before, other.Layers[2].GetWeights()[0].ToArray<float>());
    }

    [Fact]
    public void SaveOverwritesAnExistingFile()
    {
        using var dir = new TempDir();
        var a = SavingFiles.TinyMlp();
        a.Save(dir.File("m.keras"));
        keras.SetRandomSeed(100);
        var b = new Sequential([new InputLayer([4]), new Dense(5, activation: "relu"), new Dropout(0.25), new Dense(3, activation: "softmax")]);
        b.Save(dir.File("m.keras"));
        SavingFiles.AssertSameWeights(b, keras.models.LoadModel(dir.File("m.keras")));
        Assert.Single(Directory.GetFiles(dir.Path)); // no temporary file left behind
    }
}
