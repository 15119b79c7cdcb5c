namespace Strata.Keras.Layers;

/// <summary>Keras's MaxPooling1D: the maximum over windows of <c>poolSize</c> on inputs (batch, steps, channels); strides default to the pool size.</summary>
public sealed class MaxPooling1D : BasePooling
{
    /// <summary>The same pool size and stride on every spatial axis: <c>new MaxPooling1D(2)</c>.</summary>
    public MaxPooling1D(int poolSize = 2, int? strides = null, string padding = "valid", string? dataFormat = null, string? name = null, Shape? inputShape = null)
        : base(1, true, [poolSize], strides is { } s ? [s] : null, padding, dataFormat, name, inputShape)
    {
    }
}
