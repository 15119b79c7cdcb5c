using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Strata.Bench.Workloads;

/// <summary>This machine's float32 multiply-add throughput at the widest vector width the JIT runs here: independent
/// multiply-add chains per thread, kept in registers (the loop makes no calls and nothing spills), on
/// <see cref="BenchContext.Threads"/> threads at once. The best of several runs is reported: it is the ceiling
/// that the GEMM lines are compared against.</summary>
/// <remarks>
/// Enough chains to cover the FMA latency times the FMA throughput (4 cycles x 2 per cycle on current x64 cores:
/// at least 8), but no more than the registers hold: with AVX-512 there are 32 vector registers, so 16 chains plus
/// the two constants fit; without it (the AVX2 and SSE paths) there are only 16, and 16 chains made the JIT spill
/// three accumulators to the stack every iteration, which halved the Vector256 reading (68 GFLOP/s while the GEMM
/// reached 79); those paths run 12 chains. Without FMA (x64 with DOTNET_EnableAVX2=0, which .NET also takes as no
/// FMA) a multiply and an add per element, 2 flops as well; without SIMD, scalar floats.
/// </remarks>
internal sealed class PeakWorkload : IWorkload
{
    public string Name => "peak";

    private const long Iterations = 20_000_000;

    /// <summary>The loop this machine runs: its name, float lanes per operation, chains, and the loop itself.</summary>
    internal static (string Name, int Lanes, int Chains, Func<long, float> Loop) Kernel { get; } = Pick();

