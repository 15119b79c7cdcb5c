using Strata.Keras.Layers;
using Strata.Onnx.Graph;

namespace Strata.Onnx.Export;

/// <summary>Permute and ZeroPadding2D.</summary>
internal static class ReshapingLayers
{
    /// <summary>Keras's dims count the sample's axes from 1; the batch stays first.</summary>
    public static OnnxValue Permute(ExportContext ctx, Permute layer, OnnxValue x, Shape outputShape) =>
        new(ctx.Graph.Add("Transpose", layer.Name, [ctx.ChannelsLast(x)], OnnxAttribute.Of("perm", [0, .. layer.Dims])), outputShape);

    /// <summary>Pad with zeros in whichever layout the value is in (between two convolutions it stays channels-first).</summary>
    public static OnnxValue ZeroPadding2D(ExportContext ctx, ZeroPadding2D layer, OnnxValue x, Shape outputShape)
    {
        var ((top, bottom), (left, right)) = layer.Padding;
        long[] pads = x.ChannelsFirst ? [0, 0, top, left, 0, 0, bottom, right] : [0, top, left, 0, 0, bottom, right, 0];
        var y = ctx.Graph.Add("Pad", layer.Name, [x.Name, ctx.Graph.Int64s($"{layer.Name}/pads", pads)], OnnxAttribute.Of("mode", "constant"));
        return new OnnxValue(y, outputShape, x.ChannelsFirst);
    }
}
