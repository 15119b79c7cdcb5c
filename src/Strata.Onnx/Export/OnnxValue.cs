namespace Strata.Onnx.Export;

/// <summary>
/// A tensor of the graph being exported: its ONNX name, its Keras shape (batch -1) and whether it is held
/// channels-first. Convolutions and pooling run in ONNX's NCHW layout while Keras's tensors are NHWC; a value
/// stays channels-first between such layers and is transposed back only where a layer needs Keras's layout
/// (Flatten, Dense, the graph's outputs …), so a conv block costs two Transposes, not two per layer.
/// </summary>
internal sealed record OnnxValue(string Name, Shape Shape, bool ChannelsFirst = false)
{
    public int Rank => Shape.Rank;
}
