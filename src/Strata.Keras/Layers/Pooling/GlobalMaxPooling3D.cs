namespace Strata.Keras.Layers;

/// <summary>Keras's GlobalMaxPooling3D: the maximum over depth, height and width.</summary>
public sealed class GlobalMaxPooling3D(string? dataFormat = null, bool keepDims = false, string? name = null, Shape? inputShape = null)
    : GlobalPooling(3, true, dataFormat, keepDims, name, inputShape);
