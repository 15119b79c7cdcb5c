using System.Numerics;

namespace Strata.Kernels.Image;

/// <summary>How to fill the points of a projective transform that land outside the input (TensorFlow's
/// <c>ImageProjectiveTransformV3</c> fill modes).</summary>
internal enum FillMode { Reflect, Wrap, Constant, Nearest }

/// <summary>
/// Where each output pixel of a projective transform reads its input: for every (image, output pixel) up to four
/// taps, each an input pixel index (row * width + column, or -1 for "outside": the fill value) and a weight. The
/// transform is linear in the image once the taps are fixed, so one plan serves the forward pass (a weighted
/// gather), its gradient (the adjoint: a weighted scatter-add) and the gradient's gradient (the gather again).
/// </summary>
internal sealed class ResamplePlan
{
    public const int Taps = 4;

    public int Batch { get; }
    public int InHeight { get; }
    public int InWidth { get; }
    public int OutHeight { get; }
    public int OutWidth { get; }

    /// <summary>[batch, outH * outW, 4]: input pixel index, or -1 for a tap outside the image.</summary>
    public int[] Index { get; }

    /// <summary>The weight of each tap (0 for unused taps).</summary>
    public double[] Weight { get; }

    private ResamplePlan(int batch, int inH, int inW, int outH, int outW)
    {
        Batch = batch; InHeight = inH; InWidth = inW; OutHeight = outH; OutWidth = outW;
        Index = new int[batch * outH * outW * Taps];
        Weight = new double[Index.Length];
    }

    /// <summary>
    /// TensorFlow's projective sampling: output (x, y) reads input ((a0 x + a1 y + a2) / k, (b0 x + b1 y + b2) / k)
    /// with k = c0 x + c1 y + 1; the coordinate is mapped back inside the image by the fill mode; nearest rounds
    /// half away from zero (std::round), bilinear weighs the four neighbours; a neighbour outside the image (only
    /// possible in constant mode, or at the last row/column with a zero weight) reads the fill value, and so does a
    /// point with k = 0. <paramref name="transforms"/> holds 8 numbers per image, or 8 for all.
    /// </summary>
    public static ResamplePlan Projective(int batch, int inH, int inW, int outH, int outW, double[] transforms,
        bool bilinear, FillMode fill)
    {
        var plan = new ResamplePlan(batch, inH, inW, outH, outW);
        bool shared = transforms.Length == 8;
        for (int b = 0; b < batch; b++)
        {
            var t = new ReadOnlySpan<double>(transforms, shared ? 0 : b * 8, 8);
            for (int y = 0; y < outH; y++)
                for (int x = 0; x < outW; x++)
                {
                    int slot = ((b * outH + y) * outW + x) * Taps;
                    plan.Index.AsSpan(slot, Taps).Fill(-1);
                    // TensorFlow computes the coordinates in float32; so do we, for the same taps.
                    float k = (float)t[6] * x + (float)t[7] * y + 1f;
                    if (k == 0) { plan.Weight[slot] = 1; continue; } // an infinite point: the fill value
                    float px = ((float)t[0] * x + (float)t[1] * y + (float)t[2]) / k;
                    float py = ((float)t[3] * x + (float)t[4] * y + (float)t[5]) / k;
                    float mx = Map(px, inW, fill), my = Map(py, inH, fill);
                    if (!bilinear)
                    {
                        plan.Set(slot, 0, MathF.Round(my, MidpointRounding.AwayFromZero), MathF.Round(mx, MidpointRounding.AwayFromZero), 1);
                        continue;
                    }
                    float yf = MathF.Floor(my), xf = MathF.Floor(mx), yc = yf + 1, xc = xf + 1;
                    plan.Set(slot, 0, yf, xf, (yc - my) * (xc - mx));
                    plan.Set(slot, 1, yf, xc, (yc - my) * (mx - xf));
                    plan.Set(slot, 2, yc, xf, (my - yf) * (xc - mx));
                    plan.Set(slot, 3, yc, xc, (my - yf) * (mx - xf));
                }
        }
        return plan;
    }

