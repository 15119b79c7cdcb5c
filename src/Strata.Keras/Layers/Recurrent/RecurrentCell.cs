namespace Strata.Keras.Layers;

/// <summary>
/// Keras's RNN cell: one time step. <see cref="Step"/> takes the step's input (batch, features) and the states
/// (one tensor per <see cref="StateSize"/> entry, each (batch, size)) and returns the step's output and the new
/// states. Subclass it for a cell of your own and run it over sequences with <see cref="RNN"/>.
/// </summary>
public abstract class RecurrentCell : Layer
{
    private protected RecurrentCell(string? name) : base(name)
    {
    }

    /// <summary>The size of each state (LSTM: [units, units] for h and c; GRU and SimpleRNN: [units]).</summary>
    public abstract int[] StateSize { get; }

    /// <summary>The size of each step's output.</summary>
    public abstract int OutputSize { get; }

    /// <summary>One step: (output, new states) from the input (batch, features) and the states.</summary>
    public abstract (Tensor Output, Tensor[] States) Step(Tensor input, IReadOnlyList<Tensor> states, bool? training);

    /// <summary>A cell is built from the shape of one step's input (batch, features).</summary>
    public override Tensor Call(Tensor inputs) =>
        throw new InvalidArgumentError($"{ClassName} '{Name}' is a cell: run it with Step(input, states), or over a sequence with RNN(cell).");

    /// <summary>The dtype of the states (the kernel's).</summary>
    internal virtual DType StateDType => DType.Float32;
}

/// <summary>
/// The built-in cells' fast path: the input projection x·W + b of every time step in one matrix product before the
/// loop, so that a step only adds the recurrent product.
/// </summary>
internal interface IProjectingCell
{
    /// <summary>x·W (+ input bias) for a (batch, time, features) sequence: (batch, time, k).</summary>
    Tensor ProjectInputs(Tensor sequence);

    /// <summary>One step from an already projected input (batch, k).</summary>
    (Tensor Output, Tensor[] States) StepProjected(Tensor projected, IReadOnlyList<Tensor> states, Tensor? recurrentMask);
}
