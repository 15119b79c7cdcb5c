using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Strata.Kernels;

/// <summary>
/// Dense matrix multiply on row-major, contiguous buffers: C = op(A) · op(B), C overwritten.
/// A is stored (m x k), or (k x m) when <c>transA</c>; B is stored (k x n), or (n x k) when <c>transB</c>.
/// </summary>
/// <remarks>
/// Float32 follows the BLIS/GotoBLAS scheme (files under Gemm/): op(B) is packed in KC x NC blocks (kept
/// in L2) of NR-wide panels, op(A) in MR x KC micro-panels (kept in L1), and a register-blocked micro-kernel
/// (<see cref="GemmKernels"/>) computes MR x NR tiles of C: 14x32 and 8x32 (14x16, 8x16 for at most 16
/// columns) on Vector512, 6x16 on Vector256, 6x8 on Vector128, chosen once at start-up. Transposed operands
/// are absorbed by the packing (8 x 8 register transposes). When a block of C has few rows, a row-major B is
/// read in place instead of being packed (on Vector512 a row-major A too, <see cref="GemmInPlace"/>). Special shapes: m·n·k &lt;= <see cref="SmallVolume"/> runs a plain
/// loop (a 1x2·2x3 product costs ~20 ns), one row or one column a matrix-vector loop
/// (<see cref="GemmVector"/>), very few columns the transposed product, few rows times a transposed B the
/// transposed product blockwise with B read in place (<see cref="GemmTransB"/>). On several threads, products with
/// many rows share each packed B block between the threads, which take chunks of rows dynamically
/// (<see cref="GemmShared"/>); others are cut into a grid of C blocks that threads take dynamically
/// (<see cref="GemmParallel"/>); helper threads spin briefly between jobs (<see cref="GemmWorkers"/>).
/// Packing buffers are per thread and reused, so a single-threaded call allocates nothing once warm (a
/// multi-threaded one allocates a small job object).
/// </remarks>
internal static unsafe class Gemm
{
    internal enum Isa { Scalar, Vector128, Vector256, Vector512 }

    /// <summary>The widest code path this machine runs well. Settable (internal) so tests reach every path.</summary>
    internal static Isa Path { get; set; } = DetectIsa();

