#pragma warning disable CS8981
using Strata.Kernels;

namespace Strata;

// tf.math.segment_* (sorted ids: output size max(id) + 1) and tf.math.unsorted_segment_* (any order, num_segments
// given, negative ids dropped). Gradients follow TensorFlow's math_grad.py: a gather of dy by the ids for sum and
// mean, the tied extremes for max/min, and the product of the others (zeros counted) for prod.
public static partial class tf
{
    /// <summary>tf.math.segment_sum: the sum of the rows of <paramref name="data"/> (along dimension 0) that share an id in
    /// <paramref name="segmentIds"/>, a sorted int32/int64 vector as long as that dimension; max(id) + 1 rows, 0 for an id
    /// that does not occur.</summary>
    public static Tensor SegmentSum(Tensor data, Tensor segmentIds) => Segment(data, segmentIds, null, SegmentKind.Sum, "SegmentSum");
    /// <summary>tf.math.segment_mean: the mean of the rows of <paramref name="data"/> that share a sorted segment id
    /// (see <see cref="SegmentSum"/>); 0 for an id that does not occur.</summary>
    public static Tensor SegmentMean(Tensor data, Tensor segmentIds) => Segment(data, segmentIds, null, SegmentKind.Mean, "SegmentMean");
    /// <summary>tf.math.segment_max: the element-wise largest of the rows of <paramref name="data"/> that share a sorted
    /// segment id (see <see cref="SegmentSum"/>); 0 for an id that does not occur.</summary>
    public static Tensor SegmentMax(Tensor data, Tensor segmentIds) => Segment(data, segmentIds, null, SegmentKind.Max, "SegmentMax");
    /// <summary>tf.math.segment_min: the element-wise smallest of the rows of <paramref name="data"/> that share a sorted
    /// segment id (see <see cref="SegmentSum"/>); 0 for an id that does not occur.</summary>
    public static Tensor SegmentMin(Tensor data, Tensor segmentIds) => Segment(data, segmentIds, null, SegmentKind.Min, "SegmentMin");
    /// <summary>tf.math.segment_prod: the element-wise product of the rows of <paramref name="data"/> that share a sorted
    /// segment id (see <see cref="SegmentSum"/>); 1 for an id that does not occur.</summary>
    public static Tensor SegmentProd(Tensor data, Tensor segmentIds) => Segment(data, segmentIds, null, SegmentKind.Prod, "SegmentProd");

    /// <summary>tf.math.unsorted_segment_sum: the sum of the slices of <paramref name="data"/> whose ids are equal, into
    /// <paramref name="numSegments"/> rows. <paramref name="segmentIds"/> (int32/int64, any order) has a prefix of
    /// data's shape; negative ids are dropped; an empty segment is 0.</summary>
    public static Tensor UnsortedSegmentSum(Tensor data, Tensor segmentIds, int numSegments) => Segment(data, segmentIds, numSegments, SegmentKind.Sum, "UnsortedSegmentSum");
    /// <summary>tf.math.unsorted_segment_mean: the mean of the slices of <paramref name="data"/> whose ids are equal
    /// (see <see cref="UnsortedSegmentSum"/>); an empty segment is 0.</summary>
    public static Tensor UnsortedSegmentMean(Tensor data, Tensor segmentIds, int numSegments) => Segment(data, segmentIds, numSegments, SegmentKind.Mean, "UnsortedSegmentMean");
    /// <summary>tf.math.unsorted_segment_max: the element-wise largest of the slices of <paramref name="data"/> whose ids
    /// are equal (see <see cref="UnsortedSegmentSum"/>); an empty segment is the dtype's lowest value.</summary>
    public static Tensor UnsortedSegmentMax(Tensor data, Tensor segmentIds, int numSegments) => Segment(data, segmentIds, numSegments, SegmentKind.Max, "UnsortedSegmentMax");
    /// <summary>tf.math.unsorted_segment_min: the element-wise smallest of the slices of <paramref name="data"/> whose ids
    /// are equal (see <see cref="UnsortedSegmentSum"/>); an empty segment is the dtype's highest value.</summary>
    public static Tensor UnsortedSegmentMin(Tensor data, Tensor segmentIds, int numSegments) => Segment(data, segmentIds, numSegments, SegmentKind.Min, "UnsortedSegmentMin");
    /// <summary>tf.math.unsorted_segment_prod: the element-wise product of the slices of <paramref name="data"/> whose ids
    /// are equal (see <see cref="UnsortedSegmentSum"/>); an empty segment is 1.</summary>
    public static Tensor UnsortedSegmentProd(Tensor data, Tensor segmentIds, int numSegments) => Segment(data, segmentIds, numSegments, SegmentKind.Prod, "UnsortedSegmentProd");

