namespace Strata.Keras.Layers;

/// <summary>Keras's GlobalAveragePooling1D: the mean over the steps of (batch, steps, channels).</summary>
public sealed class GlobalAveragePooling1D(string? dataFormat = null, bool keepDims = false, string? name = null, Shape? inputShape = null)
    : GlobalPooling(1, false, dataFormat, keepDims, name, inputShape);
