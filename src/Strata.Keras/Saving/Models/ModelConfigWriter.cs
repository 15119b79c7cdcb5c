using System.Text.Json.Nodes;
using Strata.Keras.Engine;
using Strata.Keras.Layers;
using Strata.Keras.Models;

namespace Strata.Keras.Saving;

/// <summary>
/// A model's config in Keras 3's tree (<c>config.json</c>, <c>to_json()</c>): Sequential as its list of layer
/// entries (the InputLayer first), functional models with each layer's <c>inbound_nodes</c> (calls on
/// <c>__keras_tensor__</c> references <c>[layer, node, tensor]</c>) and <c>input_layers</c>/<c>output_layers</c>.
/// Subclassed models have no config that Keras could rebuild; they save weights only.
/// </summary>
internal static class ModelConfigWriter
{
    public static string ToJson(Model model) => Serialize(model, withCompile: false).ToJsonString(ConfigWriter.JsonOptions);

    /// <summary>The envelope of <paramref name="layer"/> (a model recursively), with build_config and, for the top
    /// model, compile_config.</summary>
    public static JsonObject Serialize(Layer layer, bool withCompile)
    {
        JsonObject entry;
        if (layer is Sequential seq) entry = ConfigWriter.Envelope("keras", "Sequential", SequentialConfig(seq));
        else if (layer is Model { Graph: { } graph } fm)
            entry = ConfigWriter.Envelope("keras.src.models.functional", "Functional", FunctionalConfig(fm, graph), "Functional");
        else if (layer is Model)
            throw new ModelFileError($"model '{layer.Name}'",
                $"is a subclassed model ({layer.GetType().Name}); its structure is code, not config. Save it with SaveWeights, or build it as Sequential or functional.");
        else
        {
            var s = SerializationRegistry.For(layer, $"model config, layer '{layer.Name}'");
            entry = ConfigWriter.Envelope(s.Module, s.ClassName, s.GetConfig(layer), s.RegisteredName);
        }
        if (layer is not InputLayer && layer.Built && layer.BuildInputShape is { } shape)
            entry["build_config"] = new JsonObject { ["input_shape"] = ConfigWriter.Tuple(shape.ToArray()) };
        if (withCompile && layer is Model m && CompileSerializer.ToConfig(m) is { } compile) entry["compile_config"] = compile;
        return entry;
    }

    private static JsonObject SequentialConfig(Sequential seq)
    {
        var layers = new JsonArray();
        if (seq.InputLayerOrNull is { } input) layers.Add((JsonNode)Serialize(input, false));   // Add(JsonNode): trim-safe
        foreach (var l in seq.Layers) layers.Add((JsonNode)Serialize(l, false));
        var config = ConfigWriter.LayerBase(seq);
        config["layers"] = layers;
        if (seq.InputLayerOrNull is { } i) config["build_input_shape"] = ConfigWriter.Tuple(i.Output.Shape.ToArray());
        return config;
    }

    private static JsonObject FunctionalConfig(Model model, FunctionalGraph graph)
    {
        // Keras numbers a layer's calls within this model only (a layer shared with another model has other nodes).
        var nodeIndex = new Dictionary<Node, int>(ReferenceEqualityComparer.Instance);
        foreach (var l in graph.Layers)
        {
            int k = 0;
            foreach (var n in l.InboundNodes)
                if (l is InputLayer || graph.Nodes.Contains(n)) nodeIndex[n] = k++;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        var layers = new JsonArray();
        foreach (var l in graph.Layers)
        {
            if (!names.Add(l.Name))
                throw new ModelFileError($"model '{model.Name}'", $"has two layers named '{l.Name}'; Keras's config needs unique names.");
            var entry = Serialize(l, false);
            entry["name"] = l.Name;
            var nodes = new JsonArray();
            if (l is not InputLayer)
                foreach (var n in l.InboundNodes.Where(graph.Nodes.Contains))
                {
                    var tensors = n.Inputs.Select(t => (JsonNode)TensorRef(t, nodeIndex)).ToArray();
                    JsonNode args = tensors.Length == 1 ? tensors[0] : new JsonArray(tensors);
                    nodes.Add((JsonNode)new JsonObject { ["args"] = new JsonArray(args), ["kwargs"] = new JsonObject() });
                }
            entry["inbound_nodes"] = nodes;
            layers.Add((JsonNode)entry);
        }
        var config = new JsonObject { ["name"] = model.Name, ["trainable"] = model.Trainable, ["layers"] = layers };
        config["input_layers"] = new JsonArray(graph.Inputs.Select(t => (JsonNode)History(t, nodeIndex)).ToArray());
        config["output_layers"] = new JsonArray(graph.Outputs.Select(t => (JsonNode)History(t, nodeIndex)).ToArray());
        return config;
    }

    private static JsonArray History(KerasTensor t, Dictionary<Node, int> nodeIndex) =>
        new(t.SourceLayer!.Name, nodeIndex.GetValueOrDefault(t.Node!), 0);

    private static JsonObject TensorRef(KerasTensor t, Dictionary<Node, int> nodeIndex) => new()
    {
        ["class_name"] = "__keras_tensor__",
        ["config"] = new JsonObject
        {
            ["shape"] = ConfigWriter.Tuple(t.Shape.ToArray()),
            ["dtype"] = t.DType.Name(),
            ["keras_history"] = History(t, nodeIndex),
        },
    };
}
