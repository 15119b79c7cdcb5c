using System.Text.Json.Nodes;
using Strata.Keras.Layers;

namespace Strata.Keras.Saving;

/// <summary>Keras 3 configs of the wrappers: the wrapped layer as a nested entry (module, class_name, config), as
/// Keras's serialize_keras_object writes it; Bidirectional's backward layer too.</summary>
internal static class WrapperSerializers
{
    public static void RegisterAll()
    {
        SerializationRegistry.Register<TimeDistributed>("TimeDistributed", c =>
        {
            c.LayerDType();
            return new TimeDistributed(ModelConfigReader.Deserialize(c.Json["layer"], $"{c.Where}, its layer"), c.String("name"));
        }, l => new JsonObject { ["layer"] = ModelConfigWriter.Serialize(l.Layer, withCompile: false) });

        SerializationRegistry.Register<Bidirectional>("Bidirectional", c =>
        {
            c.LayerDType();
            var forward = Recurrent(c, "layer");
            var backward = c.Has("backward_layer") ? Recurrent(c, "backward_layer") : null;
            return new Bidirectional(forward, c.OptionalString("merge_mode"), backward, c.String("name"));
        }, l => new JsonObject
        {
            ["merge_mode"] = l.MergeMode,
            ["layer"] = ModelConfigWriter.Serialize(l.ForwardLayer, withCompile: false),
            ["backward_layer"] = ModelConfigWriter.Serialize(l.BackwardLayer, withCompile: false),
        });
    }

    private static RNN Recurrent(ConfigReader c, string key) =>
        ModelConfigReader.Deserialize(c.Json[key], $"{c.Where}, its {key}") as RNN
        ?? throw new ModelFileError(c.Where, $"'{key}' must be a recurrent layer (SimpleRNN, LSTM, GRU, RNN).");
}