    private static Tensor Segment(Tensor data, Tensor segmentIds, int? numSegments, SegmentKind kind, string op)
    {
        RequireNumeric(data, op);
        NotNull(segmentIds, op, "segmentIds");
        if (segmentIds.DType is not (DType.Int32 or DType.Int64))
            throw new InvalidArgumentError($"{op}: segment_ids must be int32 or int64, got {segmentIds.DType.Name()}.");
        bool sorted = numSegments is null;
        var idsShape = segmentIds.Shape;
        if (sorted ? idsShape.Rank != 1 || data.Rank < 1 || idsShape[0] != data.Shape[0] : !IsPrefix(idsShape, data.Shape))
            throw new InvalidArgumentError(sorted
                ? $"{op}: segment_ids should be a vector of the size of dimension 0 of data; got segment_ids {idsShape}, data {data.Shape}."
                : $"{op}: segment_ids.shape {idsShape} must be a prefix of data.shape {data.Shape}.");
        var ids = Cast(segmentIds, DType.Int64).Data<long>();
        int segments;
        if (sorted)
        {
            for (int i = 0; i < ids.Length; i++)
            {
                if (ids[i] < 0) throw new InvalidArgumentError($"{op}: segment ids must be >= 0, got segment_ids[{i}] = {ids[i]}.");
                if (i > 0 && ids[i] < ids[i - 1])
                    throw new InvalidArgumentError($"{op}: segment ids are not increasing: segment_ids[{i - 1}] = {ids[i - 1]}, segment_ids[{i}] = {ids[i]}.");
            }
            long max = ids.Length == 0 ? -1 : ids[^1];
            if (max >= int.MaxValue) throw new InvalidArgumentError($"{op}: segment id {max} is too large.");
            segments = (int)(max + 1);
        }
        else
        {
            segments = numSegments!.Value;
            if (segments < 0) throw new InvalidArgumentError($"{op}: num_segments must be >= 0, got {segments}.");
            for (int i = 0; i < ids.Length; i++)
                if (ids[i] >= segments)
                    throw new InvalidArgumentError($"{op}: segment_ids[{i}] = {ids[i]} is out of range [0, {segments}).");
        }
        var rest = data.Shape.Dims[idsShape.Rank..].ToArray();
        var outShape = Shape.Checked(rest.Select(d => (long)d).Prepend(segments).ToArray(), op);
        int inner = Shape.Wrap(rest).Size;
        bool emptyIsZero = kind == SegmentKind.Mean || (sorted && kind is SegmentKind.Max or SegmentKind.Min);
        var y = SegmentKernels.Run(data, ids, segments, inner, kind, emptyIsZero, outShape);
        if (GradientTape.IsRecording)
        {
            var flatIds = Tensor.FromBuffer(ids, Shape.Wrap([ids.Length]), DType.Int64);
            Record(op, y, [data], (dy, i, y) => [SegmentGradient(i[0], flatIds, idsShape, segments, kind, dy, y, op)]);
        }
        return y;
    }

    private static bool IsPrefix(Shape prefix, Shape shape)
    {
        if (prefix.Rank > shape.Rank) return false;
        for (int d = 0; d < prefix.Rank; d++) if (prefix[d] != shape[d]) return false;
        return true;
    }

    private static Tensor SegmentGradient(Tensor data, Tensor ids, Shape idsShape, int segments, SegmentKind kind, Tensor dy, Tensor y, string op)
    {
        // Rows of the data as [n, rest...], with one flat id each.
        var rest = data.Shape.Dims[idsShape.Rank..].ToArray();
        var flat = Reshape(data, rest.Prepend(ids.Size).ToArray());
        Tensor grad;
        switch (kind)
        {
            case SegmentKind.Sum:
                grad = GatherDropNegatives(dy, ids);
                break;
            case SegmentKind.Mean:
            {
                var counts = UnsortedSegmentSum(OnesLike(Cast(ids, dy.DType)), ids, segments);
                var safe = Maximum(counts, OnesLike(counts));
                grad = GatherDropNegatives(Divide(dy, Reshape(safe, BroadcastableRows(segments, rest.Length))), ids);
                break;
            }
            case SegmentKind.Max or SegmentKind.Min:
            {
                // dy goes to the elements equal to their segment's extreme, shared among ties.
                var isSelected = LogicalAnd(Equal(flat, GatherDropNegatives(y, ids)), RowMask(ids, rest.Length));
                var selected = UnsortedSegmentSum(Cast(isSelected, dy.DType), ids, segments);
                var weighted = Divide(dy, Maximum(selected, OnesLike(selected)));
                grad = Where(isSelected, GatherDropNegatives(weighted, ids), ZerosLike(flat));
                break;
            }
            default:
            {
                // TF's prod rule: with two zeros or more in a segment every partial is 0; with one, only the zero's
                // partial is non-zero (the product of the others); otherwise it is prod / x.
                var isZero = Equal(flat, ZerosLike(flat));
                var zeros = UnsortedSegmentSum(Cast(isZero, dy.DType), ids, segments);
                var dyKept = Where(Greater(zeros, OnesLike(zeros)), ZerosLike(dy), dy);
                var nonZero = Where(isZero, OnesLike(flat), flat);
                var nonZeroProd = UnsortedSegmentProd(nonZero, ids, segments);
                var byElement = Where(isZero, GatherDropNegatives(nonZeroProd, ids), Divide(GatherDropNegatives(y, ids), nonZero));
                grad = Multiply(GatherDropNegatives(dyKept, ids), byElement);
                break;
            }
        }
        return Reshape(grad, data.Shape);
    }

    /// <summary>Rows of x gathered by ids, with zero rows where an id is negative (a dropped row).</summary>
    private static Tensor GatherDropNegatives(Tensor x, Tensor ids)
    {
        var clipped = Maximum(ids, ZerosLike(ids));
        var gathered = Gather(x, clipped);
        return Where(RowMask(ids, x.Rank - 1), gathered, ZerosLike(gathered));
    }

    /// <summary>ids >= 0 as a bool column that broadcasts over <paramref name="restRank"/> trailing dims.</summary>
    private static Tensor RowMask(Tensor ids, int restRank) =>
        Reshape(GreaterEqual(ids, ZerosLike(ids)), BroadcastableRows(ids.Size, restRank));

    private static int[] BroadcastableRows(int rows, int restRank) => Enumerable.Repeat(1, restRank).Prepend(rows).ToArray();
}
