using System.Text.Json.Nodes;
using Strata.Keras.Initializers;
using Strata.Keras.Layers;

namespace Strata.Keras.Saving;

/// <summary>Builds Keras 3 config objects: the <c>module</c>/<c>class_name</c>/<c>config</c>/<c>registered_name</c>
/// envelope and the values layers share (dtype policy, activation names, initializers, tuples).</summary>
public static class ConfigWriter
{
    /// <summary>JSON as Python's json.dumps writes it: "&gt;" in registered names and non-ASCII text unescaped.</summary>
    internal static readonly System.Text.Json.JsonSerializerOptions JsonOptions =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Keras's <c>serialize_keras_object</c> envelope.</summary>
    public static JsonObject Envelope(string? module, string className, JsonNode? config, string? registeredName = null) => new()
    {
        ["module"] = module,
        ["class_name"] = className,
        ["config"] = config,
        ["registered_name"] = registeredName,
    };

    /// <summary>Keras 3's float32 DTypePolicy object.</summary>
    public static JsonObject DTypePolicy(string name = "float32") =>
        Envelope("keras", "DTypePolicy", new JsonObject { ["name"] = name });

    /// <summary>The keys every layer config starts with: name, trainable, dtype.</summary>
    public static JsonObject LayerBase(Layer layer) => new()
    {
        ["name"] = layer.Name,
        ["trainable"] = layer.Trainable,
        ["dtype"] = DTypePolicy(),
    };

    /// <summary>An activation by its Keras name; one made from an arbitrary function has none and cannot be saved.</summary>
    public static JsonNode Activation(Activation activation, string where)
    {
        try
        {
            Keras.Activation.Get(activation.Name);
        }
        catch (InvalidArgumentError)
        {
            throw new ModelFileError(where, $"activation '{activation.Name}' has no Keras name and cannot be saved; use a named activation (\"relu\", \"softmax\", …).");
        }
        return JsonValue.Create(activation.Name)!;
    }

    /// <summary>An initializer's Keras config envelope, e.g. <c>{"module": "keras.initializers", "class_name":
    /// "GlorotUniform", "config": {"seed": null}, …}</c>.</summary>
    /// <param name="initializer">One of Strata's built-in initializers.</param>
    /// <param name="where">Where the initializer belongs, the prefix of an error.</param>
    /// <exception cref="ModelFileError">The initializer has no Keras config (a custom subclass).</exception>
    public static JsonObject Initializer(Initializer initializer, string where) => InitializerSerializer.ToConfig(initializer, where);

    /// <summary>A tuple written as a JSON list, -1 (None) as null.</summary>
    public static JsonArray Tuple(IEnumerable<int> values) => new(values.Select(v => v < 0 ? null : (JsonNode)JsonValue.Create(v)).ToArray());
}
