using Strata.Keras.Engine;
using Strata.Keras.Models;
using Strata.Onnx.Graph;

namespace Strata.Onnx.Export;

/// <summary>Turns a built model into an <see cref="OnnxModel"/>: graph inputs named after the input layers, one
/// converter per layer call, graph outputs named after the layers that made them, in Keras's layout.</summary>
internal static class ModelExporter
{
    public static OnnxModel Export(Model model)
    {
        var (inputs, outputs, calls) = ModelWalker.Walk(model);
        var graph = new GraphBuilder();
        var ctx = new ExportContext(graph);
        var values = new Dictionary<KerasTensor, OnnxValue>(ReferenceEqualityComparer.Instance);
        foreach (var input in inputs)
        {
            var name = graph.Fresh(input.SourceLayer!.Name);
            graph.Inputs.Add(ValueInfo(name, input));
            values[input] = new OnnxValue(name, input.Shape);
        }
        Run(ctx, calls, values);
        foreach (var output in outputs)
        {
            // An Identity names each output after the layer that made it, even where that layer passed its input through.
            var name = graph.AddNamed("Identity", output.SourceLayer!.Name, [ctx.ChannelsLast(values[output])]);
            graph.Outputs.Add(ValueInfo(name, output));
        }
        var version = typeof(ModelExporter).Assembly.GetName().Version?.ToString(3) ?? "0";
        return new OnnxModel(model.Name, version, graph.Nodes, graph.Initializers, graph.Inputs, graph.Outputs);
    }

    /// <summary>Converts the calls in order. A model used as a layer (a Sequential block inside a functional model, a
    /// base model under a new head) is inlined: its inputs are bound to the values it is called on.</summary>
    private static void Run(ExportContext ctx, List<LayerCall> calls, Dictionary<KerasTensor, OnnxValue> values)
    {
        foreach (var call in calls)
        {
            var xs = call.Inputs.Select(t => values[t]).ToArray();
            if (call.Layer is Model inner)
            {
                var (innerInputs, innerOutputs, innerCalls) = ModelWalker.Walk(inner);
                if (innerInputs.Length != xs.Length || innerOutputs.Length != 1)
                    throw new NotSupportedException($"ONNX export: {CoreLayers.Describe(inner)} is nested with {innerInputs.Length} inputs and " +
                        $"{innerOutputs.Length} outputs; a nested model is exported with one output and as many inputs as it is called with.");
                for (int i = 0; i < xs.Length; i++) values[innerInputs[i]] = xs[i];
                Run(ctx, innerCalls, values);
                values[call.Output] = values[innerOutputs[0]] with { Shape = call.Output.Shape };
            }
            else values[call.Output] = LayerConverter.Convert(ctx, call, xs);
        }
    }

    /// <summary>The batch axis is the symbolic "batch"; other unknown axes get names of their own.</summary>
    private static OnnxValueInfo ValueInfo(string name, KerasTensor t)
    {
        var dims = t.Shape.ToArray();
        return new OnnxValueInfo(name, DataType(t.DType, name),
            dims.Select(d => d < 0 ? (long?)null : d).ToArray(),
            dims.Select((_, i) => i == 0 ? "batch" : $"{name}_dim{i}").ToArray());
    }

    private static OnnxDataType DataType(DType type, string name) => type switch
    {
        DType.Float32 => OnnxDataType.Float,
        DType.Int32 => OnnxDataType.Int32,
        DType.Int64 => OnnxDataType.Int64,
        DType.UInt8 => OnnxDataType.UInt8,
        _ => throw new NotSupportedException($"ONNX export: '{name}' is {type}; exported graphs take and give float32, int32, int64 or uint8."),
    };
}
