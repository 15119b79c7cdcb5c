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
        _dims = dims;
        SupportsMasking = !max && dims == 1;
    }

    private readonly int _dims;

    /// <summary>The pooled output has no steps, so no mask.</summary>
    public override Tensor? ComputeMask(Tensor inputs, Tensor? previousMask) => null;

    /// <summary>"channels_last" or "channels_first".</summary>
    public string DataFormat { get; }

    /// <summary>Keep the reduced spatial axes as size 1 (Keras's <c>keepdims</c>).</summary>
    public bool KeepDims { get; }

    /// <summary>Reduces the spatial axes (no weights, the same in training and inference).</summary>
    public override Tensor Call(Tensor inputs)
    {
        Guard.NotNull(inputs, $"{ClassName} '{Name}'", "inputs");
        var x = inputs.DType.IsFloating ? inputs : tf.Cast(inputs, DType.Float32);
        if (!_max && _dims == 1 && KerasMasks.Get(inputs) is { } mask)
        {
            // Keras's masked GlobalAveragePooling1D: the mean over the valid steps only.
            int stepAxis = DataFormat == "channels_first" ? 2 : 1;
            if (mask.Rank != 2 || mask.Shape[0] != x.Shape[0] || mask.Shape[1] != x.Shape[stepAxis])
                throw new InvalidArgumentError(
                    $"{ClassName} '{Name}': the mask must have shape ({x.Shape[0]}, {x.Shape[stepAxis]}) for an input of shape {x.Shape}, got {mask.Shape}.");
            var m = tf.ExpandDims(tf.Cast(mask, x.DType), stepAxis == 1 ? 2 : 1);
            return tf.Divide(tf.ReduceSum(tf.Multiply(x, m), _axes, KeepDims), tf.ReduceSum(m, _axes, KeepDims));
        }
        return _max ? tf.ReduceMax(x, _axes, KeepDims) : tf.ReduceMean(x, _axes, KeepDims);
    }
}
