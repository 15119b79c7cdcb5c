using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Strata.Kernels.Conv;

/// <summary>
/// Convolution as implicit GEMM: output rows are taken in tiles whose patch matrix (tile rows x K) stays
/// within <see cref="TileBytes"/>, so it is written and read again while in L2; no im2col matrix of the whole
/// input is ever made. Per tile and group:
/// forward   y[tile] = patches[tile] · W                      (W as [K, O]);
/// input     dpatches = dy[tile] · Wᵀ, scattered back (col2im);
/// filter    dW += patches[tile]ᵀ · dy[tile].
/// Threads take ranges of tiles (forward, filter: each with its own buffers and, for the filter, its own partial
/// sum, added up at the end), or of whole images for the input gradient, whose scatter would race between
/// tiles of one image. The products inside run on one thread each (<see cref="Gemm.Sgemm(bool, bool, int, int,
/// int, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int)"/>), so jobs never nest. Special cases: a 1x1
/// stride-1 convolution is one product on the input itself; a stride-1 "same" input gradient is a forward
/// convolution with the flipped filter; depthwise convolutions (one channel per group) go to
/// <see cref="DepthwiseKernels"/>.
/// </summary>
internal static class ConvKernels
{
    /// <summary>Bytes of patch matrix per tile: an eighth of a 1 MiB L2. Against 256 KiB, thread CPU time on the
    /// bench's shapes (2 runs each, shared machine): Fashion-MNIST layer 2 forward +15%, filter gradient +10%, its
    /// scatter input gradient -4%, the ResNet shape within noise. There the tiles have at most 128 rows, and the GEMM
    /// reads the filter in place instead of packing it per tile.</summary>
    internal static int TileBytes = 128 * 1024;

    /// <summary>Bytes of patch matrix per tile of the filter gradient, whose products add into one sum kept in
    /// place: a tile's rows are the sum's inner dimension, so longer tiles read and write the sum less often. One
    /// thread, A/B in alternating runs of the bench's shapes: Fashion-MNIST layer 2 1.23-1.41 against 1.44-1.53 ms,
    /// the ResNet shape 11.4-11.6 against 12.1-12.2 ms; at 512 KiB the first gained again (1.03-1.17 ms) and the
    /// ResNet shape lost (13.3-13.6 ms).</summary>
    internal static int FilterTileBytes = 256 * 1024;

    /// <summary>Work (floating-point operations) a thread must get before another thread is used.</summary>
    internal static double MinFlopsPerThread = 2e6;

    private static int TileRows<T>(ConvGeometry g, int tileBytes) where T : unmanaged
        => Math.Max(1, tileBytes / (Math.Max(1, g.K) * Unsafe.SizeOf<T>()));

    /// <summary>How many items (tiles or images) of <paramref name="flopsPerItem"/> each one thread needs to be worth starting.</summary>
    private static int MinItemsPerThread(double flopsPerItem) => (int)Math.Clamp(Math.Ceiling(MinFlopsPerThread / Math.Max(1, flopsPerItem)), 1, int.MaxValue);

