using Strata.Keras.Engine;
using Strata.Keras.Saving;

namespace Strata.Keras.Layers;

/// <summary>
/// Keras's <c>Bidirectional</c>: runs a recurrent layer over the sequence forwards and a copy of it backwards (its
/// go_backwards flipped; or <c>backwardLayer</c>), and merges the two outputs — <c>mergeMode</c> "concat" (default),
/// "sum", "mul", "ave", or null for both as they are (<see cref="CallBoth"/>). With return_sequences the backward
/// outputs are put back in time order before merging, as Keras does; <see cref="CallWithStates"/> also gives the final
/// states, the forward layer's then the backward layer's.
/// </summary>
public sealed class Bidirectional : Layer
{
    private static readonly string?[] MergeModes = ["concat", "sum", "mul", "ave", null];
    private readonly RNN _forward;
    private readonly RNN _backward;

    /// <summary>A Bidirectional layer (keras.layers.Bidirectional) around <paramref name="layer"/>: (batch, time, features) →
    /// the merged outputs, e.g. (batch, 2·units) or, with return_sequences, (batch, time, 2·units) for <c>"concat"</c>.</summary>
    /// <param name="layer">Keras's <c>layer</c>: the recurrent layer run forwards (SimpleRNN, LSTM, GRU or an RNN); not
    /// null.</param>
    /// <param name="mergeMode">Keras's <c>merge_mode</c>: <c>"concat"</c> (the default), <c>"sum"</c>, <c>"mul"</c>,
    /// <c>"ave"</c>, or null to keep both outputs (<see cref="CallBoth"/>).</param>
    /// <param name="backwardLayer">Keras's <c>backward_layer</c>: the layer run backwards, which must read the other way and
    /// agree on return_sequences and return_state; null (the default) copies <paramref name="layer"/> with fresh weights,
    /// named <c>backward_</c> plus its name.</param>
    /// <param name="name">The layer's name; null for <c>bidirectional</c>, <c>bidirectional_1</c>….</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample, (time, features); null by default.</param>
    public Bidirectional(RNN layer, string? mergeMode = "concat", RNN? backwardLayer = null, string? name = null, Shape? inputShape = null)
        : base(name, inputShape)
    {
        _forward = layer ?? throw Guard.Null("Bidirectional", "layer");
        if (!MergeModes.Contains(mergeMode))
            throw new InvalidArgumentError($"Invalid merge mode. Received: {mergeMode}. Merge mode should be one of {{\"sum\", \"mul\", \"ave\", \"concat\", None}}");
        MergeMode = mergeMode;
        SupportsMasking = true;
        _backward = backwardLayer ?? Reversed(layer);
        if (_backward.GoBackwards == _forward.GoBackwards)
            throw new InvalidArgumentError(
                $"Bidirectional: forward layer '{_forward.Name}' and backward layer '{_backward.Name}' must read the sequence in opposite directions (go_backwards {_forward.GoBackwards} for both).");
        if (_backward.ReturnSequences != _forward.ReturnSequences || _backward.ReturnState != _forward.ReturnState)
            throw new InvalidArgumentError(
                $"Bidirectional: forward layer '{_forward.Name}' and backward layer '{_backward.Name}' must agree on return_sequences and return_state.");
    }

    /// <summary>The layer that reads the sequence forwards.</summary>
    public RNN ForwardLayer => _forward;
    /// <summary>The layer that reads the sequence backwards.</summary>
    public RNN BackwardLayer => _backward;
    /// <summary>How the two outputs are merged: <c>"concat"</c>, <c>"sum"</c>, <c>"mul"</c>, <c>"ave"</c>, or null for
    /// none.</summary>
    public string? MergeMode { get; }
    /// <summary>Whether the output has every time step (the wrapped layers' return_sequences).</summary>
    public bool ReturnSequences => _forward.ReturnSequences;

    /// <summary>The input's mask with <see cref="ReturnSequences"/>, else none.</summary>
    /// <param name="inputs">The sequence, (batch, time, features).</param>
    /// <param name="previousMask">The input's mask (batch, time), or null.</param>
    public override Tensor? ComputeMask(Tensor inputs, Tensor? previousMask) => ReturnSequences ? previousMask : null;

