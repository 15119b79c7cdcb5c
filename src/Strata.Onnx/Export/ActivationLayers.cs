using Strata.Keras.Layers;
using Strata.Onnx.Graph;

namespace Strata.Onnx.Export;

/// <summary>The activation layers: Activation, ReLU, LeakyReLU, ELU, Softmax and PReLU.</summary>
internal static class ActivationLayers
{
    public static OnnxValue Activation(ExportContext ctx, ActivationLayer layer, OnnxValue x) =>
        Activations.Apply(ctx, x, layer.Activation, layer.Name, CoreLayers.Describe(layer));

    /// <summary>Plain relu, relu capped at a maximum, or a leaky relu; a threshold is not exported.</summary>
    public static OnnxValue ReLU(ExportContext ctx, ReLU layer, OnnxValue x)
    {
        var g = ctx.Graph;
        if (layer.Threshold != 0 || (layer.NegativeSlope != 0 && layer.MaxValue is not null))
            throw new NotSupportedException(
                $"ONNX export: {CoreLayers.Describe(layer)} combines a threshold or a negative slope with a maximum value, which is not exported.");
        if (layer.NegativeSlope != 0)
            return x with { Name = g.Add("LeakyRelu", layer.Name, [x.Name], OnnxAttribute.Of("alpha", (float)layer.NegativeSlope)) };
        return x with
        {
            Name = layer.MaxValue is { } max
                ? g.Add("Clip", layer.Name, [x.Name, g.Scalar($"{layer.Name}/min", 0f), g.Scalar($"{layer.Name}/max", (float)max)])
                : g.Add("Relu", layer.Name, [x.Name]),
        };
    }

    public static OnnxValue LeakyReLU(ExportContext ctx, LeakyReLU layer, OnnxValue x) =>
        x with { Name = ctx.Graph.Add("LeakyRelu", layer.Name, [x.Name], OnnxAttribute.Of("alpha", (float)layer.NegativeSlope)) };

    public static OnnxValue ELU(ExportContext ctx, ELU layer, OnnxValue x) =>
        x with { Name = ctx.Graph.Add("Elu", layer.Name, [x.Name], OnnxAttribute.Of("alpha", (float)layer.Alpha)) };

    /// <summary>Softmax on a Keras axis, in Keras's layout.</summary>
    public static OnnxValue Softmax(ExportContext ctx, Softmax layer, OnnxValue x) =>
        new(ctx.Graph.Add("Softmax", layer.Name, [ctx.ChannelsLast(x)], OnnxAttribute.Of("axis", (long)layer.Axis)), x.Shape);

    /// <summary>PRelu with the learned slopes, which broadcast against (batch, …) in Keras's layout.</summary>
    public static OnnxValue PReLU(ExportContext ctx, PReLU layer, OnnxValue x) =>
        new(ctx.Graph.Add("PRelu", layer.Name, [ctx.ChannelsLast(x), ctx.Weight($"{layer.Name}/alpha", layer.Alpha!)]), x.Shape);
}
