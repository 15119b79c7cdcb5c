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
    /// !transA, a[p*lda + i] when transA. dst needs kc*mr + 8 floats (see TransposePanel).</summary>
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

        // !transA: each row of the panel is contiguous in p: a transpose.
        TransposePanel(a + (nint)i0 * lda + p0, lda, rows, mr, kc, dst);
    }

    /// <summary>Packs rows [i0, i0+rows) and k range [p0, p0+kc) of a non-transposed A (m x k, row stride
    /// lda) in rows layout: row r at dst + r*<see cref="GemmKernels.ARowStride"/>, kc contiguous floats; rows
    /// past <paramref name="rows"/> (up to mr) are zero. A plain copy, for the "Rows" kernels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackARows(float* a, nint lda, int i0, int rows, int p0, int kc, int mr, float* dst)
    {
        float* src = a + (nint)i0 * lda + p0;
        for (int r = 0; r < mr; r++, dst += GemmKernels.ARowStride, src += lda)
        {
            var d = new Span<float>(dst, kc);
            if (r < rows) new ReadOnlySpan<float>(src, kc).CopyTo(d);
            else d.Clear();
        }
    }

    /// <summary>Packs the k range [p0, p0+kc) and columns [j0, j0+cols) of op(B) into panels of nr columns:
    /// panel q at dst + q*kc*nr, laid out [p][j], zero-padded past <paramref name="cols"/>.
    /// op(B)(p, j) is b[p*ldb + j] when !transB, b[j*ldb + p] when transB.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB(bool transB, float* b, nint ldb, int p0, int kc, int j0, int cols, int nr, float* dst)
    {
        int panels = (cols + nr - 1) / nr;
        if (!transB)
        {
            PackBRowRange(b, ldb, p0, kc, 0, kc, j0, cols, nr, dst);
            return;
        }
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

    /// <summary>Rows [pLo, pHi) of a row-major B block (rows p0 .. p0+kc, columns j0 .. j0+cols) into the
    /// panel layout of <see cref="PackB"/> (panel q at dst + q*kc*nr, nr floats per row, zero-padded). Row by
    /// row, so that B is read sequentially: when each panel walks down all its rows instead, rows far apart
    /// (each in its own page) defeat the prefetchers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackBRowRange(float* b, nint ldb, int p0, int kc, int pLo, int pHi, int j0, int cols, int nr, float* dst)
    {
        int full = cols / nr, rest = cols - full * nr;
        nint panelSize = (nint)kc * nr;
        bool v512 = nr == 32 && Vector512.IsHardwareAccelerated, v256 = nr == 16 && Vector256.IsHardwareAccelerated;
        for (int p = pLo; p < pHi; p++)
        {
            float* src = b + (nint)(p0 + p) * ldb + j0;
            float* d = dst + (nint)p * nr;
            int q = 0;
            if (v512)
            {
                for (; q < full; q++, src += 32, d += panelSize)
                {
                    Vector512.Store(Vector512.Load(src), d);
                    Vector512.Store(Vector512.Load(src + 16), d + 16);
                }
            }
            else if (v256)
            {
                for (; q < full; q++, src += 16, d += panelSize)
                {
                    Vector256.Store(Vector256.Load(src), d);
                    Vector256.Store(Vector256.Load(src + 8), d + 8);
                }
            }
            for (; q < full; q++, src += nr, d += panelSize)
                for (int j = 0; j < nr; j++) d[j] = src[j];
            if (rest > 0)
            {
                int j = 0;
                for (; j < rest; j++) d[j] = src[j];
                for (; j < nr; j++) d[j] = 0f;
            }
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
        if (w == nr && nr == 8 && Vector128.IsHardwareAccelerated)
        {
            for (int p = 0; p < kc; p++, src += ldb, d += 8)
            {
                Vector128.Store(Vector128.Load(src), d);
                Vector128.Store(Vector128.Load(src + 4), d + 4);
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
    /// contiguous in p; a transpose, zero-padded past w.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackBPanelTrans(float* src, nint ldb, int kc, int w, int nr, float* d) => TransposePanel(src, ldb, w, nr, kc, d);

    /// <summary>dst[p*width + r] = src[r*ld + p] for r &lt; width, p &lt; kc; rows at or past
    /// <paramref name="rows"/> give zeros and are not read. Works in 8 x 8 blocks, all the row groups of a
    /// block of 8 k steps together (so that each destination line is written once, whole). A group's 8-wide
    /// stores may spill past width into the next k step's first slots: groups go from the last to the
    /// first so that the spill is rewritten, and the last step's spill (up to 8 floats past kc*width)
    /// lands in the buffers' slack.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TransposePanel(float* src, nint ld, int rows, int width, int kc, float* dst)
    {
        int groups = (width + 7) / 8;
        int p = 0;
        if (Avx.IsSupported)
        {
            for (; p + 8 <= kc; p += 8)
            {
                for (int g = groups - 1; g >= 0; g--)
                    Transpose8x8(src + g * 8 * ld + p, ld, Math.Clamp(rows - g * 8, 0, 8), dst + (nint)p * width + g * 8, width);
            }
        }
        for (; p < kc; p++)
        {
            float* d = dst + (nint)p * width;
            for (int r = 0; r < width; r++) d[r] = r < rows ? src[r * ld + p] : 0f;
        }
    }

    /// <summary>dst[c*ldd + r] = src[r*lds + c] for r &lt; rows, c &lt; cols (an MR x NR tile of Cᵀ into C, see
    /// <see cref="GemmTransB"/>). Each dst row may be written up to <paramref name="writable"/> (&gt;= rows)
    /// floats, with zeros past rows, and is not touched beyond. Reads src rows below rows only, but whole
    /// groups of 8 columns (cols rounded up to 8 must lie inside each src row).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TransposeStore(float* src, nint lds, int rows, int cols, float* dst, nint ldd, int writable)
    {
        if (Avx512F.IsSupported && rows > 8 && rows <= 16 && writable >= 16)
        {
            // 9 to 16 rows (a 14-row tile), no mask needed: 16 x 16 transposes in 512-bit registers, a
            // third fewer shuffles and half the stores of 8 x 8 ones (measured: the transposes took ~8% of a
            // 32 x 784 x 128 product).
            for (int h = 0; h < cols; h += 16)
                Transpose16x16(src + h, lds, rows, dst + h * ldd, ldd, Math.Min(16, cols - h));
            return;
        }
        for (int g = 0; g < rows; g += 8)
        {
            int valid = Math.Min(8, rows - g), width = Math.Min(8, writable - g);
            for (int h = 0; h < cols; h += 8)
                Transpose8x8(src + g * lds + h, lds, valid, dst + h * ldd + g, ldd, Math.Min(8, cols - h), width);
        }
    }

    /// <summary>d[i*ldd + r] = s[r*ld + i] for i &lt; dstRows, r &lt; 16, rows at or past <paramref name="valid"/>
    /// reading as zeros (and not read; valid &gt;= 1). Four rounds of 16 shuffles: pairs of rows interleaved,
    /// then groups of four, then 128-bit lanes (twice).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose16x16(float* s, nint ld, int valid, float* d, nint ldd, int dstRows)
    {
        Vector512<float> r0 = Avx512F.LoadVector512(s);
        Vector512<float> r1 = valid > 1 ? Avx512F.LoadVector512(s + 1 * ld) : default;
        Vector512<float> r2 = valid > 2 ? Avx512F.LoadVector512(s + 2 * ld) : default;
        Vector512<float> r3 = valid > 3 ? Avx512F.LoadVector512(s + 3 * ld) : default;
        Vector512<float> r4 = valid > 4 ? Avx512F.LoadVector512(s + 4 * ld) : default;
        Vector512<float> r5 = valid > 5 ? Avx512F.LoadVector512(s + 5 * ld) : default;
        Vector512<float> r6 = valid > 6 ? Avx512F.LoadVector512(s + 6 * ld) : default;
        Vector512<float> r7 = valid > 7 ? Avx512F.LoadVector512(s + 7 * ld) : default;
        Vector512<float> r8 = valid > 8 ? Avx512F.LoadVector512(s + 8 * ld) : default;
        Vector512<float> r9 = valid > 9 ? Avx512F.LoadVector512(s + 9 * ld) : default;
        Vector512<float> r10 = valid > 10 ? Avx512F.LoadVector512(s + 10 * ld) : default;
        Vector512<float> r11 = valid > 11 ? Avx512F.LoadVector512(s + 11 * ld) : default;
        Vector512<float> r12 = valid > 12 ? Avx512F.LoadVector512(s + 12 * ld) : default;
        Vector512<float> r13 = valid > 13 ? Avx512F.LoadVector512(s + 13 * ld) : default;
        Vector512<float> r14 = valid > 14 ? Avx512F.LoadVector512(s + 14 * ld) : default;
        Vector512<float> r15 = valid > 15 ? Avx512F.LoadVector512(s + 15 * ld) : default;
        // u(g + j): column 4L + j of rows g..g+3 in 128-bit lane L.
        Vector512<float> t0 = Avx512F.UnpackLow(r0, r1), t1 = Avx512F.UnpackHigh(r0, r1);
        Vector512<float> t2 = Avx512F.UnpackLow(r2, r3), t3 = Avx512F.UnpackHigh(r2, r3);
        Vector512<float> t4 = Avx512F.UnpackLow(r4, r5), t5 = Avx512F.UnpackHigh(r4, r5);
        Vector512<float> t6 = Avx512F.UnpackLow(r6, r7), t7 = Avx512F.UnpackHigh(r6, r7);
        Vector512<float> t8 = Avx512F.UnpackLow(r8, r9), t9 = Avx512F.UnpackHigh(r8, r9);
        Vector512<float> t10 = Avx512F.UnpackLow(r10, r11), t11 = Avx512F.UnpackHigh(r10, r11);
        Vector512<float> t12 = Avx512F.UnpackLow(r12, r13), t13 = Avx512F.UnpackHigh(r12, r13);
        Vector512<float> t14 = Avx512F.UnpackLow(r14, r15), t15 = Avx512F.UnpackHigh(r14, r15);
        Vector512<float> u0 = Avx512F.Shuffle(t0, t2, 0x44), u1 = Avx512F.Shuffle(t0, t2, 0xEE);
        Vector512<float> u2 = Avx512F.Shuffle(t1, t3, 0x44), u3 = Avx512F.Shuffle(t1, t3, 0xEE);
        Vector512<float> u4 = Avx512F.Shuffle(t4, t6, 0x44), u5 = Avx512F.Shuffle(t4, t6, 0xEE);
        Vector512<float> u6 = Avx512F.Shuffle(t5, t7, 0x44), u7 = Avx512F.Shuffle(t5, t7, 0xEE);
        Vector512<float> u8 = Avx512F.Shuffle(t8, t10, 0x44), u9 = Avx512F.Shuffle(t8, t10, 0xEE);
        Vector512<float> u10 = Avx512F.Shuffle(t9, t11, 0x44), u11 = Avx512F.Shuffle(t9, t11, 0xEE);
        Vector512<float> u12 = Avx512F.Shuffle(t12, t14, 0x44), u13 = Avx512F.Shuffle(t12, t14, 0xEE);
        Vector512<float> u14 = Avx512F.Shuffle(t13, t15, 0x44), u15 = Avx512F.Shuffle(t13, t15, 0xEE);
        // Lanes 0, 2 (0x88) or 1, 3 (0xDD) of each source: columns j and 8 + j, or 4 + j and 12 + j.
        StoreColumns(u0, u4, u8, u12, d, ldd, 0, dstRows);
        StoreColumns(u1, u5, u9, u13, d, ldd, 1, dstRows);
        StoreColumns(u2, u6, u10, u14, d, ldd, 2, dstRows);
        StoreColumns(u3, u7, u11, u15, d, ldd, 3, dstRows);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreColumns(Vector512<float> a, Vector512<float> b, Vector512<float> c, Vector512<float> e, float* d, nint ldd, int j, int dstRows)
    {
        Vector512<float> v = Avx512F.Shuffle4x128(a, b, 0x88), v1 = Avx512F.Shuffle4x128(a, b, 0xDD);
        Vector512<float> w = Avx512F.Shuffle4x128(c, e, 0x88), w1 = Avx512F.Shuffle4x128(c, e, 0xDD);
        if (j < dstRows) Avx512F.Store(d + j * ldd, Avx512F.Shuffle4x128(v, w, 0x88));
        if (4 + j < dstRows) Avx512F.Store(d + (4 + j) * ldd, Avx512F.Shuffle4x128(v1, w1, 0x88));
        if (8 + j < dstRows) Avx512F.Store(d + (8 + j) * ldd, Avx512F.Shuffle4x128(v, w, 0xDD));
        if (12 + j < dstRows) Avx512F.Store(d + (12 + j) * ldd, Avx512F.Shuffle4x128(v1, w1, 0xDD));
    }

    /// <summary>Transposes an 8 x 8 block: d[i*dstStride + r] = s[r*ld + i]; rows at or past
    /// <paramref name="valid"/> read as zeros. Only the first <paramref name="dstRows"/> rows of d are
    /// written, each <paramref name="dstWidth"/> floats wide (a masked store below 8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(float* s, nint ld, int valid, float* d, nint dstStride, int dstRows = 8, int dstWidth = 8)
    {
        Vector256<float> r0 = valid > 0 ? Avx.LoadVector256(s) : default;
        Vector256<float> r1 = valid > 1 ? Avx.LoadVector256(s + ld) : default;
        Vector256<float> r2 = valid > 2 ? Avx.LoadVector256(s + 2 * ld) : default;
        Vector256<float> r3 = valid > 3 ? Avx.LoadVector256(s + 3 * ld) : default;
        Vector256<float> r4 = valid > 4 ? Avx.LoadVector256(s + 4 * ld) : default;
        Vector256<float> r5 = valid > 5 ? Avx.LoadVector256(s + 5 * ld) : default;
        Vector256<float> r6 = valid > 6 ? Avx.LoadVector256(s + 6 * ld) : default;
        Vector256<float> r7 = valid > 7 ? Avx.LoadVector256(s + 7 * ld) : default;

        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);

        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);

        if (dstRows == 8 && dstWidth == 8)
        {
            Avx.Store(d, Avx.Permute2x128(u0, u4, 0x20)); d += dstStride;
            Avx.Store(d, Avx.Permute2x128(u1, u5, 0x20)); d += dstStride;
            Avx.Store(d, Avx.Permute2x128(u2, u6, 0x20)); d += dstStride;
            Avx.Store(d, Avx.Permute2x128(u3, u7, 0x20)); d += dstStride;
            Avx.Store(d, Avx.Permute2x128(u0, u4, 0x31)); d += dstStride;
            Avx.Store(d, Avx.Permute2x128(u1, u5, 0x31)); d += dstStride;
            Avx.Store(d, Avx.Permute2x128(u2, u6, 0x31)); d += dstStride;
            Avx.Store(d, Avx.Permute2x128(u3, u7, 0x31));
            return;
        }
        Vector256<float> mask = Vector256.LessThan(Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), Vector256.Create(dstWidth)).AsSingle();
        StoreRow(d, Avx.Permute2x128(u0, u4, 0x20), dstWidth, mask); if (dstRows == 1) return; d += dstStride;
        StoreRow(d, Avx.Permute2x128(u1, u5, 0x20), dstWidth, mask); if (dstRows == 2) return; d += dstStride;
        StoreRow(d, Avx.Permute2x128(u2, u6, 0x20), dstWidth, mask); if (dstRows == 3) return; d += dstStride;
        StoreRow(d, Avx.Permute2x128(u3, u7, 0x20), dstWidth, mask); if (dstRows == 4) return; d += dstStride;
        StoreRow(d, Avx.Permute2x128(u0, u4, 0x31), dstWidth, mask); if (dstRows == 5) return; d += dstStride;
        StoreRow(d, Avx.Permute2x128(u1, u5, 0x31), dstWidth, mask); if (dstRows == 6) return; d += dstStride;
        StoreRow(d, Avx.Permute2x128(u2, u6, 0x31), dstWidth, mask); if (dstRows == 7) return; d += dstStride;
        StoreRow(d, Avx.Permute2x128(u3, u7, 0x31), dstWidth, mask);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(float* d, Vector256<float> v, int width, Vector256<float> mask)
    {
        if (width == 8) Avx.Store(d, v);
        else Avx.MaskStore(d, mask, v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int CeilDiv(int x, int y) => (x + y - 1) / y;
}
