namespace Strata;

/// <summary>What <see cref="GradientTape.Gradient(Tensor, Tensor, UnconnectedGradients)"/> returns for a
/// source the target does not depend on: <c>null</c> (TensorFlow's default) or zeros of the source's shape.</summary>
public enum UnconnectedGradients
{
    /// <summary>A source the target does not depend on gets <c>null</c> (<c>tf.UnconnectedGradients.NONE</c>, the default).</summary>
    None,
    /// <summary>A source the target does not depend on gets zeros of its shape and dtype (<c>tf.UnconnectedGradients.ZERO</c>).</summary>
    Zero,
}

/// <summary>
/// Records the ops run while it is active, then plays them back to compute gradients, as
/// <c>tf.GradientTape</c> does. Trainable variables read inside the tape are watched automatically;
/// other tensors are watched with <see cref="Watch(Tensor)"/>. A non-persistent tape answers one
/// <c>Gradient</c> call; nested tapes give higher-order gradients because every backward rule is
/// written with Strata's own (recorded) ops.
/// </summary>
/// <remarks>
/// A tape records the code that opened it, across <c>await</c>s, and the tasks that code starts while the tape is
/// open (they share its execution context; their ops are recorded safely from several threads), never other
/// threads or tasks. Like any <see cref="AsyncLocal{T}"/> state, a tape opened inside an <c>async</c> method is
/// not active in its caller after the method returns: open the tape in the method that runs the forward pass.
/// </remarks>
public sealed partial class GradientTape : IDisposable
{
    // The tapes active in the current flow of code. A tape belongs to the code that opened it, not to a thread: the
    // innermost tape lives in an AsyncLocal, so it follows an await onto whatever thread resumes, flows into the
    // tasks that code starts, and never reaches unrelated threads (a thread-pool thread gets back its own, empty
    // context when it leaves the flow). Each tape links to the one it was opened inside (_below), so the flow's
    // stack is an immutable chain: flows that share a parent's chain never see each other's later tapes, and
    // opening a tape costs one AsyncLocal write and no other allocation. Reading an AsyncLocal costs a lookup in the
    // execution context, so its value is mirrored in a thread-static field, kept in step by the AsyncLocal's change
    // notification (raised for every write and every switch of execution context on a thread): ops read the mirror.
    private static readonly AsyncLocal<GradientTape?> s_flowTop = new(OnFlowTopChanged);
    [ThreadStatic] private static GradientTape? t_top;
    // Tapes recording anywhere. With none (eager inference), ops skip even the thread-static read, which on Linux
    // is a call into the TLS resolver on every op.
    private static int s_recordingAnywhere;

    private static void OnFlowTopChanged(AsyncLocalValueChangedArgs<GradientTape?> change) => t_top = change.CurrentValue;

    /// <summary>The tape this one was opened inside, leaving out those that can record no more.</summary>
    private readonly GradientTape? _below;

    /// <summary>The first tape at or below <paramref name="tape"/> that can still record (finished ones are left
    /// out of new chains; deeper in an old chain they are skipped).</summary>
    private static GradientTape? Live(GradientTape? tape)
    {
        while (tape is not null && tape.IsFinished) tape = tape._below;
        return tape;
    }

    private static bool AnyRecordingFrom(GradientTape top)
    {
        for (var t = top; t is not null; t = t._below) if (t._recording) return true;
        return false;
    }

    /// <summary>Disposed, or used up (a non-persistent tape after its Gradient call): it will never record again.</summary>
    private bool IsFinished => _disposed || (_used && !Persistent);

    // What the tape recorded. A non-persistent tape hands its (emptied) log on to the next tape of its thread
    // after its Gradient call, so that a training loop's tapes reuse the same two lists.
    private Log _log;
    [ThreadStatic] private static Log? t_spareLog;

    private sealed class Log
    {
        public readonly List<TapeEntry> Entries = new();
        public readonly List<(Variable Variable, Array Buffer)> Snapshots = new();
    }
    private readonly bool _watchAccessedVariables;
    private bool _recording;
    private bool _used;
    private bool _disposed;

