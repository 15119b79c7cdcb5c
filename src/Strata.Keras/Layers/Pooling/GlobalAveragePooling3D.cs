namespace Strata.Keras.Layers;

/// <summary>Keras's GlobalAveragePooling3D: the mean over depth, height and width.</summary>
public sealed class GlobalAveragePooling3D(string? dataFormat = null, bool keepDims = false, string? name = null, Shape? inputShape = null)
    : GlobalPooling(3, false, dataFormat, keepDims, name, inputShape);
