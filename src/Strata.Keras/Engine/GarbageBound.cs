namespace Strata.Keras.Engine;

/// <summary>
/// Keeps a long Fit/Evaluate/Predict from growing the process with garbage. Every step leaves a few hundred KB of
/// dead small tensors; the GC sizes its youngest generation from the CPU cache, which lets hundreds of MiB pile
/// up between collections on some machines. Collecting generations 0 and 1 (what one step promotes dies in the
/// next) every <see cref="Bytes"/> (4 MiB) allocated costs well under a millisecond, since almost nothing
/// survives a step, and bounds the working set (the Fashion-MNIST sample peaks at ~340 MiB, its data ~275 MiB).
/// </summary>
internal sealed class GarbageBound
{
    private const long Bytes = 4L << 20;
    private long _mark = GC.GetAllocatedBytesForCurrentThread();

    public void AfterStep()
    {
        long now = GC.GetAllocatedBytesForCurrentThread();
        if (now - _mark < Bytes) return;
        GC.Collect(1, GCCollectionMode.Forced, blocking: true);
        _mark = now;
    }
}
