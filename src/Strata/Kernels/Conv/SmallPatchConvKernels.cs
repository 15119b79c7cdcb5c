using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Strata.Kernels.Conv;

/// <summary>
/// The forward convolution of a layer whose patch is tiny (a first layer's one or three channels: K = 9 or 27 values
/// for 3x3), computed directly: each group of four neighbouring output pixels of a line accumulates its O outputs from
/// the K filter rows (in L1) in registers, and writes them once. An interior group reads its patch values straight
/// from the input at the taps' offsets; a group that touches the padding gathers its four patches first. Through the
/// implicit GEMM such a layer ran at ~12 GFLOP/s (Fashion-MNIST's first layer): a product with an inner dimension of 9
/// spends its time gathering, packing and storing, not multiplying.
/// </summary>
internal static class SmallPatchConvKernels
{
    /// <summary>The largest patch (K = KD·KH·KW·C) taken here; larger ones are a real product for the GEMM.</summary>
    public const int MaxPatch = 32;

    private const int Group = 4;

    /// <summary>Work a thread must get before another is used: this kernel is bound by its FMAs, which two hyperthreads of a
    /// core share, and by writing a fresh output. The CNN bench's first layer (batch 32, 12.5 MFLOP) on two threads made
    /// cnn-epoch slower, 6.26 s against 5.65 s on one.</summary>
    internal static double FlopsPerThread = 16e6;

    public static bool Applies<T>(ConvGeometry g) where T : unmanaged =>
        typeof(T) == typeof(float) && g.Groups == 1 && g.K <= MaxPatch && g.O >= Vector<float>.Count;

    /// <summary>y = conv(x, w) with w as [K, O]: y overwritten.</summary>
    public static void Forward(ConvGeometry g, float[] x, float[] w, float[] y)
    {
        int k = g.K, lines = g.N * g.OD * g.OH;
        // Each tap's offset in x from the patch's first input element (kd, kh, kw, c order: the filter's row order).
        var taps = new int[k];
        for (int kd = 0, t = 0; kd < g.KD; kd++)
            for (int kh = 0; kh < g.KH; kh++)
                for (int kw = 0; kw < g.KW; kw++)
                    for (int c = 0; c < g.C; c++, t++)
                        taps[t] = ((kd * g.DD * g.IH + kh * g.DH) * g.IW + kw * g.DW) * g.C + c;
        // Output columns whose whole window lies inside the input's width.
        int lastStart = g.IW - 1 - (g.KW - 1) * g.DW + g.PW;   // the last window start (padded) that fits
        int owFirst = (g.PW + g.SW - 1) / g.SW;
        int owLast = lastStart < 0 ? -1 : lastStart / g.SW;      // may be below owFirst: no interior column
        double flopsPerLine = 2.0 * g.OW * k * g.O;
        int minLines = (int)Math.Clamp(Math.Ceiling(FlopsPerThread / flopsPerLine), 1, int.MaxValue);
        Parallelism.ForRanges(lines, minLines, (l0, l1) =>
        {
            Span<float> patches = stackalloc float[Group * k];
            Span<int> identity = stackalloc int[k];
            for (int t = 0; t < k; t++) identity[t] = t;
            for (int line = l0; line < l1; line++)
            {
                int oh = line % g.OH, od = line / g.OH % g.OD, n = line / (g.OH * g.OD);
                int id0 = od * g.SD - g.PD, ih0 = oh * g.SH - g.PH;
                bool rowsInside = id0 >= 0 && id0 + (g.KD - 1) * g.DD < g.ID && ih0 >= 0 && ih0 + (g.KH - 1) * g.DH < g.IH;
                int r0 = line * g.OW;
                for (int ow = 0; ow < g.OW; ow += Group)
                {
                    int count = Math.Min(Group, g.OW - ow);
                    var yOut = y.AsSpan((r0 + ow) * g.O);
                    if (rowsInside && count == Group && ow >= owFirst && ow + Group - 1 <= owLast)
                    {
                        int start = (((n * g.ID + id0) * g.IH + ih0) * g.IW + ow * g.SW - g.PW) * g.C;
                        Pixels(ref x[start], g.SW * g.C, taps, w, yOut, g.O, count);
                    }
                    else
                    {
                        ConvPatches.Gather<float>(g, x, r0 + ow, r0 + ow + count, 0, patches);
                        patches[(count * k)..].Clear();   // the missing pixels of a short group: computed, never stored
                        Pixels(ref MemoryMarshal.GetReference(patches), k, identity, w, yOut, g.O, count);
                    }
                }
            }
        }, align: 1);
    }

