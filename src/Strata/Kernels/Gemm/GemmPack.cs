// Packing of A and B into the contiguous micro-panels the GEMM micro-kernels read.
// Transposed operands are handled here (a strided gather instead of a transposed copy of the whole matrix).
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Strata.Kernels;

internal static unsafe class GemmPack
{
    /// <summary>Packs rows [i0, i0+rows) and k range [p0, p0+kc) of op(A) into dst as [p][r], mr floats per
    /// k step; rows beyond <paramref name="rows"/> (up to mr) are zero. op(A)(i, p) is a[i*lda + p] when
    /// !transA, a[p*lda + i] when transA. dst needs kc*mr + 8 floats (see Transpose8Rows).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(bool transA, float* a, nint lda, int i0, int rows, int p0, int kc, int mr, float* dst)
    {
        if (transA)
        {
            float* src = a + (nint)p0 * lda + i0;
            if (rows == mr && mr == 8)
            {
                for (int p = 0; p < kc; p++, src += lda, dst += 8)
                    Vector256.Store(Vector256.Load(src), dst);
                return;
            }
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

        // !transA: each row of the panel is contiguous in p: transpose 8 rows at a time. Groups are done from
        // the last to the first, because a group's 8-wide stores may spill into the next k step's first
        // slots, which the group before it then rewrites.
        float* row0 = a + (nint)i0 * lda + p0;
        for (int g = (mr - 1) / 8; g >= 0; g--)
        {
            int valid = Math.Clamp(rows - g * 8, 0, 8);
            Transpose8Rows(row0 + g * 8 * lda, lda, valid, kc, dst + g * 8, mr);
        }
    }

    /// <summary>Packs the k range [p0, p0+kc) and columns [j0, j0+cols) of op(B) into panels of nr columns:
    /// panel q at dst + q*kc*nr, laid out [p][j], zero-padded past <paramref name="cols"/>.
    /// op(B)(p, j) is b[p*ldb + j] when !transB, b[j*ldb + p] when transB.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    /// contiguous in p; transposed 8 columns at a time, zero-padded past w.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackBPanelTrans(float* src, nint ldb, int kc, int w, int nr, float* d)
    {
        for (int g = 0; g < nr / 8; g++)
            Transpose8Rows(src + g * 8 * ldb, ldb, Math.Clamp(w - g * 8, 0, 8), kc, d + g * 8, nr);
    }

    /// <summary>dst[p*dstStride + r] = src[r*ld + p] for r &lt; 8, p &lt; kc; rows at or past
    /// <paramref name="valid"/> give zeros and are not read. Always writes 8 floats per k step, so with
    /// dstStride &lt; 8 it spills into the next step (fixed by that step's stores, which come later) and, on
    /// the last step, up to 8 floats past kc*dstStride: the buffers keep slack for that.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Transpose8Rows(float* src, nint ld, int valid, int kc, float* dst, nint dstStride)
    {
        int p = 0;
        if (Avx.IsSupported)
        {
            float* s0 = src, s1 = s0 + ld, s2 = s1 + ld, s3 = s2 + ld, s4 = s3 + ld, s5 = s4 + ld, s6 = s5 + ld, s7 = s6 + ld;
            for (; p + 8 <= kc; p += 8)
            {
                Vector256<float> r0 = valid > 0 ? Avx.LoadVector256(s0 + p) : default;
                Vector256<float> r1 = valid > 1 ? Avx.LoadVector256(s1 + p) : default;
                Vector256<float> r2 = valid > 2 ? Avx.LoadVector256(s2 + p) : default;
                Vector256<float> r3 = valid > 3 ? Avx.LoadVector256(s3 + p) : default;
                Vector256<float> r4 = valid > 4 ? Avx.LoadVector256(s4 + p) : default;
                Vector256<float> r5 = valid > 5 ? Avx.LoadVector256(s5 + p) : default;
                Vector256<float> r6 = valid > 6 ? Avx.LoadVector256(s6 + p) : default;
                Vector256<float> r7 = valid > 7 ? Avx.LoadVector256(s7 + p) : default;

                Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
                Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
                Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
                Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);

                Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE);
                Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
                Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE);
                Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);

                float* d = dst + p * dstStride;
                Avx.Store(d, Avx.Permute2x128(u0, u4, 0x20)); d += dstStride;
                Avx.Store(d, Avx.Permute2x128(u1, u5, 0x20)); d += dstStride;
                Avx.Store(d, Avx.Permute2x128(u2, u6, 0x20)); d += dstStride;
                Avx.Store(d, Avx.Permute2x128(u3, u7, 0x20)); d += dstStride;
                Avx.Store(d, Avx.Permute2x128(u0, u4, 0x31)); d += dstStride;
                Avx.Store(d, Avx.Permute2x128(u1, u5, 0x31)); d += dstStride;
                Avx.Store(d, Avx.Permute2x128(u2, u6, 0x31)); d += dstStride;
                Avx.Store(d, Avx.Permute2x128(u3, u7, 0x31));
            }
        }
        for (; p < kc; p++)
        {
            float* d = dst + p * dstStride;
            for (int r = 0; r < 8; r++) d[r] = r < valid ? src[r * ld + p] : 0f;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int CeilDiv(int x, int y) => (x + y - 1) / y;
}
