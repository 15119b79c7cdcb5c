namespace Strata.Keras.Layers;

/// <summary>Keras's GlobalAveragePooling2D: the mean over height and width.</summary>
/// <param name="dataFormat">Keras's <c>data_format</c>: null or <c>"channels_last"</c> (channels on the last axis), or
/// <c>"channels_first"</c> (channels on axis 1).</param>
/// <param name="keepDims">Keras's <c>keepdims</c>: keep the pooled axes with size 1; false by default.</param>
/// <param name="name">The layer's name; null for <c>global_average_pooling2d</c>, <c>global_average_pooling2d_1</c>….</param>
/// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
public sealed class GlobalAveragePooling2D(string? dataFormat = null, bool keepDims = false, string? name = null, Shape? inputShape = null)
    : GlobalPooling(2, false, dataFormat, keepDims, name, inputShape);
