using Strata.Keras.Layers;
using Strata.Onnx.Graph;

namespace Strata.Onnx.Export;

/// <summary>
/// Conv1D/2D/3D, DepthwiseConv2D, SeparableConv1D/2D and Conv1D/2D/3DTranspose as ONNX Conv and ConvTranspose nodes on channels-first values. Keras's
/// kernels (kernel…, in, out) become ONNX's (out, in, kernel…); TensorFlow's "same" padding (the odd pixel after)
/// and "causal" padding become explicit pads, computed from the input's size, so no auto_pad rule is relied on.
/// </summary>
internal static class ConvLayers
{
    public static OnnxValue Conv(ExportContext ctx, BaseConv layer, OnnxValue x, Shape outputShape)
    {
        var w = KernelToOnnx(ctx, layer.Name, layer.Kernel!, depthwise: false);
        var y = ConvNode(ctx, layer.Name, ctx.ChannelsFirst(x), w, layer.Bias, x.Shape, [.. layer.KernelSize], [.. layer.Strides],
            [.. layer.DilationRate], layer.Padding, layer.Groups);
        return Activations.Apply(ctx, new OnnxValue(y, outputShape, ChannelsFirst: true), layer.Activation, layer.Name, CoreLayers.Describe(layer));
    }

    /// <summary>A grouped convolution with one group per input channel; output channel c·multiplier + m, as TensorFlow's.</summary>
    public static OnnxValue Depthwise(ExportContext ctx, DepthwiseConv2D layer, OnnxValue x, Shape outputShape)
    {
        var w = KernelToOnnx(ctx, layer.Name, layer.Kernel!, depthwise: true);
        var y = ConvNode(ctx, layer.Name, ctx.ChannelsFirst(x), w, layer.Bias, x.Shape, [.. layer.KernelSize], [.. layer.Strides],
            [.. layer.DilationRate], layer.Padding, groups: x.Shape[-1]);
        return Activations.Apply(ctx, new OnnxValue(y, outputShape, ChannelsFirst: true), layer.Activation, layer.Name, CoreLayers.Describe(layer));
    }

    /// <summary>The depthwise convolution (no bias) then the pointwise 1×…×1 one with the bias.</summary>
    public static OnnxValue Separable(ExportContext ctx, BaseSeparableConv layer, OnnxValue x, Shape outputShape)
    {
        var depthwise = KernelToOnnx(ctx, $"{layer.Name}/depthwise", layer.DepthwiseKernel!, depthwise: true);
        var mid = ConvNode(ctx, layer.Name, ctx.ChannelsFirst(x), depthwise, null, x.Shape, [.. layer.KernelSize], [.. layer.Strides],
            [.. layer.DilationRate], layer.Padding, groups: x.Shape[-1]);
        var pointwise = KernelToOnnx(ctx, $"{layer.Name}/pointwise", layer.PointwiseKernel!, depthwise: false);
        var ones = Enumerable.Repeat(1, layer.ConvRank).ToArray();
        var y = ConvNode(ctx, layer.Name, mid, pointwise, layer.Bias, outputShape, ones, ones, ones, "valid", 1);
        return Activations.Apply(ctx, new OnnxValue(y, outputShape, ChannelsFirst: true), layer.Activation, layer.Name, CoreLayers.Describe(layer));
    }

    /// <summary>
    /// ConvTranspose with TensorFlow's conv_transpose geometry for the layer's output size O: the padding the
    /// forward convolution from O would have, max((n − 1)·s + k_eff − O, 0) split with the odd one after, and any
    /// rows still missing at the end as output_padding (they get the bias only, as in TensorFlow). ONNX's
    /// (in, out, k…) weight is Keras's (k…, out, in) read by the same regrouping as Conv's.
    /// </summary>
    public static OnnxValue Transpose(ExportContext ctx, BaseConvTranspose layer, OnnxValue x, Shape outputShape)
    {
        int rank = layer.ConvRank;
        var pads = new long[2 * rank];
        var outputPadding = new long[rank];
        for (int d = 0; d < rank; d++)
        {
            int n = x.Shape[1 + d], o = outputShape[1 + d], s = layer.Strides[d];
            if (n < 0 || o < 0)
                throw new NotSupportedException($"ONNX export: {CoreLayers.Describe(layer)} has an input of unknown spatial size {x.Shape}; give the model's input a fixed size.");
            int full = (n - 1) * s + (layer.KernelSize[d] - 1) * layer.DilationRate[d] + 1;
            int total = layer.Padding == "same" ? Math.Max(full - o, 0) : 0;
            pads[d] = total / 2;
            pads[rank + d] = total - total / 2;
            outputPadding[d] = o - (full - total);
        }
        var w = KernelToOnnx(ctx, layer.Name, layer.Kernel!, depthwise: false);
        string[] inputs = layer.Bias is null ? [ctx.ChannelsFirst(x), w] : [ctx.ChannelsFirst(x), w, ctx.Weight($"{layer.Name}/bias", layer.Bias)];
        var y = ctx.Graph.Add("ConvTranspose", layer.Name, inputs,
            OnnxAttribute.Of("kernel_shape", layer.KernelSize), OnnxAttribute.Of("strides", layer.Strides),
            OnnxAttribute.Of("dilations", layer.DilationRate), OnnxAttribute.Of("pads", pads), OnnxAttribute.Of("output_padding", outputPadding));
        return Activations.Apply(ctx, new OnnxValue(y, outputShape, ChannelsFirst: true), layer.Activation, layer.Name, CoreLayers.Describe(layer));
    }

    private static string ConvNode(ExportContext ctx, string layer, string x, string weights, Variable? bias, Shape inputShape,
        int[] kernel, int[] strides, int[] dilations, string padding, int groups)
    {
        string[] inputs = bias is null ? [x, weights] : [x, weights, ctx.Weight($"{layer}/bias", bias)];
        return ctx.Graph.Add("Conv", layer, inputs,
            [OnnxAttribute.Of("kernel_shape", kernel), OnnxAttribute.Of("strides", strides), OnnxAttribute.Of("dilations", dilations),
             OnnxAttribute.Of("group", (long)groups), .. Padding.Attributes(inputShape, kernel, strides, dilations, padding)]);
    }

    /// <summary>
    /// Keras (k…, a, b) → ONNX (b, a, k…). A depthwise kernel (k…, channels, multiplier) is read as
    /// (k…, 1, channels·multiplier): each output channel c·multiplier + m sees one input channel.
    /// </summary>
    private static string KernelToOnnx(ExportContext ctx, string hint, Variable kernel, bool depthwise)
    {
        var dims = kernel.Shape.ToArray();
        int rank = dims.Length - 2;
        var values = ExportContext.Floats(kernel);
        int a = depthwise ? 1 : dims[^2], b = depthwise ? dims[^2] * dims[^1] : dims[^1];
        int spatial = 1;
        for (int d = 0; d < rank; d++) spatial *= dims[d];
        var result = new float[values.Length];
        for (int s = 0; s < spatial; s++)
            for (int i = 0; i < a; i++)
                for (int o = 0; o < b; o++)
                    result[((long)o * a + i) * spatial + s] = values[((long)s * a + i) * b + o];
        long[] onnxDims = [b, a, .. dims[..rank].Select(d => (long)d)];
        return ctx.Graph.Constant($"{hint}/kernel", result, onnxDims);
    }
}
