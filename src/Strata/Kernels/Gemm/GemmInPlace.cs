using System.Runtime.CompilerServices;

namespace Strata.Kernels;

/// <summary>
/// Blocks of C with few rows whose operands are both row-major, on Vector512: nothing is packed. The
/// "Strided" kernels broadcast from A's rows in place, and B's panels are read in place too. The loops put
/// B's panels outside A's row blocks, so that A (few rows, 100 KB for a Dense layer's forward product
/// 32 x 128, k = 784) is what is read again, not B (400 KB): +3-5% over packing A's rows. Copying each B
/// panel into a contiguous buffer first, so that it would stay in L1 for all the row blocks (rows of B
/// 512 B apart use only a quarter of L1's sets), measured 5-10% slower: the copy costs more than the L2
/// reads it saves.
/// </summary>
internal static unsafe class GemmInPlace
{
    /// <summary>K block (floats; at most 512, the rows layout's bound for a copied partial row block). 784
    /// splits into two blocks of 392: measured best on 32 x 128 x 784 (K blocks of 128, 196 or 256 were
    /// 1-3% slower; 512 gives the same split). Settable for tuning.</summary>
    internal static int KC = 400;

    /// <summary>For tuning: off sends these blocks through the packed path (A's rows copied).</summary>
    internal static bool Enabled = true;

    /// <summary>Whether the rows of A, lda floats apart, can be read in place: 14 rows 4 KB apart (or a
    /// multiple) would share one L1 set (12 ways), and evict each other.</summary>
    public static bool Applies(Gemm.Isa isa, bool transA, nint lda) => Enabled && isa == Gemm.Isa.Vector512 && !transA && lda % 1024 != 0;

    /// <summary>C[i0:i1, j0:j1] = A[i0:i1, :] · B[:, j0:j1] on the calling thread, A (m x k) and B (k x n) row-major.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunBlock(int n, int k, float* a, float* b, float* c, int i0, int i1, int j0, int j1)
    {
        int rowsTotal = i1 - i0, cols = j1 - j0;
        int nr = cols > 16 ? 32 : 16;
        int panels = Gemm.PackCeil(cols, nr), fullPanels = cols / nr;
        int bigRows = Math.Min(rowsTotal, Gemm.RowBlocks(rowsTotal, true) * 14);
        int kBlocks = Gemm.PackCeil(k, Math.Clamp(KC, 16, 512)), kcMax = Gemm.PackCeil(k, kBlocks);
        var buf = Gemm.Buffers.Get(GemmKernels.ARowStride * 14, kcMax, 14, nr, nr);
        int packedPc = -1;   // k block whose partial row block sits in buf.A
        for (int pc = 0; pc < k; pc += kcMax)
        {
            int kc = Math.Min(kcMax, k - pc);
            bool acc = pc > 0;
            if (fullPanels < panels)
                GemmPack.PackBPanelRows(b + (nint)pc * n + j0 + fullPanels * nr, n, kc, cols - fullPanels * nr, nr, buf.BEdge);
            for (int q = 0; q < panels; q++)
            {
                bool fullPanel = q < fullPanels;
                float* bq = fullPanel ? b + (nint)pc * n + j0 + q * nr : buf.BEdge;
                nint bs = fullPanel ? n : nr;
                int w = Math.Min(nr, cols - q * nr);
                for (int ir = i0; ir < i1;)
                {
                    bool big = ir - i0 < bigRows;
                    int mr = big ? 14 : 8;
                    int rows = Math.Min(mr, (big ? i0 + bigRows : i1) - ir);
                    float* cq = c + (nint)ir * n + j0 + q * nr;
                    bool whole = rows == mr && w == nr;
                    float* dst = whole ? cq : buf.Tile;
                    nint ldd = whole ? n : nr;
                    if (rows == mr)
                    {
                        Gemm.KernelStrided(mr, nr, kc, a + (nint)ir * k + pc, k, bq, bs, dst, ldd, whole && acc);
                    }
                    else
                    {
                        // Only the last row block can be partial: its rows are copied (zero-padded), since
                        // the rows past it must not be read.
                        if (packedPc != pc) { GemmPack.PackARows(a, k, ir, rows, pc, kc, mr, buf.A); packedPc = pc; }
                        Gemm.Kernel(Gemm.Isa.Vector512, rowsLayout: true, mr, nr, kc, buf.A, mr, bq, bs, dst, ldd, false);
                    }
                    if (!whole) Gemm.MergeTile(buf.Tile, nr, cq, n, rows, w, acc);
                    ir += rows;
                }
            }
        }
    }
}
