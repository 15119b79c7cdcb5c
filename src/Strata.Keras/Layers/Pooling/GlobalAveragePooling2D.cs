namespace Strata.Keras.Layers;

/// <summary>Keras's GlobalAveragePooling2D: the mean over height and width.</summary>
public sealed class GlobalAveragePooling2D(string? dataFormat = null, bool keepDims = false, string? name = null, Shape? inputShape = null)
    : GlobalPooling(2, false, dataFormat, keepDims, name, inputShape);
