using System.Diagnostics;

namespace Strata.Bench;

internal static class Measure
{
    /// <summary>Median seconds per call of each side. Both are warmed up (which also sizes a batch so that one
    /// sample lasts about <see cref="BenchContext.SampleSeconds"/>), then their timed batches alternate, so that
    /// both sides see the same machine: on a shared machine the clock and the other tenants' load drift.</summary>
    public static (double strata, double torch) Compare(BenchContext ctx, Action strata, Action torch)
    {
        int batchS = BatchSize(ctx, strata), batchT = BatchSize(ctx, torch);
        var s = new double[ctx.Samples];
        var t = new double[ctx.Samples];
        for (int i = 0; i < ctx.Samples; i++)
        {
            s[i] = TimeBatch(strata, batchS);
            t[i] = TimeBatch(torch, batchT);
        }
        return (Median(s), Median(t));
    }

    /// <summary>Median seconds per call of <paramref name="op"/> alone (warm-up, then timed batches).</summary>
    public static double SecondsPerOp(BenchContext ctx, Action op)
    {
        int batch = BatchSize(ctx, op);
        var samples = new double[ctx.Samples];
        for (int i = 0; i < samples.Length; i++) samples[i] = TimeBatch(op, batch);
        return Median(samples);
    }

    /// <summary>Bytes allocated on the calling thread per call of <paramref name="op"/> (after a warm-up call).</summary>
    public static double AllocBytesPerOp(Action op, int calls = 16)
    {
        op();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < calls; i++) op();
        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)calls;
    }

    private const double WarmUpSeconds = 1.0;

    private static int BatchSize(BenchContext ctx, Action op)
    {
        // Warm up for at least a second: .NET's tiered JIT swaps in its optimised (PGO) code for hot methods
        // only after they have run a while, and a shorter warm-up times tier-0 code several times slower.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed.TotalSeconds < WarmUpSeconds) op();
        var sw = Stopwatch.StartNew();
        int warm = 0;
        do { op(); warm++; } while (sw.Elapsed.TotalSeconds < ctx.SampleSeconds / 2 && warm < 1_000_000);
        double perOp = sw.Elapsed.TotalSeconds / warm;
        return (int)Math.Clamp(ctx.SampleSeconds / Math.Max(perOp, 1e-9), 1, 10_000_000);
    }

    private static double TimeBatch(Action op, int batch)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < batch; i++) op();
        return Stopwatch.GetElapsedTime(start).TotalSeconds / batch;
    }

    private static double Median(double[] v)
    {
        Array.Sort(v);
        return v.Length % 2 == 1 ? v[v.Length / 2] : 0.5 * (v[v.Length / 2 - 1] + v[v.Length / 2]);
    }
}
