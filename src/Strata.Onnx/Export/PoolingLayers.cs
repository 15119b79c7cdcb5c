using Strata.Keras.Layers;
using Strata.Onnx.Graph;

namespace Strata.Onnx.Export;

/// <summary>Max and average pooling (1-D to 3-D) on channels-first values, and global pooling as reductions.</summary>
internal static class PoolingLayers
{
    /// <summary>ONNX's AveragePool leaves padding out of the count by default (count_include_pad 0), as TensorFlow's "same" does.</summary>
    public static OnnxValue Pool(ExportContext ctx, BasePooling layer, OnnxValue x, Shape outputShape)
    {
        RequireChannelsLast(layer.DataFormat, layer);
        bool max = layer is MaxPooling1D or MaxPooling2D or MaxPooling3D;
        int[] k = [.. layer.PoolSize], s = [.. layer.Strides];
        var y = ctx.Graph.Add(max ? "MaxPool" : "AveragePool", layer.Name, [ctx.ChannelsFirst(x)],
            [OnnxAttribute.Of("kernel_shape", k), OnnxAttribute.Of("strides", s),
             .. Padding.Attributes(x.Shape, k, s, Enumerable.Repeat(1, k.Length).ToArray(), layer.Padding)]);
        return new OnnxValue(y, outputShape, ChannelsFirst: true);
    }

    /// <summary>ReduceMax/ReduceMean over the spatial axes in whichever layout the value is in. From channels-first
    /// without keepdims the result (batch, channels) is already Keras's layout.</summary>
    public static OnnxValue Global(ExportContext ctx, GlobalPooling layer, OnnxValue x, Shape outputShape)
    {
        RequireChannelsLast(layer.DataFormat, layer);
        bool max = layer is GlobalMaxPooling1D or GlobalMaxPooling2D or GlobalMaxPooling3D;
        int first = x.ChannelsFirst ? 2 : 1;
        var axes = Enumerable.Range(first, x.Rank - 2).Select(a => (long)a).ToArray();
        var y = ctx.Graph.Add(max ? "ReduceMax" : "ReduceMean", layer.Name, [x.Name],
            OnnxAttribute.Of("axes", axes), OnnxAttribute.Of("keepdims", layer.KeepDims ? 1L : 0L));
        return new OnnxValue(y, outputShape, ChannelsFirst: x.ChannelsFirst && layer.KeepDims);
    }

    private static void RequireChannelsLast(string dataFormat, Layer layer)
    {
        if (dataFormat != "channels_last")
            throw new NotSupportedException($"ONNX export: {CoreLayers.Describe(layer)} uses data_format '{dataFormat}'; only channels_last is exported.");
    }
}
