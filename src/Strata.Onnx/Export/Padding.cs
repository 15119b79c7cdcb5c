using Strata.Onnx.Graph;

namespace Strata.Onnx.Export;

/// <summary>TensorFlow's padding rules as ONNX pads (begin values for every spatial axis, then end values).</summary>
internal static class Padding
{
    /// <summary>
    /// "valid": none. "same": the output is ceil(n / stride) and the total padding is split with the odd one after.
    /// "causal" (Conv1D): (k − 1)·dilation before. An axis of unknown size with stride > 1 falls back to
    /// ONNX's SAME_UPPER, which is the same rule computed by the runtime.
    /// </summary>
    public static OnnxAttribute[] Attributes(Shape inputShape, int[] kernel, int[] strides, int[] dilations, string padding)
    {
        int n = kernel.Length;
        var pads = new long[2 * n];
        for (int d = 0; d < n; d++)
        {
            int effective = (kernel[d] - 1) * dilations[d] + 1;
            int size = inputShape[1 + d];
            switch (padding)
            {
                case "valid": break;
                case "causal": pads[d] = effective - 1; break;
                case "same" when size < 0 && strides[d] != 1:
                    return [OnnxAttribute.Of("auto_pad", "SAME_UPPER")];
                case "same":
                    int total = size < 0 ? effective - 1 : Math.Max(((size + strides[d] - 1) / strides[d] - 1) * strides[d] + effective - size, 0);
                    pads[d] = total / 2;
                    pads[n + d] = total - total / 2;
                    break;
                default: throw new NotSupportedException($"ONNX export: padding '{padding}' has no ONNX equivalent here.");
            }
        }
        return [OnnxAttribute.Of("pads", pads)];
    }
}
