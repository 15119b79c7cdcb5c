using System.Text.Json.Nodes;
using Strata.Keras.Initializers;
using Strata.Keras.Layers;

namespace Strata.Keras.Saving;

/// <summary>Keras 3 configs of SimpleRNN, LSTM and GRU: the cell's arguments and the RNN wrapper's, as Keras's
/// get_config flattens them into one dictionary. Their weights sit under the layer's <c>cell</c> attribute
/// (<c>layers/lstm/cell/vars/0</c>: kernel, recurrent kernel, bias), as Keras 3 files have them.</summary>
internal static class RecurrentSerializers
{
    private static readonly string[] Unsupported =
    [
        "kernel_regularizer", "recurrent_regularizer", "bias_regularizer", "activity_regularizer",
        "kernel_constraint", "recurrent_constraint", "bias_constraint",
    ];

    public static void RegisterAll()
    {
        SerializationRegistry.Register<SimpleRNN>("SimpleRNN", c =>
        {
            var (dtype, sequences, state, backwards, stateful) = Common(c);
            return new SimpleRNN(c.Int("units"), ActivationOr(c, "activation", "tanh"), c.Bool("use_bias", true),
                c.Initializer("kernel_initializer", new GlorotUniform()), c.Initializer("recurrent_initializer", new Orthogonal()),
                c.Initializer("bias_initializer", new Zeros()), c.Double("dropout", 0), c.Double("recurrent_dropout", 0),
                sequences, state, backwards, stateful, c.OptionalLong("seed"), dtype, c.String("name"));
        }, l => Config(l, (BuiltinCell)l.Cell));

        SerializationRegistry.Register<LSTM>("LSTM", c =>
        {
            var (dtype, sequences, state, backwards, stateful) = Common(c);
            return new LSTM(c.Int("units"), ActivationOr(c, "activation", "tanh"), ActivationOr(c, "recurrent_activation", "sigmoid"), c.Bool("use_bias", true),
                c.Initializer("kernel_initializer", new GlorotUniform()), c.Initializer("recurrent_initializer", new Orthogonal()),
                c.Initializer("bias_initializer", new Zeros()), c.Bool("unit_forget_bias", true), c.Double("dropout", 0),
                c.Double("recurrent_dropout", 0), sequences, state, backwards, stateful, c.OptionalLong("seed"), dtype, c.String("name"));
        }, l =>
        {
            var cell = (LSTMCell)l.Cell;
            var config = Config(l, cell);
            config["recurrent_activation"] = ConfigWriter.Activation(cell.RecurrentActivation, $"layer '{l.Name}'");
            config["unit_forget_bias"] = cell.UnitForgetBias;
            return config;
        });

        SerializationRegistry.Register<GRU>("GRU", c =>
        {
            var (dtype, sequences, state, backwards, stateful) = Common(c);
            return new GRU(c.Int("units"), ActivationOr(c, "activation", "tanh"), ActivationOr(c, "recurrent_activation", "sigmoid"), c.Bool("use_bias", true),
                c.Initializer("kernel_initializer", new GlorotUniform()), c.Initializer("recurrent_initializer", new Orthogonal()),
                c.Initializer("bias_initializer", new Zeros()), c.Double("dropout", 0), c.Double("recurrent_dropout", 0),
                sequences, state, backwards, stateful, c.Bool("reset_after", true), c.OptionalLong("seed"), dtype, c.String("name"));
        }, l =>
        {
            var cell = (GRUCell)l.Cell;
            var config = Config(l, cell);
            config["recurrent_activation"] = ConfigWriter.Activation(cell.RecurrentActivation, $"layer '{l.Name}'");
            config["reset_after"] = cell.ResetAfter;
            return config;
        });
    }

    /// <summary>An activation, or the recurrent layers' own default when the key is absent (not linear, as for Dense).</summary>
    private static Activation ActivationOr(ConfigReader c, string key, string fallback) => c.Has(key) ? c.Activation(key) : Activation.Get(fallback);

    /// <summary>The RNN wrapper's arguments; unroll (a graph-building choice) is accepted and ignored.</summary>
    private static (DType DType, bool Sequences, bool State, bool Backwards, bool Stateful) Common(ConfigReader c)
    {
        var dtype = c.LayerDType();
        c.RequireNull(Unsupported);
        return (dtype, c.Bool("return_sequences", false), c.Bool("return_state", false), c.Bool("go_backwards", false), c.Bool("stateful", false));
    }

    private static JsonObject Config(RNN l, BuiltinCell cell)
    {
        string where = $"layer '{l.Name}'";
        var config = new JsonObject
        {
            ["return_sequences"] = l.ReturnSequences,
            ["return_state"] = l.ReturnState,
            ["go_backwards"] = l.GoBackwards,
            ["stateful"] = l.Stateful,
            ["unroll"] = false,
            ["zero_output_for_mask"] = false,
            ["units"] = cell.Units,
            ["activation"] = ConfigWriter.Activation(cell.Activation, where),
            ["use_bias"] = cell.UseBias,
            ["kernel_initializer"] = ConfigWriter.Initializer(cell.KernelInitializer, where),
            ["recurrent_initializer"] = ConfigWriter.Initializer(cell.RecurrentInitializer, where),
            ["bias_initializer"] = ConfigWriter.Initializer(cell.BiasInitializer, where),
            ["dropout"] = cell.Dropout,
            ["recurrent_dropout"] = cell.RecurrentDropout,
            ["seed"] = cell.Seed is { } s ? JsonValue.Create(s) : null,
        };
        foreach (var key in Unsupported) config[key] = null;
        return config;
    }
}
