using Strata.Onnx.Graph;

namespace Strata.Onnx.Protobuf;

/// <summary>
/// Writes an <see cref="OnnxModel"/> as ONNX's ModelProto. The field numbers are onnx.proto's (checked against
/// the descriptors of Debian's python3-onnx 1.12); only the fields an exported model needs are written.
/// </summary>
internal static class OnnxSerializer
{
    public static void Write(OnnxModel model, Stream destination)
    {
        var w = new ProtoWriter();
        w.Int64(1, OnnxModel.IrVersion);                            // ModelProto.ir_version
        w.String(2, "Strata");                                      // producer_name
        w.String(3, model.ProducerVersion);                         // producer_version
        w.Message(7, g => Graph(g, model));                         // graph
        w.Message(8, o => { o.String(1, ""); o.Int64(2, OnnxModel.Opset); });   // opset_import: the default domain
        w.CopyTo(destination);
    }

    private static void Graph(ProtoWriter w, OnnxModel model)
    {
        foreach (var node in model.Nodes) w.Message(1, n => Node(n, node));          // GraphProto.node
        w.String(2, model.GraphName);                                                // name
        foreach (var t in model.Initializers) w.Message(5, x => Tensor(x, t));       // initializer
        foreach (var v in model.Inputs) w.Message(11, x => ValueInfo(x, v));         // input
        foreach (var v in model.Outputs) w.Message(12, x => ValueInfo(x, v));        // output
    }

    private static void Node(ProtoWriter w, OnnxNode node)
    {
        foreach (var i in node.Inputs) w.String(1, i);                              // NodeProto.input
        foreach (var o in node.Outputs) w.String(2, o);                             // output
        w.String(3, node.Name);                                                     // name
        w.String(4, node.OpType);                                                   // op_type
        foreach (var a in node.Attributes) w.Message(5, x => Attribute(x, a));      // attribute
    }

    private static void Attribute(ProtoWriter w, OnnxAttribute a)
    {
        w.String(1, a.Name);                                                        // AttributeProto.name
        w.Int64(20, (long)a.Kind);                                                  // type
        switch (a.Kind)
        {
            case OnnxAttributeKind.Float: w.Float(2, a.Float); break;               // f
            case OnnxAttributeKind.Int: w.Int64(3, a.Int); break;                   // i
            case OnnxAttributeKind.String: w.String(4, a.Text!); break;             // s
            case OnnxAttributeKind.Ints: w.PackedInt64(8, a.Ints!); break;          // ints
            case OnnxAttributeKind.Strings: foreach (var s in a.Texts!) w.String(9, s); break;   // strings
            default: throw new InvalidOperationException($"ONNX export: attribute kind {a.Kind} has no writer.");
        }
    }

    private static void Tensor(ProtoWriter w, OnnxTensor t)
    {
        w.PackedInt64(1, t.Dims);                                                   // TensorProto.dims
        w.Int64(2, (long)t.DataType);                                               // data_type
        w.String(8, t.Name);                                                        // name
        w.Bytes(9, t.RawData);                                                      // raw_data
    }

    private static void ValueInfo(ProtoWriter w, OnnxValueInfo v)
    {
        w.String(1, v.Name);                                                        // ValueInfoProto.name
        w.Message(2, type => type.Message(1, tensor =>                              // type.tensor_type
        {
            tensor.Int64(1, (long)v.DataType);                                      // elem_type
            tensor.Message(2, shape =>                                              // shape
            {
                for (int d = 0; d < v.Dims.Length; d++)
                    shape.Message(1, dim =>                                         // dim
                    {
                        if (v.Dims[d] is { } size) dim.Int64(1, size);              // dim_value
                        else dim.String(2, v.DimNames[d]);                          // dim_param
                    });
            });
        }));
    }
}
