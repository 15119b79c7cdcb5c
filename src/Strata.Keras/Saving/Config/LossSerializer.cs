using System.Text.Json.Nodes;
using Strata.Keras.Losses;

namespace Strata.Keras.Saving;

/// <summary>Losses in compile_config: Keras 3's <c>keras.losses</c> objects, a function by name
/// (<c>{"module": "builtins", "class_name": "function", "config": "mse"}</c>) or a bare name (Keras 2).</summary>
internal static class LossSerializer
{
    public static JsonObject ToConfig(Loss loss, string where)
    {
        var c = new JsonObject { ["name"] = loss.Name, ["reduction"] = loss.Reduction };
        string cls;
        switch (loss)
        {
            case MeanSquaredError: cls = "MeanSquaredError"; break;
            case MeanAbsoluteError: cls = "MeanAbsoluteError"; break;
            case Huber h: cls = "Huber"; c["delta"] = h.Delta; break;
            case BinaryCrossentropy b:
                cls = "BinaryCrossentropy"; c["from_logits"] = b.FromLogits; c["label_smoothing"] = b.LabelSmoothing; c["axis"] = -1; break;
            case CategoricalCrossentropy cc:
                cls = "CategoricalCrossentropy"; c["from_logits"] = cc.FromLogits; c["label_smoothing"] = cc.LabelSmoothing; c["axis"] = -1; break;
            case SparseCategoricalCrossentropy s:
                cls = "SparseCategoricalCrossentropy"; c["from_logits"] = s.FromLogits; c["ignore_class"] = null; break;
            default:
                throw new ModelFileError(where, $"loss {loss.GetType().Name} cannot be saved (it is not a Keras loss).");
        }
        return ConfigWriter.Envelope("keras.losses", cls, c);
    }

    public static Loss FromConfig(JsonNode node, string where)
    {
        try
        {
            if (node is JsonValue v && v.TryGetValue<string>(out var name)) return Loss.Get(name);
            if (node is not JsonObject o || o["class_name"] is not JsonValue cn || !cn.TryGetValue<string>(out var cls))
                throw new ModelFileError(where, $"expected a loss, got {node.ToJsonString()}.");
            // A plain function saved by name.
            if (cls == "function" && o["config"] is JsonValue fv && fv.TryGetValue<string>(out var fn)) return Loss.Get(fn);
            var c = new ConfigReader(o["config"] as JsonObject ?? new JsonObject(), $"{where} ({cls})");
            if (c.Has("ignore_class")) throw new ModelFileError(c.Where, "'ignore_class' is not supported.");
            string reduction = c.OptionalString("reduction", "sum_over_batch_size")!;
            if (reduction == "auto") reduction = "sum_over_batch_size"; // Keras 2's default
            return cls switch
            {
                "MeanSquaredError" => new MeanSquaredError(reduction, c.OptionalString("name", "mean_squared_error")!),
                "MeanAbsoluteError" => new MeanAbsoluteError(reduction, c.OptionalString("name", "mean_absolute_error")!),
                "Huber" => new Huber(c.Double("delta", 1.0), reduction, c.OptionalString("name", "huber_loss")!),
                "BinaryCrossentropy" => new BinaryCrossentropy(c.Bool("from_logits", false), c.Double("label_smoothing", 0), reduction,
                    c.OptionalString("name", "binary_crossentropy")!),
                "CategoricalCrossentropy" => new CategoricalCrossentropy(c.Bool("from_logits", false), c.Double("label_smoothing", 0), reduction,
                    c.OptionalString("name", "categorical_crossentropy")!),
                "SparseCategoricalCrossentropy" => new SparseCategoricalCrossentropy(c.Bool("from_logits", false), reduction,
                    c.OptionalString("name", "sparse_categorical_crossentropy")!),
                _ => throw new ModelFileError(where, $"loss class '{cls}' is not supported. Supported: MeanSquaredError, MeanAbsoluteError, " +
                    "Huber, BinaryCrossentropy, CategoricalCrossentropy, SparseCategoricalCrossentropy, or a loss name."),
            };
        }
        catch (InvalidArgumentError e) when (e is not ModelFileError)
        {
            throw new ModelFileError(where, e.Message);
        }
    }
}
