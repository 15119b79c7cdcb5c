using System.Text.Json;
using System.Text.Json.Nodes;
using Strata.Keras.Initializers;

namespace Strata.Keras.Saving;

/// <summary>
/// A Keras config object read with errors that say where: every getter names the key, what it expected and the
/// layer (or optimizer, loss…) it belongs to. Layer factories read their arguments through it, so a registration
/// is a few lines: <c>new Conv2D(c.Int("filters"), c.IntTuple("kernel_size", 2), strides: c.IntTuple("strides", 2, [1, 1]) …)</c>.
/// </summary>
public sealed class ConfigReader
{
    /// <summary>A reader over <paramref name="json"/> whose errors start with <paramref name="where"/>.</summary>
    /// <param name="json">The config object (a layer's <c>"config"</c>, an optimizer's, …).</param>
    /// <param name="where">Where the config sits, the prefix of every error (see <see cref="Where"/>).</param>
    /// <exception cref="ModelFileError"><paramref name="json"/> is null.</exception>
    public ConfigReader(JsonObject json, string where)
    {
        Json = json ?? throw new ModelFileError(where, "the config is missing.");
        Where = where;
    }

    /// <summary>The raw config.</summary>
    public JsonObject Json { get; }

    /// <summary>Where this config sits (e.g. "config.json, layer 'dense_1' (Dense)"), the prefix of every error.</summary>
    public string Where { get; }

    /// <summary>Whether <paramref name="key"/> is present with a value other than null.</summary>
    /// <param name="key">The config key, in Keras's snake_case (<c>"kernel_size"</c>).</param>
    public bool Has(string key) => Json.TryGetPropertyValue(key, out var v) && v is not null;

    private ModelFileError Bad(string key, string expected, JsonNode? got) =>
        new(Where, $"'{key}' must be {expected}, got {(got is null ? "null" : got.ToJsonString())}.");

    private JsonNode Required(string key) =>
        Json.TryGetPropertyValue(key, out var v) && v is not null ? v : throw new ModelFileError(Where, $"'{key}' is missing.");

    /// <summary>The string at <paramref name="key"/>, which must be present.</summary>
    /// <param name="key">The config key.</param>
    /// <exception cref="ModelFileError">The key is missing or does not hold a string.</exception>
    public string String(string key) => Required(key) is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw Bad(key, "a string", Json[key]);

    /// <summary>The string at <paramref name="key"/>, or <paramref name="fallback"/> when it is absent or null.</summary>
    /// <param name="key">The config key.</param>
    /// <param name="fallback">The value for an absent key.</param>
    /// <exception cref="ModelFileError">The key holds something other than a string.</exception>
    public string? OptionalString(string key, string? fallback = null) => Has(key) ? String(key) : fallback;

    /// <summary>The integer at <paramref name="key"/>, which must be present (a JSON number with no fraction, such as
    /// <c>3</c> or <c>3.0</c>).</summary>
    /// <param name="key">The config key.</param>
    /// <exception cref="ModelFileError">The key is missing or does not hold an integer in int's range.</exception>
    public int Int(string key) => AsInt(key, Required(key));

    /// <summary>The integer at <paramref name="key"/>, or <paramref name="fallback"/> when it is absent or null.</summary>
    /// <param name="key">The config key.</param>
    /// <param name="fallback">The value for an absent key.</param>
    /// <exception cref="ModelFileError">The key holds something other than an integer.</exception>
    public int Int(string key, int fallback) => Has(key) ? Int(key) : fallback;

    /// <summary>The integer at <paramref name="key"/>, or null when it is absent or null (Keras's None).</summary>
    /// <param name="key">The config key.</param>
    /// <exception cref="ModelFileError">The key holds something other than an integer.</exception>
    public int? OptionalInt(string key) => Has(key) ? Int(key) : null;

    /// <summary>The 64-bit integer at <paramref name="key"/> (a seed, say), or null when it is absent or null.</summary>
    /// <param name="key">The config key.</param>
    /// <exception cref="ModelFileError">The key holds something other than an integer below 9e15 in magnitude.</exception>
    public long? OptionalLong(string key) =>
        !Has(key) ? null : TryNumber(Json[key], out var d) && d == Math.Floor(d) && Math.Abs(d) < 9e15
            ? (long)d : throw Bad(key, "an integer", Json[key]);

    /// <summary>The number at <paramref name="key"/>, which must be present.</summary>
    /// <param name="key">The config key.</param>
    /// <exception cref="ModelFileError">The key is missing or does not hold a number.</exception>
    public double Double(string key) => TryNumber(Required(key), out var d) ? d : throw Bad(key, "a number", Json[key]);

