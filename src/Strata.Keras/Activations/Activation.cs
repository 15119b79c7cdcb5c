namespace Strata.Keras;

/// <summary>
/// A layer activation, given by Keras name (<c>"relu"</c>, <c>"sigmoid"</c>, …) or as a function.
/// Strings and delegates convert to it implicitly, so <c>activation: "sigmoid"</c> reads as in Keras.
/// </summary>
public sealed class Activation
{
    public string Name { get; }
    private readonly Func<Tensor, Tensor> _fn;

    public Activation(string name, Func<Tensor, Tensor> fn)
    {
        Name = name;
        _fn = fn;
    }

    public Tensor Invoke(Tensor x) => _fn(x);

    /// <summary>Set for the activations the engine can apply in the same pass as a bias (Dense's last step).</summary>
    internal FusedActivation? Fused { get; private init; }

    public static Activation Get(string? name) => (name ?? "linear").ToLowerInvariant() switch
    {
        "linear" or "none" => Linear,
        "relu" => new("relu", tf.Relu) { Fused = FusedActivation.Relu },
        "sigmoid" => new("sigmoid", tf.Sigmoid) { Fused = FusedActivation.Sigmoid },
        "tanh" => new("tanh", tf.Tanh) { Fused = FusedActivation.Tanh },
        "softmax" => new("softmax", x => tf.Softmax(x)),
        "log_softmax" => new("log_softmax", x => tf.LogSoftmax(x)),
        "exponential" => new("exponential", tf.Exp),
        "softplus" => new("softplus", x => tf.Log(tf.Exp(x) + 1)),
        _ => throw new InvalidArgumentError(
            $"Unknown activation '{name}'. Known: linear, relu, sigmoid, tanh, softmax, log_softmax, exponential, softplus."),
    };

    public static readonly Activation Linear = new("linear", static x => x) { Fused = FusedActivation.Linear };

    public static implicit operator Activation(string name) => Get(name);
    public static implicit operator Activation(Func<Tensor, Tensor> fn) => new(fn.Method.Name, fn);

    public override string ToString() => Name;
}
