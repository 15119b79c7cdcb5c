using System.Numerics;
using System.Numerics.Tensors;

namespace Strata.Kernels.Conv;

/// <summary>
/// The patch matrix of a block of output pixels (im2col) and its adjoint (col2im). Output rows are numbered
/// over the whole batch (row r is pixel r % OutPixels of image r / OutPixels), so that a tile may span small
/// images. Row r of the patch matrix holds, for each filter tap (kd, kh, kw) in row-major order, the group's
/// channels of the input pixel under that tap, or zeros where the tap falls in the padding.
/// </summary>
internal static class ConvPatches
{
    /// <summary>Kernel rows of at most this many floats are copied element by element.</summary>
    private const int SmallRow = 16;

    /// <summary>patches[(r - r0) * K + k] for rows [r0, r1) of group <paramref name="group"/>.</summary>
    public static void Gather<T>(ConvGeometry g, ReadOnlySpan<T> x, int r0, int r1, int group, Span<T> patches)
        where T : unmanaged
    {
        int cg = g.Cg, k = g.K, c0 = group * cg;
        var at0 = new Cursor(g, r0);
        bool smallRows = g.KW * cg <= SmallRow;
        for (int r = r0; r < r1; r++, at0.Next(g))
        {
            if (smallRows && at0.W == 0 && r + g.OW <= r1)
            {
                // A whole output line at once, tap by tap (a first layer's one channel: 9 floats a row, where the
                // per-row bookkeeping cost more than the copies).
                GatherLine(g, x, at0, c0, patches.Slice((r - r0) * k, g.OW * k));
                r += g.OW - 1;
                at0.W = g.OW - 1;   // the loop's step moves on to the next line
                continue;
            }
            int n = at0.N, od = at0.D, oh = at0.H, ow = at0.W;
            var row = patches.Slice((r - r0) * k, k);
            int at = 0;
            for (int kd = 0; kd < g.KD; kd++)
            {
                int id = od * g.SD - g.PD + kd * g.DD;
                for (int kh = 0; kh < g.KH; kh++)
                {
                    int ih = oh * g.SH - g.PH + kh * g.DH;
                    bool inside = (uint)id < (uint)g.ID && (uint)ih < (uint)g.IH;
                    int lineBase = ((n * g.ID + id) * g.IH + ih) * g.IW;
                    int w0 = ow * g.SW - g.PW;
                    if (smallRows)
                    {
                        // A few floats per kernel row (a first layer's one channel): plain loops beat span calls.
                        for (int kw = 0; kw < g.KW; kw++)
                        {
                            int iw = w0 + kw * g.DW;
                            bool tap = inside && (uint)iw < (uint)g.IW;
                            int src = (lineBase + iw) * g.C + c0;
                            for (int c = 0; c < cg; c++, at++) row[at] = tap ? x[src + c] : default;
                        }
                        continue;
                    }
                    if (inside && TapRange(g, w0, out int lo, out int hi))
                    {
                        // Neighbouring taps of one group-less, undilated row are neighbours in memory: one copy.
                        row.Slice(at, lo * cg).Clear();
                        x.Slice((lineBase + w0 + lo) * g.C, (hi - lo) * cg).CopyTo(row.Slice(at + lo * cg));
                        row.Slice(at + hi * cg, (g.KW - hi) * cg).Clear();
                        at += g.KW * cg;
                        continue;
                    }
                    for (int kw = 0; kw < g.KW; kw++, at += cg)
                    {
                        int iw = w0 + kw * g.DW;
                        var dst = row.Slice(at, cg);
                        if (inside && (uint)iw < (uint)g.IW) x.Slice((lineBase + iw) * g.C + c0, cg).CopyTo(dst);
                        else dst.Clear();
                    }
                }
            }
        }
    }

    /// <summary>The patch rows of one whole output line (pixels (n, d, h, 0…OW-1)), one patch column at a time.</summary>
    private static void GatherLine<T>(ConvGeometry g, ReadOnlySpan<T> x, Cursor at, int c0, Span<T> dst) where T : unmanaged
    {
        int cg = g.Cg, k = g.K, col = 0;
        for (int kd = 0; kd < g.KD; kd++)
        {
            int id = at.D * g.SD - g.PD + kd * g.DD;
            for (int kh = 0; kh < g.KH; kh++)
            {
                int ih = at.H * g.SH - g.PH + kh * g.DH;
                bool inside = (uint)id < (uint)g.ID && (uint)ih < (uint)g.IH;
                int lineBase = ((at.N * g.ID + id) * g.IH + ih) * g.IW;
                for (int kw = 0; kw < g.KW; kw++)
                    for (int c = 0; c < cg; c++, col++)
                    {
                        if (!inside)
                        {
                            for (int ow = 0; ow < g.OW; ow++) dst[ow * k + col] = default;
                            continue;
                        }
                        int src = lineBase * g.C + c0 + c;
                        for (int ow = 0, iw = kw * g.DW - g.PW; ow < g.OW; ow++, iw += g.SW)
                            dst[ow * k + col] = (uint)iw < (uint)g.IW ? x[src + iw * g.C] : default;
                    }
            }
        }
    }

