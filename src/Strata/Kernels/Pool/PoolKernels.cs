using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Strata.Kernels;

/// <summary>
/// Max and average pooling on NHWC buffers (float and double) and their gradients. Channels are contiguous, so
/// every window position is one span of C values: the work is vectorised over channels, and batch items are split
/// across threads for large tensors (each item writes only its own part of the result, so the gradients, which
/// scatter into overlapping windows, need no locks).
/// </summary>
/// <remarks>
/// The max rule is TensorFlow's CPU one (maxpooling_op.cc): the window is scanned in row-major order and a value
/// replaces the current maximum only when strictly greater, so among ties the first in scan order is the maximum,
/// and it alone gets the gradient. The gradient kernels find it again from the input and the forward output (the
/// first position equal to the output) instead of keeping an argmax buffer from the forward pass. A window whose
/// first value is NaN keeps NaN as its maximum (nothing compares greater), and its gradient goes nowhere (NaN
/// equals nothing): a NaN in the forward pass is already the error to look for.
/// </remarks>
internal static partial class PoolKernels
{
    /// <summary>Below this many input values a pooling runs on the calling thread.</summary>
    private const int ParallelWork = 1 << 17;

    public static Tensor MaxPool(Tensor x, in PoolGeometry g, string op)
    {
        var y = Tensor.Empty(x.DType, g.OutputShape, op);
        if (x.DType == DType.Float32) ForBatch(g, x.Data<float>(), null, null, y.Data<float>(), Kind.Max);
        else ForBatch(g, x.Data<double>(), null, null, y.Data<double>(), Kind.Max);
        return y;
    }

    public static Tensor AvgPool(Tensor x, in PoolGeometry g, string op)
    {
        var y = Tensor.Empty(x.DType, g.OutputShape, op);
        if (x.DType == DType.Float32) ForBatch(g, x.Data<float>(), null, null, y.Data<float>(), Kind.Avg);
        else ForBatch(g, x.Data<double>(), null, null, y.Data<double>(), Kind.Avg);
        return y;
    }

    /// <summary>dx of a max pooling: each dy goes to the first maximum of its window (ties: first in scan order).</summary>
    public static Tensor MaxPoolGrad(Tensor x, Tensor y, Tensor dy, in PoolGeometry g)
    {
        var dx = Tensor.Empty(x.DType, g.InputShape);
        if (x.DType == DType.Float32) ForBatch(g, x.Data<float>(), y.Data<float>(), dy.Data<float>(), dx.Data<float>(), Kind.MaxGrad);
        else ForBatch(g, x.Data<double>(), y.Data<double>(), dy.Data<double>(), dx.Data<double>(), Kind.MaxGrad);
        return dx;
    }

    /// <summary>The gradient of MaxPoolGrad with respect to its dy: ddx read at each window's maximum (TensorFlow's
    /// MaxPoolGradGrad), shaped like the pooled output.</summary>
    public static Tensor MaxPoolGradGrad(Tensor x, Tensor y, Tensor ddx, in PoolGeometry g)
    {
        var ddy = Tensor.Empty(x.DType, g.OutputShape);
        if (x.DType == DType.Float32) ForBatch(g, x.Data<float>(), y.Data<float>(), ddx.Data<float>(), ddy.Data<float>(), Kind.MaxGradGrad);
        else ForBatch(g, x.Data<double>(), y.Data<double>(), ddx.Data<double>(), ddy.Data<double>(), Kind.MaxGradGrad);
        return ddy;
    }

    /// <summary>dx of an average pooling: each dy spread evenly over the valid (unpadded) positions of its window.</summary>
    public static Tensor AvgPoolGrad(Tensor dy, in PoolGeometry g)
    {
        var dx = Tensor.Empty(dy.DType, g.InputShape);
        if (dy.DType == DType.Float32) ForBatch(g, null, null, dy.Data<float>(), dx.Data<float>(), Kind.AvgGrad);
        else ForBatch(g, null, null, dy.Data<double>(), dx.Data<double>(), Kind.AvgGrad);
        return dx;
    }

    /// <summary>Windows of at most this many positions keep their offsets on the stack.</summary>
    private const int MaxStackWindow = 256;

    private enum Kind { Max, Avg, MaxGrad, MaxGradGrad, AvgGrad }

