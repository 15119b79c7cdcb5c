using Strata.Keras.Layers;

namespace Strata.Keras.Engine;

/// <summary>
/// The graph of a functional model, found once from its outputs back to its inputs and flattened into a list
/// of steps over numbered slots, so that running it costs one array of tensors and no lookups.
/// </summary>
internal sealed class FunctionalGraph
{
    private readonly Step[] _steps;
    private readonly int[] _outputSlots;
    private readonly int _slotCount;

    private readonly record struct Step(Layer Layer, int[] InputSlots, int OutputSlot);

    public FunctionalGraph(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs, string model)
    {
        if (inputs.Count == 0 || outputs.Count == 0)
            throw new InvalidArgumentError($"Model '{model}': needs at least one input and one output.");
        Inputs = inputs.Select((t, i) => t as KerasTensor is { SourceLayer: InputLayer } kt ? kt
            : throw new InvalidArgumentError($"Model '{model}': input {i} must be a tensor made by keras.Input, got {Describe(t)}.")).ToArray();
        Outputs = outputs.Select((t, i) => t as KerasTensor
            ?? throw new InvalidArgumentError($"Model '{model}': output {i} must be a symbolic tensor from layers applied to keras.Input, got {Describe(t)}.")).ToArray();

        var slot = new Dictionary<KerasTensor, int>(ReferenceEqualityComparer.Instance);
        foreach (var t in Inputs)
            if (!slot.TryAdd(t, slot.Count)) throw new InvalidArgumentError($"Model '{model}': input {t.Name} is given twice.");
        var steps = new List<Step>();
        var done = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        var layers = new List<Layer>(Inputs.Select(t => t.SourceLayer!));

        void Visit(KerasTensor t)
        {
            if (slot.ContainsKey(t)) return;
            var node = t.Node ?? throw new InvalidArgumentError($"Model '{model}': tensor {t.Name} was not made by a layer.");
            if (node.Layer is InputLayer)
                throw new InvalidArgumentError(
                    $"Model '{model}': the outputs depend on input '{node.Layer.Name}', which is not among the model's inputs.");
            foreach (var input in node.Inputs) Visit(input);
            if (!done.Add(node)) return;
            slot[node.Output] = slot.Count;
            steps.Add(new Step(node.Layer, node.Inputs.Select(i => slot[i]).ToArray(), slot[node.Output]));
            Nodes.Add(node);
            if (!layers.Contains(node.Layer)) layers.Add(node.Layer);
        }

        foreach (var o in Outputs) Visit(o);
        _steps = steps.ToArray();
        _outputSlots = Outputs.Select(o => slot[o]).ToArray();
        _slotCount = slot.Count;
        Layers = layers;

        // Keras prints the plain three-column table for a chain: one input, one output, each layer used once
        // with one input.
        SequentialLike = Inputs.Length == 1 && Outputs.Length == 1
            && _steps.All(s => s.InputSlots.Length == 1)
            && _steps.Select(s => s.Layer).Distinct().Count() == _steps.Length
            && _steps.SelectMany(s => s.InputSlots).Distinct().Count() == _steps.Length;
    }

    public KerasTensor[] Inputs { get; }
    public KerasTensor[] Outputs { get; }
    public List<Layer> Layers { get; }
    public HashSet<Node> Nodes { get; } = new(ReferenceEqualityComparer.Instance);
    public bool SequentialLike { get; }

    public Tensor[] Run(IReadOnlyList<Tensor> inputs, bool? training, string model)
    {
        if (inputs.Count != Inputs.Length)
            throw new InvalidArgumentError($"Model '{model}': expects {Inputs.Length} input(s), got {inputs.Count}.");
        var slots = new Tensor[_slotCount];
        // Keras's Functional.call: the input specs were checked by the caller (Apply, Forward); here only a rank
        // one off by a trailing axis of 1 is fixed, any other rank refused.
        for (int i = 0; i < inputs.Count; i++) slots[i] = InputRank.Adjust(inputs[i], Inputs[i].Shape);
        foreach (var step in _steps)
        {
            var ins = step.InputSlots;
            slots[step.OutputSlot] = ins.Length == 1
                ? step.Layer.Apply(slots[ins[0]], training)
                : step.Layer.Apply(Array.ConvertAll(ins, s => slots[s]), training);
        }
        var outputs = new Tensor[_outputSlots.Length];
        for (int o = 0; o < outputs.Length; o++) outputs[o] = slots[_outputSlots[o]];
        return outputs;
    }

    private static string Describe(Tensor? t) => t is null ? "null" : $"a real tensor of shape {t.Shape}";
}
