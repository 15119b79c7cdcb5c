using Strata.Keras;
using Strata.Onnx.Graph;

namespace Strata.Onnx.Export;

/// <summary>
/// Keras activations as ONNX opset-17 nodes. Elementwise ones run in whatever layout the value is in; softmax
/// and log_softmax act on the last Keras axis, so they first bring the value back to Keras's layout. Activations
/// opset 17 lacks (gelu, mish, swish) are composed from the ops it has, in the formula Strata uses.
/// </summary>
internal static class Activations
{
    public static OnnxValue Apply(ExportContext ctx, OnnxValue x, Activation activation, string hint, string layerDescription)
    {
        var g = ctx.Graph;
        string name = activation.Name;
        if (name == "linear") return x;
        if (name is "softmax" or "log_softmax")
        {
            var input = ctx.ChannelsLast(x);
            return x with { Name = g.Add(name == "softmax" ? "Softmax" : "LogSoftmax", hint, [input], OnnxAttribute.Of("axis", -1L)), ChannelsFirst = false };
        }
        return x with { Name = Elementwise(g, x.Name, name, hint) ?? throw Unsupported(name, layerDescription) };
    }

    /// <summary>The elementwise activation <paramref name="name"/> applied to <paramref name="x"/>; null if unknown.</summary>
    public static string? Elementwise(GraphBuilder g, string x, string name, string hint) => name switch
    {
        "relu" => g.Add("Relu", hint, [x]),
        "sigmoid" => g.Add("Sigmoid", hint, [x]),
        "tanh" => g.Add("Tanh", hint, [x]),
        "exponential" => g.Add("Exp", hint, [x]),
        "softplus" => g.Add("Softplus", hint, [x]),
        "softsign" => g.Add("Softsign", hint, [x]),
        "elu" => g.Add("Elu", hint, [x], OnnxAttribute.Of("alpha", 1f)),
        // ONNX's default alpha and gamma are TensorFlow's SELU constants.
        "selu" => g.Add("Selu", hint, [x]),
        "leaky_relu" => g.Add("LeakyRelu", hint, [x], OnnxAttribute.Of("alpha", 0.2f)),
        "relu6" => Relu6(g, x, hint),
        // Keras 3's hard_sigmoid is relu6(x + 3) / 6: ONNX's HardSigmoid with alpha 1/6, beta 1/2.
        "hard_sigmoid" => g.Add("HardSigmoid", hint, [x], OnnxAttribute.Of("alpha", 1f / 6), OnnxAttribute.Of("beta", 0.5f)),
        "hard_silu" or "hard_swish" => g.Add("HardSwish", hint, [x]),
        "silu" or "swish" => g.Add("Mul", hint, [x, g.Add("Sigmoid", hint, [x])]),
        "gelu" => Gelu(g, x, hint),
        "mish" => g.Add("Mul", hint, [x, g.Add("Tanh", hint, [g.Add("Softplus", hint, [x])])]),
        _ => null,
    };

    public static NotSupportedException Unsupported(string activation, string layerDescription) => new(
        $"ONNX export: {layerDescription} uses the activation '{activation}', which has no ONNX equivalent here. Exportable activations " +
        "are the Keras names: linear, relu, sigmoid, tanh, softmax, log_softmax, exponential, softplus, softsign, elu, selu, " +
        "leaky_relu, relu6, hard_sigmoid, hard_silu, hard_swish, silu, swish, gelu, mish (an activation given as a C# function " +
        "is not; pass its Keras name, e.g. activation: \"sigmoid\").");

    private static string Relu6(GraphBuilder g, string x, string hint) =>
        g.Add("Clip", hint, [x, g.Scalar($"{hint}/zero", 0f), g.Scalar($"{hint}/six", 6f)]);

    /// <summary>The exact gelu: x · (1 + erf(x / √2)) / 2.</summary>
    private static string Gelu(GraphBuilder g, string x, string hint)
    {
        var erf = g.Add("Erf", hint, [g.Add("Mul", hint, [x, g.Scalar($"{hint}/inv_sqrt2", (float)(1 / Math.Sqrt(2)))])]);
        var onePlus = g.Add("Add", hint, [erf, g.Scalar($"{hint}/one", 1f)]);
        return g.Add("Mul", hint, [g.Add("Mul", hint, [x, onePlus]), g.Scalar($"{hint}/half", 0.5f)]);
    }
}
