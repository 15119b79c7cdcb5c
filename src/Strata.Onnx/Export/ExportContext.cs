using Strata.Onnx.Graph;

namespace Strata.Onnx.Export;

/// <summary>What every layer converter uses: the graph builder, layout changes (made once per value and
/// reused) and the layer's weights as float arrays.</summary>
internal sealed class ExportContext(GraphBuilder graph)
{
    private readonly Dictionary<string, string> _channelsLast = new(), _channelsFirst = new();
    private readonly Dictionary<Tensor, string> _weights = new(ReferenceEqualityComparer.Instance);

    public GraphBuilder Graph { get; } = graph;

    /// <summary>The value's name in Keras's layout (channels last), with a Transpose if it is held channels-first.</summary>
    public string ChannelsLast(OnnxValue v)
    {
        if (!v.ChannelsFirst) return v.Name;
        if (_channelsLast.TryGetValue(v.Name, out var done)) return done;
        return _channelsLast[v.Name] = Graph.Add("Transpose", v.Name, [v.Name], OnnxAttribute.Of("perm", ToChannelsLast(v.Rank)));
    }

    /// <summary>The value's name in ONNX's layout for convolutions (N, C, spatial…).</summary>
    public string ChannelsFirst(OnnxValue v)
    {
        if (v.ChannelsFirst) return v.Name;
        if (_channelsFirst.TryGetValue(v.Name, out var done)) return done;
        return _channelsFirst[v.Name] = Graph.Add("Transpose", v.Name, [v.Name], OnnxAttribute.Of("perm", ToChannelsFirst(v.Rank)));
    }

    /// <summary>(N, spatial…, C) → (N, C, spatial…).</summary>
    public static long[] ToChannelsFirst(int rank) => [0, rank - 1, .. Enumerable.Range(1, rank - 2).Select(a => (long)a)];

    /// <summary>(N, C, spatial…) → (N, spatial…, C).</summary>
    public static long[] ToChannelsLast(int rank) => [0, .. Enumerable.Range(2, rank - 2).Select(a => (long)a), 1];

    /// <summary>A weight's values as float32 (the exported graph computes in float32).</summary>
    public static float[] Floats(Tensor weight) =>
        weight.DType == DType.Float32 ? weight.ToArray<float>() : tf.Cast(weight, DType.Float32).ToArray<float>();

    /// <summary>A weight as a graph constant, in the layout it has; once per weight, however many calls of a shared layer read it.</summary>
    public string Weight(string hint, Tensor weight)
    {
        if (_weights.TryGetValue(weight, out var name)) return name;
        return _weights[weight] = Graph.Constant(hint, Floats(weight), weight.Shape.ToArray().Select(d => (long)d).ToArray());
    }
}