    /// <summary>Runs one kind of pooling over batch items [0, N), on several threads when the input is large.</summary>
    private static void ForBatch<T>(PoolGeometry g, T[]? x, T[]? y, T[]? d, T[] result, Kind kind)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        long work = (long)g.N * Math.Max(g.InputItem, g.OutputItem);
        if (g.N <= 1 || work < ParallelWork || Parallelism.MaxThreads == 1) { Items(g, x, y, d, result, kind, 0, g.N); return; }
        int perItem = Math.Max(1, Math.Max(g.InputItem, g.OutputItem));
        Parallelism.ForRanges(g.N, Math.Max(1, ParallelWork / 2 / perItem), (n0, n1) => Items(g, x, y, d, result, kind, n0, n1), align: 1);
    }

    private static void Items<T>(in PoolGeometry g, T[]? x, T[]? y, T[]? d, T[] result, Kind kind, int n0, int n1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // The gradients add into dx where windows overlap, and leave positions no window covers alone: unless the
        // windows tile the input exactly, clear this range of items first.
        if (kind is Kind.MaxGrad or Kind.AvgGrad && !g.ExactTiling) Array.Clear(result, n0 * g.InputItem, (n1 - n0) * g.InputItem);
        bool store = g.NonOverlapping;
        int C = g.C;
        if (C == 0) return;
        if (g.IsPlain2x2 && kind is Kind.Max or Kind.MaxGrad) { Max2x2(g, x!, y, d, result, kind == Kind.MaxGrad, n0, n1); return; }
        for (int n = n0; n < n1; n++)
            for (int od = 0; od < g.Od; od++)
            {
                int d0 = od * g.Sd - g.Pd, d1 = Math.Min(d0 + g.Kd, g.Id);
                d0 = Math.Max(d0, 0);
                for (int oh = 0; oh < g.Oh; oh++)
                {
                    int h0 = oh * g.Sh - g.Ph, h1 = Math.Min(h0 + g.Kh, g.Ih);
                    h0 = Math.Max(h0, 0);
                    for (int ow = 0; ow < g.Ow; ow++)
                    {
                        int w0 = ow * g.Sw - g.Pw, w1 = Math.Min(w0 + g.Kw, g.Iw);
                        w0 = Math.Max(w0, 0);
                        var win = new Window(((n * g.Id + d0) * g.Ih + h0) * g.Iw + w0, d1 - d0, h1 - h0, w1 - w0, g.Ih * g.Iw, g.Iw, C);
                        int o = (((n * g.Od + od) * g.Oh + oh) * g.Ow + ow) * C;
                        switch (kind)
                        {
                            case Kind.Max: MaxWindow(x!, result, o, win); break;
                            case Kind.Avg: AvgWindow(x!, result, o, win); break;
                            case Kind.MaxGrad: MaxGradWindow(x!, y!, d!, result, o, win, store); break;
                            case Kind.MaxGradGrad: MaxGradGradWindow(x!, y!, d!, result, o, win); break;
                            default: AvgGradWindow(d!, result, o, win, store); break;
                        }
                    }
                }
            }
    }

    /// <summary>The valid positions of one window: a box of depth × height × width positions starting at input
    /// position <see cref="Start"/>; position (i, j, k) is element offset ((Start + i·Plane + j·Row + k) · C).</summary>
    private readonly record struct Window(int Start, int Depth, int Height, int Width, int Plane, int Row, int C)
    {
        public int Count => Depth * Height * Width;

        /// <summary>The element offsets of all positions, in row-major scan order.</summary>
        public void Offsets(Span<int> offsets)
        {
            int p = 0;
            for (int i = 0; i < Depth; i++)
                for (int j = 0; j < Height; j++)
                    for (int k = 0; k < Width; k++) offsets[p++] = (Start + i * Plane + j * Row + k) * C;
        }

        /// <summary>The element offset of the p-th position in row-major scan order.</summary>
        public int Offset(int p)
        {
            int k = p % Width, rest = p / Width;
            return (Start + rest / Height * Plane + rest % Height * Row + k) * C;
        }
    }

    private static void MaxWindow<T>(T[] x, T[] y, int o, Window win) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var dst = y.AsSpan(o, win.C);
        x.AsSpan(win.Offset(0), win.C).CopyTo(dst);
        for (int i = 0; i < win.Depth; i++)
            for (int j = 0; j < win.Height; j++)
            {
                int row = (win.Start + i * win.Plane + j * win.Row) * win.C;
                for (int k = (i | j) == 0 ? 1 : 0; k < win.Width; k++) MaxInto(dst, x.AsSpan(row + k * win.C, win.C));
            }
    }

    /// <summary>dst = src where src &gt; dst (strictly: the first of tied values stays, as TensorFlow's rule).</summary>
    private static void MaxInto<T>(Span<T> dst, ReadOnlySpan<T> src) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0, n = dst.Length;
        if (Vector.IsHardwareAccelerated && n >= Vector<T>.Count)
        {
            ref T dr = ref MemoryMarshal.GetReference(dst);
            ref T sr = ref MemoryMarshal.GetReference(src);
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
            {
                var dv = Vector.LoadUnsafe(ref dr, (nuint)i);
                var sv = Vector.LoadUnsafe(ref sr, (nuint)i);
                Vector.ConditionalSelect(Vector.GreaterThan(sv, dv), sv, dv).StoreUnsafe(ref dr, (nuint)i);
            }
        }
        for (; i < n; i++) if (src[i] > dst[i]) dst[i] = src[i];
    }

    private static void AvgWindow<T>(T[] x, T[] y, int o, Window win) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var dst = y.AsSpan(o, win.C);
        x.AsSpan(win.Offset(0), win.C).CopyTo(dst);
        int count = win.Count;
        for (int p = 1; p < count; p++) TensorPrimitives.Add(dst, x.AsSpan(win.Offset(p), win.C), dst);
        TensorPrimitives.Multiply(dst, T.One / T.CreateChecked(count), dst);
    }

    /// <summary>dx += dy / count over the window (dx = dy / count when windows do not overlap: <paramref name="store"/>).</summary>
    private static void AvgGradWindow<T>(T[] dy, T[] dx, int o, Window win, bool store) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var src = dy.AsSpan(o, win.C);
        int count = win.Count;
        T share = T.One / T.CreateChecked(count);
        for (int p = 0; p < count; p++)
        {
            var dst = dx.AsSpan(win.Offset(p), win.C);
            if (store) TensorPrimitives.Multiply(src, share, dst);
            else TensorPrimitives.MultiplyAdd(src, share, dst, dst);
        }
    }

    /// <summary>Adds dy to dx at the first position of the window whose input equals the output (its maximum). When
    /// windows do not overlap (<paramref name="store"/>) every position of the window is written instead: dy there, 0 elsewhere.</summary>
    private static void MaxGradWindow<T>(T[] x, T[] y, T[] dy, T[] dx, int o, Window win, bool store) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = 0, C = win.C, count = win.Count;
        Span<int> offsets = count <= MaxStackWindow ? stackalloc int[count] : new int[count];
        win.Offsets(offsets);
        if (Vector.IsHardwareAccelerated && C >= Vector<T>.Count)
        {
            ref T xr = ref MemoryMarshal.GetArrayDataReference(x);
            ref T dxr = ref MemoryMarshal.GetArrayDataReference(dx);
            for (; c <= C - Vector<T>.Count; c += Vector<T>.Count)
            {
                var yv = Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(y), (nuint)(o + c));
                // What is still to be routed, per channel: dy until the maximum is met, then zero.
                var rest = Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(dy), (nuint)(o + c));
                for (int p = 0; p < count; p++)
                {
                    nuint at = (nuint)(offsets[p] + c);
                    var hit = Vector.Equals(Vector.LoadUnsafe(ref xr, at), yv);
                    var routed = Vector.ConditionalSelect(hit, rest, Vector<T>.Zero);
                    (store ? routed : Vector.LoadUnsafe(ref dxr, at) + routed).StoreUnsafe(ref dxr, at);
                    rest = Vector.ConditionalSelect(hit, Vector<T>.Zero, rest);
                }
            }
        }
        for (; c < C; c++)
        {
            bool routed = false;
            for (int p = 0; p < count; p++)
            {
                int at = offsets[p] + c;
                bool hit = !routed && x[at] == y[o + c];
                if (store) dx[at] = hit ? dy[o + c] : T.Zero;
                else if (hit) dx[at] += dy[o + c];
                routed |= hit;
                if (routed && !store) break;
            }
        }
    }

    /// <summary>ddy = ddx at the first position of the window whose input equals the output.</summary>
    private static void MaxGradGradWindow<T>(T[] x, T[] y, T[] ddx, T[] ddy, int o, Window win) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = 0, C = win.C, count = win.Count;
        Span<int> offsets = count <= MaxStackWindow ? stackalloc int[count] : new int[count];
        win.Offsets(offsets);
        if (Vector.IsHardwareAccelerated && C >= Vector<T>.Count)
        {
            ref T xr = ref MemoryMarshal.GetArrayDataReference(x);
            ref T ddxr = ref MemoryMarshal.GetArrayDataReference(ddx);
            for (; c <= C - Vector<T>.Count; c += Vector<T>.Count)
            {
                var yv = Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(y), (nuint)(o + c));
                var picked = Vector<T>.Zero;
                // Scanned backwards, the last match written is the first in scan order.
                for (int p = count - 1; p >= 0; p--)
                {
                    nuint at = (nuint)(offsets[p] + c);
                    picked = Vector.ConditionalSelect(Vector.Equals(Vector.LoadUnsafe(ref xr, at), yv), Vector.LoadUnsafe(ref ddxr, at), picked);
                }
                picked.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(ddy), (nuint)(o + c));
            }
        }
        for (; c < C; c++)
        {
            T picked = T.Zero;
            for (int p = 0; p < count; p++)
            {
                int at = offsets[p] + c;
                if (x[at] == y[o + c]) { picked = ddx[at]; break; }
            }
            ddy[o + c] = picked;
        }
    }
}
