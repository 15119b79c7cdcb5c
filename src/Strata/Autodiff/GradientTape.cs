namespace Strata;

/// <summary>What <see cref="GradientTape.Gradient(Tensor, Tensor, UnconnectedGradients)"/> returns for a
/// source the target does not depend on: <c>null</c> (TensorFlow's default) or zeros of the source's shape.</summary>
public enum UnconnectedGradients
{
    None,
    Zero,
}

/// <summary>
/// Records the ops run while it is active, then plays them back to compute gradients, as
/// <c>tf.GradientTape</c> does. Trainable variables read inside the tape are watched automatically;
/// other tensors are watched with <see cref="Watch(Tensor)"/>. A non-persistent tape answers one
/// <c>Gradient</c> call; nested tapes give higher-order gradients because every backward rule is
/// written with Strata's own (recorded) ops.
/// </summary>
public sealed partial class GradientTape : IDisposable
{
    // The tapes active on this thread, innermost last. Ops look at RecordingCount first so that,
    // with no tape active, recording costs one thread-static read.
    [ThreadStatic] private static List<GradientTape>? _active;
    [ThreadStatic] private static int _recordingCount;

    private readonly List<TapeEntry> _entries = new();
    private readonly HashSet<Tensor> _watched = new(ReferenceEqualityComparer.Instance);
    private readonly List<(Variable Variable, Array Buffer)> _snapshots = new();
    private readonly bool _watchAccessedVariables;
    private bool _recording;
    private bool _used;
    private bool _disposed;

    public bool Persistent { get; }

    public GradientTape(bool persistent = false, bool watchAccessedVariables = true)
    {
        Persistent = persistent;
        _watchAccessedVariables = watchAccessedVariables;
        (_active ??= new()).Add(this);
        SetRecording(true);
    }

    /// <summary>True when at least one tape on this thread is recording.</summary>
    internal static bool IsRecording => _recordingCount > 0;

    /// <summary>Marks a tensor (or variable) so that ops using it are recorded and gradients can flow to it.</summary>
    public void Watch(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (!tensor.DType.IsFloating)
            return; // TensorFlow ignores integer tensors here: they have no gradient.
        _watched.Add(tensor);
    }

    public void Watch(params Tensor[] tensors)
    {
        foreach (var t in tensors) Watch(t);
    }

    /// <summary>The variables this tape has watched, in no particular order.</summary>
    public IReadOnlyList<Variable> WatchedVariables() => _watched.OfType<Variable>().ToList();

    /// <summary>Suspends recording on this tape until the returned scope is disposed.</summary>
    public IDisposable StopRecording()
    {
        if (!_recording)
            throw new FailedPreconditionError("GradientTape.StopRecording: the tape is not recording.");
        SetRecording(false);
        return new RecordingScope(this);
    }

    private sealed class RecordingScope(GradientTape tape) : IDisposable
    {
        private bool _done;
        public void Dispose()
        {
            if (_done) return;
            _done = true;
            if (!tape._disposed && !(tape._used && !tape.Persistent)) tape.SetRecording(true);
        }
    }

