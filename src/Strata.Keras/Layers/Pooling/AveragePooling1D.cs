namespace Strata.Keras.Layers;

/// <summary>Keras's AveragePooling1D: the mean over windows of <c>poolSize</c> on inputs (batch, steps, channels); strides default to the pool size.</summary>
public sealed class AveragePooling1D : BasePooling
{
    /// <summary>The same pool size and stride on every spatial axis: <c>new AveragePooling1D(2)</c>.</summary>
    public AveragePooling1D(int poolSize = 2, int? strides = null, string padding = "valid", string? dataFormat = null, string? name = null, Shape? inputShape = null)
        : base(1, false, [poolSize], strides is { } s ? [s] : null, padding, dataFormat, name, inputShape)
    {
    }
}
