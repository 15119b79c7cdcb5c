namespace Strata.Keras.Engine;

/// <summary>
/// Keeps a long Fit/Evaluate/Predict from growing the process with garbage. Every step leaves a few hundred KB of
/// dead small tensors; the GC sizes its youngest generation from the CPU cache, which lets hundreds of MiB pile
/// up between collections on some machines. Collecting generations 0 and 1 (what one step promotes dies in the
/// next) every <see cref="Bytes"/> (4 MiB) allocated costs well under a millisecond, since almost nothing
/// survives a step, and bounds the working set.
/// </summary>
internal sealed class GarbageBound
{
    private const long Bytes = 4L << 20;
    private long _mark = GC.GetAllocatedBytesForCurrentThread();

    /// <summary>
    /// Called once as Fit starts: a full collection that also hands free memory back to the OS (~3–5 ms with the
    /// Fashion-MNIST arrays live). Data the caller no longer holds, typically the uint8 images once scaled to
    /// float (55 MB for Fashion-MNIST; Python would <c>del</c> them), is otherwise only collected by a full GC that
    /// may never come, and stays in the working set under everything training adds: the sample's peak went from
    /// ~330 to ~300 MiB.
    /// </summary>
    public static void ReturnCallersGarbage() => GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    public void AfterStep()
    {
        long now = GC.GetAllocatedBytesForCurrentThread();
        if (now - _mark < Bytes) return;
        GC.Collect(1, GCCollectionMode.Forced, blocking: true);
        _mark = now;
    }
}
