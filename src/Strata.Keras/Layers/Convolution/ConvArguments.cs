namespace Strata.Keras.Layers;

/// <summary>Keras's argument standardisation for the convolution layers (keras/src/utils/argument_validation.py),
/// with its messages.</summary>
internal static class ConvArguments
{
    /// <summary>Keras's <c>standardize_tuple</c>: one value per spatial axis, each > 0 (>= 0 with <paramref name="allowZero"/>).</summary>
    public static int[] Tuple(IntTuple value, int n, string name, bool allowZero = false, int fallback = 1)
    {
        int[] tuple = value.IsDefault ? Enumerable.Repeat(fallback, n).ToArray()
            : value.Values.Length == 1 ? Enumerable.Repeat(value.Values[0], n).ToArray()
            : value.Values.ToArray();
        string shown = value.IsDefault ? fallback.ToString() : value.ToString();
        string message = $"The `{name}` argument must be a tuple of {n} integers. Received {name}={shown}";
        if (tuple.Length != n) throw new InvalidArgumentError(message);
        var bad = tuple.Where(v => allowZero ? v < 0 : v <= 0).Distinct().ToArray();
        if (bad.Length > 0)
            throw new InvalidArgumentError(
                $"{message}, including values {{{string.Join(", ", bad)}}} that do not satisfy `value {(allowZero ? ">= 0" : "> 0")}`");
        return tuple;
    }

    /// <summary>Keras's <c>standardize_padding</c>: "valid", "same" and, for Conv1D, "causal" (any case).</summary>
    public static string Padding(string padding, bool allowCausal)
    {
        string p = (padding ?? "None").ToLowerInvariant();
        if (p is "valid" or "same" || (allowCausal && p == "causal")) return p;
        throw new InvalidArgumentError(
            $"The `padding` argument must be a list/tuple or one of {(allowCausal ? "{'valid', 'same', 'causal'}" : "{'valid', 'same'}")}. Received: {p}");
    }

    /// <summary>Keras's <c>standardize_data_format</c>; channels_first is refused: the kernels are channels-last.</summary>
    public static string DataFormat(string? dataFormat, string layer)
    {
        string f = (dataFormat ?? "channels_last").ToLowerInvariant();
        if (f == "channels_last") return f;
        if (f == "channels_first")
            throw new InvalidArgumentError(
                $"{layer}: data_format=\"channels_first\" is not supported (Strata's convolutions are channels_last); " +
                "transpose the input to channels last instead, e.g. tf.Transpose(x, [0, 2, 3, 1]) for images.");
        throw new InvalidArgumentError(
            $"The `data_format` argument must be one of {{'channels_first', 'channels_last'}}. Received: data_format={dataFormat}");
    }

    public static void Positive(int value, string name)
    {
        if (value <= 0)
            throw new InvalidArgumentError($"Invalid value for argument `{name}`. Expected a strictly positive value. Received {name}={value}.");
    }

    public static void NoStrideWithDilation(int[] strides, int[] dilationRate)
    {
        if (strides.Max() > 1 && dilationRate.Max() > 1)
            throw new InvalidArgumentError(
                $"`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides={Py(strides)} and dilation_rate={Py(dilationRate)}");
    }

    /// <summary>A tuple as Python prints it: (3,) or (3, 3).</summary>
    public static string Py(int[] t) => t.Length == 1 ? $"({t[0]},)" : $"({string.Join(", ", t)})";
}
