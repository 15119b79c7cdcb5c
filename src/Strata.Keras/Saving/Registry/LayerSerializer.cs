using System.Text.Json.Nodes;
using Strata.Keras.Layers;

namespace Strata.Keras.Saving;

/// <summary>One registered layer class: its Keras names and how to turn a layer into its config and back.</summary>
public sealed class LayerSerializer
{
    internal LayerSerializer(Type type, string className, string? module, string? registeredName,
        Func<ConfigReader, Layer> fromConfig, Func<Layer, JsonObject> getConfig)
    {
        Type = type;
        ClassName = className;
        Module = module;
        RegisteredName = registeredName;
        FromConfig = fromConfig;
        GetConfig = getConfig;
    }

    /// <summary>The registered .NET layer class.</summary>
    public Type Type { get; }

    /// <summary>Keras's class_name ("Dense").</summary>
    public string ClassName { get; }

    /// <summary>Keras's module ("keras.layers"), null for custom classes.</summary>
    public string? Module { get; }

    /// <summary>"package>Name" for custom classes, null for Keras's own.</summary>
    public string? RegisteredName { get; }

    internal Func<ConfigReader, Layer> FromConfig { get; }

    internal Func<Layer, JsonObject> GetConfig { get; }
}