    internal override string? KerasAttributeOf(Layer child) =>
        ReferenceEquals(child, _forward) ? "forward_layer" : ReferenceEquals(child, _backward) ? "backward_layer" : null;

    /// <summary>Builds both wrapped layers for <paramref name="inputShape"/>.</summary>
    /// <param name="inputShape">The input's shape, (batch, time, features).</param>
    public override void Build(Shape inputShape)
    {
        _forward.EnsureBuilt(inputShape);
        _backward.EnsureBuilt(inputShape);
    }

    /// <summary>The merged output, with <c>training</c> not given.</summary>
    /// <param name="inputs">The sequence, (batch, time, features).</param>
    public override Tensor Call(Tensor inputs) => Call(inputs, training: null);

    /// <summary>The merged output of both directions, honouring the mask riding on <paramref name="inputs"/>; with a null
    /// <see cref="MergeMode"/> an <see cref="InvalidArgumentError"/> (call <see cref="CallBoth"/>).</summary>
    /// <param name="inputs">The sequence, (batch, time, features).</param>
    /// <param name="training">True in training, where the wrapped layers' dropout applies.</param>
    public override Tensor Call(Tensor inputs, bool? training)
    {
        if (MergeMode is null)
            throw new InvalidArgumentError($"Bidirectional '{Name}' has mergeMode null: its two outputs are separate tensors; use CallBoth.");
        return CallWithStates(inputs, training: training).Output;
    }

    /// <summary>The forward and the backward outputs, unmerged (Keras's merge_mode=None).</summary>
    public (Tensor Forward, Tensor Backward) CallBoth(Tensor inputs, bool? training = null)
    {
        var (f, _, b, _) = Run(inputs, null, training);
        return (f, b);
    }

    /// <summary>The merged output and the final states: the forward layer's, then the backward layer's.</summary>
    public (Tensor Output, Tensor[] States) CallWithStates(Tensor inputs, Tensor? mask = null, bool? training = null)
    {
        var (f, fs, b, bs) = Run(inputs, mask, training);
        var merged = MergeMode switch
        {
            "concat" => tf.Concat([f, b], -1),
            "sum" => f + b,
            "mul" => f * b,
            "ave" => (f + b) * 0.5,
            _ => throw new InvalidArgumentError($"Bidirectional '{Name}' has mergeMode null: use CallBoth."),
        };
        return (merged, [.. fs, .. bs]);
    }

    private (Tensor, Tensor[], Tensor, Tensor[]) Run(Tensor inputs, Tensor? mask, bool? training)
    {
        Guard.NotNull(inputs, $"Bidirectional '{Name}'", "inputs");
        EnsureBuilt(inputs.Shape);
        mask ??= KerasMasks.Get(inputs);
        var (f, fs) = _forward.CallWithStates(inputs, null, mask, training);
        var (b, bs) = _backward.CallWithStates(inputs, null, mask, training);
        // The backward layer's sequence comes out last step first: back to time order before merging.
        if (ReturnSequences) b = b[.., TensorIndex.Slice(null, null, -1)];
        return (f, fs, b, bs);
    }

    /// <summary>A fresh copy of <paramref name="layer"/> (new weights) reading the other way, as Keras rebuilds it from
    /// its config with go_backwards flipped: the built-in layers copy their arguments; another registered RNN class
    /// goes through its config.</summary>
    private static RNN Reversed(RNN layer)
    {
        string name = "backward_" + layer.Name;
        if (layer.CopyReading(!layer.GoBackwards, name) is { } copy) return copy;
        string where = $"Bidirectional({layer.Name})";
        var serializer = SerializationRegistry.For(layer, where);
        var config = serializer.GetConfig(layer);
        config["go_backwards"] = !layer.GoBackwards;
        config["name"] = name;
        return (RNN)serializer.FromConfig(new ConfigReader(config, where));
    }
}
