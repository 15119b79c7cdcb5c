using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Strata.Bench.Workloads;

/// <summary>This machine's float32 FMA throughput: 16 independent FMA chains per thread, kept in registers
/// (the loop makes no calls), on <see cref="BenchContext.Threads"/> threads at once. The best of several
/// runs is reported: it is the ceiling that the GEMM lines are compared against.</summary>
internal sealed class PeakWorkload : IWorkload
{
    public string Name => "peak";

    private const int Chains = 16;
    private const long Iterations = 20_000_000;

    public WorkloadResult Run(BenchContext ctx)
    {
        double best = 0;
        for (int rep = 0; rep < 5; rep++) best = Math.Max(best, Once(ctx.Threads));
        ctx.PeakGflops = best;
        return new WorkloadResult(best, null, "GFLOP/s", HigherIsBetter: true);
    }

    /// <summary>All threads start together (a barrier); the time is from the first thread's start to the last
    /// one's end, so threads that could not run side by side are not counted as if they had.</summary>
    private static double Once(int threads)
    {
        bool wide = Vector512.IsHardwareAccelerated;
        int lanes = wide ? 16 : 8;
        using var start = new Barrier(threads);
        var workers = new Thread[threads];
        var starts = new long[threads];
        var ends = new long[threads];
        float sink = 0;
        for (int t = 0; t < threads; t++)
        {
            int id = t;
            workers[t] = new Thread(() =>
            {
                start.SignalAndWait();
                starts[id] = Stopwatch.GetTimestamp();
                float r = wide ? Fma512(Iterations) : Fma256(Iterations);
                ends[id] = Stopwatch.GetTimestamp();
                Interlocked.Exchange(ref sink, r);
            });
            workers[t].Start();
        }
        foreach (var w in workers) w.Join();
        GC.KeepAlive(sink);
        double seconds = (double)(ends.Max() - starts.Min()) / Stopwatch.Frequency;
        return 2.0 * lanes * Chains * Iterations * threads / seconds / 1e9;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Fma512(long iterations)
    {
        var m = Vector512.Create(0.999f);
        var add = Vector512.Create(1e-6f);
        var x = Vector512.Create(1f);
        Vector512<float> a0 = x, a1 = x, a2 = x, a3 = x, a4 = x, a5 = x, a6 = x, a7 = x, a8 = x, a9 = x, a10 = x, a11 = x, a12 = x, a13 = x, a14 = x, a15 = x;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, m, add);
            a1 = Vector512.FusedMultiplyAdd(a1, m, add);
            a2 = Vector512.FusedMultiplyAdd(a2, m, add);
            a3 = Vector512.FusedMultiplyAdd(a3, m, add);
            a4 = Vector512.FusedMultiplyAdd(a4, m, add);
            a5 = Vector512.FusedMultiplyAdd(a5, m, add);
            a6 = Vector512.FusedMultiplyAdd(a6, m, add);
            a7 = Vector512.FusedMultiplyAdd(a7, m, add);
            a8 = Vector512.FusedMultiplyAdd(a8, m, add);
            a9 = Vector512.FusedMultiplyAdd(a9, m, add);
            a10 = Vector512.FusedMultiplyAdd(a10, m, add);
            a11 = Vector512.FusedMultiplyAdd(a11, m, add);
            a12 = Vector512.FusedMultiplyAdd(a12, m, add);
            a13 = Vector512.FusedMultiplyAdd(a13, m, add);
            a14 = Vector512.FusedMultiplyAdd(a14, m, add);
            a15 = Vector512.FusedMultiplyAdd(a15, m, add);
        }
        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + a12 + a13 + a14 + a15);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Fma256(long iterations)
    {
        var m = Vector256.Create(0.999f);
        var add = Vector256.Create(1e-6f);
        var x = Vector256.Create(1f);
        Vector256<float> a0 = x, a1 = x, a2 = x, a3 = x, a4 = x, a5 = x, a6 = x, a7 = x, a8 = x, a9 = x, a10 = x, a11 = x, a12 = x, a13 = x, a14 = x, a15 = x;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, m, add);
            a1 = Vector256.FusedMultiplyAdd(a1, m, add);
            a2 = Vector256.FusedMultiplyAdd(a2, m, add);
            a3 = Vector256.FusedMultiplyAdd(a3, m, add);
            a4 = Vector256.FusedMultiplyAdd(a4, m, add);
            a5 = Vector256.FusedMultiplyAdd(a5, m, add);
            a6 = Vector256.FusedMultiplyAdd(a6, m, add);
            a7 = Vector256.FusedMultiplyAdd(a7, m, add);
            a8 = Vector256.FusedMultiplyAdd(a8, m, add);
            a9 = Vector256.FusedMultiplyAdd(a9, m, add);
            a10 = Vector256.FusedMultiplyAdd(a10, m, add);
            a11 = Vector256.FusedMultiplyAdd(a11, m, add);
            a12 = Vector256.FusedMultiplyAdd(a12, m, add);
            a13 = Vector256.FusedMultiplyAdd(a13, m, add);
            a14 = Vector256.FusedMultiplyAdd(a14, m, add);
            a15 = Vector256.FusedMultiplyAdd(a15, m, add);
        }
        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + a12 + a13 + a14 + a15);
    }
}
