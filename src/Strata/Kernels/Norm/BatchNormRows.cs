using System.Numerics;
using System.Runtime.InteropServices;

namespace Strata.Kernels;

/// <summary>
/// The per-row steps of batch normalization over C channels, written as plain vector loops: a row of a CNN's
/// activations is short (32 or 64 channels), so a library call per row costs more than its arithmetic. Each has a
/// scalar loop for the tail and for machines without vector units.
/// </summary>
internal static class BatchNormRows
{
    /// <summary>s += x - shift; ss += (x - shift)².</summary>
    public static void Moments<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> shift, Span<T> s, Span<T> ss) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j = 0, n = x.Length;
        if (Vector.IsHardwareAccelerated && n >= Vector<T>.Count)
        {
            ref T xr = ref MemoryMarshal.GetReference(x);
            ref T hr = ref MemoryMarshal.GetReference(shift);
            ref T sr = ref MemoryMarshal.GetReference(s);
            ref T qr = ref MemoryMarshal.GetReference(ss);
            for (; j <= n - Vector<T>.Count; j += Vector<T>.Count)
            {
                var d = Vector.LoadUnsafe(ref xr, (nuint)j) - Vector.LoadUnsafe(ref hr, (nuint)j);
                (Vector.LoadUnsafe(ref sr, (nuint)j) + d).StoreUnsafe(ref sr, (nuint)j);
                (Vector.LoadUnsafe(ref qr, (nuint)j) + d * d).StoreUnsafe(ref qr, (nuint)j);
            }
        }
        for (; j < n; j++)
        {
            T d = x[j] - shift[j];
            s[j] += d;
            ss[j] += d * d;
        }
    }

    /// <summary>s += g; ss += g · (x - shift).</summary>
    public static void GradientSums<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> shift, ReadOnlySpan<T> g, Span<T> s, Span<T> ss)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j = 0, n = x.Length;
        if (Vector.IsHardwareAccelerated && n >= Vector<T>.Count)
        {
            ref T xr = ref MemoryMarshal.GetReference(x);
            ref T hr = ref MemoryMarshal.GetReference(shift);
            ref T gr = ref MemoryMarshal.GetReference(g);
            ref T sr = ref MemoryMarshal.GetReference(s);
            ref T qr = ref MemoryMarshal.GetReference(ss);
            for (; j <= n - Vector<T>.Count; j += Vector<T>.Count)
            {
                var gv = Vector.LoadUnsafe(ref gr, (nuint)j);
                var d = Vector.LoadUnsafe(ref xr, (nuint)j) - Vector.LoadUnsafe(ref hr, (nuint)j);
                (Vector.LoadUnsafe(ref sr, (nuint)j) + gv).StoreUnsafe(ref sr, (nuint)j);
                (Vector.LoadUnsafe(ref qr, (nuint)j) + gv * d).StoreUnsafe(ref qr, (nuint)j);
            }
        }
        for (; j < n; j++)
        {
            s[j] += g[j];
            ss[j] += g[j] * (x[j] - shift[j]);
        }
    }

    /// <summary>y = x · a + b (the normalization), plus dy · k when <paramref name="dy"/> is given (the backward dx).</summary>
    public static void Affine<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> dy, ReadOnlySpan<T> k, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j = 0, n = x.Length;
        bool withDy = !dy.IsEmpty;
        if (Vector.IsHardwareAccelerated && n >= Vector<T>.Count)
        {
            ref T xr = ref MemoryMarshal.GetReference(x);
            ref T ar = ref MemoryMarshal.GetReference(a);
            ref T br = ref MemoryMarshal.GetReference(b);
            ref T yr = ref MemoryMarshal.GetReference(y);
            ref T dr = ref MemoryMarshal.GetReference(dy);
            ref T kr = ref MemoryMarshal.GetReference(k);
            for (; j <= n - Vector<T>.Count; j += Vector<T>.Count)
            {
                var v = Vector.LoadUnsafe(ref xr, (nuint)j) * Vector.LoadUnsafe(ref ar, (nuint)j) + Vector.LoadUnsafe(ref br, (nuint)j);
                if (withDy) v += Vector.LoadUnsafe(ref dr, (nuint)j) * Vector.LoadUnsafe(ref kr, (nuint)j);
                v.StoreUnsafe(ref yr, (nuint)j);
            }
        }
        for (; j < n; j++) y[j] = x[j] * a[j] + b[j] + (withDy ? dy[j] * k[j] : T.Zero);
    }
}
