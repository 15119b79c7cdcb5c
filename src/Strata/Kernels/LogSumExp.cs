using System.Numerics;
using System.Numerics.Tensors;

namespace Strata.Kernels;

/// <summary>
/// log(sum(exp(x))) over the rows of an [outer, n] array, computed stably as m + log(sum(exp(x - m))) with m the
/// row's maximum (0 when that maximum is not finite, as TensorFlow does, so that a row of -inf gives -inf and a
/// +inf gives +inf rather than NaN). Two passes over the data, both vectorised (TensorPrimitives) and, for a large
/// row, split across threads: the op runs at memory bandwidth.
/// </summary>
internal static class LogSumExp
{
    /// <summary>Elements per block of exp(x - m) kept on the stack: large enough to amortise the calls,
    /// small enough to stay in L1.</summary>
    private const int Block = 1024;

    /// <summary>y[o] = logsumexp(x[o, :]) for x viewed as [outer, n] (float32 or float64).</summary>
    public static void Rows(Tensor x, Tensor y, int outer, int n)
    {
        if (x.DType == DType.Float32) Rows(x.Data<float>(), y.Data<float>(), outer, n);
        else Rows(x.Data<double>(), y.Data<double>(), outer, n);
    }

    private static void Rows<T>(T[] x, T[] y, int outer, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (n == 0) { y.AsSpan(0, outer).Fill(T.NegativeInfinity); return; } // log(0)
        long total = (long)outer * n;
        if (total < Elementwise.ParallelThreshold) { for (int o = 0; o < outer; o++) y[o] = Row<T>(x.AsSpan(o * n, n)); return; }
        if (outer >= Parallelism.MaxThreads)
        {
            Elementwise.ChunkedRows(outer, n, (first, end) => { for (int o = first; o < end; o++) y[o] = Row<T>(x.AsSpan(o * n, n)); });
            return;
        }
        // Few long rows (the whole-tensor reduction): each row is cut into ranges that threads share.
        for (int o = 0; o < outer; o++) y[o] = ThreadedRow(x, o * n, n);
    }

    private static T Row<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T m = Shift(TensorPrimitives.Max(x));
        return m + T.Log(SumExp(x, m));
    }

    /// <summary>The maximum used as the shift: itself when finite, else 0 (TensorFlow's rule).</summary>
    private static T Shift<T>(T max) where T : unmanaged, IFloatingPointIeee754<T> => T.IsFinite(max) ? max : T.Zero;

    private static T SumExp<T>(ReadOnlySpan<T> x, T m) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> tmp = stackalloc T[Math.Min(Block, x.Length)];
        T sum = T.Zero;
        for (int start = 0; start < x.Length; start += Block)
        {
            int len = Math.Min(Block, x.Length - start);
            var t = tmp[..len];
            TensorPrimitives.Subtract(x.Slice(start, len), m, t);
            TensorPrimitives.Exp(t, t);
            sum += TensorPrimitives.Sum<T>(t);
        }
        return sum;
    }

    private static T ThreadedRow<T>(T[] x, int offset, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Partial results per range, combined in range order so that the result does not depend on timing.
        int ranges = Math.Max(1, Math.Min(Parallelism.MaxThreads, n / (Elementwise.ParallelThreshold / 2)));
        int chunk = (n + ranges - 1) / ranges;
        var partial = new T[ranges];
        Parallelism.ForRanges(ranges, 1, (first, end) =>
        {
            for (int p = first; p < end; p++)
            {
                int s = p * chunk, len = Math.Min(chunk, n - s);
                partial[p] = TensorPrimitives.Max<T>(x.AsSpan(offset + s, len));
            }
        }, align: 1);
        T m = Shift(TensorPrimitives.Max<T>(partial));
        Parallelism.ForRanges(ranges, 1, (first, end) =>
        {
            for (int p = first; p < end; p++)
            {
                int s = p * chunk, len = Math.Min(chunk, n - s);
                partial[p] = SumExp<T>(x.AsSpan(offset + s, len), m);
            }
        }, align: 1);
        T sum = T.Zero;
        foreach (var v in partial) sum += v;
        return m + T.Log(sum);
    }
}
