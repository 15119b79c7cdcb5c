using System.Reflection;
using System.Text.Json.Nodes;
using Strata.Keras.Layers;

namespace Strata.Keras.Saving;

/// <summary>
/// The closed set of layer classes that model files may name. Keras's built-in layers that Strata has are
/// registered here; a program adds its own classes explicitly (<see cref="Register{T}()"/> for a class marked
/// <see cref="KerasSerializableAttribute"/>, or <see cref="Register{T}(string, Func{ConfigReader, T}, Func{T, JsonObject}, string?)"/>
/// with two functions). Nothing is ever looked up by name in an assembly: a file naming any other class is refused.
/// </summary>
public static class SerializationRegistry
{
    private static readonly object Gate = new();
    private static readonly Dictionary<string, LayerSerializer> ByName = new(StringComparer.Ordinal);
    private static readonly Dictionary<Type, LayerSerializer> ByType = new();

    static SerializationRegistry()
    {
        CoreLayerSerializers.RegisterAll();
        ConvPoolNormSerializers.RegisterAll();
        AttentionSerializers.RegisterAll();
        RecurrentSerializers.RegisterAll();
        WrapperSerializers.RegisterAll();
        TextSerializers.RegisterAll();
    }

    /// <summary>Registers a layer class under Keras's <paramref name="className"/>: <paramref name="fromConfig"/>
    /// makes a fresh layer from a config, <paramref name="getConfig"/> gives the layer's config (without name,
    /// trainable and dtype, which are added). A second registration of a name replaces the first.</summary>
    public static void Register<T>(string className, Func<ConfigReader, T> fromConfig, Func<T, JsonObject> getConfig,
        string? module = "keras.layers") where T : Layer
    {
        ArgumentException.ThrowIfNullOrEmpty(className);
        ArgumentNullException.ThrowIfNull(fromConfig);
        ArgumentNullException.ThrowIfNull(getConfig);
        Add(new LayerSerializer(typeof(T), className, module, null, c => fromConfig(c), l => WithBase(l, getConfig((T)l))));
    }

    /// <summary>Registers a custom class that implements <see cref="IKerasSerializable{TSelf}"/>, under the
    /// registered name its <see cref="KerasSerializableAttribute"/> gives ("package>Name").</summary>
    public static void Register<T>() where T : Layer, IKerasSerializable<T>
    {
        var attr = typeof(T).GetCustomAttribute<KerasSerializableAttribute>()
            ?? throw new InvalidArgumentError($"SerializationRegistry.Register<{typeof(T).Name}>: mark the class [KerasSerializable(\"package\")] first.");
        string name = attr.Name ?? typeof(T).Name;
        Add(new LayerSerializer(typeof(T), name, null, $"{attr.Package}>{name}", c => T.FromConfig(c), l => WithBase(l, ((T)l).GetConfig())));
    }

    /// <summary>A registration whose config is written whole, without the name/trainable/dtype prefix (InputLayer's
    /// config has its own keys).</summary>
    internal static void RegisterRaw<T>(string className, Func<ConfigReader, T> fromConfig, Func<T, JsonObject> getConfig) where T : Layer =>
        Add(new LayerSerializer(typeof(T), className, "keras.layers", null, c => fromConfig(c), l => getConfig((T)l)));

    /// <summary>Whether a file may name <paramref name="className"/> (or a registered name "package>Name").</summary>
    public static bool IsRegistered(string className)
    {
        lock (Gate) return ByName.ContainsKey(className);
    }

    /// <summary>The registered class names, sorted (for error messages).</summary>
    public static IReadOnlyList<string> ClassNames
    {
        get
        {
            lock (Gate) return ByName.Values.Where(s => s.RegisteredName is null).Select(s => s.ClassName).Distinct().Order(StringComparer.Ordinal).ToList();
        }
    }

    private static void Add(LayerSerializer s)
    {
        lock (Gate)
        {
            ByName[s.RegisteredName ?? s.ClassName] = s;
            ByType[s.Type] = s;
        }
    }

    private static JsonObject WithBase(Layer layer, JsonObject own)
    {
        var config = ConfigWriter.LayerBase(layer);
        foreach (var (k, v) in own.ToList())
        {
            own.Remove(k);
            config[k] = v;
        }
        return config;
    }

    /// <summary>The serializer a file's entry names: by registered name first (custom classes), then class name.</summary>
    internal static LayerSerializer Find(string className, string? registeredName, string where)
    {
        lock (Gate)
        {
            if (registeredName is not null && ByName.TryGetValue(registeredName, out var custom)) return custom;
            if (ByName.TryGetValue(className, out var s) && s.RegisteredName is null) return s;
        }
        string shown = registeredName is not null && registeredName != className ? $"{className} (registered as '{registeredName}')" : className;
        throw new ModelFileError(where,
            $"{shown} is not registered: Strata cannot build this layer. Registered layers: {string.Join(", ", ClassNames)}. " +
            "A custom class must be registered with SerializationRegistry.Register<T>() before loading.");
    }

    /// <summary>What <see cref="Layer.GetConfig"/> gives: a built-in layer's whole config (as a .keras file stores it),
    /// or, for any other class, Keras's base layer config (name, trainable, dtype) that a custom GetConfig extends.</summary>
    internal static JsonObject ConfigOf(Layer layer)
    {
        var s = SerializerOf(layer.GetType());
        // A custom class's serializer calls the class's GetConfig, which may be this base one: no recursion.
        return s is { RegisteredName: null } builtIn ? builtIn.GetConfig(layer) : ConfigWriter.LayerBase(layer);
    }

    /// <summary>Layer.FromConfig: a fresh <typeparamref name="T"/> from a config its GetConfig wrote.</summary>
    internal static T FromConfigOf<T>(JsonObject config) where T : Layer
    {
        var s = SerializerOf(typeof(T));
        if (s is null)
            throw new InvalidArgumentError(
                $"Layer.FromConfig<{typeof(T).Name}>: {typeof(T).Name} is not registered; mark it [KerasSerializable] and call SerializationRegistry.Register<{typeof(T).Name}>().");
        var reader = new ConfigReader(config, $"{typeof(T).Name}.FromConfig");
        var layer = (T)s.FromConfig(reader);
        if (layer is not InputLayer) layer.Trainable = reader.Bool("trainable", true);
        return layer;
    }

    /// <summary>The serializer of a layer's own class (a subclass of a registered class is not its parent).</summary>
    internal static LayerSerializer For(Layer layer, string where)
    {
        if (SerializerOf(layer.GetType()) is { } s) return s;
        throw new ModelFileError(where,
            $"layer '{layer.Name}' of class {layer.GetType().Name} is not registered for saving; mark it [KerasSerializable] and call SerializationRegistry.Register<{layer.GetType().Name}>(), or save only its weights with SaveWeights.");
    }

    /// <summary>The serializer registered for exactly <paramref name="type"/>, or null.</summary>
    private static LayerSerializer? SerializerOf(Type type)
    {
        lock (Gate) return ByType.TryGetValue(type, out var s) ? s : null;
    }
}
