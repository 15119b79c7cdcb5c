using Strata.Keras.Engine;

namespace Strata.Keras.Layers;

/// <summary>
/// Keras 3's global pooling: the maximum or the mean over all spatial axes, giving (batch, channels), or
/// (batch, 1, …, 1, channels) with <see cref="KeepDims"/>. channels_first reduces the axes after the channels.
/// Integer inputs are pooled as float32.
/// </summary>
public abstract class GlobalPooling : Layer
{
    private readonly int[] _axes;
    private readonly bool _max;

    private protected GlobalPooling(int dims, bool max, string? dataFormat, bool keepDims, string? name, Shape? inputShape)
        : base(name, inputShape)
    {
        _max = max;
        DataFormat = PoolingArguments.DataFormat(dataFormat);
        KeepDims = keepDims;
        _axes = Enumerable.Range(DataFormat == "channels_first" ? 2 : 1, dims).ToArray();
        InputSpec = new InputSpec(ndim: dims + 2);
    }

    /// <summary>"channels_last" or "channels_first".</summary>
    public string DataFormat { get; }

    /// <summary>Keep the reduced spatial axes as size 1 (Keras's <c>keepdims</c>).</summary>
    public bool KeepDims { get; }

    /// <summary>Reduces the spatial axes (no weights, the same in training and inference).</summary>
    public override Tensor Call(Tensor inputs)
    {
        Guard.NotNull(inputs, $"{ClassName} '{Name}'", "inputs");
        var x = inputs.DType.IsFloating ? inputs : tf.Cast(inputs, DType.Float32);
        return _max ? tf.ReduceMax(x, _axes, KeepDims) : tf.ReduceMean(x, _axes, KeepDims);
    }
}