    private static (string, int, int, Func<long, float>) Pick()
    {
        if (Vector512.IsHardwareAccelerated) return ("Vector512 FMA", 16, 16, Fma512x16);
        if (Vector256.IsHardwareAccelerated && Fma.IsSupported) return ("Vector256 FMA", 8, 12, Fma256x12);
        if (Vector128.IsHardwareAccelerated && AdvSimd.IsSupported) return ("Vector128 FMA (AdvSimd)", 4, 16, Fma128x16);
        if (Vector128.IsHardwareAccelerated && Fma.IsSupported) return ("Vector128 FMA", 4, 12, Fma128x12);
        if (Vector128.IsHardwareAccelerated) return ("Vector128 multiply + add (no FMA)", 4, 12, MulAdd128x12);
        return ("scalar multiply + add", 1, 12, Scalar12);
    }

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
        var (_, lanes, chains, loop) = Kernel;
        long iterations = lanes == 1 ? Iterations / 4 : Iterations;
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
                float r = loop(iterations);
                ends[id] = Stopwatch.GetTimestamp();
                Interlocked.Exchange(ref sink, r);
            });
            workers[t].Start();
        }
        foreach (var w in workers) w.Join();
        GC.KeepAlive(sink);
        double seconds = (double)(ends.Max() - starts.Min()) / Stopwatch.Frequency;
        return 2.0 * lanes * chains * iterations * threads / seconds / 1e9;
    }

    // The loops below are written out (no arrays, no generic helper) so that every accumulator is a local the
    // JIT keeps in a register; the chain counts are explained above.

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Fma512x16(long iterations)
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
    private static float Fma256x12(long iterations)
    {
        var m = Vector256.Create(0.999f);
        var add = Vector256.Create(1e-6f);
        var x = Vector256.Create(1f);
        Vector256<float> a0 = x, a1 = x, a2 = x, a3 = x, a4 = x, a5 = x, a6 = x, a7 = x, a8 = x, a9 = x, a10 = x, a11 = x;
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
        }
        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Fma128x16(long iterations)
    {
        var m = Vector128.Create(0.999f);
        var add = Vector128.Create(1e-6f);
        var x = Vector128.Create(1f);
        Vector128<float> a0 = x, a1 = x, a2 = x, a3 = x, a4 = x, a5 = x, a6 = x, a7 = x, a8 = x, a9 = x, a10 = x, a11 = x, a12 = x, a13 = x, a14 = x, a15 = x;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector128.FusedMultiplyAdd(a0, m, add);
            a1 = Vector128.FusedMultiplyAdd(a1, m, add);
            a2 = Vector128.FusedMultiplyAdd(a2, m, add);
            a3 = Vector128.FusedMultiplyAdd(a3, m, add);
            a4 = Vector128.FusedMultiplyAdd(a4, m, add);
            a5 = Vector128.FusedMultiplyAdd(a5, m, add);
            a6 = Vector128.FusedMultiplyAdd(a6, m, add);
            a7 = Vector128.FusedMultiplyAdd(a7, m, add);
            a8 = Vector128.FusedMultiplyAdd(a8, m, add);
            a9 = Vector128.FusedMultiplyAdd(a9, m, add);
            a10 = Vector128.FusedMultiplyAdd(a10, m, add);
            a11 = Vector128.FusedMultiplyAdd(a11, m, add);
            a12 = Vector128.FusedMultiplyAdd(a12, m, add);
            a13 = Vector128.FusedMultiplyAdd(a13, m, add);
            a14 = Vector128.FusedMultiplyAdd(a14, m, add);
            a15 = Vector128.FusedMultiplyAdd(a15, m, add);
        }
        return Vector128.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + a12 + a13 + a14 + a15);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Fma128x12(long iterations)
    {
        var m = Vector128.Create(0.999f);
        var add = Vector128.Create(1e-6f);
        var x = Vector128.Create(1f);
        Vector128<float> a0 = x, a1 = x, a2 = x, a3 = x, a4 = x, a5 = x, a6 = x, a7 = x, a8 = x, a9 = x, a10 = x, a11 = x;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector128.FusedMultiplyAdd(a0, m, add);
            a1 = Vector128.FusedMultiplyAdd(a1, m, add);
            a2 = Vector128.FusedMultiplyAdd(a2, m, add);
            a3 = Vector128.FusedMultiplyAdd(a3, m, add);
            a4 = Vector128.FusedMultiplyAdd(a4, m, add);
            a5 = Vector128.FusedMultiplyAdd(a5, m, add);
            a6 = Vector128.FusedMultiplyAdd(a6, m, add);
            a7 = Vector128.FusedMultiplyAdd(a7, m, add);
            a8 = Vector128.FusedMultiplyAdd(a8, m, add);
            a9 = Vector128.FusedMultiplyAdd(a9, m, add);
            a10 = Vector128.FusedMultiplyAdd(a10, m, add);
            a11 = Vector128.FusedMultiplyAdd(a11, m, add);
        }
        return Vector128.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float MulAdd128x12(long iterations)
    {
        var m = Vector128.Create(0.999f);
        var add = Vector128.Create(1e-6f);
        var x = Vector128.Create(1f);
        Vector128<float> a0 = x, a1 = x, a2 = x, a3 = x, a4 = x, a5 = x, a6 = x, a7 = x, a8 = x, a9 = x, a10 = x, a11 = x;
        for (long i = 0; i < iterations; i++)
        {
            a0 = a0 * m + add;
            a1 = a1 * m + add;
            a2 = a2 * m + add;
            a3 = a3 * m + add;
            a4 = a4 * m + add;
            a5 = a5 * m + add;
            a6 = a6 * m + add;
            a7 = a7 * m + add;
            a8 = a8 * m + add;
            a9 = a9 * m + add;
            a10 = a10 * m + add;
            a11 = a11 * m + add;
        }
        return Vector128.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Scalar12(long iterations)
    {
        float m = 0.999f, add = 1e-6f, x = 1f;
        float a0 = x, a1 = x, a2 = x, a3 = x, a4 = x, a5 = x, a6 = x, a7 = x, a8 = x, a9 = x, a10 = x, a11 = x;
        for (long i = 0; i < iterations; i++)
        {
            a0 = a0 * m + add;
            a1 = a1 * m + add;
            a2 = a2 * m + add;
            a3 = a3 * m + add;
            a4 = a4 * m + add;
            a5 = a5 * m + add;
            a6 = a6 * m + add;
            a7 = a7 * m + add;
            a8 = a8 * m + add;
            a9 = a9 * m + add;
            a10 = a10 * m + add;
            a11 = a11 * m + add;
        }
        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
    }
}
