using System.Text.Json.Nodes;

namespace Strata.Keras.Saving;

/// <summary>
/// Marks a custom layer as saveable under Keras's <c>registered_name</c> <c>"package>Name"</c>, as
/// <c>@keras.saving.register_keras_serializable(package=...)</c> does. The attribute alone loads nothing: the class
/// must still be registered explicitly with <see cref="SerializationRegistry.Register{T}()"/>, so a file can never
/// make Strata instantiate a type that the program did not name.
/// </summary>
/// <param name="package">The package part of the registered name; Keras's default <c>"Custom"</c>.</param>
/// <param name="name">The class name in files; null for the C# class name.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class KerasSerializableAttribute(string package = "Custom", string? name = null) : Attribute
{
    /// <summary>The package part of the registered name <c>"package>Name"</c> (Keras's default <c>"Custom"</c>).</summary>
    public string Package { get; } = package;

    /// <summary>The class name in files (the C# class name by default).</summary>
    public string? Name { get; } = name;
}

/// <summary>A custom layer that saves and loads itself: it overrides <see cref="Layers.Layer.GetConfig"/> to give its
/// constructor arguments (name, trainable and dtype are added for it), and <see cref="FromConfig"/> makes a fresh layer
/// from them.</summary>
public interface IKerasSerializable<TSelf> where TSelf : Layers.Layer, IKerasSerializable<TSelf>
{
    /// <summary>The layer's own constructor arguments as a Keras config (Keras's <c>get_config</c>), in snake_case;
    /// name, trainable and dtype are added by the saver. Implemented by overriding <see cref="Layers.Layer.GetConfig"/>.</summary>
    JsonObject GetConfig();

    /// <summary>A fresh layer made from a config that <see cref="GetConfig"/> wrote (Keras's <c>from_config</c>).</summary>
    /// <param name="config">The layer's config, with errors that name the key and the layer.</param>
    static abstract TSelf FromConfig(ConfigReader config);
}
