using System.Text.Json.Nodes;
using Strata.Keras.Losses;
using Strata.Keras.Metrics;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;

namespace Strata.Keras.Saving;

/// <summary>
/// Keras 3's <c>compile_config</c> (and the legacy h5 <c>training_config</c>, whose optimizer sits under
/// <c>optimizer_config</c>): what <see cref="Model.Compile(Optimizer?, Loss?, IEnumerable{Metric}?)"/> was given, so
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
        var metrics = new JsonArray();
        foreach (var m in model.CompiledMetrics)
        {
            try
            {
                Metric.Get(m.Name);
            }
            catch (InvalidArgumentError)
            {
                throw new ModelFileError(where, $"metric '{m.Name}' ({m.GetType().Name}) has no Keras name and cannot be saved.");
            }
            metrics.Add((JsonNode)m.Name);   // JsonArray.Add(JsonNode), not the generic Add<T> (trim-safe)
        }
        return new JsonObject
        {
            ["optimizer"] = OptimizerSerializer.ToConfig(model.Optimizer!, where),
            ["loss"] = loss,
            ["loss_weights"] = null,
            ["metrics"] = metrics,
            ["weighted_metrics"] = null,
            ["run_eagerly"] = false,
            ["steps_per_execution"] = 1,
            ["jit_compile"] = false,
        };
    }

    /// <summary>Compiles <paramref name="model"/> from a compile_config or a legacy training_config.</summary>
    public static void Compile(Model model, JsonObject config, string where)
    {
        var optNode = config["optimizer"] ?? config["optimizer_config"];
        var optimizer = optNode is null ? null : OptimizerSerializer.FromConfig(optNode, $"{where}, optimizer");
        var lossNode = config["loss"] ?? throw new ModelFileError(where, "'loss' is missing.");
        if (config["loss_weights"] is not null) throw new ModelFileError(where, "'loss_weights' is not supported yet.");
        if (config["weighted_metrics"] is JsonArray { Count: > 0 }) throw new ModelFileError(where, "'weighted_metrics' is not supported yet.");
        var metrics = new List<Metric>();
        if (config["metrics"] is JsonArray list)
            foreach (var m in list)
            {
                string name = m is JsonValue v && v.TryGetValue<string>(out var s) ? s
                    : m is JsonObject o && o["config"] is JsonObject mc && mc["name"] is JsonValue n && n.TryGetValue<string>(out var mn) ? mn
                    : throw new ModelFileError(where, $"metric {m?.ToJsonString() ?? "null"} is not supported; metrics are read by name.");
                try
                {
                    metrics.Add(Metric.Get(name));
                }
                catch (InvalidArgumentError e)
                {
                    throw new ModelFileError(where, e.Message);
                }
            }
        else if (config["metrics"] is not null) throw new ModelFileError(where, "'metrics' must be a list (per-output dicts are not supported yet).");
        if (lossNode is JsonArray perOutput)
            model.Compile(optimizer, perOutput.Select((l, i) => LossSerializer.FromConfig(l!, $"{where}, loss {i}")).ToArray(), metrics);
        else model.Compile(optimizer, LossSerializer.FromConfig(lossNode, $"{where}, loss"), metrics);
    }
}
