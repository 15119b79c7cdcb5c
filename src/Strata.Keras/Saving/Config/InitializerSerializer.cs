using System.Text.Json.Nodes;
using Strata.Keras.Initializers;

namespace Strata.Keras.Saving;

/// <summary>Keras initializers to and from config (<c>keras.initializers</c>, Keras 3 class names and keys). Keras 2
/// configs (no module) and plain names ("glorot_uniform") are read too.</summary>
internal static class InitializerSerializer
{
    private const string Module = "keras.initializers";

    public static JsonObject ToConfig(Initializer init, string where)
    {
        static JsonNode? Seed(RandomInitializer r) => r.Seed is { } s ? JsonValue.Create(s) : null;
        (string name, JsonObject config) = init switch
        {
            Zeros => ("Zeros", new JsonObject()),
            Ones => ("Ones", new JsonObject()),
            Constant c => ("Constant", new JsonObject { ["value"] = c.Value }),
            RandomNormal r => ("RandomNormal", new JsonObject { ["mean"] = r.Mean, ["stddev"] = r.Stddev, ["seed"] = Seed(r) }),
            RandomUniform r => ("RandomUniform", new JsonObject { ["minval"] = r.Minval, ["maxval"] = r.Maxval, ["seed"] = Seed(r) }),
            TruncatedNormal r => ("TruncatedNormal", new JsonObject { ["mean"] = r.Mean, ["stddev"] = r.Stddev, ["seed"] = Seed(r) }),
            Orthogonal o => ("Orthogonal", new JsonObject { ["gain"] = o.Gain, ["seed"] = Seed(o) }),
            GlorotUniform or GlorotNormal or HeUniform or HeNormal or LecunUniform or LecunNormal =>
                (init.GetType().Name, new JsonObject { ["seed"] = Seed((RandomInitializer)init) }),
            VarianceScaling v when v.GetType() == typeof(VarianceScaling) => ("VarianceScaling", new JsonObject
            {
                ["scale"] = v.Scale, ["mode"] = v.Mode, ["distribution"] = v.Distribution, ["seed"] = Seed(v),
            }),
            _ => throw new ModelFileError(where, $"initializer {init.GetType().Name} cannot be saved (it is not a Keras initializer)."),
        };
        return ConfigWriter.Envelope(Module, name, config);
    }

    public static Initializer FromConfig(JsonNode node, string where)
    {
        if (node is JsonValue v && v.TryGetValue<string>(out var shortName))
        {
            try
            {
                return Initializer.Get(shortName);
            }
            catch (InvalidArgumentError e)
            {
                throw new ModelFileError(where, e.Message);
            }
        }
        if (node is not JsonObject o || o["class_name"] is not JsonValue cn || !cn.TryGetValue<string>(out var className))
            throw new ModelFileError(where, $"expected an initializer config, got {node.ToJsonString()}.");
        var c = new ConfigReader(o["config"] as JsonObject ?? new JsonObject(), $"{where} ({className})");
        long? seed = c.OptionalLong("seed");
        return className switch
        {
            "Zeros" or "zeros" => new Zeros(),
            "Ones" or "ones" => new Ones(),
            "Constant" or "constant" => new Constant(c.Double("value", 0)),
            "RandomNormal" or "random_normal" => new RandomNormal(c.Double("mean", 0), c.Double("stddev", 0.05), seed),
            "RandomUniform" or "random_uniform" => new RandomUniform(c.Double("minval", -0.05), c.Double("maxval", 0.05), seed),
            "TruncatedNormal" or "truncated_normal" => new TruncatedNormal(c.Double("mean", 0), c.Double("stddev", 0.05), seed),
            "Orthogonal" or "orthogonal" => new Orthogonal(c.Double("gain", 1), seed),
            "GlorotUniform" or "glorot_uniform" => new GlorotUniform(seed),
            "GlorotNormal" or "glorot_normal" => new GlorotNormal(seed),
            "HeUniform" or "he_uniform" => new HeUniform(seed),
            "HeNormal" or "he_normal" => new HeNormal(seed),
            "LecunUniform" or "lecun_uniform" => new LecunUniform(seed),
            "LecunNormal" or "lecun_normal" => new LecunNormal(seed),
            "VarianceScaling" => new VarianceScaling(c.Double("scale", 1), c.OptionalString("mode", "fan_in")!,
                c.OptionalString("distribution", "truncated_normal")!, seed),
            _ => throw new ModelFileError(where, $"initializer class '{className}' is not supported. Supported: Zeros, Ones, Constant, " +
                "RandomNormal, RandomUniform, TruncatedNormal, Orthogonal, GlorotUniform, GlorotNormal, HeUniform, HeNormal, LecunUniform, LecunNormal, VarianceScaling."),
        };
    }
}
