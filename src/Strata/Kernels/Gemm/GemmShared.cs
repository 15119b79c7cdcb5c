namespace Strata.Kernels;

/// <summary>
/// Multi-threaded SGEMM for products with many rows, the BLIS way: for each KC x NC block of op(B) the
/// threads first pack its panels together (each panel once, into a buffer they share), then take chunks of
/// rows of C from a counter, packing their own A micro-panels. Nothing is packed twice, and the dynamic
/// chunks keep the threads within one chunk of each other even when a core is slowed by other work.
/// Two B buffers alternate, so that packing the next block overlaps the last chunks of the current one;
/// a block's rows are computed only after the previous block's are done (they accumulate into the same C).
/// </summary>
internal sealed unsafe class GemmShared : IThreadPoolWorkItem
{
    private const int PanelsPerChunk = 2;    // micro-panels of rows per chunk (28 rows with the 14-row kernel)
    private const int PackRows = 32;         // rows of a row-major B per packing claim

    private readonly Gemm.Isa _isa;
    private readonly bool _transA, _transB;
    private readonly int _m, _n, _k;
    private readonly float* _a, _b, _c;
    private readonly nint _lda, _ldb;
    private readonly int _nr, _bigMR, _bigBlocks, _bigRows, _microPanels, _chunks;
    private readonly int _kcMax, _kBlocks, _ncMax, _jBlocks, _blocks;
    private readonly float* _sharedB0, _sharedB1;
    // Per block: B panels claimed / packed, row chunks claimed / done.
    private readonly int[] _packClaim, _packDone, _chunkClaim, _chunkDone;
    private volatile bool _failed;
    private int _active;   // threads inside Work
    private Exception? _error;

    // Pairs of B buffers kept for later calls (a few, for concurrent callers).
    private static readonly float[]?[] s_cachedStores = new float[]?[4];

    private GemmShared(Gemm.Isa isa, bool transA, bool transB, int m, int n, int k, float* a, float* b, float* c,
                       int kcMax, int ncMax, float* b0, float* b1)
    {
        (_isa, _transA, _transB, _m, _n, _k) = (isa, transA, transB, m, n, k);
        _a = a; _b = b; _c = c;
        _lda = transA ? m : k;
        _ldb = transB ? k : n;
        bool wide = isa == Gemm.Isa.Vector512;
        _nr = NR(isa);
        _bigMR = wide ? 14 : 6;
        _bigBlocks = Gemm.RowBlocks(m, wide);
        _bigRows = Math.Min(m, _bigBlocks * _bigMR);
        _microPanels = _bigBlocks + Gemm.PackCeil(m - _bigRows, 8);
        _chunks = Gemm.PackCeil(_microPanels, PanelsPerChunk);
        (_kcMax, _ncMax) = (kcMax, ncMax);
        _kBlocks = Gemm.PackCeil(k, kcMax);
        _jBlocks = Gemm.PackCeil(n, ncMax);
        _blocks = _kBlocks * _jBlocks;
        _sharedB0 = b0; _sharedB1 = b1;
        _packClaim = new int[_blocks];
        _packDone = new int[_blocks];
        _chunkClaim = new int[_blocks];
        _chunkDone = new int[_blocks];
    }

    private static int NR(Gemm.Isa isa) => isa switch { Gemm.Isa.Vector512 => 32, Gemm.Isa.Vector256 => 16, _ => 8 };

    public static void Run(Gemm.Isa isa, int threads, bool transA, bool transB, int m, int n, int k, float* a, float* b, float* c)
    {
        int nr = NR(isa);
        int kBlocks = Gemm.PackCeil(k, Math.Clamp(Gemm.KC, 16, 512)), kcMax = Gemm.PackCeil(k, kBlocks);
        int ncMax = Gemm.PackCeil(Gemm.PackCeil(n, Gemm.PackCeil(n, Gemm.NC)), nr) * nr;
        long bufFloats = (long)kcMax * ncMax + 64;
        float[]? store = null;
        for (int i = 0; i < s_cachedStores.Length && store is null; i++)
            if (Volatile.Read(ref s_cachedStores[i]) is { } cached && cached.Length >= 2 * bufFloats + 16)
                store = Interlocked.CompareExchange(ref s_cachedStores[i], null, cached) == cached ? cached : null;
        store ??= GC.AllocateUninitializedArray<float>((int)(2 * bufFloats + 16), pinned: true);
        fixed (float* p = store)
        {
            float* b0 = (float*)(((nint)p + 63) & ~(nint)63);
            float* b1 = b0 + bufFloats;
            var job = new GemmShared(isa, transA, transB, m, n, k, a, b, c, kcMax, ncMax, b0, b1);
            int helpers = Math.Min(threads, job._chunks) - 1;
            GemmWorkers.Dispatch(job, helpers);
            job.Work();
            // The caller leaves Work only when every block's chunks are done (it waits for each block before
            // the next); a helper still inside Work finds nothing left to claim. Wait for those anyway, so that
            // no thread is near the buffers or the matrices once this returns, even after a failure.
            var spin = new SpinWait();
            while (Volatile.Read(ref job._active) > 0) spin.SpinOnce(sleep1Threshold: -1);
            if (job._error is { } e) throw new AggregateException("Gemm: a worker thread failed.", e);
        }
        for (int i = 0; i < s_cachedStores.Length; i++)
            if (Interlocked.CompareExchange(ref s_cachedStores[i], store, null) is null) return;
        Interlocked.Exchange(ref s_cachedStores[0], store);   // all slots taken: keep the newest
    }