    // Which tensors this tape watches. Usually a tensor carries the tape's mark (one field, set once: recording
    // an op marks its output, the common case). A tensor already marked by another tape that can still answer
    // (nested tapes, a persistent tape) goes into this tape's own set instead.
    private readonly WatchMark _mark = new();
    private HashSet<Tensor>? _alsoWatched;
    // The variables watched, in order: the first in a field, the others in a list made only when there are more
    // (a training step's tape would otherwise allocate a list and its array for the one variable of an SGD loop).
    private Variable? _firstWatchedVariable;
    private List<Variable>? _moreWatchedVariables;

    /// <summary>A tape's mark on the tensors it watches. <see cref="Finished"/> once the tape can answer no more
    /// (a non-persistent tape after its Gradient call): then another tape may take the tensor over.</summary>
    internal sealed class WatchMark
    {
        public volatile bool Finished;
    }

    /// <summary>True for a tape opened with <c>persistent: true</c>, which answers any number of <c>Gradient</c> calls
    /// until it is disposed; a non-persistent tape answers one.</summary>
    public bool Persistent { get; }

    /// <summary><c>tf.GradientTape(persistent=False, watch_accessed_variables=True)</c>: opens a tape that records the ops
    /// of the current flow of code until it is disposed (use it in a <c>using</c> block). With
    /// <paramref name="watchAccessedVariables"/> false, only what <see cref="Watch(Tensor)"/> names is watched.</summary>
    public GradientTape(bool persistent = false, bool watchAccessedVariables = true)
    {
        Persistent = persistent;
        _watchAccessedVariables = watchAccessedVariables;
        _log = t_spareLog ?? new();
        t_spareLog = null;
        _below = Live(s_flowTop.Value);
        s_flowTop.Value = this; // its change notification sets t_top
        SetRecording(true);
    }

    /// <summary>True when at least one tape of the current flow is recording.</summary>
    internal static bool IsRecording => s_recordingAnywhere > 0 && t_top is { } top && AnyRecordingFrom(top);

    /// <summary>Marks a tensor (or variable) so that ops using it are recorded and gradients can flow to it.</summary>
    public void Watch(Tensor tensor)
    {
        Guard.NotNull(tensor, "GradientTape.Watch", "tensor");
        if (!tensor.DType.IsFloating)
            return; // TensorFlow ignores integer tensors here: they have no gradient.
        MarkWatched(tensor);
    }

    /// <summary>Watches each of <paramref name="tensors"/>, as <see cref="Watch(Tensor)"/> does (tensors that are not floating-point are ignored).</summary>
    public void Watch(params Tensor[] tensors)
    {
        foreach (var t in tensors) Watch(t);
    }

    /// <summary>The variables this tape has watched, in the order it first watched them.</summary>
    public IReadOnlyList<Variable> WatchedVariables()
    {
        var all = new List<Variable>();
        if (_firstWatchedVariable is { } first) all.Add(first);
        if (_moreWatchedVariables is { } more) all.AddRange(more);
        return all;
    }

    private void AddWatchedVariable(Variable v)
    {
        if (_firstWatchedVariable is null) _firstWatchedVariable = v;
        else (_moreWatchedVariables ??= new()).Add(v);
    }

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

