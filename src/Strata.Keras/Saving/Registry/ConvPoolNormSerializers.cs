using System.Text.Json.Nodes;
using Strata.Keras.Initializers;
using Strata.Keras.Layers;

namespace Strata.Keras.Saving;

/// <summary>Keras 3 configs of the convolution, pooling and batch-normalization layers (the CNN fixtures' layers).</summary>
internal static class ConvPoolNormSerializers
{
    private static readonly string[] ConvUnsupported = ["kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint"];

    public static void RegisterAll()
    {
        RegisterConv<Conv1D>("Conv1D", 1, (c, a) => new Conv1D(a.Filters, a.KernelSize, a.Strides, a.Padding, null, a.Dilation, a.Groups, a.Activation,
            a.UseBias, a.KernelInitializer, a.BiasInitializer, a.Name));
        RegisterConv<Conv2D>("Conv2D", 2, (c, a) => new Conv2D(a.Filters, a.KernelSize, a.Strides, a.Padding, null, a.Dilation, a.Groups, a.Activation,
            a.UseBias, a.KernelInitializer, a.BiasInitializer, a.Name));
        RegisterConv<Conv3D>("Conv3D", 3, (c, a) => new Conv3D(a.Filters, a.KernelSize, a.Strides, a.Padding, null, a.Dilation, a.Groups, a.Activation,
            a.UseBias, a.KernelInitializer, a.BiasInitializer, a.Name));

        RegisterPool<MaxPooling1D>("MaxPooling1D", 1, (p, s, pad, name) => new MaxPooling1D(p[0], s?[0], pad, name: name));
        RegisterPool<MaxPooling2D>("MaxPooling2D", 2, (p, s, pad, name) => new MaxPooling2D((p[0], p[1]), s is null ? null : (s[0], s[1]), pad, name: name));
        RegisterPool<MaxPooling3D>("MaxPooling3D", 3, (p, s, pad, name) => new MaxPooling3D((p[0], p[1], p[2]), s is null ? null : (s[0], s[1], s[2]), pad, name: name));
        RegisterPool<AveragePooling1D>("AveragePooling1D", 1, (p, s, pad, name) => new AveragePooling1D(p[0], s?[0], pad, name: name));
        RegisterPool<AveragePooling2D>("AveragePooling2D", 2, (p, s, pad, name) => new AveragePooling2D((p[0], p[1]), s is null ? null : (s[0], s[1]), pad, name: name));
        RegisterPool<AveragePooling3D>("AveragePooling3D", 3, (p, s, pad, name) => new AveragePooling3D((p[0], p[1], p[2]), s is null ? null : (s[0], s[1], s[2]), pad, name: name));

        RegisterGlobal<GlobalMaxPooling1D>("GlobalMaxPooling1D", (k, n) => new GlobalMaxPooling1D(keepDims: k, name: n));
        RegisterGlobal<GlobalMaxPooling2D>("GlobalMaxPooling2D", (k, n) => new GlobalMaxPooling2D(keepDims: k, name: n));
        RegisterGlobal<GlobalMaxPooling3D>("GlobalMaxPooling3D", (k, n) => new GlobalMaxPooling3D(keepDims: k, name: n));
        RegisterGlobal<GlobalAveragePooling1D>("GlobalAveragePooling1D", (k, n) => new GlobalAveragePooling1D(keepDims: k, name: n));
        RegisterGlobal<GlobalAveragePooling2D>("GlobalAveragePooling2D", (k, n) => new GlobalAveragePooling2D(keepDims: k, name: n));
        RegisterGlobal<GlobalAveragePooling3D>("GlobalAveragePooling3D", (k, n) => new GlobalAveragePooling3D(keepDims: k, name: n));

        SerializationRegistry.Register<BatchNormalization>("BatchNormalization", c =>
        {
            c.LayerDType();
            c.RequireNull("beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint");
            if (c.Bool("synchronized", false)) throw new ModelFileError(c.Where, "'synchronized' batch normalization is not supported.");
            int axis = c.Json["axis"] is JsonArray axes ? axes.Count == 1 ? axes[0]!.GetValue<int>() : throw new ModelFileError(c.Where, "only one 'axis' is supported.")
                : c.Int("axis", -1);
            return new BatchNormalization(axis, c.Double("momentum", 0.99), c.Double("epsilon", 1e-3), c.Bool("center", true), c.Bool("scale", true),
                c.Initializer("beta_initializer", new Zeros()), c.Initializer("gamma_initializer", new Ones()),
                c.Initializer("moving_mean_initializer", new Zeros()), c.Initializer("moving_variance_initializer", new Ones()), c.String("name"));
        }, l => new JsonObject
        {
            ["axis"] = l.Axis, ["momentum"] = l.Momentum, ["epsilon"] = l.Epsilon, ["center"] = l.Center, ["scale"] = l.Scale,
            ["beta_initializer"] = ConfigWriter.Initializer(l.BetaInitializer, $"layer '{l.Name}'"),
            ["gamma_initializer"] = ConfigWriter.Initializer(l.GammaInitializer, $"layer '{l.Name}'"),
            ["moving_mean_initializer"] = ConfigWriter.Initializer(l.MovingMeanInitializer, $"layer '{l.Name}'"),
            ["moving_variance_initializer"] = ConfigWriter.Initializer(l.MovingVarianceInitializer, $"layer '{l.Name}'"),
            ["beta_regularizer"] = null, ["gamma_regularizer"] = null, ["beta_constraint"] = null, ["gamma_constraint"] = null,
            ["synchronized"] = false,
        });
    }

