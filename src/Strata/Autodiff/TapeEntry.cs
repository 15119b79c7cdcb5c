namespace Strata;

/// <summary>An op's backward rule: given the gradient of the output, the gradients of each input
/// (null where an input gets none). Written with Strata ops so that it can itself be recorded.</summary>
public delegate Tensor?[] BackwardFunction(Tensor outputGradient, Tensor[] inputs, Tensor output);

/// <summary>One input's gradient of a binary op: (dz, x, y, z) → d/d(that input), already summed to its shape.</summary>
internal delegate Tensor PartialGradient(Tensor dz, Tensor x, Tensor y, Tensor z);

/// <summary>
/// One recorded op. A general op keeps its inputs as an array and its <see cref="BackwardFunction"/>; a binary op
/// keeps its two operands in fields and its two partial gradients (null for an operand no tape watches), which
/// are static lambdas: recording it is this one object, and playing it back allocates no array.
/// </summary>
internal sealed class TapeEntry
{
    public readonly string Op;
    public readonly Tensor Output;
    public readonly BackwardFunction? Backward;
    public PartialGradient? Dx { get; private set; }
    public PartialGradient? Dy { get; private set; }
    private readonly Tensor[]? _inputs;   // general ops
    private readonly Tensor? _x, _y;      // binary ops

    /// <summary>The variables whose buffers this entry shares (see <see cref="Variable.Snapshot"/>).</summary>
    public readonly (Variable Variable, Array Buffer)[]? Snapshots;

    public TapeEntry(string op, Tensor output, Tensor[] inputs, BackwardFunction backward)
    {
        (Op, Output, _inputs, Backward) = (op, output, inputs, backward);
        Snapshots = VariableBuffers();
    }

    public TapeEntry(string op, Tensor output, Tensor x, Tensor y)
    {
        (Op, Output, _x, _y) = (op, output, x, y);
        Snapshots = VariableBuffers();
    }

    /// <summary>A binary op's partial gradients (null for an operand that needs none), set once while recording.</summary>
    public void SetPartials(PartialGradient? dx, PartialGradient? dy) => (Dx, Dy) = (dx, dy);

    public int InputCount => _inputs?.Length ?? 2;

    /// <summary>Input <paramref name="j"/> as recorded (the variable itself, not its value then).</summary>
    public Tensor Input(int j) => _inputs is { } inputs ? inputs[j] : j == 0 ? _x! : _y!;

    /// <summary>
    /// The buffers of the op's variable inputs as they are now, each distinct variable once (null when there are
    /// none, the common case). The entry keeps them, and each variable counts the share, so that a write before
    /// Gradient swaps in a fresh buffer instead of changing what the backward pass reads: TensorFlow's variable
    /// reads see the value of the forward pass, and this gives that without copying.
    /// </summary>
    private (Variable, Array)[]? VariableBuffers()
    {
        int variables = 0;
        for (int j = 0; j < InputCount; j++)
            if (IsFirstUseOfAVariable(j)) variables++;
        if (variables == 0) return null;
        var result = new (Variable, Array)[variables];
        int n = 0;
        for (int j = 0; j < InputCount; j++)
            if (IsFirstUseOfAVariable(j)) result[n++] = ((Variable)Input(j), Input(j).Buffer);
        return result;
    }

    private bool IsFirstUseOfAVariable(int j)
    {
        if (Input(j) is not Variable v) return false;
        for (int i = 0; i < j; i++) if (ReferenceEquals(Input(i), v)) return false;
        return true;
    }

    /// <summary>
    /// Input <paramref name="j"/> as the forward pass saw it: a variable written since (its buffer swapped, see
    /// <see cref="Variable.WritableBuffer"/>) is replaced by a tensor over the buffer this entry kept.
    /// </summary>
    public Tensor ForwardInput(int j)
    {
        var input = Input(j);
        if (Snapshots is null || input is not Variable v) return input;
        foreach (var (variable, buffer) in Snapshots)
            if (ReferenceEquals(variable, v))
                return ReferenceEquals(v.Buffer, buffer) ? v : Tensor.FromBuffer(buffer, v.Shape, v.DType);
        return input;
    }

    /// <summary>All inputs as the forward pass saw them (see <see cref="ForwardInput"/>), for a general op's rule.</summary>
    public Tensor[] ForwardInputs()
    {
        var inputs = _inputs!;
        if (Snapshots is null) return inputs;
        Tensor[]? result = null;
        for (int j = 0; j < inputs.Length; j++)
        {
            var then = ForwardInput(j);
            if (ReferenceEquals(then, inputs[j])) continue;
            result ??= (Tensor[])inputs.Clone();
            result[j] = then;
        }
        return result ?? inputs;
    }
}
