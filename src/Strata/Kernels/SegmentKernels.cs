using System.Numerics;
using System.Numerics.Tensors;

namespace Strata.Kernels;

internal enum SegmentKind { Sum, Mean, Max, Min, Prod }

/// <summary>
/// Segment reductions: row i of data (viewed as [n, inner]) goes into output row ids[i]; a negative id drops the
/// row (unsorted_segment_*). An empty segment gets the reduction's identity, or 0 when
/// <c>emptyIsZero</c> (the sorted segment_max/min, and every mean).
/// </summary>
internal static class SegmentKernels
{
    public static Tensor Run(Tensor data, long[] ids, int numSegments, int inner, SegmentKind kind, bool emptyIsZero, Shape outShape)
    {
        var y = Tensor.Empty(data.DType, outShape, "Segment");
        switch (data.DType)
        {
            case DType.Float32: Run(data.Data<float>(), y.Data<float>(), ids, numSegments, inner, kind, emptyIsZero); break;
            case DType.Float64: Run(data.Data<double>(), y.Data<double>(), ids, numSegments, inner, kind, emptyIsZero); break;
            case DType.Int32: Run(data.Data<int>(), y.Data<int>(), ids, numSegments, inner, kind, emptyIsZero); break;
            case DType.Int64: Run(data.Data<long>(), y.Data<long>(), ids, numSegments, inner, kind, emptyIsZero); break;
            default: Run(data.Data<byte>(), y.Data<byte>(), ids, numSegments, inner, kind, emptyIsZero); break;
        }
        return y;
    }

    private static void Run<T>(T[] x, T[] y, long[] ids, int segments, int inner, SegmentKind kind, bool emptyIsZero)
        where T : unmanaged, INumber<T>
    {
        var count = new int[segments];
        var reduceKind = kind switch
        {
            SegmentKind.Max => ReduceKind.Max,
            SegmentKind.Min => ReduceKind.Min,
            SegmentKind.Prod => ReduceKind.Prod,
            _ => ReduceKind.Sum,
        };
        y.AsSpan().Fill(Reduce.Identity<T>(reduceKind));
        for (int i = 0; i < ids.Length; i++)
        {
            if (ids[i] < 0) continue;
            int s = (int)ids[i];
            count[s]++;
            var dst = y.AsSpan(s * inner, inner);
            var src = x.AsSpan(i * inner, inner);
            switch (reduceKind)
            {
                case ReduceKind.Max: TensorPrimitives.Max(dst, src, dst); break;
                case ReduceKind.Min: TensorPrimitives.Min(dst, src, dst); break;
                case ReduceKind.Prod: TensorPrimitives.Multiply(dst, src, dst); break;
                default: TensorPrimitives.Add(dst, src, dst); break;
            }
        }
        for (int s = 0; s < segments; s++)
        {
            var row = y.AsSpan(s * inner, inner);
            if (count[s] == 0) { if (emptyIsZero) row.Clear(); }
            else if (kind == SegmentKind.Mean) TensorPrimitives.Divide(row, T.CreateTruncating(count[s]), row);
        }
    }
}