    private sealed record ConvArgs(int Filters, int[] KernelSize, int[] Strides, string Padding, int[] Dilation, int Groups,
        Activation Activation, bool UseBias, Initializer KernelInitializer, Initializer BiasInitializer, string Name);

    private static void RegisterConv<T>(string className, int rank, Func<ConfigReader, ConvArgs, T> make) where T : BaseConv =>
        SerializationRegistry.Register<T>(className, c =>
        {
            c.LayerDType();
            c.RequireNull(ConvUnsupported);
            c.Choice("data_format", "channels_last", "channels_last");
            var ones = Enumerable.Repeat(1, rank).ToArray();
            var args = new ConvArgs(c.Int("filters"), c.IntTuple("kernel_size", rank), c.IntTuple("strides", rank, ones),
                c.Choice("padding", "valid", "valid", "same", "causal"), c.IntTuple("dilation_rate", rank, ones), c.Int("groups", 1),
                c.Activation(), c.Bool("use_bias", true), c.Initializer("kernel_initializer", new GlorotUniform()),
                c.Initializer("bias_initializer", new Zeros()), c.String("name"));
            return make(c, args);
        }, l => new JsonObject
        {
            ["filters"] = l.Filters, ["kernel_size"] = ConfigWriter.Tuple(l.KernelSize), ["strides"] = ConfigWriter.Tuple(l.Strides),
            ["padding"] = l.Padding, ["data_format"] = "channels_last", ["dilation_rate"] = ConfigWriter.Tuple(l.DilationRate),
            ["groups"] = l.Groups, ["activation"] = ConfigWriter.Activation(l.Activation, $"layer '{l.Name}'"), ["use_bias"] = l.UseBias,
            ["kernel_initializer"] = ConfigWriter.Initializer(l.KernelInitializer, $"layer '{l.Name}'"),
            ["bias_initializer"] = ConfigWriter.Initializer(l.BiasInitializer, $"layer '{l.Name}'"),
            ["kernel_regularizer"] = null, ["bias_regularizer"] = null, ["activity_regularizer"] = null,
            ["kernel_constraint"] = null, ["bias_constraint"] = null,
        });

    private static void RegisterPool<T>(string className, int rank, Func<int[], int[]?, string, string, T> make) where T : BasePooling =>
        SerializationRegistry.Register<T>(className, c =>
        {
            c.LayerDType();
            c.Choice("data_format", "channels_last", "channels_last");
            var pool = c.IntTuple("pool_size", rank);
            int[]? strides = c.Has("strides") ? c.IntTuple("strides", rank) : null;
            return make(pool, strides, c.Choice("padding", "valid", "valid", "same"), c.String("name"));
        }, l => new JsonObject
        {
            ["pool_size"] = ConfigWriter.Tuple(l.PoolSize), ["padding"] = l.Padding, ["strides"] = ConfigWriter.Tuple(l.Strides),
            ["data_format"] = "channels_last",
        });

    private static void RegisterGlobal<T>(string className, Func<bool, string, T> make) where T : GlobalPooling =>
        SerializationRegistry.Register<T>(className, c =>
        {
            c.LayerDType();
            c.Choice("data_format", "channels_last", "channels_last");
            return make(c.Bool("keepdims", false), c.String("name"));
        }, l => new JsonObject { ["data_format"] = "channels_last", ["keepdims"] = l.KeepDims });
}
