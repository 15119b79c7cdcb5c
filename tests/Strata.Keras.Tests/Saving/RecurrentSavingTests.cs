using System.IO.Compression;
using System.Text.Json.Nodes;
using Strata.Keras.Layers;
using Strata.Keras.Models;

namespace Strata.Keras.Tests.Saving;

/// <summary>SimpleRNN, LSTM and GRU through a .keras archive: Keras 3's config keys, their weights under the layer's
/// <c>cell</c> attribute as Keras 3 writes them, and bit-identical predictions after loading.</summary>
public class RecurrentSavingTests
{
    private static Sequential Model() => new([
        new Embedding(12, 5, inputShape: [7]),
        new LSTM(6, returnSequences: true, goBackwards: true),
        new GRU(4, returnSequences: true, resetAfter: false),
        new SimpleRNN(3, activation: "relu"),
        new Dense(2),
    ]);

    [Fact]
    public void Recurrent_layers_round_trip_through_a_keras_archive()
    {
        using var dir = new TempDir();
        keras.SetRandomSeed(11);
        var model = Model();
        var x = tf.Constant(new int[,] { { 1, 2, 3, 4, 5, 6, 7 }, { 7, 6, 5, 4, 3, 2, 1 } });
        var expected = model.Predict(x);
        model.Save(dir.File("m.keras"));
        var loaded = keras.models.LoadModel(dir.File("m.keras"));
        SavingFiles.AssertSameWeights(model, loaded);
        Assert.Equal(expected.ToArray<float>(), loaded.Predict(x).ToArray<float>());
        var lstm = Assert.IsType<LSTM>(loaded.Layers[1]);
        Assert.True(lstm.ReturnSequences && lstm.GoBackwards);
        Assert.False(Assert.IsType<GRUCell>(Assert.IsType<GRU>(loaded.Layers[2]).Cell).ResetAfter);
        Assert.Equal("relu", ((BuiltinCell)Assert.IsType<SimpleRNN>(loaded.Layers[3]).Cell).Activation.Name);
    }

    [Fact]
    public void The_config_has_Keras_3s_keys_and_the_weights_sit_under_cell()
    {
        using var dir = new TempDir();
        var model = Model();
        model.Predict(tf.Zeros([1, 7], DType.Int32));
        model.Save(dir.File("m.keras"));
        using var zip = ZipFile.OpenRead(dir.File("m.keras"));
        using (var reader = new StreamReader(zip.GetEntry("config.json")!.Open()))
        {
            var layers = JsonNode.Parse(reader.ReadToEnd())!["config"]!["layers"]!.AsArray();
            var lstm = layers.Single(l => (string?)l!["class_name"] == "LSTM")!["config"]!;
            foreach (var key in new[] { "units", "activation", "recurrent_activation", "use_bias", "unit_forget_bias", "return_sequences", "go_backwards", "stateful", "recurrent_initializer", "dropout", "recurrent_dropout" })
                Assert.True(lstm[key] is not null || key == "seed", $"LSTM config lacks {key}");
            Assert.Equal("sigmoid", (string?)lstm["recurrent_activation"]);
            Assert.Equal("Orthogonal", (string?)lstm["recurrent_initializer"]!["class_name"]);
            Assert.False((bool)layers.Single(l => (string?)l!["class_name"] == "GRU")!["config"]!["reset_after"]!);
        }
        // Keras 3's weights file: layers/lstm/cell/vars/{0,1,2} = kernel, recurrent kernel, bias.
        var plan = Strata.Keras.Saving.KerasWeightsLayout.Plan(model).Where(p => p.Vars.Count > 0).Select(p => (p.Path, p.Vars.Count)).ToArray();
        Assert.Equal([("/layers/embedding/vars", 1), ("/layers/lstm/cell/vars", 3), ("/layers/gru/cell/vars", 3), ("/layers/simple_rnn/cell/vars", 3), ("/layers/dense/vars", 2)], plan);
    }

    [Fact]
    public void Bidirectional_and_TimeDistributed_round_trip_through_a_keras_archive()
    {
        using var dir = new TempDir();
        keras.SetRandomSeed(12);
        var model = new Sequential([
            new Bidirectional(new LSTM(3, returnSequences: true), mergeMode: "sum", inputShape: [4, 2]),
            new TimeDistributed(new Dense(2)),
        ]);
        var x = tf.random.Normal([2, 4, 2]);
        var expected = model.Predict(x);
        model.Save(dir.File("m.keras"));
        var loaded = keras.models.LoadModel(dir.File("m.keras"));
        SavingFiles.AssertSameWeights(model, loaded);
        Assert.Equal(expected.ToArray<float>(), loaded.Predict(x).ToArray<float>());
        Assert.Equal("sum", Assert.IsType<Bidirectional>(loaded.Layers[0]).MergeMode);
    }
}
