namespace Strata;

/// <summary>An op's backward rule: given the gradient of the output, the gradients of each input
/// (null where an input gets none). Written with Strata ops so that it can itself be recorded.</summary>
public delegate Tensor?[] BackwardFunction(Tensor outputGradient, Tensor[] inputs, Tensor output);

/// <summary>One input's gradient of a binary op: (dz, x, y, z) → d/d(that input), already summed to its shape.</summary>
internal delegate Tensor PartialGradient(Tensor dz, Tensor x, Tensor y, Tensor z);

/// <summary>
/// One recorded op. A general op keeps its <see cref="BackwardFunction"/>; a binary op keeps its two partial
/// gradients instead (null for an operand no tape watches), which are static lambdas: recording it allocates
/// no closure, and playing it back no array of results.
/// </summary>
internal sealed class TapeEntry
{
    public readonly string Op;
    public readonly Tensor Output;
    public readonly Tensor[] Inputs;
    public readonly BackwardFunction? Backward;
    public readonly PartialGradient? Dx, Dy;

    /// <summary>The variables whose buffers this entry shares (see <see cref="Variable.Snapshot"/>).</summary>
    public readonly (Variable Variable, Array Buffer)[]? Snapshots;

    public TapeEntry(string op, Tensor output, Tensor[] inputs, BackwardFunction? backward, PartialGradient? dx, PartialGradient? dy)
    {
        Op = op;
        Output = output;
        Inputs = inputs;
        Backward = backward;
        (Dx, Dy) = (dx, dy);
        Snapshots = VariableBuffers(inputs);
    }

    /// <summary>
    /// The buffers of the op's variable inputs as they are now, each distinct variable once (null when there are
    /// none, the common case). The entry keeps them, and each variable counts the share, so that a write before
    /// Gradient swaps in a fresh buffer instead of changing what the backward pass reads: TensorFlow's variable
    /// reads see the value of the forward pass, and this gives that without copying.
    /// </summary>
    private static (Variable, Array)[]? VariableBuffers(Tensor[] inputs)
    {
        int variables = 0;
        for (int j = 0; j < inputs.Length; j++)
            if (inputs[j] is Variable v && Array.IndexOf(inputs, v) == j) variables++;
        if (variables == 0) return null;
        var result = new (Variable, Array)[variables];
        int n = 0;
        for (int j = 0; j < inputs.Length; j++)
            if (inputs[j] is Variable v && Array.IndexOf(inputs, v) == j) result[n++] = (v, v.Buffer);
        return result;
    }

    /// <summary>
    /// The inputs as the forward pass saw them: a variable written since (its buffer swapped, see
    /// <see cref="Variable.WritableBuffer"/>) is replaced by a tensor over the buffer this entry kept.
    /// </summary>
    public Tensor[] ForwardInputs()
    {
        if (Snapshots is null) return Inputs;
        Tensor[]? result = null;
        foreach (var (v, buffer) in Snapshots)
        {
            if (ReferenceEquals(v.Buffer, buffer)) continue;
            result ??= (Tensor[])Inputs.Clone();
            var then = Tensor.FromBuffer(buffer, v.Shape, v.DType);
            for (int j = 0; j < result.Length; j++) if (ReferenceEquals(Inputs[j], v)) result[j] = then;
        }
        return result ?? Inputs;
    }
}
