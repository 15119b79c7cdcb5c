namespace Strata.Keras.Layers;

/// <summary>Keras's AveragePooling3D: the mean over windows of <c>poolSize</c> on inputs (batch, depth, height, width, channels); strides default to the pool size.</summary>
public sealed class AveragePooling3D : BasePooling
{
    /// <summary>The same pool size and stride on every spatial axis: <c>new AveragePooling3D(2)</c>.</summary>
    public AveragePooling3D(int poolSize = 2, int? strides = null, string padding = "valid", string? dataFormat = null, string? name = null, Shape? inputShape = null)
        : base(3, false, [poolSize, poolSize, poolSize], strides is { } s ? [s, s, s] : null, padding, dataFormat, name, inputShape)
    {
    }

    /// <summary>One pool size (and stride) per spatial axis.</summary>
    public AveragePooling3D((int, int, int) poolSize, (int, int, int)? strides = null, string padding = "valid", string? dataFormat = null, string? name = null, Shape? inputShape = null)
        : base(3, false, [poolSize.Item1, poolSize.Item2, poolSize.Item3], strides is { } s ? [s.Item1, s.Item2, s.Item3] : null, padding, dataFormat, name, inputShape)
    {
    }
}
