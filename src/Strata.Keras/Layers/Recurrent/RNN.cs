using Strata.Keras.Engine;

namespace Strata.Keras.Layers;

/// <summary>
/// Keras's <c>RNN</c>: runs a <see cref="RecurrentCell"/> over the time axis of (batch, time, features) inputs.
/// Returns the last output (batch, units), or every step's (batch, time, units) with <c>returnSequences</c>;
/// <see cref="CallWithStates"/> also gives the final states (Keras's <c>return_state</c>). <c>goBackwards</c> reads the
/// sequence in reverse (and returns the outputs in that order, as Keras). <c>stateful</c> keeps the final states of
/// a batch as the initial states of the next until <see cref="ResetStates"/>. A mask (batch, time) of bools skips
/// steps: a masked step keeps the states and repeats the previous output.
/// </summary>
public class RNN : Layer
{
    private Tensor[]? _carried;   // stateful: the states the next batch starts from
    private long _dropoutCalls;

    /// <summary>The cell run at every time step.</summary>
    public RecurrentCell Cell { get; }
    /// <summary>Whether the output is every step's (batch, time, units) rather than the last (batch, units).</summary>
    public bool ReturnSequences { get; }
    /// <summary>Keras's <c>return_state</c>, kept for the configuration; <see cref="Call(Tensor, bool?)"/> returns the output
    /// alone, <see cref="CallWithStates"/> the output and the final states.</summary>
    public bool ReturnState { get; }
    /// <summary>Whether the sequence is read from its last step to its first.</summary>
    public bool GoBackwards { get; }
    /// <summary>Whether the final states of a batch are the initial states of the next (until <see cref="ResetStates"/>).</summary>
    public bool Stateful { get; }

    /// <summary>An RNN layer (keras.layers.RNN) running <paramref name="cell"/>: (batch, time, features) →
    /// (batch, units), or (batch, time, units) with <paramref name="returnSequences"/>.</summary>
    /// <param name="cell">Keras's <c>cell</c>: the step, e.g. a <see cref="SimpleRNNCell"/>, <see cref="LSTMCell"/>,
    /// <see cref="GRUCell"/> or a <see cref="RecurrentCell"/> of your own; not null.</param>
    /// <param name="returnSequences">Keras's <c>return_sequences</c>: return every step's output; false by default.</param>
    /// <param name="returnState">Keras's <c>return_state</c>: recorded for the configuration (call
    /// <see cref="CallWithStates"/> for the states); false by default.</param>
    /// <param name="goBackwards">Keras's <c>go_backwards</c>: read the sequence in reverse; false by default.</param>
    /// <param name="stateful">Keras's <c>stateful</c>: carry the final states to the next batch; false by default.</param>
    /// <param name="name">The layer's name; null for <c>rnn</c>, <c>rnn_1</c>….</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample, (time, features); null by default.</param>
    public RNN(RecurrentCell cell, bool returnSequences = false, bool returnState = false, bool goBackwards = false,
        bool stateful = false, string? name = null, Shape? inputShape = null) : base(name, inputShape)
    {
        Cell = cell ?? throw Guard.Null("RNN", "cell");
        ReturnSequences = returnSequences;
        ReturnState = returnState;
        GoBackwards = goBackwards;
        Stateful = stateful;
        InputSpec = new InputSpec(ndim: 3);
        SupportsMasking = true;
    }

    /// <summary>Keras's RNN mask: the input's mask goes on with <see cref="ReturnSequences"/>, else none.</summary>
    public override Tensor? ComputeMask(Tensor inputs, Tensor? previousMask) => ReturnSequences ? previousMask : null;

    /// <summary>Builds the cell from the features of one step, (batch, features).</summary>
    /// <param name="inputShape">The input's shape, (batch, time, features).</param>
    public override void Build(Shape inputShape)
    {
        if (inputShape.Rank != 3)
            throw new InvalidArgumentError($"{ClassName} '{Name}': expected an input of rank 3 (batch, time, features), got shape {inputShape}.");
        Cell.EnsureBuilt(new Shape(inputShape[0], inputShape[2]));
    }

    /// <summary>The inference pass: <see cref="Call(Tensor, bool?)"/> with <c>training: false</c>.</summary>
    /// <param name="inputs">The sequence, (batch, time, features).</param>
    public override Tensor Call(Tensor inputs) => Call(inputs, training: false);

    /// <summary>The output (the last step's, or every step's with <see cref="ReturnSequences"/>), honouring the mask riding
    /// on <paramref name="inputs"/>.</summary>
    /// <param name="inputs">The sequence, (batch, time, features).</param>
    /// <param name="training">True in training, where the cell's dropout applies.</param>
    public override Tensor Call(Tensor inputs, bool? training) => CallWithStates(inputs, null, KerasMasks.Get(inputs), training).Output;

