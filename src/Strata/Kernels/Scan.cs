using System.Numerics;
using System.Numerics.Tensors;

namespace Strata.Kernels;

/// <summary>
/// Cumulative sums and products along one axis of an array seen as [outer, n, inner]: each step combines a
/// whole inner row with the running row (vectorised), forward or in reverse, inclusive or exclusive.
/// </summary>
internal static class Scan
{
    public static Tensor Run(Tensor x, int axis, bool product, bool exclusive, bool reverse)
    {
        var dims = x.Shape.Dims;
        int outer = 1, n = dims[axis], inner = 1;
        for (int i = 0; i < axis; i++) outer *= dims[i];
        for (int i = axis + 1; i < dims.Length; i++) inner *= dims[i];
        var y = Tensor.Empty(x.DType, x.Shape);
        switch (x.DType)
        {
            case DType.Float32: Run<float>(x.Data<float>(), y.Data<float>(), outer, n, inner, product, exclusive, reverse); break;
            case DType.Float64: Run<double>(x.Data<double>(), y.Data<double>(), outer, n, inner, product, exclusive, reverse); break;
            case DType.Int32: Run<int>(x.Data<int>(), y.Data<int>(), outer, n, inner, product, exclusive, reverse); break;
            case DType.Int64: Run<long>(x.Data<long>(), y.Data<long>(), outer, n, inner, product, exclusive, reverse); break;
            default: Run<byte>(x.Data<byte>(), y.Data<byte>(), outer, n, inner, product, exclusive, reverse); break;
        }
        return y;
    }

    private static void Run<T>(T[] x, T[] y, int outer, int n, int inner, bool product, bool exclusive, bool reverse)
        where T : unmanaged, INumber<T>
    {
        if (y.Length == 0) return;
        for (int o = 0; o < outer; o++)
        {
            int baseOffset = o * n * inner;
            int prev = -1; // offset of the previous output row
            for (int step = 0; step < n; step++)
            {
                int k = reverse ? n - 1 - step : step;
                var dst = y.AsSpan(baseOffset + k * inner, inner);
                if (exclusive)
                {
                    // Output k is the combination of the inputs before it: the previous output with the previous input.
                    if (prev < 0) dst.Fill(product ? T.One : T.Zero);
                    else Combine(y.AsSpan(prev, inner), x.AsSpan(prev, inner), dst, product);
                }
                else
                {
                    var src = x.AsSpan(baseOffset + k * inner, inner);
                    if (prev < 0) src.CopyTo(dst);
                    else Combine(y.AsSpan(prev, inner), src, dst, product);
                }
                prev = baseOffset + k * inner;
            }
        }
    }

    private static void Combine<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d, bool product) where T : unmanaged, INumber<T>
    {
        if (product) TensorPrimitives.Multiply(a, b, d); else TensorPrimitives.Add(a, b, d);
    }
}
