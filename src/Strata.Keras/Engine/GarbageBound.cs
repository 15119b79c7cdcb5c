namespace Strata.Keras.Engine;

/// <summary>
/// Keeps a long Fit/Evaluate/Predict from growing the process with garbage. Every step leaves a few hundred KB of
/// dead small tensors; the GC sizes its youngest generation from the CPU cache, which lets hundreds of MiB pile
/// up between collections on some machines. Collecting generations 0 and 1 (what one step promotes dies in the
/// next) every <see cref="Bytes"/> (4 MiB) allocated costs well under a millisecond, since almost nothing
/// survives a step, and bounds the garbage.
/// Those collections do not bound the memory the GC keeps committed, though: with the 32 MB regions that
/// Strata.Keras's build settings give an executable, the free regions they leave were kept, and reused in turn,
/// so the working set grew through a run that never needed a full collection (the Fashion-MNIST CNN sample:
/// 235 MB live, 234 MB committed when Fit started, 390-446 MB after 2-5 epochs, a peak of 462-517 MiB against the
/// issue's 450). So when the committed memory has grown <see cref="CommittedSlack"/> beyond what the last full
/// collection left, another one, which hands the free regions back, runs (~20 ms with Fashion-MNIST's arrays live; in that sample
/// 3-14 times in 5 epochs, and its peak fell to 350 MiB).
/// </summary>
internal sealed class GarbageBound(GarbageBound.Collector? collector = null)
{
    /// <summary>What the bound reads and does: the runtime's GC, or a test's stand-in.</summary>
    internal sealed record Collector(Func<long> AllocatedBytes, Action CollectYoung, Func<long> CommittedBytes, Action CollectFull);

    private static readonly Collector Runtime = new(
        GC.GetAllocatedBytesForCurrentThread,
        () => GC.Collect(1, GCCollectionMode.Forced, blocking: true),
        () => GC.GetGCMemoryInfo().TotalCommittedBytes,   // as of the last collection
        ReturnCallersGarbage);

    internal const long Bytes = 4L << 20;

    /// <summary>Committed bytes above the level after the last full collection that trigger the next one.</summary>
    internal const long CommittedSlack = 64L << 20;

    private readonly Collector _gc = collector ?? Runtime;
    private long _mark = (collector ?? Runtime).AllocatedBytes();
    private long _committedLimit = long.MaxValue;   // set at the first collection: a short Predict never asks

    /// <summary>
    /// Called once as Fit starts: a full collection that also hands free memory back to the OS (~20 ms with the
    /// Fashion-MNIST arrays live, measured alone). Data the caller no longer holds, typically the uint8 images once
    /// scaled to float (55 MB for Fashion-MNIST; Python would <c>del</c> them), is otherwise only collected by a full
    /// GC that may never come, and stays in the working set under everything training adds: the sample's peak went
    /// from ~330 to ~300 MiB.
    /// </summary>
    public static void ReturnCallersGarbage() => GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    public void AfterStep()
    {
        long now = _gc.AllocatedBytes();
        if (now - _mark < Bytes) return;
        _gc.CollectYoung();
        _mark = now;
        long committed = _gc.CommittedBytes();
        if (_committedLimit == long.MaxValue) { _committedLimit = committed + CommittedSlack; return; }
        if (committed <= _committedLimit) return;
        _gc.CollectFull();
        _committedLimit = _gc.CommittedBytes() + CommittedSlack;
    }
}
