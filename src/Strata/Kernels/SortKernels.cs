using System.Numerics;

namespace Strata.Kernels;

/// <summary>
/// Stable orderings of the rows of an [outer, n] array: for each row, the indices of its elements sorted by
/// value (descending or ascending), ties kept in index order, NaN counted above +inf (last ascending, first
/// descending). Only the first <c>k</c> indices of each row are written (top_k); the values are then a gather.
/// </summary>
internal static class SortKernels
{
    public static int[] RowOrder(Tensor x, int outer, int n, int k, bool descending) => x.DType switch
    {
        DType.Float32 => RowOrder(x.Data<float>(), outer, n, k, descending),
        DType.Float64 => RowOrder(x.Data<double>(), outer, n, k, descending),
        DType.Int32 => RowOrder(x.Data<int>(), outer, n, k, descending),
        DType.Int64 => RowOrder(x.Data<long>(), outer, n, k, descending),
        _ => RowOrder(x.Data<byte>(), outer, n, k, descending),
    };

    private static int[] RowOrder<T>(T[] x, int outer, int n, int k, bool descending) where T : unmanaged, INumber<T>
    {
        var result = new int[outer * k];
        var order = new int[n];
        for (int o = 0; o < outer; o++)
        {
            int off = o * n;
            for (int i = 0; i < n; i++) order[i] = i;
            // The index tie-break makes the unstable introsort of Array.Sort give a stable order.
            Comparison<int> cmp = descending
                ? (a, b) => { int c = Compare(x[off + b], x[off + a]); return c != 0 ? c : a.CompareTo(b); }
                : (a, b) => { int c = Compare(x[off + a], x[off + b]); return c != 0 ? c : a.CompareTo(b); };
            Array.Sort(order, cmp);
            Array.Copy(order, 0, result, o * k, k);
        }
        return result;
    }

    /// <summary>A total order with NaN above everything (and equal to itself).</summary>
    private static int Compare<T>(T a, T b) where T : unmanaged, INumber<T>
    {
        bool na = T.IsNaN(a), nb = T.IsNaN(b);
        if (na || nb) return na == nb ? 0 : na ? 1 : -1;
        return a < b ? -1 : a > b ? 1 : 0;
    }
}
