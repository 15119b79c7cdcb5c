using System.Numerics;
using System.Runtime.InteropServices;

namespace Strata.Kernels;

internal static partial class PoolKernels
{
    /// <summary>
    /// Max pooling 2×2 / stride 2 (and its gradient), the pooling of nearly every CNN, without the general window
    /// walk: each output row reads two input rows, four spans of C per output. The rule is the general one
    /// (first maximum in the order (0,0), (0,1), (1,0), (1,1) wins); with SAME padding a window at the end is cut
    /// to what lies inside. The gradient stores into dx (windows do not overlap).
    /// </summary>
    private static void Max2x2<T>(in PoolGeometry g, T[] x, T[]? y, T[]? dy, T[] result, bool grad, int n0, int n1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int C = g.C;
        for (int n = n0; n < n1; n++)
            for (int od = 0; od < g.Od; od++)
                for (int oh = 0; oh < g.Oh; oh++)
                {
                    int h = 2 * oh;
                    int row0 = ((n * g.Id + od) * g.Ih + h) * g.Iw;
                    // A last window cut by SAME padding repeats its only row / column: a repeated position never
                    // wins a tie (it comes second), so the max and the routing stay right.
                    int row1 = h + 1 < g.Ih ? row0 + g.Iw : row0;
                    int outRow = ((n * g.Od + od) * g.Oh + oh) * g.Ow;
                    for (int ow = 0; ow < g.Ow; ow++)
                    {
                        int w = 2 * ow, dw = w + 1 < g.Iw ? 1 : 0;
                        int a = (row0 + w) * C, b = (row0 + w + dw) * C, c = (row1 + w) * C, e = (row1 + w + dw) * C;
                        int o = (outRow + ow) * C;
                        if (grad) Route4(x, y!, dy!, result, a, b, c, e, o, C, dw == 1, row1 != row0);
                        else Max4(x, result, a, b, c, e, o, C);
                    }
                }
    }

    private static void Max4<T>(T[] x, T[] y, int a, int b, int c, int e, int o, int C) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && C >= Vector<T>.Count)
        {
            ref T xr = ref MemoryMarshal.GetArrayDataReference(x);
            ref T yr = ref MemoryMarshal.GetArrayDataReference(y);
            for (; i <= C - Vector<T>.Count; i += Vector<T>.Count)
            {
                var m = Vector.LoadUnsafe(ref xr, (nuint)(a + i));
                var v = Vector.LoadUnsafe(ref xr, (nuint)(b + i));
                m = Vector.ConditionalSelect(Vector.GreaterThan(v, m), v, m);
                v = Vector.LoadUnsafe(ref xr, (nuint)(c + i));
                m = Vector.ConditionalSelect(Vector.GreaterThan(v, m), v, m);
                v = Vector.LoadUnsafe(ref xr, (nuint)(e + i));
                Vector.ConditionalSelect(Vector.GreaterThan(v, m), v, m).StoreUnsafe(ref yr, (nuint)(o + i));
            }
        }
        for (; i < C; i++)
        {
            T m = x[a + i];
            if (x[b + i] > m) m = x[b + i];
            if (x[c + i] > m) m = x[c + i];
            if (x[e + i] > m) m = x[e + i];
            y[o + i] = m;
        }
    }

    /// <summary>dy to the first of the four positions equal to y, zero to the others. A repeated position
    /// (<paramref name="hasB"/> / <paramref name="hasRow1"/> false: the window was cut) is not written twice.</summary>
    private static void Route4<T>(T[] x, T[] y, T[] dy, T[] dx, int a, int b, int c, int e, int o, int C, bool hasB, bool hasRow1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && C >= Vector<T>.Count && hasB && hasRow1)
        {
            ref T xr = ref MemoryMarshal.GetArrayDataReference(x);
            ref T dxr = ref MemoryMarshal.GetArrayDataReference(dx);
            for (; i <= C - Vector<T>.Count; i += Vector<T>.Count)
            {
                var yv = Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(y), (nuint)(o + i));
                var rest = Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(dy), (nuint)(o + i));
                var hit = Vector.Equals(Vector.LoadUnsafe(ref xr, (nuint)(a + i)), yv);
                Vector.ConditionalSelect(hit, rest, Vector<T>.Zero).StoreUnsafe(ref dxr, (nuint)(a + i));
                rest = Vector.ConditionalSelect(hit, Vector<T>.Zero, rest);
                hit = Vector.Equals(Vector.LoadUnsafe(ref xr, (nuint)(b + i)), yv);
                Vector.ConditionalSelect(hit, rest, Vector<T>.Zero).StoreUnsafe(ref dxr, (nuint)(b + i));
                rest = Vector.ConditionalSelect(hit, Vector<T>.Zero, rest);
                hit = Vector.Equals(Vector.LoadUnsafe(ref xr, (nuint)(c + i)), yv);
                Vector.ConditionalSelect(hit, rest, Vector<T>.Zero).StoreUnsafe(ref dxr, (nuint)(c + i));
                rest = Vector.ConditionalSelect(hit, Vector<T>.Zero, rest);
                hit = Vector.Equals(Vector.LoadUnsafe(ref xr, (nuint)(e + i)), yv);
                Vector.ConditionalSelect(hit, rest, Vector<T>.Zero).StoreUnsafe(ref dxr, (nuint)(e + i));
            }
        }
        for (; i < C; i++)
        {
            T m = y[o + i], g = dy[o + i];
            // Each distinct position once, in scan order; the first equal to the maximum takes dy.
            bool done = Take(x, dx, a + i, m, g, false);
            if (hasB) done = Take(x, dx, b + i, m, g, done);
            if (hasRow1)
            {
                done = Take(x, dx, c + i, m, g, done);
                if (hasB) Take(x, dx, e + i, m, g, done);
            }
        }
    }

    private static bool Take<T>(T[] x, T[] dx, int at, T max, T g, bool done) where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool hit = !done && x[at] == max;
        dx[at] = hit ? g : T.Zero;
        return done || hit;
    }
}
