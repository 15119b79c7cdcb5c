namespace Strata;

public sealed partial class GradientTape
{
    /// <summary>d target / d source. A non-scalar target is summed first, as in TensorFlow.</summary>
    public Tensor? Gradient(Tensor target, Tensor source, UnconnectedGradients unconnected = UnconnectedGradients.None)
    {
        // The one-source list and one-gradient result are this thread's (a backward pass never starts another): a
        // training step's Gradient(loss, x) then allocates neither.
        var sources = t_oneSource ??= new Tensor[1];
        var result = t_oneResult ??= new Tensor?[1];
        sources[0] = source;
        try
        {
            GradientInto(target, sources, unconnected, null, result);
            return result[0];
        }
        finally { sources[0] = null!; result[0] = null; }
    }

    [ThreadStatic] private static Tensor[]? t_oneSource;
    [ThreadStatic] private static Tensor?[]? t_oneResult;

    /// <summary>Gradients of <paramref name="target"/> with respect to each source, in order.</summary>
    public Tensor?[] Gradient(Tensor target, IReadOnlyList<Tensor> sources,
        UnconnectedGradients unconnected = UnconnectedGradients.None, Tensor? outputGradient = null)
    {
        Guard.NotNull(sources, "GradientTape.Gradient", "sources");
        var result = new Tensor?[sources.Count];
        GradientInto(target, sources, unconnected, outputGradient, result);
        return result;
    }

    private void GradientInto(Tensor target, IReadOnlyList<Tensor> sources, UnconnectedGradients unconnected, Tensor? outputGradient, Tensor?[] result)
    {
        Guard.NotNull(target, "GradientTape.Gradient", "target");
        BeginGradient();
        try
        {
            // A scalar target (a loss) is seeded with a plain 1, without tf.Ones' checks.
            var seed = outputGradient ?? (target.Rank == 0 ? Tensor.Scalar(1, target.DType) : tf.OnesLike(target));
            if (seed.Shape != target.Shape || seed.DType != target.DType)
                throw new InvalidArgumentError(
                    $"GradientTape.Gradient: output gradient is {seed.DType.Name()} with shape {seed.Shape}, the target is {target.DType.Name()} with shape {target.Shape}; they must match.");
            Backpropagate(target, sources, seed, unconnected, result);
        }
        finally
        {
            EndGradient();
        }
    }

    /// <summary>
    /// The Jacobian of <paramref name="target"/> with respect to <paramref name="source"/>: shape
    /// target.shape + source.shape, one backward pass per element of the target. As in TensorFlow, a target that
    /// does not depend on the source gives null, or zeros with <see cref="UnconnectedGradients.Zero"/>.
    /// </summary>
    public Tensor? Jacobian(Tensor target, Tensor source, UnconnectedGradients unconnected = UnconnectedGradients.None)
    {
        Guard.NotNull(target, "GradientTape.Jacobian", "target");
        Guard.NotNull(source, "GradientTape.Jacobian", "source");
        BeginGradient();
        try
        {
            int n = target.Size;
            var dims = target.Shape.ToArray().Concat(source.Shape.ToArray()).ToArray();
            var rows = new Tensor?[n];
            bool connected = false;
            for (int i = 0; i < n; i++)
            {
                var seed = tf.Reshape(tf.OneHot(tf.Constant(i), n, dtype: target.DType), target.Shape);
                var row = new Tensor?[1];
                Backpropagate(target, [source], seed, UnconnectedGradients.None, row);
                rows[i] = row[0];
                connected |= rows[i] is not null;
            }
            if (!connected) return unconnected == UnconnectedGradients.Zero || n == 0 ? tf.Zeros(dims, source.DType) : null;
            // An element of the target that does not depend on the source has a row of zeros.
            return tf.Reshape(tf.Stack(rows.Select(r => r ?? tf.ZerosLike(source)).ToArray()), dims);
        }
        finally
        {
            EndGradient();
        }
    }

