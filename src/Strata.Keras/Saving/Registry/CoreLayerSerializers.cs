using System.Text.Json.Nodes;
using Strata.Keras.Initializers;
using Strata.Keras.Layers;

namespace Strata.Keras.Saving;

/// <summary>
/// Keras 3 configs of the built-in layers Strata has: keys and values as Keras writes them, read back through
/// <see cref="ConfigReader"/> (which also accepts Keras 2's forms). A new layer family adds one
/// <c>SerializationRegistry.Register&lt;T&gt;(className, fromConfig, getConfig)</c> line per class here (or in a file
/// of its own called from <see cref="RegisterAll"/>).
/// </summary>
internal static class CoreLayerSerializers
{
    // Keras's regularizer/constraint arguments: Strata has none yet, so files must leave them null.
    private static readonly string[] DenseUnsupported = ["kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint"];
    private static readonly string[] EmbeddingUnsupported = ["embeddings_regularizer", "activity_regularizer", "embeddings_constraint"];

    public static void RegisterAll()
    {
        SerializationRegistry.RegisterRaw<InputLayer>("InputLayer", InputLayerFromConfig, l => new JsonObject
        {
            ["batch_shape"] = ConfigWriter.Tuple(l.Output.Shape.ToArray()),
            ["dtype"] = l.Output.DType.Name(),
            ["sparse"] = false,
            ["name"] = l.Name,
        });

        SerializationRegistry.Register<Dense>("Dense", c =>
        {
            c.LayerDType();
            c.RequireNull(DenseUnsupported);
            return new Dense(c.Int("units"), c.Activation(), c.Bool("use_bias", true),
                c.Initializer("kernel_initializer", new GlorotUniform()), c.Initializer("bias_initializer", new Zeros()), c.String("name"));
        }, l => new JsonObject
        {
            ["units"] = l.Units,
            ["activation"] = ConfigWriter.Activation(l.Activation, $"layer '{l.Name}'"),
            ["use_bias"] = l.UseBias,
            ["kernel_initializer"] = ConfigWriter.Initializer(l.KernelInitializer, $"layer '{l.Name}'"),
            ["bias_initializer"] = ConfigWriter.Initializer(l.BiasInitializer, $"layer '{l.Name}'"),
            ["kernel_regularizer"] = null,
            ["bias_regularizer"] = null,
            ["kernel_constraint"] = null,
            ["bias_constraint"] = null,
        });

        SerializationRegistry.Register<Flatten>("Flatten", c =>
        {
            c.LayerDType();
            // channels_first would flatten in another order; Strata's Flatten is channels_last.
            c.Choice("data_format", "channels_last", "channels_last");
            return new Flatten(name: c.String("name"));
        }, _ => new JsonObject { ["data_format"] = "channels_last" });

        SerializationRegistry.Register<Dropout>("Dropout", c =>
        {
            c.LayerDType();
            c.RequireNull("noise_shape");
            return new Dropout(c.Double("rate"), c.OptionalLong("seed"), name: c.String("name"));
        }, l => new JsonObject { ["rate"] = l.Rate, ["seed"] = l.Seed is { } s ? JsonValue.Create(s) : null, ["noise_shape"] = null });

        SerializationRegistry.Register<ActivationLayer>("Activation", c =>
        {
            c.LayerDType();
            return new ActivationLayer(c.Activation(), name: c.String("name"));
        }, l => new JsonObject { ["activation"] = ConfigWriter.Activation(l.Activation, $"layer '{l.Name}'") });

        SerializationRegistry.Register<Reshape>("Reshape", c =>
        {
            c.LayerDType();
            var target = c.ShapeList("target_shape") ?? throw new ModelFileError(c.Where, "'target_shape' is missing.");
            return new Reshape(target, name: c.String("name"));
        }, l => new JsonObject { ["target_shape"] = ConfigWriter.Tuple(l.TargetShape.ToArray()) });

        SerializationRegistry.Register<Add>("Add", c =>
        {
            c.LayerDType();
            return new Add(c.String("name"));
        }, _ => new JsonObject());

        SerializationRegistry.Register<Concatenate>("Concatenate", c =>
        {
            c.LayerDType();
            return new Concatenate(c.Int("axis", -1), c.String("name"));
        }, l => new JsonObject { ["axis"] = l.Axis });

        SerializationRegistry.Register<Embedding>("Embedding", c =>
        {
            c.LayerDType();
            c.RequireNull(EmbeddingUnsupported);
            return new Embedding(c.Int("input_dim"), c.Int("output_dim"),
                c.Initializer("embeddings_initializer", new RandomUniform()), name: c.String("name"), maskZero: c.Bool("mask_zero", false));
        }, l => new JsonObject
        {
            ["input_dim"] = l.InputDim,
            ["output_dim"] = l.OutputDim,
            ["embeddings_initializer"] = ConfigWriter.Initializer(l.EmbeddingsInitializer, $"layer '{l.Name}'"),
            ["embeddings_regularizer"] = null,
            ["activity_regularizer"] = null,
            ["embeddings_constraint"] = null,
            ["mask_zero"] = l.MaskZero,
        });
    }

    /// <summary>Keras 3's <c>batch_shape</c> (or Keras 2's <c>batch_input_shape</c>): the batch entry may be fixed.</summary>
    private static InputLayer InputLayerFromConfig(ConfigReader c)
    {
        var batchShape = c.ShapeList("batch_shape") ?? c.ShapeList("batch_input_shape")
            ?? (c.ShapeList("shape") is { } s ? [-1, .. s] : throw new ModelFileError(c.Where, "'batch_shape' is missing."));
        if (batchShape.Length == 0) throw new ModelFileError(c.Where, "'batch_shape' is empty; an input needs a batch axis.");
        if (c.Bool("sparse", false) || c.Bool("ragged", false))
            throw new ModelFileError(c.Where, "sparse and ragged inputs are not supported.");
        return new InputLayer(batchShape[1..], c.String("name"), DTypeFromName(c.DTypeName(), c.Where), batchShape[0] < 0 ? null : batchShape[0]);
    }

    internal static DType DTypeFromName(string name, string where) => name switch
    {
        "float32" => DType.Float32,
        "float64" => DType.Float64,
        "int32" => DType.Int32,
        "int64" => DType.Int64,
        "uint8" => DType.UInt8,
        "bool" => DType.Bool,
        _ => throw new ModelFileError(where, $"dtype '{name}' is not supported."),
    };
}
