using System.Text.Json.Nodes;

namespace Strata.Keras.Saving;

/// <summary>
/// Marks a custom layer as saveable under Keras's <c>registered_name</c> <c>"package>Name"</c>, as
/// <c>@keras.saving.register_keras_serializable(package=...)</c> does. The attribute alone loads nothing: the class
/// must still be registered explicitly with <see cref="SerializationRegistry.Register{T}()"/>, so a file can never
/// make Strata instantiate a type that the program did not name.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class KerasSerializableAttribute(string package = "Custom", string? name = null) : Attribute
{
    public string Package { get; } = package;

    /// <summary>The class name in files (the C# class name by default).</summary>
    public string? Name { get; } = name;
}

/// <summary>A custom layer that saves and loads itself: <see cref="GetConfig"/> gives its constructor arguments
/// (name, trainable and dtype are added for it), <see cref="FromConfig"/> makes a fresh layer from them.</summary>
public interface IKerasSerializable<TSelf> where TSelf : Layers.Layer, IKerasSerializable<TSelf>
{
    JsonObject GetConfig();

    static abstract TSelf FromConfig(ConfigReader config);
}
