using Strata.Keras.Engine;
using Strata.Keras.Layers;
using Strata.Keras.Models;

namespace Strata.Onnx.Export;

/// <summary>One layer call of the model: the layer, the symbolic tensors it read and the one it made.</summary>
internal sealed record LayerCall(Layer Layer, KerasTensor[] Inputs, KerasTensor Output);

/// <summary>
/// The model's layer calls in the order they run, from its symbolic graph: a functional model's nodes from its
/// outputs back to its inputs (as FunctionalGraph finds them), a Sequential's chain from its input layer. The
/// symbolic tensors carry every shape the export needs.
/// </summary>
internal static class ModelWalker
{
    public static (KerasTensor[] Inputs, KerasTensor[] Outputs, List<LayerCall> Calls) Walk(Model model)
    {
        if (model is Sequential sequential) return WalkSequential(sequential);
        if (model.Inputs.Count == 0)
            throw new NotSupportedException(
                $"ONNX export: model '{model.Name}' ({model.ClassName}) is subclassed; only Sequential and functional models are exported.");
        var inputs = model.Inputs.ToArray();
        var outputs = model.Outputs.ToArray();
        var calls = new List<LayerCall>();
        var seen = new HashSet<KerasTensor>(inputs, ReferenceEqualityComparer.Instance);
        void Visit(KerasTensor t)
        {
            if (!seen.Add(t)) return;
            var node = t.Node!;
            foreach (var input in node.Inputs) Visit(input);
            calls.Add(new LayerCall(node.Layer, [.. node.Inputs], node.Output));
        }
        foreach (var o in outputs) Visit(o);
        return (inputs, outputs, calls);
    }

    private static (KerasTensor[], KerasTensor[], List<LayerCall>) WalkSequential(Sequential model)
    {
        var input = model.InputLayerOrNull?.Output;
        if (input is null || !model.Built)
            throw new InvalidOperationException(
                $"ONNX export: Sequential '{model.Name}' is not built; give its first layer an inputShape or call the model on data first.");
        var calls = new List<LayerCall>();
        var current = input;
        foreach (var layer in model.Layers)
        {
            // The layer's call on the current symbolic tensor (Build applies the chain once more after a Pop).
            var node = layer.InboundNodes.LastOrDefault(n => n.Inputs.Count == 1 && ReferenceEquals(n.Inputs[0], current))
                ?? throw new InvalidOperationException($"ONNX export: layer '{layer.Name}' of '{model.Name}' has no symbolic call on its input; build the model first.");
            calls.Add(new LayerCall(layer, [current], node.Output));
            current = node.Output;
        }
        return ([input], [current], calls);
    }
}
