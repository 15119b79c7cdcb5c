using System.Text.Json.Nodes;
using Strata.Keras.Engine;
using Strata.Keras.Layers;
using Strata.Keras.Models;

namespace Strata.Keras.Saving;

/// <summary>
/// Builds fresh layers and models from a config tree: Keras 3's (<c>module</c>/<c>class_name</c>/<c>config</c>,
/// inbound nodes as <c>__keras_tensor__</c> references) and Keras 2's (no module, <c>batch_input_shape</c> on the
/// first layer, inbound nodes as <c>[[name, node, tensor, kwargs]]</c>). Every class goes through the closed
/// <see cref="SerializationRegistry"/>; Sequential and Functional are built here.
/// </summary>
internal static class ModelConfigReader
{
    public static Layer Deserialize(JsonNode? node, string where)
    {
        if (node is not JsonObject entry)
            throw new ModelFileError(where, $"expected a layer or model config object, got {node?.ToJsonString() ?? "null"}.");
        string cls = entry["class_name"] is JsonValue v && v.TryGetValue<string>(out var s) ? s
            : throw new ModelFileError(where, "'class_name' is missing.");
        string? registered = entry["registered_name"] is JsonValue r && r.TryGetValue<string>(out var rn) ? rn : null;
        // Keras 2.0/2.1 wrote a Sequential's config as its bare list of layers.
        if (cls == "Sequential" && entry["config"] is JsonArray bare) entry = new JsonObject { ["class_name"] = cls, ["config"] = new JsonObject { ["name"] = "sequential", ["layers"] = bare.DeepClone() } };
        var config = entry["config"] as JsonObject ?? throw new ModelFileError(where, $"{cls}: 'config' is missing or not an object.");
        string name = config["name"] is JsonValue nv && nv.TryGetValue<string>(out var n) ? n : cls;
        string here = $"{where}, layer '{name}' ({cls})";
        Layer layer = cls switch
        {
            "Sequential" => SequentialFromConfig(config, here),
            "Functional" or "Model" => FunctionalFromConfig(config, here),
            _ => FromRegistry(cls, registered, config, here),
        };
        var c = new ConfigReader(config, here);
        if (layer is not InputLayer) layer.Trainable = c.Bool("trainable", true);
        return layer;
    }

    private static Layer FromRegistry(string cls, string? registered, JsonObject config, string where)
    {
        var serializer = SerializationRegistry.Find(cls, registered, where);
        try
        {
            return serializer.FromConfig(new ConfigReader(config, where));
        }
        catch (InvalidArgumentError e) when (e is not ModelFileError)
        {
            // The layer's own argument checks (Dense units <= 0…) say what; this says where.
            throw new ModelFileError(where, e.Message);
        }
    }

    private static Sequential SequentialFromConfig(JsonObject config, string where)
    {
        var c = new ConfigReader(config, where);
        var list = config["layers"] as JsonArray ?? throw new ModelFileError(where, "'layers' is missing or not a list.");
        var layers = list.Select((l, i) => Deserialize(l, $"{where}, layers[{i}]")).ToList();
        var seq = new Sequential(name: c.String("name"));
        // Keras 2 (and early Keras 3) put the input shape on the first layer instead of an InputLayer.
        if (layers.Count > 0 && layers[0] is not InputLayer && list[0]!["config"] is JsonObject first
            && new ConfigReader(first, where) is var fc && (fc.ShapeList("batch_input_shape") ?? fc.ShapeList("batch_shape")) is { Length: > 0 } batch)
            seq.Add(new InputLayer(batch[1..], dtype: CoreLayerSerializers.DTypeFromName(fc.DTypeName(), where), batchSize: batch[0] < 0 ? null : batch[0]));
        try
        {
            foreach (var l in layers) seq.Add(l);
            if (seq.InputLayerOrNull is null && c.ShapeList("build_input_shape") is { Length: > 0 } shape) seq.Build(shape);
        }
        catch (InvalidArgumentError e) when (e is not ModelFileError)
        {
            throw new ModelFileError(where, $"the layers do not fit together: {e.Message}");
        }
        return seq;
    }

    private readonly record struct TensorKey(string Layer, int Node, int Tensor);

