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
        "softplus" => new("softplus", Softplus),
        _ => throw new InvalidArgumentError(
            $"Unknown activation '{name}'. Known: linear, relu, sigmoid, tanh, softmax, log_softmax, exponential, softplus."),
    };

    /// <summary>
    /// log(1 + e^x) as tf.nn.softplus gives it: x where e^x would overflow or swamp the 1, e^x where the 1 swamps
    /// e^x, computed in float64 (so a float32 result is exact to its precision); its gradient is the sigmoid. The
    /// branches not taken see clipped inputs, so no inf reaches the gradient.
    /// </summary>
    private static Tensor Softplus(Tensor x)
    {
        bool wide = x.DType == DType.Float64;
        var z = wide ? x : tf.Cast(x, DType.Float64);
        double t = wide ? 36 : 20; // beyond t, e^-t is below the result's relative precision
        var hi = Tensor.Scalar(t, DType.Float64);
        var lo = Tensor.Scalar(-t, DType.Float64);
        var middle = tf.Log(tf.Exp(tf.ClipByValue(z, lo, hi)) + 1);
        var y = tf.Where(tf.Greater(z, hi), z, tf.Where(tf.Less(z, lo), tf.Exp(tf.Minimum(z, lo)), middle));
        return wide ? y : tf.Cast(y, x.DType);
    }

    public static readonly Activation Linear = new("linear", static x => x) { Fused = FusedActivation.Linear };

    public static implicit operator Activation(string name) => Get(name);
    public static implicit operator Activation(Func<Tensor, Tensor> fn) => new(fn.Method.Name, fn);

    public override string ToString() => Name;
}
