namespace Strata.Keras.Layers;

/// <summary>Keras 3's argument checks for pooling layers (argument_validation.standardize_tuple,
/// standardize_padding, standardize_data_format), with its messages.</summary>
internal static class PoolingArguments
{
    public static int[] Tuple(int[] values, int n, string name)
    {
        if (values.Length != n)
            throw new InvalidArgumentError($"The `{name}` argument must be a tuple of {n} integers. Received {name}=({string.Join(", ", values)})");
        var bad = values.Where(v => v <= 0).Distinct().ToArray();
        if (bad.Length > 0)
            throw new InvalidArgumentError(
                $"The `{name}` argument must be a tuple of {n} integers. Received {name}=({string.Join(", ", values)}), " +
                $"including values {{{string.Join(", ", bad)}}} that do not satisfy `value > 0`");
        return (int[])values.Clone();
    }

    public static string Padding(string padding)
    {
        var p = padding?.ToLowerInvariant();
        if (p is not ("valid" or "same"))
            throw new InvalidArgumentError($"The `padding` argument must be one of \"valid\", \"same\". Received: padding={padding}");
        return p;
    }

    public static string DataFormat(string? dataFormat)
    {
        var f = (dataFormat ?? "channels_last").ToLowerInvariant();
        if (f is not ("channels_last" or "channels_first"))
            throw new InvalidArgumentError(
                $"The `data_format` argument must be one of {{'channels_first', 'channels_last'}}. Received: data_format={dataFormat}");
        return f;
    }

    /// <summary>The permutation that moves the channel axis of a channels_first tensor of <paramref name="rank"/> last.</summary>
    public static int[] ToChannelsLast(int rank) => [0, .. Enumerable.Range(2, rank - 2), 1];

    /// <summary>The inverse: channels last back to second.</summary>
    public static int[] ToChannelsFirst(int rank) => [0, rank - 1, .. Enumerable.Range(1, rank - 2)];
}
