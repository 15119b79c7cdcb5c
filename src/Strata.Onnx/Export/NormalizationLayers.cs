using Strata.Keras.Layers;
using Strata.Onnx.Graph;

namespace Strata.Onnx.Export;

/// <summary>BatchNormalization in inference, and LayerNormalization over trailing axes.</summary>
internal static class NormalizationLayers
{
    /// <summary>x · scale + shift, with scale = γ / √(var + ε) and shift = β − mean · scale folded in double precision
    /// at export time.</summary>
    public static OnnxValue BatchNorm(ExportContext ctx, BatchNormalization layer, OnnxValue x)
    {
        int rank = x.Rank;
        int axis = layer.Axis < 0 ? layer.Axis + rank : layer.Axis;
        var mean = ExportContext.Floats(layer.MovingMean!);
        var variance = ExportContext.Floats(layer.MovingVariance!);
        var gamma = layer.Gamma is null ? null : ExportContext.Floats(layer.Gamma);
        var beta = layer.Beta is null ? null : ExportContext.Floats(layer.Beta);
        int dim = mean.Length;
        var scale = new float[dim];
        var shift = new float[dim];
        for (int c = 0; c < dim; c++)
        {
            double s = (gamma?[c] ?? 1.0) / Math.Sqrt(variance[c] + layer.Epsilon);
            scale[c] = (float)s;
            shift[c] = (float)((beta?[c] ?? 0.0) - mean[c] * s);
        }
        // Channels-first keeps the channel axis at 1; otherwise the statistics broadcast along the Keras axis.
        bool first = x.ChannelsFirst && axis == rank - 1;
        var input = first ? x.Name : ctx.ChannelsLast(x);
        int onnxAxis = first ? 1 : axis;
        long[] dims = [dim, .. Enumerable.Repeat(1L, rank - 1 - onnxAxis)];
        var g = ctx.Graph;
        var y = g.Add("Mul", layer.Name, [input, g.Constant($"{layer.Name}/scale", scale, dims)]);
        y = g.Add("Add", layer.Name, [y, g.Constant($"{layer.Name}/shift", shift, dims)]);
        return new OnnxValue(y, x.Shape, first);
    }

    /// <summary>ONNX's LayerNormalization normalizes from one axis to the last: the layer's axes must be those (Keras's
    /// default, the last axis, is).</summary>
    public static OnnxValue LayerNorm(ExportContext ctx, LayerNormalization layer, OnnxValue x)
    {
        int rank = x.Rank;
        var axes = layer.Axes.Select(a => a < 0 ? a + rank : a).Order().ToArray();
        if (!axes.SequenceEqual(Enumerable.Range(rank - axes.Length, axes.Length)))
            throw new NotSupportedException(
                $"ONNX export: {CoreLayers.Describe(layer)} normalizes axes [{string.Join(", ", layer.Axes)}]; only trailing axes (such as the default -1) are exported.");
        var g = ctx.Graph;
        long[] dims = axes.Select(a => (long)x.Shape[a]).ToArray();
        int count = (int)dims.Aggregate(1L, (p, d) => p * d);
        var scale = layer.Gamma is { } gamma ? ctx.Weight($"{layer.Name}/gamma", gamma) : g.Constant($"{layer.Name}/ones", Enumerable.Repeat(1f, count).ToArray(), dims);
        string[] inputs = layer.Beta is { } beta ? [ctx.ChannelsLast(x), scale, ctx.Weight($"{layer.Name}/beta", beta)] : [ctx.ChannelsLast(x), scale];
        var y = g.Add("LayerNormalization", layer.Name, inputs, OnnxAttribute.Of("axis", (long)axes[0]), OnnxAttribute.Of("epsilon", (float)layer.Epsilon));
        return new OnnxValue(y, x.Shape);
    }
}
