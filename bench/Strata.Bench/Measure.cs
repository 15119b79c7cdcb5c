using System.Diagnostics;

namespace Strata.Bench;

internal static class Measure
{
    /// <summary>Median seconds per call of <paramref name="op"/>: a warm-up (also used to size a batch so that
    /// one sample lasts about <see cref="BenchContext.SampleSeconds"/>), then <see cref="BenchContext.Samples"/> timed batches.</summary>
    public static double SecondsPerOp(BenchContext ctx, Action op)
    {
        op();
        var sw = Stopwatch.StartNew();
        int warm = 0;
        do { op(); warm++; } while (sw.Elapsed.TotalSeconds < ctx.SampleSeconds / 2 && warm < 1_000_000);
        double guess = sw.Elapsed.TotalSeconds / warm;
        int batch = (int)Math.Clamp(ctx.SampleSeconds / Math.Max(guess, 1e-9), 1, 10_000_000);
        var samples = new double[ctx.Samples];
        for (int s = 0; s < samples.Length; s++)
        {
            sw.Restart();
            for (int i = 0; i < batch; i++) op();
            samples[s] = sw.Elapsed.TotalSeconds / batch;
        }
        Array.Sort(samples);
        return samples[samples.Length / 2];
    }

    /// <summary>Bytes allocated on the calling thread per call of <paramref name="op"/> (after a warm-up call).</summary>
    public static double AllocBytesPerOp(Action op, int calls = 16)
    {
        op();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < calls; i++) op();
        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)calls;
    }
}