    /// <summary>A JSON number of any CLR type: parsed values convert freely, but values built in memory
    /// (<c>JsonValue.Create(3L)</c>) only to their own type, so the number is read from its JSON text.</summary>
    internal static bool TryNumber(JsonNode? node, out double value)
    {
        value = 0;
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && double.TryParse(v.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The number at <paramref name="key"/>, or <paramref name="fallback"/> when it is absent or null.</summary>
    /// <param name="key">The config key.</param>
    /// <param name="fallback">The value for an absent key.</param>
    /// <exception cref="ModelFileError">The key holds something other than a number.</exception>
    public double Double(string key, double fallback) => Has(key) ? Double(key) : fallback;

    /// <summary>The number at <paramref name="key"/>, or null when it is absent or null (Keras's None).</summary>
    /// <param name="key">The config key.</param>
    /// <exception cref="ModelFileError">The key holds something other than a number.</exception>
    public double? OptionalDouble(string key) => Has(key) ? Double(key) : null;

    /// <summary>The boolean at <paramref name="key"/>, or <paramref name="fallback"/> when it is absent or null.</summary>
    /// <param name="key">The config key.</param>
    /// <param name="fallback">The value for an absent key.</param>
    /// <exception cref="ModelFileError">The key holds something other than true or false.</exception>
    public bool Bool(string key, bool fallback) =>
        !Has(key) ? fallback : Json[key] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : throw Bad(key, "true or false", Json[key]);

    private int AsInt(string key, JsonNode node) =>
        TryNumber(node, out var d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue
            ? (int)d : throw Bad(key, "an integer", node);

    /// <summary>Keras's int-or-tuple arguments (kernel_size, strides, pool_size, dilation_rate): a number is repeated
    /// <paramref name="rank"/> times, a list must have that length. Absent or null gives <paramref name="fallback"/>.</summary>
    public int[] IntTuple(string key, int rank, int[]? fallback = null)
    {
        if (!Has(key)) return fallback ?? throw new ModelFileError(Where, $"'{key}' is missing.");
        var node = Json[key]!;
        if (node is JsonValue) return Enumerable.Repeat(AsInt(key, node), rank).ToArray();
        if (node is JsonArray a && a.Count == rank && a.All(x => x is not null)) return a.Select(x => AsInt(key, x!)).ToArray();
        throw Bad(key, $"an integer or a list of {rank} integers", node);
    }

    /// <summary>A shape list in which null (None) becomes -1: <c>[null, 28, 28]</c> → (-1, 28, 28).</summary>
    public int[]? ShapeList(string key)
    {
        if (!Has(key)) return null;
        if (Json[key] is not JsonArray a) throw Bad(key, "a list of dimensions", Json[key]);
        return a.Select(x => x is null ? -1 : AsInt(key, x)).ToArray();
    }

    /// <summary>One of <paramref name="allowed"/> (padding "valid"/"same", data_format…), case as Keras writes it.</summary>
    public string Choice(string key, string fallback, params string[] allowed)
    {
        var s = OptionalString(key, fallback)!;
        return allowed.Contains(s) ? s : throw new ModelFileError(Where, $"'{key}' is '{s}'; supported: {string.Join(", ", allowed)}.");
    }

    /// <summary>An activation given by name (Keras writes names; a serialized function object is refused).</summary>
    public Activation Activation(string key = "activation")
    {
        if (!Has(key)) return Keras.Activation.Linear;
        var node = Json[key]!;
        string? name = node is JsonValue v && v.TryGetValue<string>(out var s) ? s
            : node is JsonObject o && o["config"] is JsonValue cv && cv.TryGetValue<string>(out var inner) ? inner : null;
        if (name is null) throw Bad(key, "an activation name", node);
        try
        {
            return Keras.Activation.Get(name);
        }
        catch (InvalidArgumentError e)
        {
            throw new ModelFileError(Where, $"'{key}': {e.Message}");
        }
    }

    /// <summary>An initializer config (<c>{"class_name": "GlorotUniform", "config": {"seed": null}}</c> or a name).</summary>
    public Initializer Initializer(string key, Initializer fallback) =>
        Has(key) ? InitializerSerializer.FromConfig(Json[key]!, $"{Where}, '{key}'") : fallback;

    /// <summary>Regularizers, constraints and the like that Strata does not have yet: they must be absent or null.</summary>
    public void RequireNull(params string[] keys)
    {
        foreach (var key in keys)
            if (Has(key))
                throw new ModelFileError(Where, $"'{key}' is {Json[key]!.ToJsonString()}; Strata does not support {key.Replace('_', ' ')}s yet.");
    }

    /// <summary>The layer's dtype: Keras 3's policy object or a plain name; only float32 layers exist in Strata.</summary>
    public DType LayerDType()
    {
        string name = DTypeName();
        return name switch
        {
            "float32" => DType.Float32,
            _ => throw new ModelFileError(Where, $"dtype policy '{name}' is not supported; Strata's layers compute in float32."),
        };
    }

    /// <summary>The dtype's name ("float32"), from a string or a DTypePolicy object.</summary>
    public string DTypeName(string key = "dtype")
    {
        if (!Has(key)) return "float32";
        var node = Json[key]!;
        if (node is JsonValue v && v.TryGetValue<string>(out var s)) return s;
        if (node is JsonObject o && o["config"] is JsonObject c && c["name"] is JsonValue n && n.TryGetValue<string>(out var name)) return name;
        throw Bad(key, "a dtype name or a DTypePolicy", node);
    }

    /// <summary>Parses JSON text, or a clear error naming <paramref name="where"/>.</summary>
    public static JsonObject Parse(string text, string where)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new ModelFileError(where, "is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new ModelFileError(where, $"is not valid JSON ({e.Message}).");
        }
    }
}
