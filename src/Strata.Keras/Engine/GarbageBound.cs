namespace Strata.Keras.Engine;

/// <summary>
/// Keeps a long Fit from growing the process with garbage. Every step leaves a few hundred KB of dead small
/// tensors; the GC sizes its youngest generation from the CPU cache, which lets hundreds of MiB pile up between
/// collections on some machines. Collecting generation 0 every <see cref="Bytes"/> allocated costs well under
/// a millisecond (almost nothing survives a step) and bounds the working set.
/// </summary>
internal sealed class GarbageBound
{
    private const long Bytes = 16L << 20;
    private long _mark = GC.GetAllocatedBytesForCurrentThread();

    public void AfterStep()
    {
        long now = GC.GetAllocatedBytesForCurrentThread();
        if (now - _mark < Bytes) return;
        GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        _mark = now;
    }
}
