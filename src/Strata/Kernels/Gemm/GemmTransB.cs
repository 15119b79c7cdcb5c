using System.Runtime.CompilerServices;

namespace Strata.Kernels;

/// <summary>
/// Blocks of C = op(A)·Bᵀ (B stored n x k) with few rows, on Vector512: computed as Cᵀ = B·op(A)ᵀ. The usual
/// path packs B with a transpose (n·k elements through 8 x 8 register transposes); for a Dense layer's input
/// gradient dy·Wᵀ (32 x 784, k = 128) that packing took ~28 µs, about 40% of the product. Here the rows of B
/// are the broadcast operand of the "Strided" kernels, read in place (even a plain copy into an A
/// micro-panel cost ~15%: B is read once, so copying it only adds traffic), the few rows of op(A) are packed
/// once into the kernels' NR-wide B panels (m·k elements), and each MR x NR tile of Cᵀ goes through the tile
/// buffer and a transpose into C (m·n elements, a quarter of B's for the Dense shapes). K blocks of at most
/// 512 accumulate in the tile.
/// </summary>
internal static unsafe class GemmTransB
{
    /// <summary>Blocks with at most this many rows take this path: their op(A)ᵀ panels (k x rows floats)
    /// stay in cache while the rows of B stream past. Measured on one thread, n = 784: 16 to 64 rows gained
    /// 12-60% (k = 128, 512); 80 and 96 rows gained or lost a little; 128 rows nothing. Settable for tuning.</summary>
    internal static int MaxRows = 64;

    /// <summary>Whether <see cref="RunBlock"/> handles a block of <paramref name="rows"/> rows: transposed
    /// B, Vector512 kernels, and B's rows (k floats apart, read in place) not a multiple of 4 KB apart, where
    /// the 14 rows of a block would crowd one L1 set (12 ways).</summary>
    public static bool Applies(Gemm.Isa isa, bool transB, int rows, int k) =>
        isa == Gemm.Isa.Vector512 && transB && rows <= MaxRows && k % 1024 != 0;

    /// <summary>C[i0:i1, j0:j1] = op(A)[i0:i1, :] · Bᵀ[:, j0:j1] on the calling thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunBlock(bool transA, int m, int n, int k, float* a, float* b, float* c, int i0, int i1, int j0, int j1)
    {
        int rows = i1 - i0, cols = j1 - j0;
        // Cᵀ has `rows` columns: 16-wide panels when they fit (less padding), else 32-wide.
        int nr = rows > 16 ? 32 : 16;
        int panels = Gemm.PackCeil(rows, nr);
        var buf = Gemm.Buffers.Get(GemmKernels.ARowStride * 14, k, 14, nr, panels * nr);
        // op(A)ᵀ(p, i) = op(A)(i, p): A is read with the opposite transpose flag.
        GemmPack.PackB(!transA, a, transA ? m : k, 0, k, i0, rows, nr, buf.B);
        // Rows of Cᵀ (columns of C) in blocks of 14, then 8, as in Gemm.RunBlock.
        int bigRows = Math.Min(cols, Gemm.RowBlocks(cols, true) * 14);
        // K blocks of at most 512 (the rows layout's bound, for a copied partial block), accumulated in the tile.
        int kBlocks = Gemm.PackCeil(k, 512), kcMax = Gemm.PackCeil(k, kBlocks);
        for (int jr = j0; jr < j1;)
        {
            bool big = jr - j0 < bigRows;
            int mr = big ? 14 : 8;
            int count = Math.Min(mr, (big ? j0 + bigRows : j1) - jr);
            // Whole blocks read B's rows in place (no copy); the last, partial one copies them, zero-padded.
            bool inPlace = count == mr;
            for (int q = 0; q < panels; q++)
            {
                int ic = i0 + q * nr;
                for (int pc = 0; pc < k; pc += kcMax)
                {
                    int kc = Math.Min(kcMax, k - pc);
                    float* bq = buf.B + (nint)q * k * nr + (nint)pc * nr;
                    if (inPlace)
                    {
                        Gemm.KernelStrided(mr, nr, kc, b + (nint)jr * k + pc, k, bq, nr, buf.Tile, nr, acc: pc > 0);
                    }
                    else
                    {
                        if (q == 0 || kBlocks > 1) GemmPack.PackARows(b, k, jr, count, pc, kc, mr, buf.A);
                        Gemm.Kernel(Gemm.Isa.Vector512, rowsLayout: true, mr, nr, kc, buf.A, mr, bq, nr, buf.Tile, nr, acc: pc > 0);
                    }
                }
                // Columns of C up to j1 may be overwritten: a later block rewrites them (so 8-wide stores
                // need no mask except at the end).
                GemmPack.TransposeStore(buf.Tile, nr, count, Math.Min(nr, i1 - ic), c + (nint)ic * n + jr, n, j1 - jr);
            }
            jr += count;
        }
    }
}
