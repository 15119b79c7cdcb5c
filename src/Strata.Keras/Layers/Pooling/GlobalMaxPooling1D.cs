namespace Strata.Keras.Layers;

/// <summary>Keras's GlobalMaxPooling1D: the maximum over the steps of (batch, steps, channels).</summary>
public sealed class GlobalMaxPooling1D(string? dataFormat = null, bool keepDims = false, string? name = null, Shape? inputShape = null)
    : GlobalPooling(1, true, dataFormat, keepDims, name, inputShape);
