namespace Strata.Onnx.Graph;

/// <summary>ONNX's TensorProto.DataType codes for the element types an exported model uses.</summary>
internal enum OnnxDataType
{
    Float = 1,
    UInt8 = 2,
    Int32 = 6,
    Int64 = 7,
    Bool = 9,
    Double = 11,
}

/// <summary>A node attribute: exactly one of the values is set, as its <see cref="Kind"/> says (AttributeProto's
/// type codes).</summary>
internal sealed record OnnxAttribute(string Name, OnnxAttributeKind Kind, long Int = 0, float Float = 0, string? Text = null,
    long[]? Ints = null, float[]? Floats = null, string[]? Texts = null)
{
    public static OnnxAttribute Of(string name, long value) => new(name, OnnxAttributeKind.Int, Int: value);
    public static OnnxAttribute Of(string name, float value) => new(name, OnnxAttributeKind.Float, Float: value);
    public static OnnxAttribute Of(string name, string value) => new(name, OnnxAttributeKind.String, Text: value);
    public static OnnxAttribute Of(string name, params long[] values) => new(name, OnnxAttributeKind.Ints, Ints: values);
    public static OnnxAttribute Of(string name, IEnumerable<int> values) => Of(name, values.Select(v => (long)v).ToArray());
    public static OnnxAttribute Of(string name, params string[] values) => new(name, OnnxAttributeKind.Strings, Texts: values);
}

/// <summary>AttributeProto.AttributeType.</summary>
internal enum OnnxAttributeKind
{
    Float = 1,
    Int = 2,
    String = 3,
    Ints = 7,
    Strings = 8,
}

internal sealed record OnnxNode(string OpType, string[] Inputs, string[] Outputs, string Name, OnnxAttribute[] Attributes);

/// <summary>A constant (weights, shapes, scalars) stored as raw little-endian bytes.</summary>
internal sealed record OnnxTensor(string Name, OnnxDataType DataType, long[] Dims, byte[] RawData);

/// <summary>A graph input or output: its element type and shape; a null dimension is symbolic (named <c>DimNames</c>).</summary>
internal sealed record OnnxValueInfo(string Name, OnnxDataType DataType, long?[] Dims, string[] DimNames);

/// <summary>The whole model as it will be serialized.</summary>
internal sealed record OnnxModel(string GraphName, string ProducerVersion, IReadOnlyList<OnnxNode> Nodes, IReadOnlyList<OnnxTensor> Initializers,
    IReadOnlyList<OnnxValueInfo> Inputs, IReadOnlyList<OnnxValueInfo> Outputs)
{
    /// <summary>The operator set every node is written for, and the IR version that goes with it (ONNX 1.12).</summary>
    public const long Opset = 17, IrVersion = 8;
}
