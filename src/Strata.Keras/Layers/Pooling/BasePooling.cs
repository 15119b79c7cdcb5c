using Strata.Keras.Engine;

namespace Strata.Keras.Layers;

/// <summary>
/// Keras 3's BasePooling: max or average pooling over 1 to 3 spatial axes. <see cref="Strides"/> default to the
/// pool size, padding "valid" or "same" (same: TensorFlow's padding, the extra after; an average counts only the
/// valid elements), channels_last (channels_first is transposed to it and back). Integer inputs are pooled as
/// float32. No weights.
/// </summary>
public abstract class BasePooling : Layer
{
    private readonly int _dims;
    private readonly bool _max;

    private protected BasePooling(int dims, bool max, int[] poolSize, int[]? strides, string padding, string? dataFormat,
        string? name, Shape? inputShape) : base(name, inputShape)
    {
        _dims = dims;
        _max = max;
        PoolSize = PoolingArguments.Tuple(poolSize, dims, "pool_size");
        Strides = strides is null ? PoolSize : PoolingArguments.Tuple(strides, dims, "strides");
        Padding = PoolingArguments.Padding(padding);
        DataFormat = PoolingArguments.DataFormat(dataFormat);
        InputSpec = new InputSpec(ndim: dims + 2);
    }

    /// <summary>The window size per spatial axis.</summary>
    public IReadOnlyList<int> PoolSize { get; }
    /// <summary>The step per spatial axis (the pool size unless given).</summary>
    public IReadOnlyList<int> Strides { get; }

    /// <summary>"valid" or "same".</summary>
    public string Padding { get; }

    /// <summary>"channels_last" or "channels_first".</summary>
    public string DataFormat { get; }

    /// <summary>Pools the input (no weights, the same in training and inference).</summary>
    public override Tensor Call(Tensor inputs)
    {
        Guard.NotNull(inputs, $"{ClassName} '{Name}'", "inputs");
        var x = inputs.DType.IsFloating ? inputs : tf.Cast(inputs, DType.Float32);
        bool first = DataFormat == "channels_first";
        if (first && x.Rank == _dims + 2) x = tf.Transpose(x, PoolingArguments.ToChannelsLast(x.Rank));
        int[] k = [.. PoolSize], s = [.. Strides];
        string padding = Padding == "same" ? "SAME" : "VALID";
        var y = (_max, _dims) switch
        {
            (true, 1) => tf.MaxPool1D(x, k, s, padding),
            (true, 2) => tf.MaxPool2D(x, k, s, padding),
            (true, _) => tf.MaxPool3D(x, k, s, padding),
            (false, 1) => tf.AvgPool1D(x, k, s, padding),
            (false, 2) => tf.AvgPool2D(x, k, s, padding),
            _ => tf.AvgPool3D(x, k, s, padding),
        };
        return first ? tf.Transpose(y, PoolingArguments.ToChannelsFirst(y.Rank)) : y;
    }
}
