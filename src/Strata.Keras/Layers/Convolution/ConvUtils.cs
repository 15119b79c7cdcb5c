namespace Strata.Keras.Layers;

/// <summary>Keras's output-size arithmetic of convolutions (keras/src/utils/conv_utils.py, ops/operation_utils.py).</summary>
public static class ConvUtils
{
    /// <summary>
    /// Keras's <c>conv_output_length</c>: the size of a convolution's output along one axis, or -1 (None) for an
    /// unknown input size. "valid": ⌊(in - effective) / stride⌋ + 1; "same" and "causal": ⌈in / stride⌉.
    /// </summary>
    public static int ConvOutputLength(int inputLength, int kernelSize, string padding, int stride = 1, int dilation = 1)
    {
        if (inputLength < 0) return -1;
        int effective = (kernelSize - 1) * dilation + 1;
        return padding.ToLowerInvariant() switch
        {
            "valid" => (int)Math.Floor((double)(inputLength - effective) / stride) + 1,
            "same" or "causal" => (inputLength + stride - 1) / stride,
            _ => throw new InvalidArgumentError($"ConvOutputLength: padding must be 'valid', 'same' or 'causal', got '{padding}'."),
        };
    }

    /// <summary>
    /// Keras's <c>deconv_output_length</c>: the size of a transposed convolution's output along one axis, or -1
    /// (None) for an unknown input size. Without <paramref name="outputPadding"/>: in·stride for "same",
    /// in·stride + max(effective - stride, 0) for "valid"; with it: (in - 1)·stride + effective - 2·pad + outputPadding,
    /// pad = effective / 2 for "same", 0 for "valid".
    /// </summary>
    public static int DeconvOutputLength(int inputLength, int kernelSize, string padding, int? outputPadding = null, int stride = 1, int dilation = 1)
    {
        if (inputLength < 0) return -1;
        string p = padding.ToLowerInvariant();
        if (p is not ("same" or "valid"))
            throw new InvalidArgumentError($"DeconvOutputLength: padding must be 'valid' or 'same', got '{padding}'.");
        int effective = kernelSize + (kernelSize - 1) * (dilation - 1);
        if (outputPadding is not { } extra)
            return p == "valid" ? inputLength * stride + Math.Max(effective - stride, 0) : inputLength * stride;
        int pad = p == "same" ? effective / 2 : 0;
        return (inputLength - 1) * stride + effective - 2 * pad + extra;
    }
}
