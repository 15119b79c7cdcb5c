using System.Text.Json.Nodes;
using Strata.Keras.Losses;
using Strata.Keras.Metrics;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;

namespace Strata.Keras.Saving;

/// <summary>
/// Keras 3's <c>compile_config</c> (and the legacy h5 <c>training_config</c>, whose optimizer sits under
/// <c>optimizer_config</c>): what <see cref="Model.Compile(Optimizer?, Loss?, IEnumerable{Metric}?, IEnumerable{Metric}?)"/> was given, so
/// a loaded model is compiled again. Metrics are saved by their Keras names.
/// </summary>
internal static class CompileSerializer
{
    public static JsonObject? ToConfig(Model model)
    {
        if (!model.Compiled) return null;
        string where = $"model '{model.Name}', compile_config";
        var losses = model.CompiledLosses;
        JsonNode loss = losses.Length == 1 ? LossSerializer.ToConfig(losses[0], where)
            : new JsonArray(losses.Select(l => (JsonNode)LossSerializer.ToConfig(l, where)).ToArray());
        var metrics = Names(model.CompiledMetrics, where);
        var weighted = model.CompiledWeightedMetrics;
        return new JsonObject
        {
            ["optimizer"] = OptimizerSerializer.ToConfig(model.Optimizer!, where),
            ["loss"] = loss,
            ["loss_weights"] = null,
            ["metrics"] = metrics,
            ["weighted_metrics"] = weighted.Count == 0 ? null : Names(weighted, where),
            ["run_eagerly"] = false,
            ["steps_per_execution"] = 1,
            ["jit_compile"] = false,
        };
    }

    /// <summary>Metrics are saved by Keras name: a metric without one (a MeanMetricWrapper of a function, a renamed
    /// metric) cannot be.</summary>
    private static JsonArray Names(IReadOnlyList<string> names, string where)
    {
        var array = new JsonArray();
        foreach (var name in names)
        {
            try
            {
                Metric.Get(name);
            }
            catch (InvalidArgumentError)
            {
                throw new ModelFileError(where, $"metric '{name}' has no Keras name and cannot be saved.");
            }
            array.Add((JsonNode)name);   // JsonArray.Add(JsonNode), not the generic Add<T> (trim-safe)
        }
        return array;
    }

    /// <summary>Compiles <paramref name="model"/> from a compile_config or a legacy training_config.</summary>
    public static void Compile(Model model, JsonObject config, string where)
    {
        var optNode = config["optimizer"] ?? config["optimizer_config"];
        var optimizer = optNode is null ? null : OptimizerSerializer.FromConfig(optNode, $"{where}, optimizer");
        var lossNode = config["loss"] ?? throw new ModelFileError(where, "'loss' is missing.");
        if (config["loss_weights"] is not null) throw new ModelFileError(where, "'loss_weights' is not supported yet.");
        var metrics = ReadMetrics(config["metrics"], "metrics", where);
        var weighted = ReadMetrics(config["weighted_metrics"], "weighted_metrics", where);
        if (lossNode is JsonArray perOutput)
            model.Compile(optimizer, perOutput.Select((l, i) => LossSerializer.FromConfig(l!, $"{where}, loss {i}")).ToArray(), metrics, weighted);
        else model.Compile(optimizer, LossSerializer.FromConfig(lossNode, $"{where}, loss"), metrics, weighted);
    }

    /// <summary>A list of metrics by name (strings, or serialized metric objects whose config names them).</summary>
    private static List<Metric> ReadMetrics(JsonNode? node, string key, string where)
    {
        var metrics = new List<Metric>();
        if (node is null) return metrics;
        if (node is not JsonArray list) throw new ModelFileError(where, $"'{key}' must be a list (per-output dicts are not supported yet).");
        foreach (var m in list)
        {
            string name = m is JsonValue v && v.TryGetValue<string>(out var s) ? s
                : m is JsonObject o && o["config"] is JsonObject mc && mc["name"] is JsonValue n && n.TryGetValue<string>(out var mn) ? mn
                : throw new ModelFileError(where, $"metric {m?.ToJsonString() ?? "null"} in '{key}' is not supported; metrics are read by name.");
            try
            {
                metrics.Add(Metric.Get(name));
            }
            catch (InvalidArgumentError e)
            {
                throw new ModelFileError(where, e.Message);
            }
        }
        return metrics;
    }
}