    void IThreadPoolWorkItem.Execute() => Work();

    private void Work()
    {
        Interlocked.Increment(ref _active);
        try
        {
            for (int s = 0; s < _blocks && !_failed; s++)
            {
                int jb = s / _kBlocks, kb = s % _kBlocks;
                int jc = jb * _ncMax, nc = Math.Min(_ncMax, _n - jc);
                int pc = kb * _kcMax, kc = Math.Min(_kcMax, _k - pc);
                int panels = Gemm.PackCeil(nc, _nr);
                float* shared = (s & 1) == 0 ? _sharedB0 : _sharedB1;

                // 1. Pack this block's B (the buffer's previous block, s - 2, is done: this thread waited for
                //    s - 1's chunks, which started only after s - 2's were done). A claim is a range of rows
                //    of B when B is row-major (read sequentially), a panel when it is transposed.
                int pieces = _transB ? panels : Gemm.PackCeil(kc, PackRows);
                int q;
                while ((q = Interlocked.Increment(ref _packClaim[s]) - 1) < pieces)
                {
                    if (!_transB)
                    {
                        GemmPack.PackBRowRange(_b, _ldb, pc, kc, q * PackRows, Math.Min(kc, (q + 1) * PackRows), jc, nc, _nr, shared);
                    }
                    else
                    {
                        int jq = jc + q * _nr, w = Math.Min(_nr, jc + nc - jq);
                        GemmPack.PackBPanelTrans(_b + jq * _ldb + pc, _ldb, kc, w, _nr, shared + (nint)q * kc * _nr);
                    }
                    Interlocked.Increment(ref _packDone[s]);
                }
                // 2. Wait until the block is packed and the previous block's rows are written.
                WaitFor(ref _packDone[s], pieces);
                if (s > 0) WaitFor(ref _chunkDone[s - 1], _chunks);
                // 3. Compute chunks of rows.
                int ch;
                while ((ch = Interlocked.Increment(ref _chunkClaim[s]) - 1) < _chunks)
                {
                    ComputeChunk(ch, shared, jc, nc, pc, kc, panels);
                    Interlocked.Increment(ref _chunkDone[s]);
                }
            }
            // The last block's rows are written when every chunk is done (the caller returns only then).
            WaitFor(ref _chunkDone[_blocks - 1], _chunks);
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref _error, e, null);
            _failed = true;
        }
        finally
        {
            Interlocked.Decrement(ref _active);
        }
    }

    private void WaitFor(ref int counter, int target)
    {
        var spin = new SpinWait();
        while (Volatile.Read(ref counter) < target)
        {
            if (_failed) throw new OperationCanceledException("Gemm: another worker failed.");
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }

    private void ComputeChunk(int chunk, float* sharedB, int jc, int nc, int pc, int kc, int panels)
    {
        bool wide = _isa == Gemm.Isa.Vector512;
        bool rowsLayout = wide && !_transA;
        int mrMax = Math.Max(_bigMR, 8);
        var buf = Gemm.Buffers.Get((rowsLayout ? GemmKernels.ARowStride : _kcMax) * mrMax, _kcMax, mrMax, _nr, _nr);
        bool acc = pc > 0;
        int uEnd = Math.Min(_microPanels, (chunk + 1) * PanelsPerChunk);
        for (int u = chunk * PanelsPerChunk; u < uEnd; u++)
        {
            int ir, mr, rows;
            if (u < _bigBlocks) { ir = u * _bigMR; mr = _bigMR; rows = Math.Min(_bigMR, _bigRows - ir); }
            else { ir = _bigRows + (u - _bigBlocks) * 8; mr = 8; rows = Math.Min(8, _m - ir); }
            if (rowsLayout) GemmPack.PackARows(_a, _lda, ir, rows, pc, kc, mr, buf.A);
            else GemmPack.PackA(_transA, _a, _lda, ir, rows, pc, kc, mr, buf.A);
            for (int q = 0; q < panels; q++)
            {
                float* bq = sharedB + (nint)q * kc * _nr;
                int cols = Math.Min(_nr, nc - q * _nr);
                float* cq = _c + (nint)ir * _n + jc + q * _nr;
                if (rows == mr && cols == _nr)
                {
                    Gemm.Kernel(_isa, rowsLayout, mr, _nr, kc, buf.A, mr, bq, _nr, cq, _n, acc);
                }
                else
                {
                    Gemm.Kernel(_isa, rowsLayout, mr, _nr, kc, buf.A, mr, bq, _nr, buf.Tile, _nr, false);
                    Gemm.MergeTile(buf.Tile, _nr, cq, _n, rows, cols, acc);
                }
            }
        }
    }
}