    private void Set(int slot, int tap, float row, float col, double weight)
    {
        Weight[slot + tap] = weight;
        // Outside the image the tap keeps index -1 and its weight goes to the fill value.
        if (row >= 0 && row <= InHeight - 1 && col >= 0 && col <= InWidth - 1)
            Index[slot + tap] = (int)row * InWidth + (int)col;
    }

    /// <summary>TensorFlow's map_coordinate: brings an input coordinate inside [0, len - 1] as the fill mode says
    /// (constant leaves it outside, to read the fill value).</summary>
    internal static float Map(float c, int len, FillMode mode)
    {
        switch (mode)
        {
            case FillMode.Reflect:
                if (c < 0)
                {
                    if (len <= 1) c = 0;
                    else
                    {
                        float sz2 = 2f * len;
                        if (c < -sz2) c = sz2 * (int)(-c / sz2) + c;
                        c = c < -len ? c + sz2 : -c - 1;
                    }
                }
                else if (c > len - 1)
                {
                    if (len <= 1) c = 0;
                    else
                    {
                        float sz2 = 2f * len;
                        c -= sz2 * (int)(c / sz2);
                        if (c >= len) c = sz2 - c - 1;
                    }
                }
                return Math.Clamp(c, 0, len - 1);
            case FillMode.Wrap:
                if (c < 0)
                {
                    if (len <= 1) c = 0;
                    else c += len * ((int)(-c / len) + 1);
                }
                else if (c > len - 1)
                {
                    if (len <= 1) c = 0;
                    else c -= len * (int)(c / len);
                }
                return Math.Clamp(c, 0, len - 1);
            case FillMode.Nearest:
                return Math.Clamp(c, 0, len - 1);
            default:
                return c;
        }
    }

    /// <summary>out[b, p, ch] = Σ taps w · in[b, index, ch], plus the outside taps' weight times
    /// <paramref name="fill"/> (0 in the adjoint's own gradient, where the fill is no input).</summary>
    public void Gather<T>(T[] src, T[] dst, int channels, T fill) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int inPix = InHeight * InWidth, outPix = OutHeight * OutWidth;
        for (int b = 0; b < Batch; b++)
            for (int p = 0; p < outPix; p++)
            {
                int slot = (b * outPix + p) * Taps;
                var o = new Span<T>(dst, (b * outPix + p) * channels, channels);
                o.Clear();
                for (int k = 0; k < Taps; k++)
                {
                    double w = Weight[slot + k];
                    if (w == 0) continue;
                    T wt = T.CreateTruncating(w);
                    int idx = Index[slot + k];
                    if (idx < 0) { for (int c = 0; c < channels; c++) o[c] += wt * fill; continue; }
                    var s = new ReadOnlySpan<T>(src, (b * inPix + idx) * channels, channels);
                    for (int c = 0; c < channels; c++) o[c] += wt * s[c];
                }
            }
    }

    /// <summary>The adjoint of <see cref="Gather{T}"/> (fill left out): dIn[b, index, ch] += w · dOut[b, p, ch].</summary>
    public void Scatter<T>(T[] dOut, T[] dIn, int channels) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int inPix = InHeight * InWidth, outPix = OutHeight * OutWidth;
        Array.Clear(dIn);
        for (int b = 0; b < Batch; b++)
            for (int p = 0; p < outPix; p++)
            {
                int slot = (b * outPix + p) * Taps;
                var g = new ReadOnlySpan<T>(dOut, (b * outPix + p) * channels, channels);
                for (int k = 0; k < Taps; k++)
                {
                    int idx = Index[slot + k];
                    double w = Weight[slot + k];
                    if (idx < 0 || w == 0) continue;
                    T wt = T.CreateTruncating(w);
                    var d = new Span<T>(dIn, (b * inPix + idx) * channels, channels);
                    for (int c = 0; c < channels; c++) d[c] += wt * g[c];
                }
            }
    }
}
