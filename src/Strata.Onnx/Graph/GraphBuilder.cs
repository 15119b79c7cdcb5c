using System.Runtime.InteropServices;

namespace Strata.Onnx.Graph;

/// <summary>
/// Collects the nodes and constants of the graph being exported, in the order they run (ONNX wants a
/// topologically sorted node list, which a walk of the Keras graph in its run order gives), and hands out unique
/// value names derived from the Keras layer names, so a file reads like the model it came from.
/// </summary>
internal sealed class GraphBuilder
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _int64Constants = new(StringComparer.Ordinal);

    public List<OnnxNode> Nodes { get; } = new();
    public List<OnnxTensor> Initializers { get; } = new();
    public List<OnnxValueInfo> Inputs { get; } = new();
    public List<OnnxValueInfo> Outputs { get; } = new();

    /// <summary>A name not yet used in the graph: <paramref name="hint"/>, else hint_1, hint_2, ….</summary>
    public string Fresh(string hint)
    {
        if (_names.Add(hint)) return hint;
        for (int i = 1; ; i++)
            if (_names.Add($"{hint}_{i}")) return $"{hint}_{i}";
    }

    /// <summary>Adds a node with one output and returns the output's name.</summary>
    public string Add(string opType, string hint, string[] inputs, params OnnxAttribute[] attributes) =>
        AddMulti(opType, hint, inputs, 1, attributes)[0];

    /// <summary>Adds a node whose one output is called exactly <paramref name="output"/> (made unique if taken).</summary>
    public string AddNamed(string opType, string output, string[] inputs, params OnnxAttribute[] attributes)
    {
        var name = Fresh(output);
        Nodes.Add(new OnnxNode(opType, inputs, [name], Fresh($"{output}/{opType}"), attributes));
        return name;
    }

    /// <summary>Adds a node with several outputs; "" in <paramref name="inputs"/> is an omitted optional input.</summary>
    public string[] AddMulti(string opType, string hint, string[] inputs, int outputs, params OnnxAttribute[] attributes)
    {
        var name = Fresh($"{hint}/{opType}");
        var outs = new string[outputs];
        for (int i = 0; i < outputs; i++) outs[i] = Fresh(outputs == 1 ? $"{name}:0" : $"{name}:{i}");
        Nodes.Add(new OnnxNode(opType, inputs, outs, name, attributes));
        return outs;
    }

    public string Constant(string hint, float[] values, params long[] dims) =>
        AddInitializer(hint, OnnxDataType.Float, dims, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    public string Constant(string hint, long[] values, params long[] dims) =>
        AddInitializer(hint, OnnxDataType.Int64, dims, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    /// <summary>A 1-D int64 constant (shapes, axes), shared between nodes that need the same values.</summary>
    public string Int64s(string hint, params long[] values)
    {
        var key = string.Join(",", values);
        if (_int64Constants.TryGetValue(key, out var name)) return name;
        return _int64Constants[key] = Constant(hint, values, values.Length);
    }

    /// <summary>A float scalar constant (shape ()): broadcasts against anything.</summary>
    public string Scalar(string hint, float value) => Constant(hint, [value]);

    private string AddInitializer(string hint, OnnxDataType type, long[] dims, byte[] raw)
    {
        // The raw bytes are little-endian, as ONNX requires; .NET on every platform Strata runs on is little-endian.
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX export needs a little-endian machine.");
        var name = Fresh(hint);
        Initializers.Add(new OnnxTensor(name, type, dims, raw));
        return name;
    }
}