    private void BeginGradient()
    {
        if (_used && !Persistent)
            throw new FailedPreconditionError(
                "GradientTape.Gradient: a non-persistent GradientTape can only be used to compute one set of gradients " +
                "(or jacobians); create it with persistent: true to call Gradient more than once.");
        // The tape must not record its own backward pass; outer tapes still do (higher-order gradients).
        _pausedForGradient = _recording;
        SetRecording(false);
    }

    private bool _pausedForGradient;

    private void EndGradient()
    {
        if (!Persistent)
        {
            _used = true;
            _mark.Finished = true; // other tapes may take over the tensors it marked
            // A used non-persistent tape releases what it held, and passes its emptied log on.
            _log.Entries.Clear();
            foreach (var (v, buffer) in _log.Snapshots) v.ReleaseSnapshot(buffer);
            _log.Snapshots.Clear();
            t_spareLog = _log;
            _log = null!; // never read again: such a tape neither records nor answers
            return;
        }
        if (_pausedForGradient && !_disposed) SetRecording(true);
    }

    private void Backpropagate(Tensor target, IReadOnlyList<Tensor> sources, Tensor seed, UnconnectedGradients unconnected, Tensor?[] result)
    {
        // One map per thread, reused: a training step's backward pass would otherwise allocate and grow a
        // fresh one every time. Backward rules never start another backward pass, so it is never in use twice.
        var grads = _gradientMap ??= new Dictionary<Tensor, Tensor>(ReferenceEqualityComparer.Instance);
        grads.Clear();
        try
        {
            Backpropagate(grads, target, sources, seed, unconnected, result);
        }
        finally
        {
            grads.Clear(); // let the gradients go
        }
    }

    [ThreadStatic] private static Dictionary<Tensor, Tensor>? _gradientMap;

    private void Backpropagate(Dictionary<Tensor, Tensor> grads, Tensor target, IReadOnlyList<Tensor> sources,
        Tensor seed, UnconnectedGradients unconnected, Tensor?[] result)
    {
        grads[target] = seed;
        var entries = _log.Entries;
        for (int i = entries.Count - 1; i >= 0; i--)
        {
            var entry = entries[i];
            if (!grads.TryGetValue(entry.Output, out var dy)) continue;
            if (entry.Backward is { } backward)
            {
                var inputGrads = backward(dy, entry.ForwardInputs(), entry.Output);
                for (int j = 0; j < entry.InputCount; j++) Accumulate(grads, entry, j, inputGrads[j]);
            }
            else
            {
                Tensor x = entry.ForwardInput(0), y = entry.ForwardInput(1);
                if (entry.Dx is { } dx) Accumulate(grads, entry, 0, dx(dy, x, y, entry.Output));
                if (entry.Dy is { } dyOfY) Accumulate(grads, entry, 1, dyOfY(dy, x, y, entry.Output));
            }
        }

        for (int s = 0; s < sources.Count; s++)
        {
            var src = sources[s] ?? throw new ArgumentNullException(nameof(sources), "GradientTape.Gradient: a source is null.");
            if (Watches(src) && grads.TryGetValue(src, out var g))
                result[s] = g;
            else if (unconnected == UnconnectedGradients.Zero)
                result[s] = tf.ZerosLike(src);
        }
    }

    /// <summary>Adds input <paramref name="j"/>'s share <paramref name="g"/> (may be null) to its gradient.</summary>
    private static void Accumulate(Dictionary<Tensor, Tensor> grads, TapeEntry entry, int j, Tensor? g)
    {
        var input = entry.Input(j);
        if (g is null || !input.DType.IsFloating) return;
        if (g.Shape != input.Shape)
            throw new InvalidOperationException($"Strata bug: gradient of {entry.Op} input {j} has shape {g.Shape}, input has {input.Shape}.");
        grads[input] = grads.TryGetValue(input, out var acc) ? tf.Add(acc, g) : g;
    }
}