    /// <summary>The adjoint of <see cref="Gather"/>: adds each patch entry back onto the input pixel it came from.</summary>
    public static void ScatterAdd<T>(ConvGeometry g, ReadOnlySpan<T> patches, int r0, int r1, int group, Span<T> dx)
        where T : unmanaged, INumber<T>
    {
        int cg = g.Cg, k = g.K, c0 = group * cg;
        var at0 = new Cursor(g, r0);
        for (int r = r0; r < r1; r++, at0.Next(g))
        {
            int n = at0.N, od = at0.D, oh = at0.H, ow = at0.W;
            var row = patches.Slice((r - r0) * k, k);
            int at = 0;
            for (int kd = 0; kd < g.KD; kd++)
            {
                int id = od * g.SD - g.PD + kd * g.DD;
                for (int kh = 0; kh < g.KH; kh++)
                {
                    int ih = oh * g.SH - g.PH + kh * g.DH;
                    bool inside = (uint)id < (uint)g.ID && (uint)ih < (uint)g.IH;
                    int lineBase = ((n * g.ID + id) * g.IH + ih) * g.IW;
                    int w0 = ow * g.SW - g.PW;
                    if (g.KW * cg <= SmallRow)
                    {
                        for (int kw = 0; kw < g.KW; kw++, at += cg)
                        {
                            int iw = w0 + kw * g.DW;
                            if (!inside || (uint)iw >= (uint)g.IW) continue;
                            int dst = (lineBase + iw) * g.C + c0;
                            for (int c = 0; c < cg; c++) dx[dst + c] += row[at + c];
                        }
                        continue;
                    }
                    if (inside && TapRange(g, w0, out int lo, out int hi))
                    {
                        var block = dx.Slice((lineBase + w0 + lo) * g.C, (hi - lo) * cg);
                        TensorPrimitives.Add<T>(block, row.Slice(at + lo * cg, (hi - lo) * cg), block);
                        at += g.KW * cg;
                        continue;
                    }
                    for (int kw = 0; kw < g.KW; kw++, at += cg)
                    {
                        int iw = w0 + kw * g.DW;
                        if (!inside || (uint)iw >= (uint)g.IW) continue;
                        var dst = dx.Slice((lineBase + iw) * g.C + c0, cg);
                        if (cg == 1) dst[0] += row[at];
                        else TensorPrimitives.Add<T>(dst, row.Slice(at, cg), dst);
                    }
                }
            }
        }
    }

    /// <summary>The output pixel (n, d, h, w) of a row, stepped along without the four divisions per row that
    /// computing it afresh costs (they were most of a one-channel layer's gather).</summary>
    private struct Cursor
    {
        public int N, D, H, W;

        public Cursor(ConvGeometry g, int row)
        {
            int pixels = g.OutPixels;
            N = row / pixels;
            int p = row - N * pixels;
            D = p / (g.OH * g.OW);
            H = p / g.OW % g.OH;
            W = p % g.OW;
        }

        public void Next(ConvGeometry g)
        {
            if (++W < g.OW) return;
            W = 0;
            if (++H < g.OH) return;
            H = 0;
            if (++D < g.OD) return;
            D = 0;
            N++;
        }
    }

    /// <summary>
    /// For one group and no dilation along the width, the taps [lo, hi) of a kernel row that fall inside the input
    /// (which starts at width <paramref name="w0"/> for tap 0): they are one contiguous run of input memory.
    /// False where the run is not contiguous (groups, dilation) or empty.
    /// </summary>
    private static bool TapRange(ConvGeometry g, int w0, out int lo, out int hi)
    {
        lo = Math.Clamp(-w0, 0, g.KW);
        hi = Math.Clamp(g.IW - w0, 0, g.KW);
        return g.Groups == 1 && g.DW == 1 && hi > lo;
    }

    /// <summary>Copies the columns of group <paramref name="group"/> (width <paramref name="width"/>, row stride
    /// <paramref name="stride"/>) out of rows [r0, r1) of a row-major matrix into a dense block.</summary>
    public static void GatherColumns<T>(ReadOnlySpan<T> m, int stride, int r0, int r1, int group, int width, Span<T> dense)
        where T : unmanaged
    {
        for (int r = r0; r < r1; r++) m.Slice(r * stride + group * width, width).CopyTo(dense.Slice((r - r0) * width, width));
    }

    /// <summary>The inverse of <see cref="GatherColumns"/>: writes a dense block into a group's columns.</summary>
    public static void ScatterColumns<T>(ReadOnlySpan<T> dense, int stride, int r0, int r1, int group, int width, Span<T> m)
        where T : unmanaged
    {
        for (int r = r0; r < r1; r++) dense.Slice((r - r0) * width, width).CopyTo(m.Slice(r * stride + group * width, width));
    }
}
