namespace Strata.Kernels;

/// <summary>
/// Multi-threaded SGEMM for products with few rows (see <see cref="GemmShared"/> for many): C is cut into a grid of blocks, and the calling thread plus (threads - 1) pool
/// threads take blocks from a shared counter until none is left, each computing its block with
/// <see cref="Gemm.RunBlock"/> (own packing buffers, no other sharing). Taking blocks dynamically keeps both
/// cores busy when one of them is also running something else; a helper that starts late finds nothing to do.
/// The grid is chosen by a small cost model: padded kernel work, plus packing that a grid repeats (each column
/// of blocks packs its rows of A again, each row of blocks its columns of B), plus a per-block overhead.
/// </summary>
internal sealed unsafe class GemmParallel : IThreadPoolWorkItem
{
    private readonly Gemm.Isa _isa;
    private readonly bool _transA, _transB;
    private readonly int _m, _n, _k, _rowParts, _colParts, _mr, _nr, _tasks;
    private readonly float* _a, _b, _c;
    private int _next, _done;
    private Exception? _error;

    private GemmParallel(Gemm.Isa isa, bool transA, bool transB, int m, int n, int k, float* a, float* b, float* c,
                         int rowParts, int colParts, int mr, int nr)
    {
        (_isa, _transA, _transB, _m, _n, _k) = (isa, transA, transB, m, n, k);
        _a = a; _b = b; _c = c;
        (_rowParts, _colParts, _mr, _nr) = (rowParts, colParts, mr, nr);
        _tasks = rowParts * colParts;
    }

    /// <summary>For tuning only: use this grid instead of the cost model's.</summary>
    internal static (int rows, int cols)? ForceGrid;

    public static void Run(Gemm.Isa isa, int threads, bool transA, bool transB, int m, int n, int k, float* a, float* b, float* c)
    {
        bool wide = isa == Gemm.Isa.Vector512;
        int mr = wide ? 14 : 6, nr = wide ? 32 : isa == Gemm.Isa.Vector256 ? 16 : 8;
        int rowUnit = wide && m < 112 ? 8 : mr;   // small m: split at 8 rows, the smaller kernel's height
        var (rowParts, colParts) = ForceGrid ?? ChooseGrid(threads, m, n, k, transA, transB, rowUnit, nr, wide ? 32 : isa == Gemm.Isa.Vector256 ? 16 : 8);
        if (rowParts * colParts == 1)
        {
            Gemm.RunBlock(isa, transA, transB, m, n, k, a, b, c, 0, m, 0, n);
            return;
        }
        var job = new GemmParallel(isa, transA, transB, m, n, k, a, b, c, rowParts, colParts, rowUnit, nr);
        int helpers = Math.Min(threads, job._tasks) - 1;
        GemmWorkers.Dispatch(job, helpers);
        job.Work();
        // Wait only for blocks other threads have taken (they are running now); the pointers stay valid
        // until then because the caller's `fixed` scope encloses this call.
        var spin = new SpinWait();
        while (Volatile.Read(ref job._done) < job._tasks) spin.SpinOnce(sleep1Threshold: -1);
        if (job._error is { } e) throw new AggregateException("Gemm: a worker thread failed.", e);
    }

    void IThreadPoolWorkItem.Execute() => Work();

    private void Work()
    {
        int t;
        while ((t = Interlocked.Increment(ref _next) - 1) < _tasks)
        {
            try
            {
                int ri = t / _colParts, ci = t % _colParts;
                var (i0, i1) = Split(_m, _mr, _rowParts, ri);
                var (j0, j1) = Split(_n, _nr, _colParts, ci);
                if (i0 < i1 && j0 < j1)
                    Gemm.RunBlock(_isa, _transA, _transB, _m, _n, _k, _a, _b, _c, i0, i1, j0, j1);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _error, e, null);
            }
            finally
            {
                Interlocked.Increment(ref _done);
            }
        }
    }

    /// <summary>Part <paramref name="index"/> of <paramref name="parts"/> of [0, total), cut at multiples of unit.</summary>
    private static (int, int) Split(int total, int unit, int parts, int index)
    {
        int units = (total + unit - 1) / unit;
        int lo = (int)((long)units * index / parts) * unit, hi = (int)((long)units * (index + 1) / parts) * unit;
        return (Math.Min(lo, total), Math.Min(hi, total));
    }

    /// <summary>Rows the kernels compute for a block of <paramref name="rows"/> rows (the padding included).</summary>
    private static int PaddedRows(int rows, bool wide)
    {
        if (!wide) return Gemm.PackCeil(rows, 6) * 6;
        int b14 = Gemm.RowBlocks(rows, true);
        return 14 * b14 + 8 * Gemm.PackCeil(Math.Max(0, rows - 14 * b14), 8);
    }

    /// <summary>Rows x columns of blocks (between 1 and 8 blocks per thread) with the least estimated time
    /// (in kernel cycles): total work / threads + a quarter of the largest block.</summary>
    internal static (int rows, int cols) ChooseGrid(int threads, int m, int n, int k, bool transA, bool transB, int mr, int nr, int flopsPerCycle)
    {
        const double perBlockOverhead = 5000;   // cycles: dispatch, first touches, partial tiles
        // Packing cost per element in cycles, measured roughly: a gather (transpose) costs more than a copy.
        // A block that reads B in place still streams its columns of B from cache.
        // (A not transposed is a row copy on Vector512, a transpose otherwise.)
        double packA = transA ? 0.15 : flopsPerCycle == 32 ? 0.3 : 0.6, packB = transB ? 0.6 : 0.3, readB = 0.05;
        int rowUnits = Gemm.PackCeil(m, mr), colUnits = Gemm.PackCeil(n, nr);
        (int, int) best = (1, 1);
        double bestTime = double.MaxValue;
        for (int r = 1; r <= Math.Min(rowUnits, 8 * threads); r++)
        {
            for (int cc = 1; cc <= Math.Min(colUnits, 8 * threads); cc++)
            {
                int blocks = r * cc;
                if (blocks > 8 * threads) break;
                int rowsPer = Math.Min(m, Gemm.PackCeil(rowUnits, r) * mr), colsPer = Math.Min(n, Gemm.PackCeil(colUnits, cc) * nr);
                bool direct = !transB && rowsPer <= Gemm.DirectBMaxRows && n <= Gemm.DirectBMaxCols;
                double blockWork = (double)PaddedRows(rowsPer, flopsPerCycle == 32) * Gemm.PackCeil(colsPer, nr) * nr * k / flopsPerCycle
                                   + (double)rowsPer * k * packA + (double)colsPer * k * (direct ? readB : packB) + perBlockOverhead;
                double total = blockWork * blocks;   // upper bound: every block as large as the largest
                // Blocks are taken dynamically, so the threads finish within about one block of each other;
                // a quarter block of expected imbalance also covers a core slowed by other work (measured on
                // the Dense-layer shapes: more, smaller blocks lost more to repeated packing than they won).
                double time = blocks < threads ? blockWork : total / threads + 0.25 * blockWork;
                if (time < bestTime * 0.999) { bestTime = time; best = (r, cc); }
            }
        }
        return best;
    }
}