    /// <summary>Outputs of <paramref name="count"/> (1 to 4) pixels: y[i, o] = Σ_t src[i·pixelStride + taps[t]]·w[t, o]
    /// (four pixels' values are read even when fewer are stored).</summary>
    private static void Pixels(ref float src, int pixelStride, ReadOnlySpan<int> taps, ReadOnlySpan<float> w, Span<float> y,
        int o, int count)
    {
        int lanes = Vector<float>.Count, k = taps.Length, j = 0;
        ref float wr = ref MemoryMarshal.GetReference(w);
        if (Vector512.IsHardwareAccelerated)   // Vector<float> stays 256 bits wide: half the FMAs at 32 channels
            for (; j <= o - 32; j += 32)
            {
                Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, b0 = default, b1 = default, b2 = default, b3 = default;
                for (int t = 0; t < k; t++)
                {
                    ref float s = ref Unsafe.Add(ref src, taps[t]);
                    var w0 = Vector512.LoadUnsafe(ref wr, (nuint)(t * o + j));
                    var w1 = Vector512.LoadUnsafe(ref wr, (nuint)(t * o + j + 16));
                    var p0 = Vector512.Create(s);
                    var p1 = Vector512.Create(Unsafe.Add(ref s, pixelStride));
                    var p2 = Vector512.Create(Unsafe.Add(ref s, 2 * pixelStride));
                    var p3 = Vector512.Create(Unsafe.Add(ref s, 3 * pixelStride));
                    a0 = Vector512.FusedMultiplyAdd(p0, w0, a0); b0 = Vector512.FusedMultiplyAdd(p0, w1, b0);
                    a1 = Vector512.FusedMultiplyAdd(p1, w0, a1); b1 = Vector512.FusedMultiplyAdd(p1, w1, b1);
                    a2 = Vector512.FusedMultiplyAdd(p2, w0, a2); b2 = Vector512.FusedMultiplyAdd(p2, w1, b2);
                    a3 = Vector512.FusedMultiplyAdd(p3, w0, a3); b3 = Vector512.FusedMultiplyAdd(p3, w1, b3);
                }
                Store(y, j, o, count, a0, a1, a2, a3);
                Store(y, j + 16, o, count, b0, b1, b2, b3);
            }
        for (; j <= o - 2 * lanes; j += 2 * lanes)
        {
            Vector<float> a0 = default, a1 = default, a2 = default, a3 = default, b0 = default, b1 = default, b2 = default, b3 = default;
            for (int t = 0; t < k; t++)
            {
                ref float s = ref Unsafe.Add(ref src, taps[t]);
                var w0 = Vector.LoadUnsafe(ref wr, (nuint)(t * o + j));
                var w1 = Vector.LoadUnsafe(ref wr, (nuint)(t * o + j + lanes));
                var p0 = new Vector<float>(s);
                var p1 = new Vector<float>(Unsafe.Add(ref s, pixelStride));
                var p2 = new Vector<float>(Unsafe.Add(ref s, 2 * pixelStride));
                var p3 = new Vector<float>(Unsafe.Add(ref s, 3 * pixelStride));
                a0 = Vector.FusedMultiplyAdd(p0, w0, a0); b0 = Vector.FusedMultiplyAdd(p0, w1, b0);
                a1 = Vector.FusedMultiplyAdd(p1, w0, a1); b1 = Vector.FusedMultiplyAdd(p1, w1, b1);
                a2 = Vector.FusedMultiplyAdd(p2, w0, a2); b2 = Vector.FusedMultiplyAdd(p2, w1, b2);
                a3 = Vector.FusedMultiplyAdd(p3, w0, a3); b3 = Vector.FusedMultiplyAdd(p3, w1, b3);
            }
            Store(y, j, o, count, a0, a1, a2, a3);
            Store(y, j + lanes, o, count, b0, b1, b2, b3);
        }
        for (; j <= o - lanes; j += lanes)
        {
            Vector<float> a0 = default, a1 = default, a2 = default, a3 = default;
            for (int t = 0; t < k; t++)
            {
                ref float s = ref Unsafe.Add(ref src, taps[t]);
                var w0 = Vector.LoadUnsafe(ref wr, (nuint)(t * o + j));
                a0 = Vector.FusedMultiplyAdd(new Vector<float>(s), w0, a0);
                a1 = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref s, pixelStride)), w0, a1);
                a2 = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref s, 2 * pixelStride)), w0, a2);
                a3 = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref s, 3 * pixelStride)), w0, a3);
            }
            Store(y, j, o, count, a0, a1, a2, a3);
        }
        for (; j < o; j++)   // the channels past the last full vector
            for (int i = 0; i < count; i++)
            {
                float sum = 0;
                for (int t = 0; t < k; t++) sum += Unsafe.Add(ref src, i * pixelStride + taps[t]) * w[t * o + j];
                y[i * o + j] = sum;
            }
    }

    private static void Store(Span<float> y, int j, int o, int count, Vector512<float> a0, Vector512<float> a1, Vector512<float> a2,
        Vector512<float> a3)
    {
        a0.CopyTo(y.Slice(j));
        if (count > 1) a1.CopyTo(y.Slice(o + j));
        if (count > 2) a2.CopyTo(y.Slice(2 * o + j));
        if (count > 3) a3.CopyTo(y.Slice(3 * o + j));
    }

    private static void Store(Span<float> y, int j, int o, int count, Vector<float> a0, Vector<float> a1, Vector<float> a2, Vector<float> a3)
    {
        a0.CopyTo(y.Slice(j));
        if (count > 1) a1.CopyTo(y.Slice(o + j));
        if (count > 2) a2.CopyTo(y.Slice(2 * o + j));
        if (count > 3) a3.CopyTo(y.Slice(3 * o + j));
    }
}
