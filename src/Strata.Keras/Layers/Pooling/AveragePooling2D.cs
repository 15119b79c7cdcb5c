namespace Strata.Keras.Layers;

/// <summary>Keras's AveragePooling2D: the mean over windows of <c>poolSize</c> on inputs (batch, height, width, channels); strides default to the pool size.</summary>
public sealed class AveragePooling2D : BasePooling
{
    /// <summary>The same pool size and stride on every spatial axis: <c>new AveragePooling2D(2)</c>.</summary>
    public AveragePooling2D(int poolSize = 2, int? strides = null, string padding = "valid", string? dataFormat = null, string? name = null, Shape? inputShape = null)
        : base(2, false, [poolSize, poolSize], strides is { } s ? [s, s] : null, padding, dataFormat, name, inputShape)
    {
    }

    /// <summary>One pool size (and stride) per spatial axis.</summary>
    public AveragePooling2D((int, int) poolSize, (int, int)? strides = null, string padding = "valid", string? dataFormat = null, string? name = null, Shape? inputShape = null)
        : base(2, false, [poolSize.Item1, poolSize.Item2], strides is { } s ? [s.Item1, s.Item2] : null, padding, dataFormat, name, inputShape)
    {
    }
}
