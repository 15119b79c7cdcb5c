namespace Strata.Keras.Layers;

/// <summary>Keras's GlobalMaxPooling2D: the maximum over height and width.</summary>
public sealed class GlobalMaxPooling2D(string? dataFormat = null, bool keepDims = false, string? name = null, Shape? inputShape = null)
    : GlobalPooling(2, true, dataFormat, keepDims, name, inputShape);