    /// <summary>The output and the final states (Keras's <c>return_state=True</c>: <c>output, h, c = lstm(x)</c>), from
    /// <paramref name="initialState"/> (default zeros, or the carried states of a stateful layer) and an optional
    /// <paramref name="mask"/> (batch, time) of bools.</summary>
    public (Tensor Output, Tensor[] States) CallWithStates(Tensor inputs, IReadOnlyList<Tensor>? initialState = null,
        Tensor? mask = null, bool? training = null)
    {
        Guard.NotNull(inputs, $"{ClassName} '{Name}'", "inputs");
        if (inputs.Rank != 3)
            throw new InvalidArgumentError($"{ClassName} '{Name}': expected an input of rank 3 (batch, time, features), got shape {inputs.Shape}.");
        EnsureBuilt(inputs.Shape);
        int batch = inputs.Shape[0], time = inputs.Shape[1];
        if (time == 0) throw new InvalidArgumentError($"{ClassName} '{Name}': the input has no time steps (shape {inputs.Shape}).");
        var states = InitialStates(batch, initialState);
        CheckMask(mask, batch, time);

        bool train = training == true;
        var cell = Cell as BuiltinCell;
        var x = inputs;
        if (train && cell is { Dropout: > 0 } && cell.Dropout < 1)
            x = x * DropoutMask([batch, 1, inputs.Shape[2]], cell.Dropout, inputs.DType);
        Tensor? recurrentMask = train && cell is { RecurrentDropout: > 0 } && cell.RecurrentDropout < 1
            ? DropoutMask([batch, cell.Units], cell.RecurrentDropout, cell.DType) : null;
        var projecting = Cell as IProjectingCell;
        var sequence = projecting is not null ? projecting.ProjectInputs(x) : x;
        if (FusesSteps && mask is null && recurrentMask is null && Cell is LSTMCell { HasFusedKernel: true } lstm)
        {
            var (all, final) = lstm.RunFused(sequence, states, GoBackwards);
            Carry(final);
            return (ReturnSequences ? all : final[0], final);
        }

        var outputs = ReturnSequences ? new Tensor[time] : null;
        Tensor? last = null;
        for (int k = 0; k < time; k++)
        {
            int t = GoBackwards ? time - 1 - k : k;
            var step = sequence[.., t];
            var (output, next) = projecting is not null
                ? projecting.StepProjected(step, states, recurrentMask)
                : Cell.Step(step, states, training);
            if (mask is not null)
            {
                // Where the step is masked, states and output stay as they were (Keras's zero_output_for_mask=False).
                var keep = tf.ExpandDims(mask[.., t], 1);
                for (int s = 0; s < next.Length; s++) next[s] = tf.Where(keep, next[s], states[s]);
                output = last is null ? tf.Where(keep, output, tf.ZerosLike(output)) : tf.Where(keep, output, last);
            }
            states = next;
            last = output;
            if (outputs is not null) outputs[k] = output;
        }
        Carry(states);
        var result = outputs is not null ? tf.Stack(outputs, 1) : last!;
        return (result, states);
    }

    internal override string? KerasAttributeOf(Layer child) => ReferenceEquals(child, Cell) ? "cell" : null;

    /// <summary>A new layer with the same arguments (fresh weights) reading in the given direction; null when the
    /// class cannot copy itself (Bidirectional then goes through its config).</summary>
    internal virtual RNN? CopyReading(bool goBackwards, string name) => null;

    /// <summary>Whether the layer runs its cell's whole sequence as one fused op when it can (the LSTM layer, as Keras's
    /// picks its cuDNN kernel); <c>RNN(cell)</c> always steps the cell, which keeps every order of derivative.</summary>
    private protected virtual bool FusesSteps => false;

    /// <summary>A stateful layer keeps the final states for the next batch (outside any tape); a build's probe on
    /// placeholder data is no batch.</summary>
    private void Carry(Tensor[] states)
    {
        if (Stateful && !Probing)
            using (GradientTape.PauseAll())
                _carried = states.Select(s => tf.Identity(s)).ToArray();
    }

    /// <summary>Forgets the carried states of a stateful layer (Keras's <c>reset_states</c>): the next batch starts from zeros.</summary>
    public void ResetStates() => _carried = null;

    private Tensor[] InitialStates(int batch, IReadOnlyList<Tensor>? given)
    {
        var sizes = Cell.StateSize;
        if (given is not null)
        {
            if (given.Count != sizes.Length)
                throw new InvalidArgumentError(
                    $"{ClassName} '{Name}': the cell has {sizes.Length} state(s) but {given.Count} initial state(s) were given.");
            for (int s = 0; s < sizes.Length; s++)
                if (given[s] is null || given[s].Shape != new Shape(batch, sizes[s]))
                    throw new InvalidArgumentError(
                        $"{ClassName} '{Name}': initial state {s} must have shape ({batch}, {sizes[s]}), got {given[s]?.Shape.ToString() ?? "null"}.");
            return given.Select(g => g.DType == Cell.StateDType ? g : tf.Cast(g, Cell.StateDType)).ToArray();
        }
        if (Stateful && _carried is { } carried)
        {
            if (carried[0].Shape[0] != batch)
                throw new InvalidArgumentError(
                    $"{ClassName} '{Name}' is stateful: its states are for a batch of {carried[0].Shape[0]}, got a batch of {batch}; call ResetStates() first.");
            return carried;
        }
        return sizes.Select(n => tf.Zeros([batch, n], Cell.StateDType)).ToArray();
    }

    private void CheckMask(Tensor? mask, int batch, int time)
    {
        if (mask is null) return;
        if (mask.DType != DType.Bool || mask.Shape != new Shape(batch, time))
            throw new InvalidArgumentError(
                $"{ClassName} '{Name}': the mask must be bool of shape ({batch}, {time}), got {mask.DType.Name()} with shape {mask.Shape}.");
    }

    /// <summary>A dropout mask (kept / (1 - rate)), the same for every time step of the sequence, as Keras's cells use.</summary>
    private Tensor DropoutMask(Shape shape, double rate, DType dtype)
    {
        var cell = (BuiltinCell)Cell;
        var keep = cell.Seed is { } s
            ? tf.random.StatelessUniform(shape, (s, _dropoutCalls++), dtype: dtype)
            : tf.random.Uniform(shape, dtype: dtype);
        return tf.Cast(tf.GreaterEqual(keep, Tensor.Scalar(rate, dtype)), dtype) * (1.0 / (1.0 - rate));
    }
}