    private static Isa DetectIsa()
    {
        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported) return Isa.Vector512;
        if (Vector256.IsHardwareAccelerated && Fma.IsSupported) return Isa.Vector256;
        // Vector128 runs with or without FMA (its kernel multiplies and adds where it cannot fuse): SSE machines,
        // and x64 with AVX2 disabled, where the scalar path was ten times slower.
        if (Vector128.IsHardwareAccelerated) return Isa.Vector128;
        return Isa.Scalar;
    }

    // Cache blocking (floats). The MR x KC A micro-panel sits in L1 (14 x 384 x 4 B = 21 KB of 48 KB);
    // the KC x NC B block in L2 (384 x 768 x 4 B = 1.2 MB of 2 MB). Settable for tuning.
    internal static int KC = 384;
    internal static int NC = 768;

    /// <summary>m·n·k at or below which a plain loop beats packing.</summary>
    internal static long SmallVolume = 256;

    /// <summary>Row-major B is read in place (not packed) when a thread's block of C has at most this many rows
    /// and B at most <see cref="DirectBMaxCols"/> columns.</summary>
    internal static int DirectBMaxRows = 128, DirectBMaxCols = 512;

    /// <summary>Products with fewer columns than this (and more rows) are computed transposed.</summary>
    internal static int NarrowNMax = 5;

    /// <summary>A transposed A (stored k x m) with k at most this is read in place by the k-major kernels (k
    /// stride m) instead of being packed: each k step's MR floats are contiguous anyway. Measured on one
    /// thread (784 x 128 x k): +5% for k = 32, 64, 128 (the packing is then a large share of the work),
    /// -4% for k = 256 (the packed micro-panel is denser in L1). Settable for tuning.</summary>
    internal static int TransAInPlaceMaxK = 128;

    /// <summary>Multi-threaded products with at least this many rows share packed B blocks (<see cref="GemmShared"/>).</summary>
    internal static int SharedMinRows = 224;

    /// <summary>... and op(B) has at least this many elements (below, packing B once per block is cheap, and the
    /// independent blocks avoid the threads' waits for each other).</summary>
    internal static long SharedMinB = 256 * 1024;

    /// <summary>Floating-point operations a thread must have before another thread is used. In a training loop the
    /// second core must first fetch the operands the first one just wrote (weights after the optimizer step,
    /// activations), which once made splitting the Dense-layer products (6.4 MFLOP) a loss: mlp-epoch took 0.571 s
    /// split against 0.473 s unsplit (an earlier engine, median of 10). Re-measured now (the bench's mlp-epoch,
    /// --threads 2, runs of each setting interleaved): 0.225 and 0.238 s with products of 3 MFLOP and more split against
    /// 0.255 and 0.268 s with the old 8 MFLOP; on the AVX2 path 0.31–0.34 s against 0.38 s. So two threads from
    /// 3 MFLOP. Settable for tuning.</summary>
    internal static double MinFlopsPerThread = 1.5e6;

    // ---------------------------------------------------------------- float32

    public static void Sgemm(bool transA, bool transB, int m, int n, int k, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c)
        => Sgemm(transA, transB, m, n, k, a, b, c, Parallelism.MaxThreads);

    /// <summary>The same on at most <paramref name="maxThreads"/> threads: a caller that already runs one product per
    /// thread (the convolutions' tiles) passes 1, so that products never nest thread jobs.</summary>
    public static void Sgemm(bool transA, bool transB, int m, int n, int k, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int maxThreads)
    {
        CheckArgs(m, n, k, a.Length, b.Length, c.Length);
        if (m == 0 || n == 0) return;
        if (k == 0) { c[..(m * n)].Clear(); return; }

        fixed (float* pa = a, pb = b, pc = c)
        {
            Isa isa = Path;
            if (isa != Isa.Scalar && (m == 1 || n == 1) && GemmVector.TryRun(transA, transB, m, n, k, pa, pb, pc))
                return;
            if (isa == Isa.Scalar || (long)m * n * k <= SmallVolume)
            {
                Naive(transA, transB, m, n, k, pa, pb, pc);
                return;
            }
            if (n < NarrowNMax && m > n)
            {
                NarrowN(isa, transA, transB, m, n, k, pa, pb, pc, maxThreads);
                return;
            }
            Blocked(isa, transA, transB, m, n, k, pa, pb, pc, maxThreads);
        }
    }

    /// <summary>
    /// c += op(a)·op(b) on the calling thread: the sum is kept in c, so a caller that adds up many products (a
    /// convolution's filter gradient, one product per tile of output pixels) neither writes each product out nor
    /// reads it back to add it. Scalar machines and tiny products go through a scratch product.
    /// </summary>
    public static void SgemmAccumulate(bool transA, bool transB, int m, int n, int k, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c)
    {
        CheckArgs(m, n, k, a.Length, b.Length, c.Length);
        if (m == 0 || n == 0 || k == 0) return;
        Isa isa = Path;
        if (isa == Isa.Scalar || (long)m * n * k <= SmallVolume)
        {
            var product = System.Buffers.ArrayPool<float>.Shared.Rent(m * n);
            Sgemm(transA, transB, m, n, k, a, b, product, 1);
            System.Numerics.Tensors.TensorPrimitives.Add(c[..(m * n)], product.AsSpan(0, m * n), c[..(m * n)]);
            System.Buffers.ArrayPool<float>.Shared.Return(product);
            return;
        }
        fixed (float* pa = a, pb = b, pc = c)
            RunBlock(isa, transA, transB, m, n, k, pa, pb, pc, 0, m, 0, n, accumulate: true);
    }

    /// <summary>Few columns: the kernels' NR-wide tiles would be mostly padding, so compute
    /// Cᵀ = op(B)ᵀ·op(A)ᵀ (n rows, m columns) into a scratch buffer and transpose it into C.</summary>
    private static void NarrowN(Isa isa, bool transA, bool transB, int m, int n, int k, float* a, float* b, float* c, int maxThreads)
    {
        float[] rented = System.Buffers.ArrayPool<float>.Shared.Rent(m * n);
        fixed (float* t = rented)
        {
            // op(B)ᵀ is B read with the opposite transpose flag; likewise op(A)ᵀ.
            Blocked(isa, !transB, !transA, n, m, k, b, a, t, maxThreads);
            for (int j = 0; j < n; j++)
            {
                float* tj = t + (nint)j * m;
                for (int i = 0; i < m; i++) c[(nint)i * n + j] = tj[i];
            }
        }
        System.Buffers.ArrayPool<float>.Shared.Return(rented);
    }

    private static void CheckArgs(int m, int n, int k, int aLen, int bLen, int cLen)
    {
        if (m < 0 || n < 0 || k < 0)
            throw new ArgumentOutOfRangeException(nameof(m), $"Gemm: negative size m={m}, n={n}, k={k}.");
        if ((long)m * k > aLen || (long)k * n > bLen || (long)m * n > cLen)
            throw new ArgumentException($"Gemm: buffers too small for m={m}, n={n}, k={k}: a has {aLen}, b {bLen}, c {cLen} elements.");
    }

    /// <summary>Plain loops, for tiny products and machines without SIMD FMA. i-p-j order keeps the inner
    /// loop contiguous when B is not transposed; otherwise a dot product over contiguous rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Naive(bool transA, bool transB, int m, int n, int k, float* a, float* b, float* c)
    {
        nint sAi = transA ? 1 : k, sAp = transA ? m : 1;   // op(A)(i,p) = a[i*sAi + p*sAp]
        if (!transB)
        {
            for (int i = 0; i < m; i++)
            {
                float* ci = c + (nint)i * n;
                float* ai = a + i * sAi;
                float a0 = ai[0];
                for (int j = 0; j < n; j++) ci[j] = a0 * b[j];
                for (int p = 1; p < k; p++)
                {
                    float ap = ai[p * sAp];
                    float* bp = b + (nint)p * n;
                    for (int j = 0; j < n; j++) ci[j] += ap * bp[j];
                }
            }
        }
        else
        {
            for (int i = 0; i < m; i++)
            {
                float* ai = a + i * sAi;
                float* ci = c + (nint)i * n;
                for (int j = 0; j < n; j++)
                {
                    float* bj = b + (nint)j * k;
                    float s = 0f;
                    for (int p = 0; p < k; p++) s += ai[p * sAp] * bj[p];
                    ci[j] = s;
                }
            }
        }
    }

    private static void Blocked(Isa isa, bool transA, bool transB, int m, int n, int k, float* a, float* b, float* c, int maxThreads)
    {
        double flops = 2.0 * m * n * k;
        int threads = (int)Math.Min(maxThreads, Math.Max(1.0, flops / MinFlopsPerThread));
        if (threads <= 1)
        {
            RunBlock(isa, transA, transB, m, n, k, a, b, c, 0, m, 0, n);
            return;
        }
        // Many rows: share each packed block of B between the threads. Otherwise (few rows, B read in place
        // or cheap to pack again): a grid of independent blocks.
        if (m >= SharedMinRows && (long)k * n >= SharedMinB)
            GemmShared.Run(isa, threads, transA, transB, m, n, k, a, b, c);
        else
            GemmParallel.Run(isa, threads, transA, transB, m, n, k, a, b, c);
    }

    internal static int PackCeil(int x, int y) => (x + y - 1) / y;

    /// <summary>C[i0:i1, j0:j1] = op(A)[i0:i1, :] · op(B)[:, j0:j1] on the calling thread (added to C when
    /// <paramref name="accumulate"/>: the special paths, which overwrite, are then skipped).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void RunBlock(Isa isa, bool transA, bool transB, int m, int n, int k, float* a, float* b, float* c,
                                 int i0, int i1, int j0, int j1, bool accumulate = false)
    {
        if (!accumulate && GemmTransB.Applies(isa, transB, i1 - i0, k))
        {
            GemmTransB.RunBlock(transA, m, n, k, a, b, c, i0, i1, j0, j1);
            return;
        }
        bool wide = isa == Isa.Vector512;
        // At most 16 columns: 16-wide tiles (the Vector512 kernels' narrow variants) halve the padding.
        int NR = isa == Isa.Vector128 ? 8 : wide && j1 - j0 > 16 ? 32 : 16;
        // Rows are covered by b14 blocks of 14 then blocks of 8 (Vector512), or by blocks of 6 (Vector256, Vector128),
        // choosing the mix that wastes the least kernel time on padding rows.
        int bigMR = wide ? 14 : 6, bigBlocks = RowBlocks(i1 - i0, wide);
        int bigRows = Math.Min(i1 - i0, bigBlocks * bigMR);
        int kBlocks = PackCeil(k, Math.Clamp(KC, 16, 512)), kcMax = PackCeil(k, kBlocks);   // 512: rows layout bound
        int ncMax = PackCeil(PackCeil(j1 - j0, PackCeil(j1 - j0, NC)), NR) * NR;   // balanced column blocks
        // Vector512 with A not transposed: A micro-panels are row copies ("Rows" kernels), no transpose.
        bool rowsLayout = wide && !transA;
        int mrMax = Math.Max(bigMR, 8);
        var buf = Buffers.Get((rowsLayout ? GemmKernels.ARowStride : kcMax) * mrMax, kcMax, mrMax, NR, ncMax);
        nint lda = transA ? m : k, ldb = transB ? k : n;
        // B read in place when few rows share it and its rows are close together (far-apart rows, each in
        // its own page, defeat the prefetchers: then packing pays even for one pass).
        bool directB = !transB && i1 - i0 <= DirectBMaxRows && n <= DirectBMaxCols;
        if (!accumulate && directB && GemmInPlace.Applies(isa, transA, lda))
        {
            GemmInPlace.RunBlock(n, k, a, b, c, i0, i1, j0, j1);
            return;
        }

        for (int jc = j0; jc < j1; jc += ncMax)
        {
            int nc = Math.Min(ncMax, j1 - jc);
            int panels = PackCeil(nc, NR);
            int fullPanels = directB ? nc / NR : panels;
            for (int pc = 0; pc < k; pc += kcMax)
            {
                int kc = Math.Min(kcMax, k - pc);
                bool acc = accumulate || pc > 0;
                if (!directB)
                    GemmPack.PackB(transB, b, ldb, pc, kc, jc, nc, NR, buf.B);
                else if (fullPanels < panels)
                    GemmPack.PackBPanelRows(b + pc * ldb + jc + fullPanels * NR, ldb, kc, nc - fullPanels * NR, NR, buf.BEdge);

                for (int ir = i0; ir < i1;)
                {
                    int mr = ir - i0 < bigRows ? bigMR : 8;
                    int rows = Math.Min(mr, (ir - i0 < bigRows ? i0 + bigRows : i1) - ir);
                    // A whole micro-panel of a transposed A with small k is read in place (see TransAInPlaceMaxK),
                    // unless its k steps, 4 KB apart or a multiple, would crowd one L1 set.
                    bool aInPlace = transA && rows == mr && k <= TransAInPlaceMaxK && lda % 1024 != 0;
                    float* ap = aInPlace ? a + pc * lda + ir : buf.A;
                    nint aStride = aInPlace ? lda : mr;
                    if (rowsLayout) GemmPack.PackARows(a, lda, ir, rows, pc, kc, mr, buf.A);
                    else if (!aInPlace) GemmPack.PackA(transA, a, lda, ir, rows, pc, kc, mr, buf.A);
                    for (int q = 0; q < panels; q++)
                    {
                        float* bq; nint bs;
                        if (!directB) { bq = buf.B + (nint)q * kc * NR; bs = NR; }
                        else if (q < fullPanels) { bq = b + pc * ldb + jc + q * NR; bs = ldb; }
                        else { bq = buf.BEdge; bs = NR; }
                        int cols = Math.Min(NR, nc - q * NR);
                        float* cq = c + (nint)ir * n + jc + q * NR;
                        if (rows == mr && cols == NR)
                        {
                            Kernel(isa, rowsLayout, mr, NR, kc, ap, aStride, bq, bs, cq, n, acc);
                        }
                        else
                        {
                            Kernel(isa, rowsLayout, mr, NR, kc, ap, aStride, bq, bs, buf.Tile, NR, false);
                            MergeTile(buf.Tile, NR, cq, n, rows, cols, acc);
                        }
                    }
                    ir += rows;
                }
            }
        }
    }

    /// <summary>How many 14-row blocks to use for <paramref name="rows"/> rows (the rest in 8-row blocks):
    /// the mix with the least padded kernel work, an 8-row block counting 10% extra for its lower efficiency.
    /// The Vector256 path has a single 6-row kernel.</summary>
    internal static int RowBlocks(int rows, bool wide)
    {
        if (!wide) return PackCeil(rows, 6);
        int best = PackCeil(rows, 14);
        double bestCost = best * 14.0;
        for (int b14 = best - 1; b14 >= 0; b14--)
        {
            int b8 = PackCeil(rows - 14 * b14, 8);
            double cost = 14.0 * b14 + 8.8 * b8;
            if (cost < bestCost) { bestCost = cost; best = b14; }
            if (b8 > 4) break;   // more 8-row blocks never pays beyond a few
        }
        return best;
    }

    /// <summary>An mr x nr tile: rows layout (A packed by <see cref="GemmPack.PackARows"/>), or k-major with k
    /// stride <paramref name="aStride"/> (mr for A packed by <see cref="GemmPack.PackA"/>, A's row stride for a
    /// transposed A read in place); the rows layout ignores aStride.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Kernel(Isa isa, bool rowsLayout, int mr, int nr, int kc, float* a, nint aStride, float* b, nint bStride, float* c, nint ldc, bool acc)
    {
        if (rowsLayout)
        {
            if (nr == 32)
            {
                if (mr == 14) GemmKernels.Kernel512x14Rows(kc, a, b, bStride, c, ldc, acc);
                else GemmKernels.Kernel512x8Rows(kc, a, b, bStride, c, ldc, acc);
            }
            else
            {
                if (mr == 14) GemmKernels.Kernel512x14n16Rows(kc, a, b, bStride, c, ldc, acc);
                else GemmKernels.Kernel512x8n16Rows(kc, a, b, bStride, c, ldc, acc);
            }
        }
        else if (isa == Isa.Vector512)
        {
            if (nr == 32)
            {
                if (mr == 14) GemmKernels.Kernel512x14(kc, a, aStride, b, bStride, c, ldc, acc);
                else GemmKernels.Kernel512x8(kc, a, aStride, b, bStride, c, ldc, acc);
            }
            else
            {
                if (mr == 14) GemmKernels.Kernel512x14n16(kc, a, aStride, b, bStride, c, ldc, acc);
                else GemmKernels.Kernel512x8n16(kc, a, aStride, b, bStride, c, ldc, acc);
            }
        }
        else if (isa == Isa.Vector256)
        {
            GemmKernels.Kernel256x6(kc, a, aStride, b, bStride, c, ldc, acc);
        }
        else
        {
            GemmKernels.Kernel128x6(kc, a, aStride, b, bStride, c, ldc, acc);
        }
    }

    /// <summary>The Vector512 kernels that read the rows of A in place (row stride <paramref name="lda"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void KernelStrided(int mr, int nr, int kc, float* a, nint lda, float* b, nint bStride, float* c, nint ldc, bool acc)
    {
        if (nr == 32)
        {
            if (mr == 14) GemmKernels.Kernel512x14Strided(kc, a, lda, b, bStride, c, ldc, acc);
            else GemmKernels.Kernel512x8Strided(kc, a, lda, b, bStride, c, ldc, acc);
        }
        else
        {
            if (mr == 14) GemmKernels.Kernel512x14n16Strided(kc, a, lda, b, bStride, c, ldc, acc);
            else GemmKernels.Kernel512x8n16Strided(kc, a, lda, b, bStride, c, ldc, acc);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void MergeTile(float* tile, int ldt, float* c, nint ldc, int rows, int cols, bool acc)
    {
        for (int r = 0; r < rows; r++, tile += ldt, c += ldc)
        {
            if (acc) for (int j = 0; j < cols; j++) c[j] += tile[j];
            else for (int j = 0; j < cols; j++) c[j] = tile[j];
        }
    }

    /// <summary>Per-thread packing buffers: one pinned, 64-byte-aligned array, grown on demand, never
    /// allocated again once big enough (so a steady state allocates nothing here).</summary>
    internal sealed class Buffers
    {
        [ThreadStatic] private static Buffers? t_current;

        private float[] _store = [];
        private int _a, _kc, _mr, _nr, _nc;
        public float* A, B, BEdge, Tile;

        /// <summary>This thread's buffers, with room for an A micro-panel of <paramref name="aFloats"/>, a
        /// kc x nc B block, a kc x nr B edge panel and an mr x nr tile.</summary>
        public static Buffers Get(int aFloats, int kc, int mr, int nr, int nc)
        {
            var b = t_current ??= new Buffers();
            if (aFloats > b._a || kc > b._kc || mr > b._mr || nr > b._nr || nc > b._nc)
                b.Grow(Math.Max(aFloats, b._a), Math.Max(kc, b._kc), Math.Max(mr, b._mr), Math.Max(nr, b._nr), Math.Max(nc, b._nc));
            return b;
        }

        private void Grow(int aFloats, int kc, int mr, int nr, int nc)
        {
            static nint Round(nint x) => (x + 15) & ~(nint)15;   // keep each part 64-byte aligned
            // +32 floats of slack: packing may write up to 8 floats past a panel (see GemmPack.TransposePanel).
            nint aLen = Round((nint)aFloats + 32), bLen = Round((nint)kc * nc + 32), eLen = Round((nint)kc * nr + 32), tLen = Round((nint)mr * nr + 32);
            _store = GC.AllocateUninitializedArray<float>((int)(aLen + bLen + eLen + tLen + 16), pinned: true);
            float* p = (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_store));
            p = (float*)(((nint)p + 63) & ~(nint)63);
            A = p; B = A + aLen; BEdge = B + bLen; Tile = BEdge + eLen;
            (_a, _kc, _mr, _nr, _nc) = (aFloats, kc, mr, nr, nc);
        }
    }

    // ---------------------------------------------------------------- float64

    /// <summary>Double-precision product; a straightforward vectorised loop (correctness first).</summary>
    public static void Dgemm(bool transA, bool transB, int m, int n, int k, ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c)
        => Dgemm(transA, transB, m, n, k, a, b, c, Parallelism.MaxThreads);

    /// <summary>The same on at most <paramref name="maxThreads"/> threads (see the float32 overload).</summary>
    public static void Dgemm(bool transA, bool transB, int m, int n, int k, ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int maxThreads)
    {
        CheckArgs(m, n, k, a.Length, b.Length, c.Length);
        if (m == 0 || n == 0) return;
        if (k == 0) { c[..(m * n)].Clear(); return; }
        fixed (double* pa = a, pb = b, pc = c)
        {
            double flops = 2.0 * m * n * k;
            int threads = (int)Math.Min(Math.Min(maxThreads, m), Math.Max(1.0, flops / (4 * MinFlopsPerThread)));
            if (threads <= 1) { DgemmRows(transA, transB, m, n, k, pa, pb, pc, 0, m); return; }
            nint ia = (nint)pa, ib = (nint)pb, ic = (nint)pc;
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                int r0 = (int)((long)m * t / threads), r1 = (int)((long)m * (t + 1) / threads);
                DgemmRows(transA, transB, m, n, k, (double*)ia, (double*)ib, (double*)ic, r0, r1);
            });
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DgemmRows(bool transA, bool transB, int m, int n, int k, double* a, double* b, double* c, int r0, int r1)
    {
        nint sAi = transA ? 1 : k, sAp = transA ? m : 1;
        for (int i = r0; i < r1; i++)
        {
            double* ai = a + i * sAi;
            var ci = new Span<double>(c + (nint)i * n, n);
            if (!transB)
            {
                ci.Clear();
                for (int p = 0; p < k; p++)
                {
                    double ap = ai[p * sAp];
                    if (ap == 0) continue;
                    var bp = new ReadOnlySpan<double>(b + (nint)p * n, n);
                    int j = 0;
                    if (Vector256.IsHardwareAccelerated)
                    {
                        var av = Vector256.Create(ap);
                        ref double cr = ref MemoryMarshal.GetReference(ci);
                        ref double br = ref MemoryMarshal.GetReference(bp);
                        for (; j + 4 <= n; j += 4)
                            Vector256.FusedMultiplyAdd(av, Vector256.LoadUnsafe(ref br, (nuint)j), Vector256.LoadUnsafe(ref cr, (nuint)j)).StoreUnsafe(ref cr, (nuint)j);
                    }
                    for (; j < n; j++) ci[j] += ap * bp[j];
                }
            }
            else
            {
                // Row i of op(A) as a contiguous span (copied when A is transposed).
                double[]? rented = null;
                ReadOnlySpan<double> arow;
                if (!transA) arow = new ReadOnlySpan<double>(ai, k);
                else
                {
                    rented = System.Buffers.ArrayPool<double>.Shared.Rent(k);
                    for (int p = 0; p < k; p++) rented[p] = ai[p * sAp];
                    arow = rented.AsSpan(0, k);
                }
                for (int j = 0; j < n; j++)
                    ci[j] = System.Numerics.Tensors.TensorPrimitives.Dot(arow, new ReadOnlySpan<double>(b + (nint)j * k, k));
                if (rented != null) System.Buffers.ArrayPool<double>.Shared.Return(rented);
            }
        }
    }
}
