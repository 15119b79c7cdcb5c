using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace Strata.Kernels.Conv;

/// <summary>
/// Depthwise convolutions (one group per input channel, <c>Og</c> = channel multiplier M) computed directly: as
/// grouped GEMMs they were products of one column and nine rows per channel and tile (0.6 GFLOP/s on
/// 8x56x56x64, 3x3). Here each output pixel takes, per tap inside the input, the tap's input pixel (C channels,
/// contiguous in NHWC) times the tap's filter row (C·M values: the filter buffer [taps, C·M] as it is), so the
/// inner loop runs along the channels: a vector multiply-add for M = 1, a short loop per channel otherwise.
/// </summary>
internal static class DepthwiseKernels
{
    /// <summary>Channels-per-group 1 and more than one group: the depthwise layout.</summary>
    public static bool Applies(ConvGeometry g) => g.Cg == 1 && g.Groups > 1;

    /// <summary>The taps of output row <paramref name="row"/> (a pixel numbered over the batch) that fall inside the
    /// input: their indices into <paramref name="taps"/>, their input pixels into <paramref name="pixels"/>; returns
    /// how many.</summary>
    private static int Taps(ConvGeometry g, int row, Span<int> taps, Span<int> pixels)
    {
        int per = g.OutPixels, n = row / per, p = row - n * per;
        int od = p / (g.OH * g.OW), oh = p / g.OW % g.OH, ow = p % g.OW, count = 0, t = 0;
        for (int kd = 0; kd < g.KD; kd++)
        {
            int id = od * g.SD - g.PD + kd * g.DD;
            for (int kh = 0; kh < g.KH; kh++)
            {
                int ih = oh * g.SH - g.PH + kh * g.DH;
                for (int kw = 0; kw < g.KW; kw++, t++)
                {
                    int iw = ow * g.SW - g.PW + kw * g.DW;
                    if ((uint)id >= (uint)g.ID || (uint)ih >= (uint)g.IH || (uint)iw >= (uint)g.IW) continue;
                    taps[count] = t;
                    pixels[count++] = ((n * g.ID + id) * g.IH + ih) * g.IW + iw;
                }
            }
        }
        return count;
    }

    private static int TapCount(ConvGeometry g) => g.KD * g.KH * g.KW;

    public static void Forward<T>(ConvGeometry g, T[] x, T[] w, T[] y) where T : unmanaged, INumber<T>
    {
        int rows = g.N * g.OutPixels, c = g.C, m = g.Og, o = g.O;
        Parallelism.ForRanges(rows, Rows(g), (r0, r1) =>
        {
            var taps = ArrayPool<int>.Shared.Rent(TapCount(g));
            var pixels = ArrayPool<int>.Shared.Rent(TapCount(g));
            try
            {
                for (int r = r0; r < r1; r++)
                {
                    var yr = y.AsSpan(r * o, o);
                    yr.Clear();
                    int count = Taps(g, r, taps, pixels);
                    for (int i = 0; i < count; i++)
                    {
                        var xr = x.AsSpan(pixels[i] * c, c);
                        var wr = w.AsSpan(taps[i] * o, o);
                        if (m == 1) TensorPrimitives.MultiplyAdd<T>(xr, wr, yr, yr);
                        else
                            for (int ch = 0; ch < c; ch++)
                            {
                                T xv = xr[ch];
                                for (int j = ch * m, end = j + m; j < end; j++) yr[j] += xv * wr[j];
                            }
                    }
                }
            }
            finally
            {
                ArrayPool<int>.Shared.Return(taps);
                ArrayPool<int>.Shared.Return(pixels);
            }
        }, align: 1);
    }

    /// <summary>dx[tap's pixel, c] += Σ_m dy[p, c·M + m] · w[tap, c·M + m]; threads take whole images (the scatter).</summary>
    public static void BackpropInput<T>(ConvGeometry g, T[] w, T[] dy, T[] dx) where T : unmanaged, INumber<T>
    {
        Array.Clear(dx);
        int c = g.C, m = g.Og, o = g.O, per = g.OutPixels;
        if (per == 0) return;
        Parallelism.ForRanges(g.N, Math.Max(1, Rows(g) / per), (n0, n1) =>
        {
            var taps = ArrayPool<int>.Shared.Rent(TapCount(g));
            var pixels = ArrayPool<int>.Shared.Rent(TapCount(g));
            try
            {
                for (int r = n0 * per; r < n1 * per; r++)
                {
                    var dyr = dy.AsSpan(r * o, o);
                    int count = Taps(g, r, taps, pixels);
                    for (int i = 0; i < count; i++)
                    {
                        var dxr = dx.AsSpan(pixels[i] * c, c);
                        var wr = w.AsSpan(taps[i] * o, o);
                        if (m == 1) TensorPrimitives.MultiplyAdd<T>(dyr, wr, dxr, dxr);
                        else
                            for (int ch = 0; ch < c; ch++)
                            {
                                T sum = T.Zero;
                                for (int j = ch * m, end = j + m; j < end; j++) sum += dyr[j] * wr[j];
                                dxr[ch] += sum;
                            }
                    }
                }
            }
            finally
            {
                ArrayPool<int>.Shared.Return(taps);
                ArrayPool<int>.Shared.Return(pixels);
            }
        }, align: 1);
    }

    /// <summary>dw[tap, c·M + m] = Σ_p x[tap's pixel, c] · dy[p, c·M + m]; per-thread partial sums, added at the end.</summary>
    public static void BackpropFilter<T>(ConvGeometry g, T[] x, T[] dy, T[] dw) where T : unmanaged, INumber<T>
    {
        Array.Clear(dw);
        int rows = g.N * g.OutPixels, c = g.C, m = g.Og, o = g.O, size = TapCount(g) * o;
        var gate = new Lock();
        Parallelism.ForRanges(rows, Rows(g), (r0, r1) =>
        {
            var taps = ArrayPool<int>.Shared.Rent(TapCount(g));
            var pixels = ArrayPool<int>.Shared.Rent(TapCount(g));
            var sum = ArrayPool<T>.Shared.Rent(size);
            Array.Clear(sum, 0, size);
            try
            {
                for (int r = r0; r < r1; r++)
                {
                    var dyr = dy.AsSpan(r * o, o);
                    int count = Taps(g, r, taps, pixels);
                    for (int i = 0; i < count; i++)
                    {
                        var xr = x.AsSpan(pixels[i] * c, c);
                        var sr = sum.AsSpan(taps[i] * o, o);
                        if (m == 1) TensorPrimitives.MultiplyAdd<T>(xr, dyr, sr, sr);
                        else
                            for (int ch = 0; ch < c; ch++)
                            {
                                T xv = xr[ch];
                                for (int j = ch * m, end = j + m; j < end; j++) sr[j] += xv * dyr[j];
                            }
                    }
                }
                lock (gate) TensorPrimitives.Add<T>(dw, sum.AsSpan(0, size), dw);
            }
            finally
            {
                ArrayPool<int>.Shared.Return(taps);
                ArrayPool<int>.Shared.Return(pixels);
                ArrayPool<T>.Shared.Return(sum);
            }
        }, align: 1);
    }

    /// <summary>Output rows a thread needs to be worth starting (2·taps·C·M flops a row).</summary>
    private static int Rows(ConvGeometry g) => (int)Math.Clamp(ConvKernels.MinFlopsPerThread / Math.Max(1.0, 2.0 * TapCount(g) * g.O), 1, int.MaxValue);
}