    private static void Gemm<T>(bool transA, bool transB, int m, int n, int k, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int threads)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
            Kernels.Gemm.Sgemm(transA, transB, m, n, k, MemoryMarshal.Cast<T, float>(a), MemoryMarshal.Cast<T, float>(b), MemoryMarshal.Cast<T, float>(c), threads);
        else
            Kernels.Gemm.Dgemm(transA, transB, m, n, k, MemoryMarshal.Cast<T, double>(a), MemoryMarshal.Cast<T, double>(b), MemoryMarshal.Cast<T, double>(c), threads);
    }

    /// <summary>sum (m x n) += aᵀ · b, a stored k x m: in place for float32 (<see cref="Kernels.Gemm.SgemmAccumulate"/>);
    /// for float64 through a pooled scratch product, then added.</summary>
    private static void GemmAccumulate<T>(int m, int n, int k, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> sum)
        where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(float))
        {
            Kernels.Gemm.SgemmAccumulate(true, false, m, n, k, MemoryMarshal.Cast<T, float>(a), MemoryMarshal.Cast<T, float>(b), MemoryMarshal.Cast<T, float>(sum));
            return;
        }
        var product = ArrayPool<T>.Shared.Rent(m * n);
        Gemm<T>(true, false, m, n, k, a, b, product, 1);
        TensorPrimitives.Add<T>(sum, product.AsSpan(0, m * n), sum);
        ArrayPool<T>.Shared.Return(product);
    }

    /// <summary>Each group's filter columns as a dense [K, O / Groups] matrix (the filter itself for one group).</summary>
    private static T[][] GroupFilters<T>(ConvGeometry g, T[] w) where T : unmanaged
    {
        if (g.Groups == 1) return [w];
        var parts = new T[g.Groups][];
        for (int grp = 0; grp < g.Groups; grp++)
        {
            parts[grp] = new T[g.K * g.Og];
            ConvPatches.GatherColumns<T>(w, g.O, 0, g.K, grp, g.Og, parts[grp]);
        }
        return parts;
    }

    // ------------------------------------------------------------------ forward

    /// <summary>y = conv(x, w): y overwritten.</summary>
    public static void Forward<T>(ConvGeometry g, T[] x, T[] w, T[] y) where T : unmanaged, INumber<T>
    {
        int rows = g.N * g.OutPixels;
        if (rows == 0 || g.O == 0) return;
        if (DepthwiseKernels.Applies(g)) { DepthwiseKernels.Forward(g, x, w, y); return; }
        if (SmallPatchConvKernels.Applies<T>(g))
        {
            SmallPatchConvKernels.Forward(g, (float[])(object)x, (float[])(object)w, (float[])(object)y);
            return;
        }
        if (g.IsPointwise && g.PD == 0 && g.PH == 0 && g.PW == 0)
        {
            // Every output pixel is its input pixel: one product, threaded by the GEMM itself.
            Gemm<T>(false, false, rows, g.O, g.C, x, w, y, Parallelism.MaxThreads);
            return;
        }
        int tileRows = TileRows<T>(g, TileBytes), tiles = (rows + tileRows - 1) / tileRows;
        var filters = GroupFilters(g, w);
        Parallelism.ForRanges(tiles, MinItemsPerThread(2.0 * tileRows * g.K * g.O), (t0, t1) =>
        {
            var patches = ArrayPool<T>.Shared.Rent(tileRows * g.K);
            var block = g.Groups > 1 ? ArrayPool<T>.Shared.Rent(tileRows * g.Og) : null;
            try
            {
                for (int t = t0; t < t1; t++)
                {
                    int r0 = t * tileRows, r1 = Math.Min(rows, r0 + tileRows), m = r1 - r0;
                    for (int grp = 0; grp < g.Groups; grp++)
                    {
                        ConvPatches.Gather<T>(g, x, r0, r1, grp, patches);
                        if (block is null)
                        {
                            Gemm<T>(false, false, m, g.O, g.K, patches, filters[0], y.AsSpan(r0 * g.O, m * g.O), 1);
                        }
                        else
                        {
                            Gemm<T>(false, false, m, g.Og, g.K, patches, filters[grp], block, 1);
                            ConvPatches.ScatterColumns<T>(block, g.O, r0, r1, grp, g.Og, y);
                        }
                    }
                }
            }
            finally
            {
                ArrayPool<T>.Shared.Return(patches);
                if (block is not null) ArrayPool<T>.Shared.Return(block);
            }
        }, align: 1);
    }

    // ------------------------------------------------------------------ input gradient

    /// <summary>dx = the adjoint of conv(·, w) applied to dy (a transposed convolution): dx overwritten.</summary>
    public static void BackpropInput<T>(ConvGeometry g, T[] w, T[] dy, T[] dx) where T : unmanaged, INumber<T>
    {
        int rows = g.N * g.OutPixels;
        if (DepthwiseKernels.Applies(g)) { DepthwiseKernels.BackpropInput(g, w, dy, dx); return; }
        if (g.IsPointwise && g.PD == 0 && g.PH == 0 && g.PW == 0 && rows > 0 && g.O > 0)
        {
            // dx = dy · Wᵀ, W stored [C, O].
            Gemm<T>(false, true, rows, g.C, g.O, dy, w, dx, Parallelism.MaxThreads);
            return;
        }
        if (g.SD == 1 && g.SH == 1 && g.SW == 1 && rows > 0 && g.K > 0 && g.O > 0 && (long)g.InPixels * 8 <= (long)g.OutPixels * 9)
        {
            // Stride 1: dx is itself a convolution, of dy with the flipped filter, so patches are gathered (copied)
            // instead of scattered (added) back; it runs as fast as the forward pass. Only where dx has about as
            // many pixels as dy ("same" padding): a "valid" layer's dx is a "full" convolution, whose extra rows
            // are mostly padding (13x13 from 11x11: 40% more products, slower than the scatter, measured).
            var (flipped, fw) = Flipped(g, w);
            try { Forward(flipped, dy, fw, dx); }
            finally { ArrayPool<T>.Shared.Return(fw); }
            return;
        }
        Array.Clear(dx);
        if (rows == 0 || g.K == 0 || g.O == 0) return;
        int tileRows = TileRows<T>(g, TileBytes), pixels = g.OutPixels;
        var filters = GroupFilters(g, w);
        Parallelism.ForRanges(g.N, MinItemsPerThread(2.0 * pixels * g.K * g.O), (n0, n1) =>
        {
            var patches = ArrayPool<T>.Shared.Rent(tileRows * g.K);
            var block = g.Groups > 1 ? ArrayPool<T>.Shared.Rent(tileRows * g.Og) : null;
            try
            {
                int end = n1 * pixels;
                for (int r0 = n0 * pixels; r0 < end; r0 += tileRows)
                {
                    int r1 = Math.Min(end, r0 + tileRows), m = r1 - r0;
                    for (int grp = 0; grp < g.Groups; grp++)
                    {
                        ReadOnlySpan<T> dyBlock;
                        if (block is null) dyBlock = dy.AsSpan(r0 * g.O, m * g.O);
                        else
                        {
                            ConvPatches.GatherColumns<T>(dy, g.O, r0, r1, grp, g.Og, block);
                            dyBlock = block;
                        }
                        // dpatches (m x K) = dy block (m x Og) · Wgᵀ, Wg stored [K, Og].
                        Gemm<T>(false, true, m, g.K, g.Og, dyBlock, filters[grp], patches, 1);
                        ConvPatches.ScatterAdd<T>(g, patches, r0, r1, grp, dx);
                    }
                }
            }
            finally
            {
                ArrayPool<T>.Shared.Return(patches);
                if (block is not null) ArrayPool<T>.Shared.Return(block);
            }
        }, align: 1);
    }

    /// <summary>
    /// The stride-1 input gradient as a forward convolution: input dy (O channels), output dx (C channels), the same
    /// dilation, (k - 1)·dilation - pad zeros before each axis, and the filter turned 180° with its channel axes
    /// swapped within each group: w'[k', o, g·Cg + c] = w[K - 1 - k', c, g·Og + o].
    /// </summary>
    private static (ConvGeometry, T[]) Flipped<T>(ConvGeometry g, T[] w) where T : unmanaged
    {
        var f = new ConvGeometry
        {
            Op = g.Op, N = g.N, C = g.O, O = g.C, Groups = g.Groups,
            ID = g.OD, IH = g.OH, IW = g.OW, KD = g.KD, KH = g.KH, KW = g.KW, SD = 1, SH = 1, SW = 1, DD = g.DD, DH = g.DH, DW = g.DW,
            PD = (g.KD - 1) * g.DD - g.PD, PH = (g.KH - 1) * g.DH - g.PH, PW = (g.KW - 1) * g.DW - g.PW,
            OD = g.ID, OH = g.IH, OW = g.IW,
            InputShape = g.OutputShape, FilterShape = g.FilterShape, OutputShape = g.InputShape,
        };
        int taps = g.KD * g.KH * g.KW, cg = g.Cg, og = g.Og;
        var fw = ArrayPool<T>.Shared.Rent(w.Length);   // a filter-sized buffer per call: pooled, not a new large object
        for (int t = 0; t < taps; t++)
        {
            int src = (taps - 1 - t) * cg * g.O, dst = t * og * g.C;
            for (int grp = 0; grp < g.Groups; grp++)
                for (int c = 0; c < cg; c++)
                    for (int o = 0; o < og; o++)
                        fw[dst + o * g.C + grp * cg + c] = w[src + c * g.O + grp * og + o];
        }
        return (f, fw);
    }

    // ------------------------------------------------------------------ filter gradient

    /// <summary>dw = Σ over output pixels of patchᵀ · dy (the filter's gradient): dw overwritten.</summary>
    public static void BackpropFilter<T>(ConvGeometry g, T[] x, T[] dy, T[] dw) where T : unmanaged, INumber<T>
    {
        int rows = g.N * g.OutPixels;
        if (DepthwiseKernels.Applies(g)) { DepthwiseKernels.BackpropFilter(g, x, dy, dw); return; }
        if (g.IsPointwise && g.PD == 0 && g.PH == 0 && g.PW == 0 && rows > 0)
        {
            // dW (C x O) = xᵀ · dy over all pixels.
            Gemm<T>(true, false, g.C, g.O, rows, x, dy, dw, Parallelism.MaxThreads);
            return;
        }
        Array.Clear(dw);
        if (rows == 0 || g.K == 0 || g.O == 0) return;
        int tileRows = TileRows<T>(g, FilterTileBytes), tiles = (rows + tileRows - 1) / tileRows;
        int part = g.K * g.Og;
        // One [K, Og] sum per group, grouped columns placed at the end.
        // One group: the threads' sums go straight into dw (cleared above); several: into a pooled [Groups, K, Og].
        var total = g.Groups == 1 ? dw : ArrayPool<T>.Shared.Rent(g.Groups * part);
        if (g.Groups > 1) Array.Clear(total, 0, g.Groups * part);
        var gate = new Lock();
        Parallelism.ForRanges(tiles, MinItemsPerThread(2.0 * tileRows * g.K * g.O), (t0, t1) =>
        {
            var patches = ArrayPool<T>.Shared.Rent(tileRows * g.K);
            var block = g.Groups > 1 ? ArrayPool<T>.Shared.Rent(tileRows * g.Og) : null;
            var sum = ArrayPool<T>.Shared.Rent(g.Groups * part);
            Array.Clear(sum, 0, g.Groups * part);
            try
            {
                for (int t = t0; t < t1; t++)
                {
                    int r0 = t * tileRows, r1 = Math.Min(rows, r0 + tileRows), m = r1 - r0;
                    for (int grp = 0; grp < g.Groups; grp++)
                    {
                        ConvPatches.Gather<T>(g, x, r0, r1, grp, patches);
                        ReadOnlySpan<T> dyBlock;
                        if (block is null) dyBlock = dy.AsSpan(r0 * g.O, m * g.O);
                        else
                        {
                            ConvPatches.GatherColumns<T>(dy, g.O, r0, r1, grp, g.Og, block);
                            dyBlock = block;
                        }
                        // sum (K x Og) += patchesᵀ (patches stored m x K) · dy block (m x Og).
                        GemmAccumulate<T>(g.K, g.Og, m, patches, dyBlock, sum.AsSpan(grp * part, part));
                    }
                }
                lock (gate) TensorPrimitives.Add<T>(total.AsSpan(0, g.Groups * part), sum.AsSpan(0, g.Groups * part), total.AsSpan(0, g.Groups * part));
            }
            finally
            {
                ArrayPool<T>.Shared.Return(sum);
                ArrayPool<T>.Shared.Return(patches);
                if (block is not null) ArrayPool<T>.Shared.Return(block);
            }
        }, align: 1);
        if (g.Groups == 1) return;
        for (int grp = 0; grp < g.Groups; grp++)
            ConvPatches.ScatterColumns<T>(total.AsSpan(grp * part, part), g.O, 0, g.K, grp, g.Og, dw);
        ArrayPool<T>.Shared.Return(total);
    }
}
