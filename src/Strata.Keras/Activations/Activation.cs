namespace Strata.Keras;

/// <summary>
/// A layer activation, given by Keras name (<c>"relu"</c>, <c>"sigmoid"</c>, …) or as a function.
/// Strings and delegates convert to it implicitly, so <c>activation: "sigmoid"</c> reads as in Keras.
/// </summary>
public sealed class Activation
{
    /// <summary>The Keras name the activation is saved under (<c>"relu"</c>, <c>"linear"</c>, …), or a delegate's
    /// method name.</summary>
    public string Name { get; }
    private readonly Func<Tensor, Tensor> _fn;

    /// <summary>An activation applying <paramref name="fn"/>, saved and printed as <paramref name="name"/>.</summary>
    /// <param name="name">The name a model config records; <see cref="Get"/> can rebuild only Keras's own names.</param>
    /// <param name="fn">The elementwise function applied to a layer's output.</param>
    public Activation(string name, Func<Tensor, Tensor> fn)
    {
        Name = name;
        _fn = fn;
    }

    /// <summary>Applies the activation to <paramref name="x"/>.</summary>
    /// <param name="x">A layer's pre-activation output.</param>
    /// <returns>The activated tensor, of <paramref name="x"/>'s shape for every built-in activation.</returns>
    public Tensor Invoke(Tensor x) => _fn(x);

    /// <summary>Set for the activations the engine can apply in the same pass as a bias (Dense's last step).</summary>
    internal FusedActivation? Fused { get; private init; }

    /// <summary>Keras 3's activation names (keras.activations.get), in the order an unknown name lists them.</summary>
    public static readonly string[] KnownNames =
    [
        "linear", "relu", "sigmoid", "tanh", "softmax", "log_softmax", "exponential", "softplus", "softsign", "elu", "selu",
        "gelu", "leaky_relu", "relu6", "silu", "swish", "hard_sigmoid", "hard_silu", "hard_swish", "mish",
    ];

    /// <summary>An activation by Keras name with Keras 3's defaults (leaky_relu's negative slope 0.2, gelu exact).</summary>
    public static Activation Get(string? name) => (name ?? "linear").ToLowerInvariant() switch
    {
        "linear" or "none" => Linear,
        "relu" => new("relu", tf.Relu) { Fused = FusedActivation.Relu },
        "sigmoid" => new("sigmoid", tf.Sigmoid) { Fused = FusedActivation.Sigmoid },
        "tanh" => new("tanh", tf.Tanh) { Fused = FusedActivation.Tanh },
        "softmax" => new("softmax", x => tf.Softmax(x)),
        "log_softmax" => new("log_softmax", x => tf.LogSoftmax(x)),
        "exponential" => new("exponential", tf.Exp),
        "softplus" => new("softplus", tf.Softplus),
        "softsign" => new("softsign", tf.Softsign),
        "elu" => new("elu", x => tf.Elu(x)),
        "selu" => new("selu", tf.Selu),
        "gelu" => new("gelu", x => tf.Gelu(x)),
        "leaky_relu" => new("leaky_relu", x => tf.LeakyRelu(x, 0.2)),
        "relu6" => new("relu6", tf.Relu6),
        "silu" => new("silu", tf.Swish),
        "swish" => new("swish", tf.Swish),
        "hard_sigmoid" => new("hard_sigmoid", tf.HardSigmoid),
        "hard_silu" => new("hard_silu", tf.HardSwish),
        "hard_swish" => new("hard_swish", tf.HardSwish),
        "mish" => new("mish", tf.Mish),
        _ => throw new InvalidArgumentError($"Unknown activation '{name}'. Known: {string.Join(", ", KnownNames)}."),
    };

    /// <summary>keras.activations.linear: the identity, a layer's default when no activation is given.</summary>
    public static readonly Activation Linear = new("linear", static x => x) { Fused = FusedActivation.Linear };

    /// <summary>Looks up a Keras activation by name, as <see cref="Get"/> does (<c>activation: "relu"</c>).</summary>
    public static implicit operator Activation(string name) => Get(name);
    /// <summary>Wraps a function as an activation named after its method (<c>activation: tf.Tanh</c>).</summary>
    public static implicit operator Activation(Func<Tensor, Tensor> fn) => new(fn.Method.Name, fn);

    /// <summary>The activation's <see cref="Name"/>.</summary>
    public override string ToString() => Name;
}
