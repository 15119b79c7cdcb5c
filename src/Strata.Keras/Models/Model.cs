using Strata.Keras.Engine;
using Strata.Keras.Layers;

namespace Strata.Keras.Models;

/// <summary>
/// A layer that groups layers for training and inference (Keras's <c>Model</c>), in three styles that all train
/// through the same <c>Fit</c>:
/// <list type="bullet">
/// <item>functional: <c>new Model(inputs, outputs)</c> from symbolic tensors (<c>keras.Input</c>) through layers;</item>
/// <item>subclassed: derive from Model and override <see cref="Layer.Call(Tensor)"/> (or <c>Call(Tensor, bool?)</c>);
/// layers kept in fields are tracked, so their weights are the model's. A subclass may add its own <c>Call</c>
/// overloads (e.g. an <c>isidentity</c> flag);</item>
/// <item><see cref="Sequential"/>.</item>
/// </list>
/// </summary>
public partial class Model : Layer
{
    private readonly FunctionalGraph? _graph;

    /// <summary>A subclassed model (Keras's <c>class MyModel(keras.Model)</c>): derive from Model, keep the layers in fields
    /// and override <c>Call</c>.</summary>
    /// <param name="name">The model's name; by default the snake-cased class name, numbered (<c>my_model</c>,
    /// <c>my_model_1</c>…).</param>
    public Model(string? name = null) : base(name)
    {
    }

    /// <summary>A functional model from one input to one output.</summary>
    public Model(Tensor inputs, Tensor outputs, string? name = null) : this([inputs], [outputs], name)
    {
    }

    /// <summary>A functional model with several inputs and/or outputs (all symbolic tensors).</summary>
    public Model(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs, string? name = null)
        : base(name ?? UniqueName("functional"))
    {
        Guard.NotNull(inputs, "Model", "inputs");
        Guard.NotNull(outputs, "Model", "outputs");
        _graph = new FunctionalGraph(inputs, outputs, Name);
        var first = _graph.Inputs[0].Shape;
        EnsureBuilt(first);
        OutputShape = _graph.Outputs[0].Shape;
    }

    /// <summary>"Functional" for a functional model (as Keras saves and prints it), else the class name.</summary>
    public override string ClassName => _graph is null ? base.ClassName : "Functional";

    private KerasTensor[]? _specSources;
    private InputSpec?[]? _autoSpecs;

    /// <summary>The symbolic inputs the model's input specs come from (a functional model's inputs; a built
    /// Sequential's input layer); a new array whenever they change.</summary>
    private protected virtual KerasTensor[]? SpecSources => _graph?.Inputs;

    /// <summary>
    /// Keras's <c>Functional.input_spec</c>: unless set by hand, one spec per input, its shape that of the
    /// <c>keras.Input</c> with the batch axis None, allowing a trailing axis of 1 more or less. A subclassed model
    /// has none (it accepts what its Call accepts).
    /// </summary>
    internal override InputSpec?[]? CurrentInputSpecs
    {
        get
        {
            if (ManualInputSpecs is { } manual) return manual;
            var sources = SpecSources;
            if (sources is null) return null;
            // Read on every call of the model: made once per set of inputs.
            if (!ReferenceEquals(sources, _specSources))
            {
                _autoSpecs = Array.ConvertAll(sources, t => (InputSpec?)new InputSpec(
                    shape: t.Rank > 0 ? t.Shape.With(0, -1) : t.Shape, allowLastAxisSqueeze: true, name: t.SourceLayer?.Name));
                _specSources = sources;
            }
            return _autoSpecs;
        }
    }

    /// <summary>The symbolic inputs of a functional model (empty otherwise).</summary>
    public IReadOnlyList<KerasTensor> Inputs => _graph?.Inputs ?? [];

    /// <summary>The symbolic outputs of a functional model (empty otherwise).</summary>
    public IReadOnlyList<KerasTensor> Outputs => _graph?.Outputs ?? [];

    /// <summary>Every layer of the model: for a functional model its input layers first, then the others in the
    /// order they run; otherwise the layers held in fields, in declaration order.</summary>
    public virtual IReadOnlyList<Layer> Layers => _graph?.Layers ?? SubLayers;

