using System.Runtime.CompilerServices;

namespace Strata.Kernels;

/// <summary>
/// Data-movement kernels (transpose, strided block copy, gather, broadcast). They only move bits, so they
/// work on the raw element width: float/int32 as int, double/int64 as long, bool/uint8 as byte.
/// </summary>
internal static class ArrayKernels
{
    private static int Width(Array a) => a switch
    {
        float[] or int[] => 4,
        double[] or long[] => 8,
        _ => 1,
    };

    public static void Transpose(Array src, Array dst, int[] dims, int[] perm)
    {
        switch (Width(src))
        {
            case 4: Transpose(Unsafe.As<int[]>(src), Unsafe.As<int[]>(dst), dims, perm); break;
            case 8: Transpose(Unsafe.As<long[]>(src), Unsafe.As<long[]>(dst), dims, perm); break;
            default: Transpose(Unsafe.As<byte[]>(src), Unsafe.As<byte[]>(dst), dims, perm); break;
        }
    }

    private static void Transpose<T>(T[] src, T[] dst, int[] dims, int[] perm) where T : unmanaged
    {
        int r = dims.Length;
        if (dst.Length == 0) return;
        var srcStrides = new int[r];
        for (int i = r - 1, s = 1; i >= 0; i--) { srcStrides[i] = s; s *= dims[i]; }
        if (r == 2 && perm[0] == 1)
        {
            // Blocked 2-D transpose: tiles keep both sides in cache.
            int rows = dims[0], cols = dims[1];
            const int B = 32;
            for (int i0 = 0; i0 < rows; i0 += B)
                for (int j0 = 0; j0 < cols; j0 += B)
                    for (int i = i0; i < Math.Min(i0 + B, rows); i++)
                        for (int j = j0; j < Math.Min(j0 + B, cols); j++)
                            dst[j * rows + i] = src[i * cols + j];
            return;
        }
        var outDims = new int[r];
        var strides = new int[r]; // source stride for each output dim
        for (int i = 0; i < r; i++) { outDims[i] = dims[perm[i]]; strides[i] = srcStrides[perm[i]]; }
        var at = new Odometer(outDims, strides, new int[r], stackalloc int[r]);
        for (int o = 0; o < dst.Length; o++, at.Next()) dst[o] = src[at.A];
    }

    /// <summary>dst[i] = condition[i] ? x[i] : y[i], all of one length (the backward pass of Maximum, Minimum and
    /// ClipByValue runs this every step, so it moves raw elements rather than calling Array.Copy per element).</summary>
    public static void Select(bool[] condition, Array x, Array y, Array dst)
    {
        switch (Width(dst))
        {
            case 4: Select(condition, Unsafe.As<int[]>(x), Unsafe.As<int[]>(y), Unsafe.As<int[]>(dst)); break;
            case 8: Select(condition, Unsafe.As<long[]>(x), Unsafe.As<long[]>(y), Unsafe.As<long[]>(dst)); break;
            default: Select(condition, Unsafe.As<byte[]>(x), Unsafe.As<byte[]>(y), Unsafe.As<byte[]>(dst)); break;
        }
    }

    private static void Select<T>(bool[] condition, T[] x, T[] y, T[] dst) where T : unmanaged
    {
        for (int i = 0; i < dst.Length; i++) dst[i] = condition[i] ? x[i] : y[i];
    }

    /// <summary>Copies a box of extent <paramref name="size"/> from src (starting at srcBegin) into dst (starting at dstBegin).</summary>
    public static void CopyBox(Array src, int[] srcDims, int[] srcBegin, Array dst, int[] dstDims, int[] dstBegin, int[] size)
    {
        switch (Width(src))
        {
            case 4: CopyBox(Unsafe.As<int[]>(src), srcDims, srcBegin, Unsafe.As<int[]>(dst), dstDims, dstBegin, size); break;
            case 8: CopyBox(Unsafe.As<long[]>(src), srcDims, srcBegin, Unsafe.As<long[]>(dst), dstDims, dstBegin, size); break;
            default: CopyBox(Unsafe.As<byte[]>(src), srcDims, srcBegin, Unsafe.As<byte[]>(dst), dstDims, dstBegin, size); break;
        }
    }

    private static void CopyBox<T>(T[] src, int[] srcDims, int[] srcBegin, T[] dst, int[] dstDims, int[] dstBegin, int[] size) where T : unmanaged
    {
        int r = size.Length;
        foreach (var s in size) if (s == 0) return;
        if (r == 0) { dst[0] = src[0]; return; }
        var ss = Strides(srcDims);
        var ds = Strides(dstDims);
        int so = 0, dof = 0;
        for (int i = 0; i < r; i++) { so += srcBegin[i] * ss[i]; dof += dstBegin[i] * ds[i]; }
        int run = size[r - 1];
        int rows = 1;
        for (int i = 0; i < r - 1; i++) rows *= size[i];
        // Rows of the box (all dimensions but the last), each one contiguous run.
        var at = new Odometer(size.AsSpan(0, r - 1), ss.AsSpan(0, r - 1), ds.AsSpan(0, r - 1), stackalloc int[r - 1]);
        for (int row = 0; row < rows; row++, at.Next())
            Array.Copy(src, so + at.A, dst, dof + at.B, run);
    }

    public static int[] Strides(int[] dims)
    {
        var s = new int[dims.Length];
        for (int i = dims.Length - 1, st = 1; i >= 0; i--) { s[i] = st; st *= dims[i]; }
        return s;
    }

    /// <summary>dst[o, j, :] = src[o, index[j], :] for src viewed as [outer, n, inner].</summary>
    public static void Gather(Array src, Array dst, int outer, int n, int inner, long[] index)
    {
        int m = index.Length;
        for (int o = 0; o < outer; o++)
            for (int j = 0; j < m; j++)
                Array.Copy(src, (o * n + index[j]) * inner, dst, (o * m + j) * inner, inner);
    }

    /// <summary>Writes x broadcast to <paramref name="shape"/> into dst.</summary>
    public static void BroadcastTo(Array src, Shape srcShape, Array dst, Shape shape)
    {
        switch (Width(src))
        {
            case 4: BroadcastTo(Unsafe.As<int[]>(src), srcShape, Unsafe.As<int[]>(dst), shape); break;
            case 8: BroadcastTo(Unsafe.As<long[]>(src), srcShape, Unsafe.As<long[]>(dst), shape); break;
            default: BroadcastTo(Unsafe.As<byte[]>(src), srcShape, Unsafe.As<byte[]>(dst), shape); break;
        }
    }

    private static void BroadcastTo<T>(T[] src, Shape srcShape, T[] dst, Shape shape) where T : unmanaged
    {
        if (dst.Length == 0) return;
        if (src.Length == 1) { dst.AsSpan().Fill(src[0]); return; }
        var plan = new BroadcastPlan(srcShape, shape, shape);
        int n = plan.Inner;
        var at = new Odometer(plan.OuterDims, plan.AOuterStrides, plan.BOuterStrides, stackalloc int[plan.OuterDims.Length]);
        for (int o = 0; o < plan.OuterCount; o++, at.Next())
        {
            var d = dst.AsSpan(o * n, n);
            if (plan.AInnerScalar) d.Fill(src[at.A]);
            else src.AsSpan(at.A, n).CopyTo(d);
        }
    }
}
