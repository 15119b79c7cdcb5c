// Packing of A and B into the contiguous micro-panels the GEMM micro-kernels read.
// Transposed operands are handled here (a strided gather instead of a transposed copy of the whole matrix).
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Strata.Kernels;

internal static unsafe class GemmPack
{
    /// <summary>Packs rows [i0, i0+rows) and k range [p0, p0+kc) of op(A) into dst as [p][r], mr floats per
    /// k step; rows beyond <paramref name="rows"/> (up to mr) are zero. op(A)(i, p) is a[i*lda + p] when
    /// !transA, a[p*lda + i] when transA. dst needs kc*mr + 16 floats (vector copies may overrun).</summary>
    public static void PackA(bool transA, float* a, nint lda, int i0, int rows, int p0, int kc, int mr, float* dst)
    {
        if (transA)
        {
            float* src = a + (nint)p0 * lda + i0;
            if (rows == mr && mr == 14)
            {
                // 14 contiguous floats per k step: two overlapping 8-wide copies (16 written, the last 2 are
                // overwritten by the next step or land in the slack).
                for (int p = 0; p < kc; p++, src += lda, dst += 14)
                {
                    Vector256.Store(Vector256.Load(src), dst);
                    Vector256.Store(Vector256.Load(src + 6), dst + 6);
                }
                return;
            }
            for (int p = 0; p < kc; p++, src += lda, dst += mr)
            {
                int r = 0;
                for (; r < rows; r++) dst[r] = src[r];
                for (; r < mr; r++) dst[r] = 0f;
            }
            return;
        }

        // !transA: row r of the panel is contiguous in p; write it with stride mr.
        float* row0 = a + (nint)i0 * lda + p0;
        if (rows == mr)
        {
            // Four rows at a time keeps four read streams and one write stream.
            int r = 0;
            for (; r + 4 <= mr; r += 4)
            {
                float* s0 = row0 + r * lda, s1 = s0 + lda, s2 = s1 + lda, s3 = s2 + lda;
                float* d = dst + r;
                for (int p = 0; p < kc; p++, d += mr)
                {
                    d[0] = s0[p]; d[1] = s1[p]; d[2] = s2[p]; d[3] = s3[p];
                }
            }
            for (; r < mr; r++)
            {
                float* s = row0 + r * lda;
                float* d = dst + r;
                for (int p = 0; p < kc; p++, d += mr) *d = s[p];
            }
            return;
        }
        for (int r = 0; r < mr; r++)
        {
            float* d = dst + r;
            if (r < rows)
            {
                float* s = row0 + r * lda;
                for (int p = 0; p < kc; p++, d += mr) *d = s[p];
            }
            else
            {
                for (int p = 0; p < kc; p++, d += mr) *d = 0f;
            }
        }
    }

    /// <summary>Packs the k range [p0, p0+kc) and columns [j0, j0+cols) of op(B) into panels of nr columns:
    /// panel q at dst + q*kc*nr, laid out [p][j], zero-padded past <paramref name="cols"/>.
    /// op(B)(p, j) is b[p*ldb + j] when !transB, b[j*ldb + p] when transB.</summary>
    public static void PackB(bool transB, float* b, nint ldb, int p0, int kc, int j0, int cols, int nr, float* dst)
    {
        int panels = (cols + nr - 1) / nr;
        for (int q = 0; q < panels; q++)
        {
            int jq = j0 + q * nr;
            int w = Math.Min(nr, j0 + cols - jq);
            float* d = dst + (nint)q * kc * nr;
            if (!transB)
                PackBPanelRows(b + (nint)p0 * ldb + jq, ldb, kc, w, nr, d);
            else
                PackBPanelTrans(b + (nint)jq * ldb + p0, ldb, kc, w, nr, d);
        }
    }

    /// <summary>One panel of a row-major B: kc rows of w (&lt;= nr) contiguous floats, zero-padded to nr.</summary>
    public static void PackBPanelRows(float* src, nint ldb, int kc, int w, int nr, float* d)
    {
        if (w == nr && nr == 32 && Vector512.IsHardwareAccelerated)
        {
            for (int p = 0; p < kc; p++, src += ldb, d += 32)
            {
                Vector512.Store(Vector512.Load(src), d);
                Vector512.Store(Vector512.Load(src + 16), d + 16);
            }
            return;
        }
        if (w == nr && nr == 16 && Vector256.IsHardwareAccelerated)
        {
            for (int p = 0; p < kc; p++, src += ldb, d += 16)
            {
                Vector256.Store(Vector256.Load(src), d);
                Vector256.Store(Vector256.Load(src + 8), d + 8);
            }
            return;
        }
        for (int p = 0; p < kc; p++, src += ldb, d += nr)
        {
            int j = 0;
            for (; j < w; j++) d[j] = src[j];
            for (; j < nr; j++) d[j] = 0f;
        }
    }

    /// <summary>One panel of a transposed B (stored n x k): column j of the panel is row j of storage,
    /// contiguous in p. Written with stride nr.</summary>
    public static void PackBPanelTrans(float* src, nint ldb, int kc, int w, int nr, float* d)
    {
        int j = 0;
        for (; j + 4 <= w; j += 4)
        {
            float* s0 = src + j * ldb, s1 = s0 + ldb, s2 = s1 + ldb, s3 = s2 + ldb;
            float* dd = d + j;
            for (int p = 0; p < kc; p++, dd += nr)
            {
                dd[0] = s0[p]; dd[1] = s1[p]; dd[2] = s2[p]; dd[3] = s3[p];
            }
        }
        for (; j < w; j++)
        {
            float* s = src + j * ldb;
            float* dd = d + j;
            for (int p = 0; p < kc; p++, dd += nr) *dd = s[p];
        }
        if (w < nr)
        {
            for (int p = 0; p < kc; p++)
                new Span<float>(d + (nint)p * nr + w, nr - w).Clear();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int CeilDiv(int x, int y) => (x + y - 1) / y;
}