    /// <summary>A functional model's layers in the order they run; otherwise the layers held in fields.</summary>
    public override IReadOnlyList<Layer> SubLayers => _graph?.Layers ?? base.SubLayers;

    /// <summary>The layer named <paramref name="name"/>.</summary>
    public Layer GetLayer(string name) =>
        Layers.FirstOrDefault(l => l.Name == name)
        ?? throw new InvalidArgumentError($"Model '{Name}': no layer named '{name}'. Layers: {string.Join(", ", Layers.Select(l => l.Name))}.");

    /// <summary>Runs a functional model's graph on one input and returns its first output; a subclassed model must
    /// override this (or <c>Call(Tensor, bool?)</c>).</summary>
    /// <param name="inputs">The input batch.</param>
    public override Tensor Call(Tensor inputs) => _graph is null ? base.Call(inputs) : _graph.Run([inputs], null, Name)[0];

    /// <summary>Runs a functional model's graph on one input, in training or inference mode, and returns its first
    /// output (a subclassed model overrides this or <c>Call(Tensor)</c>).</summary>
    /// <param name="inputs">The input batch.</param>
    /// <param name="training">True in training (Dropout active, BatchNormalization updating its statistics), false in
    /// inference, null for each layer's default.</param>
    public override Tensor Call(Tensor inputs, bool? training) =>
        _graph is null ? base.Call(inputs, training) : _graph.Run([inputs], training, Name)[0];

    /// <summary>Runs a functional model of several inputs (in the order of its <see cref="Inputs"/>) and returns its first
    /// output; <see cref="CallOutputs"/> returns them all.</summary>
    /// <param name="inputs">One batch per model input.</param>
    /// <param name="training">True in training, false in inference, null for each layer's default.</param>
    public override Tensor Call(IReadOnlyList<Tensor> inputs, bool? training) =>
        _graph is null ? base.Call(inputs, training) : _graph.Run(inputs, training, Name)[0];

    /// <summary>All outputs of a (multi-output) functional model for real inputs.</summary>
    public Tensor[] CallOutputs(IReadOnlyList<Tensor> inputs, bool? training = null)
    {
        if (_graph is null) return [inputs.Count == 1 ? Apply(inputs[0], training) : Apply(inputs, training)];
        InputCompatibility.Assert(InputSpecs, inputs, Name);
        return _graph.Run(inputs, training, Name);
    }

    /// <summary>The forward pass used by Fit, Evaluate and Predict: every output, built on first use.</summary>
    internal Tensor[] Forward(Tensor[] xs, bool training)
    {
        // Apply would check the specs; the graph is run without it, so they are checked here.
        if (_graph is not null)
        {
            InputCompatibility.Assert(InputSpecs, xs, Name);
            using var entry = EnterCall();   // one outermost call for all the graph's layers (their AddLoss terms add up)
            return _graph.Run(xs, training, Name);
        }
        return [xs.Length == 1 ? Apply(xs[0], training) : Apply(xs, training)];
    }

    internal int OutputCount => _graph?.Outputs.Length ?? 1;

    internal string OutputName(int o) => _graph?.Outputs[o].SourceLayer?.Name ?? Name;

    /// <summary>Whether Summary prints the plain three-column table (Sequential, subclassed, chain-like functional).</summary>
    internal bool IsSequentialLike => _graph?.SequentialLike ?? true;

    /// <summary>Summary's "Connected to" cell: <c>layer[node][tensor]</c> for each input of the layer's calls in this model.</summary>
    internal string ConnectedTo(Layer layer)
    {
        if (_graph is null) return "-";
        var parts = new List<string>();
        foreach (var node in layer.InboundNodes)
        {
            if (!_graph.Nodes.Contains(node)) continue;
            foreach (var input in node.Inputs)
                parts.Add($"{input.SourceLayer!.Name}[{input.Node!.Index}][0]");
        }
        return parts.Count == 0 ? "-" : string.Join(", ", parts);
    }
}