    private static Model FunctionalFromConfig(JsonObject config, string where)
    {
        var c = new ConfigReader(config, where);
        var list = config["layers"] as JsonArray ?? throw new ModelFileError(where, "'layers' is missing or not a list.");
        var made = new Dictionary<TensorKey, KerasTensor>();
        var pending = new List<(Layer Layer, List<List<TensorKey>> Calls, string Where)>();
        var byName = new Dictionary<string, Layer>(StringComparer.Ordinal);
        for (int i = 0; i < list.Count; i++)
        {
            var entry = list[i] as JsonObject ?? throw new ModelFileError(where, $"layers[{i}] is not an object.");
            var layer = Deserialize(entry, $"{where}, layers[{i}]");
            string name = entry["name"] is JsonValue nv && nv.TryGetValue<string>(out var n) ? n : layer.Name;
            if (!byName.TryAdd(name, layer)) throw new ModelFileError(where, $"two layers are named '{name}'.");
            if (layer is InputLayer input) made[new TensorKey(name, 0, 0)] = input.Output;
            else pending.Add((layer, ParseNodes(entry["inbound_nodes"], $"{where}, layer '{name}'"), $"{where}, layer '{name}'"));
        }
        // Apply each layer's calls in order as soon as their inputs exist (Keras's process_node loop).
        var next = new int[pending.Count];
        bool progress = true;
        while (progress)
        {
            progress = false;
            for (int p = 0; p < pending.Count; p++)
            {
                var (layer, calls, here) = pending[p];
                while (next[p] < calls.Count && calls[next[p]].All(made.ContainsKey))
                {
                    var inputs = calls[next[p]].Select(k => made[k]).ToArray();
                    Tensor output;
                    try
                    {
                        output = inputs.Length == 1 ? layer.Apply(inputs[0]) : layer.Apply(inputs);
                    }
                    catch (InvalidArgumentError e) when (e is not ModelFileError)
                    {
                        throw new ModelFileError(here, $"cannot be applied to its inputs: {e.Message}");
                    }
                    made[new TensorKey(layer.Name, next[p], 0)] = (KerasTensor)output;
                    next[p]++;
                    progress = true;
                }
            }
        }
        for (int p = 0; p < pending.Count; p++)
            if (next[p] < pending[p].Calls.Count)
            {
                var missing = pending[p].Calls[next[p]].First(k => !made.ContainsKey(k));
                throw new ModelFileError(pending[p].Where, $"its input {missing.Layer}[{missing.Node}][{missing.Tensor}] is never produced (a missing layer or a cycle).");
            }
        KerasTensor[] Ends(string key) => ParseTensorList(config[key], $"{where}, {key}")
            .Select(k => made.TryGetValue(k, out var t) ? t : throw new ModelFileError(where, $"'{key}' names {k.Layer}[{k.Node}][{k.Tensor}], which no layer produces."))
            .ToArray();
        try
        {
            return new Model(Ends("input_layers"), Ends("output_layers"), c.String("name"));
        }
        catch (InvalidArgumentError e) when (e is not ModelFileError)
        {
            throw new ModelFileError(where, e.Message);
        }
    }

    /// <summary>The calls of a layer: Keras 3's <c>[{"args": [...], "kwargs": {...}}]</c> or Keras 2's
    /// <c>[[["name", node, tensor, {}], ...]]</c>, each as the list of tensors it takes.</summary>
    private static List<List<TensorKey>> ParseNodes(JsonNode? node, string where)
    {
        if (node is null) return [];
        if (node is not JsonArray nodes) throw new ModelFileError(where, "'inbound_nodes' must be a list.");
        var calls = new List<List<TensorKey>>();
        foreach (var call in nodes)
        {
            if (call is JsonObject k3)
            {
                var args = k3["args"] as JsonArray ?? throw new ModelFileError(where, "an inbound node has no 'args' list.");
                if (args.Count != 1)
                    throw new ModelFileError(where, $"an inbound node has {args.Count} positional arguments; Strata's layers take one (a tensor or a list of tensors).");
                calls.Add(args[0] is JsonArray many ? many.Select(t => KerasTensorRef(t, where)).ToList() : [KerasTensorRef(args[0], where)]);
            }
            else if (call is JsonArray k2) calls.Add(k2.Select(t => HistoryRef(t, where)).ToList());
            else throw new ModelFileError(where, $"an inbound node is {call?.ToJsonString() ?? "null"}.");
        }
        return calls;
    }

    private static TensorKey KerasTensorRef(JsonNode? node, string where) =>
        node is JsonObject { } o && o["class_name"] is JsonValue v && v.TryGetValue<string>(out var cls) && cls == "__keras_tensor__"
            && o["config"] is JsonObject c
            ? HistoryRef(c["keras_history"], where)
            : throw new ModelFileError(where, $"an inbound node argument is not a Keras tensor: {node?.ToJsonString() ?? "null"}.");

    /// <summary><c>[layer_name, node_index, tensor_index(, kwargs)]</c>; only single-output layers exist, so the tensor index must be 0.</summary>
    private static TensorKey HistoryRef(JsonNode? node, string where)
    {
        if (node is JsonArray { Count: >= 3 } a && a[0] is JsonValue n && n.TryGetValue<string>(out var name)
            && ConfigReader.TryNumber(a[1], out var ni) && ConfigReader.TryNumber(a[2], out var ti)
            && ni == Math.Floor(ni) && ni is >= 0 and < int.MaxValue && ti == Math.Floor(ti) && ti is >= 0 and < int.MaxValue)
        {
            int nodeIndex = (int)ni, tensorIndex = (int)ti;
            if (tensorIndex != 0) throw new ModelFileError(where, $"refers to output {tensorIndex} of '{name}'; Strata's layers have one output.");
            return new TensorKey(name, nodeIndex, tensorIndex);
        }
        throw new ModelFileError(where, $"expected a [layer, node, tensor] reference, got {node?.ToJsonString() ?? "null"}.");
    }

    /// <summary>input_layers / output_layers: <c>[[name, 0, 0], …]</c>, or one <c>[name, 0, 0]</c>.</summary>
    private static List<TensorKey> ParseTensorList(JsonNode? node, string where)
    {
        if (node is not JsonArray a || a.Count == 0) throw new ModelFileError(where, "is missing or empty.");
        if (a[0] is JsonValue) return [HistoryRef(a, where)];
        return a.Select(x => HistoryRef(x, where)).ToList();
    }
}