    /// <summary>Leaves the active-tape stack. Gradients can still be asked for afterwards.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        SetRecording(false);
        _active?.Remove(this);
    }

    private void SetRecording(bool on)
    {
        if (_recording == on) return;
        _recording = on;
        _recordingCount += on ? 1 : -1;
    }

    private bool IsWatched(Tensor t)
    {
        if (_watched.Contains(t)) return true;
        if (_watchAccessedVariables && t is Variable { Trainable: true } v && v.DType.IsFloating)
        {
            _watched.Add(v);
            return true;
        }
        return false;
    }

    /// <summary>
    /// True when some recording tape watches <paramref name="t"/> (or will, as a trainable variable), i.e. when a
    /// gradient may be asked for it. Ops use it to skip building gradients nobody can ask for, such as a
    /// MatMul's gradient for the input images or a subtraction's gradient for a literal.
    /// </summary>
    internal static bool IsWatchedByAny(Tensor t)
    {
        if (t.IsWeak || !t.DType.IsFloating) return false;
        var tapes = _active;
        if (tapes is null) return false;
        for (int i = 0; i < tapes.Count; i++)
            if (tapes[i]._recording && tapes[i].IsWatched(t)) return true;
        return false;
    }

    /// <summary>
    /// Called by every differentiable op after its kernel ran (only when <see cref="IsRecording"/>):
    /// adds one entry to each recording tape that watches any of the inputs.
    /// </summary>
    internal static void Record(string op, Tensor output, Tensor[] inputs, BackwardFunction backward)
    {
        if (!output.DType.IsFloating) return;
        var tapes = _active!;
        TapeEntry? entry = null;
        for (int i = 0; i < tapes.Count; i++)
        {
            var tape = tapes[i];
            if (!tape._recording) continue;
            bool any = false;
            foreach (var input in inputs)
                if (tape.IsWatched(input)) any = true; // no early exit: each trainable input gets watched
            if (!any) continue;
            entry ??= new TapeEntry(op, output, inputs, backward, VariableBuffers(inputs));
            foreach (var snap in entry.Snapshots) { snap.Variable.Snapshot(); tape._snapshots.Add(snap); }
            tape._entries.Add(entry);
            tape._watched.Add(output);
        }
    }

    /// <summary>
    /// The buffers of an op's variable inputs as they are now, each distinct variable once (null when there are
    /// none, the common case). The entry keeps them, and each variable counts the share, so that a write before
    /// Gradient swaps in a fresh buffer instead of changing what the backward pass reads: TensorFlow's variable
    /// reads see the value of the forward pass, and this gives that without copying.
    /// </summary>
    private static (Variable, Array)[]? VariableBuffers(Tensor[] inputs)
    {
        int variables = 0;
        foreach (var input in inputs) if (input is Variable) variables++;
        if (variables == 0) return null;
        var result = new List<(Variable, Array)>(variables);
        for (int j = 0; j < inputs.Length; j++)
            if (inputs[j] is Variable v && Array.IndexOf(inputs, v) == j) result.Add((v, v.Buffer));
        return result.ToArray();
    }
}

/// <summary>An op's backward rule: given the gradient of the output, the gradients of each input
/// (null where an input gets none). Written with Strata ops so that it can itself be recorded.</summary>
public delegate Tensor?[] BackwardFunction(Tensor outputGradient, Tensor[] inputs, Tensor output);

internal sealed class TapeEntry(string op, Tensor output, Tensor[] inputs, BackwardFunction backward,
    (Variable Variable, Array Buffer)[]? snapshots = null)
{
    /// <summary>The variables whose buffers this entry shares (see <see cref="Variable.Snapshot"/>).</summary>
    public readonly (Variable Variable, Array Buffer)[] Snapshots = snapshots ?? [];
    public readonly string Op = op;
    public readonly Tensor Output = output;
    public readonly Tensor[] Inputs = inputs;
    public readonly BackwardFunction Backward = backward;

    /// <summary>
    /// The inputs as the forward pass saw them: a variable written since (its buffer swapped, see
    /// <see cref="Variable.WritableBuffer"/>) is replaced by a tensor over the buffer this entry kept.
    /// </summary>
    public Tensor[] ForwardInputs()
    {
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

public sealed partial class GradientTape
{
    /// <summary>Pauses all recording on this thread until disposed (for kernels built from ops, whose own
    /// gradient is given as a whole).</summary>
    internal static IDisposable? PauseAll()
    {
        if (!IsRecording) return null; // nothing to pause: `using` accepts null
        var paused = _active!.Where(t => t._recording).ToList();
        foreach (var t in paused) t.SetRecording(false);
        return new Resume(paused);
    }

    private sealed class Resume(List<GradientTape> tapes) : IDisposable
    {
        public void Dispose()
        {
            foreach (var t in tapes) if (!t._disposed) t.SetRecording(true);
        }
    }
}