    /// <summary>Stops recording; gradients can still be asked for afterwards. Safe on any thread. The tape stays in
    /// its flow's stack, skipped, until the flow's next tape leaves it out: writing the flow's AsyncLocal costs as
    /// much as a small op, and a training step would pay it twice per tape instead of once.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        SetRecording(false);
    }

    private void SetRecording(bool on)
    {
        if (_recording == on) return;
        _recording = on;
        Interlocked.Add(ref s_recordingAnywhere, on ? 1 : -1);
    }

    /// <summary>True when this tape watches <paramref name="t"/> (without watching it as a side effect).</summary>
    private bool Watches(Tensor t) => ReferenceEquals(t.WatchMark, _mark) || (_alsoWatched?.Contains(t) ?? false);

    private void MarkWatched(Tensor t)
    {
        var current = t.WatchMark;
        if (ReferenceEquals(current, _mark)) return;
        // Take the tensor over when no tape that can still answer has marked it. The exchange guards against
        // another thread's tape marking the same variable at the same moment.
        bool taken = (current is null || current.Finished) && Interlocked.CompareExchange(ref t.WatchMark, _mark, current) == current;
        if (taken && t is not Variable) return; // the mark says it all: no list to write
        Lock();
        try
        {
            if (taken) AddWatchedVariable((Variable)t);
            else if ((_alsoWatched ??= new(ReferenceEqualityComparer.Instance)).Add(t) && t is Variable variable)
                AddWatchedVariable(variable);
        }
        finally { Unlock(); }
    }

    // The tape's lists are written under this lock: tasks started inside a tape's scope share its flow, and may
    // record on it at the same time as the code that started them. Uncontended it is one atomic exchange.
    private int _lock;

    private void Lock()
    {
        if (Interlocked.CompareExchange(ref _lock, 1, 0) == 0) return;
        var spin = new SpinWait();
        while (Interlocked.CompareExchange(ref _lock, 1, 0) != 0) spin.SpinOnce();
    }

    private void Unlock() => Volatile.Write(ref _lock, 0);

    private bool IsWatched(Tensor t)
    {
        if (Watches(t)) return true;
        if (_watchAccessedVariables && t is Variable { Trainable: true } v && v.DType.IsFloating)
        {
            MarkWatched(v);
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
        if (!IsDifferentiable(t)) return false;
        for (var tape = t_top; tape is not null; tape = tape._below)
            if (tape._recording && tape.IsWatched(t)) return true;
        return false;
    }

    /// <summary>Whether a gradient can ever be asked for <paramref name="t"/>: not for a C# literal or an integer tensor.</summary>
    private static bool IsDifferentiable(Tensor t) => !t.IsWeak && t.DType.IsFloating;

    /// <summary>
    /// Called by every differentiable op after its kernel ran (only when <see cref="IsRecording"/>):
    /// adds one entry to each recording tape that watches any of the inputs.
    /// </summary>
    internal static void Record(string op, Tensor output, Tensor[] inputs, BackwardFunction backward)
    {
        if (!output.DType.IsFloating) return;
        TapeEntry? entry = null;
        for (var tape = t_top; tape is not null; tape = tape._below)
        {
            if (!tape._recording) continue;
            bool any = false;
            foreach (var input in inputs)
                if (tape.IsWatched(input)) any = true; // no early exit: each trainable input gets watched
            if (any) tape.Add(entry ??= new TapeEntry(op, output, inputs, backward));
        }
    }

    /// <summary>
    /// Records a binary op from its two partial gradients. An operand no tape watches (a C# literal in x - 4,
    /// the labels of a loss) can never be asked for a gradient, so its partial is left out and never built.
    /// Both operands are kept either way, so that a variable's value is the one of the forward pass.
    /// </summary>
    internal static void RecordBinary(string op, Tensor output, Tensor x, Tensor y, PartialGradient dx, PartialGradient dy)
    {
        if (!output.DType.IsFloating || (!IsDifferentiable(x) && !IsDifferentiable(y))) return;
        TapeEntry? entry = null;
        bool needX = false, needY = false;
        for (var tape = t_top; tape is not null; tape = tape._below)
        {
            if (!tape._recording) continue;
            bool watchesX = tape.IsWatched(x), watchesY = tape.IsWatched(y); // both: each trainable one gets watched
            if (!watchesX && !watchesY) continue;
            (needX, needY) = (needX | watchesX, needY | watchesY);
            tape.Add(entry ??= new TapeEntry(op, output, x, y));
        }
        // The partials are known once every tape has been asked; a literal or an integer operand never needs one.
        entry?.SetPartials(needX && IsDifferentiable(x) ? dx : null, needY && IsDifferentiable(y) ? dy : null);
    }

    private void Add(TapeEntry entry)
    {
        Lock();
        try
        {
            if (entry.Snapshots is { } snapshots)
                foreach (var snap in snapshots) { snap.Variable.Snapshot(); _log.Snapshots.Add(snap); }
            _log.Entries.Add(entry);
        }
        finally { Unlock(); }
        // A fresh output no other thread has seen yet: a plain write marks it (when no other tape did).
        if (entry.Output.WatchMark is null) entry.Output.WatchMark = _mark;
        else MarkWatched(entry.Output);
    }

    /// <summary>Pauses all recording on this thread until disposed (for kernels built from ops, whose own
    /// gradient is given as a whole).</summary>
    internal static IDisposable? PauseAll()
    {
        if (!IsRecording) return null; // nothing to pause: `using` accepts null
        var paused = new List<GradientTape>();
        for (var t = t_top; t is not null; t = t._below) if (t._recording) paused.Add(t);
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
