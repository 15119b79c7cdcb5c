using static Strata.Tests.GradientCheck;

namespace Strata.Tests.Ops;

public class SegmentOpsTests
{
    private static Tensor I32(int[] v, params int[] shape) => tf.Constant(v, shape: new Shape(shape));

    // TF docs' example: c = [[1, 2, 3, 4], [4, 3, 2, 1], [5, 6, 7, 8]], segment ids [0, 0, 1].
    private static readonly Tensor C = I32([1, 2, 3, 4, 4, 3, 2, 1, 5, 6, 7, 8], 3, 4);
    private static readonly Tensor Ids = I32([0, 0, 1], 3);

    [Fact]
    public void SortedSegmentsMatchTheDocsExamples()
    {
        Assert.Equal([5, 5, 5, 5, 5, 6, 7, 8], tf.SegmentSum(C, Ids).ToArray<int>());
        Assert.Equal([4, 3, 3, 4, 5, 6, 7, 8], tf.SegmentMax(C, Ids).ToArray<int>());
        Assert.Equal([1, 2, 2, 1, 5, 6, 7, 8], tf.SegmentMin(C, Ids).ToArray<int>());
        Assert.Equal([4, 6, 6, 4, 5, 6, 7, 8], tf.SegmentProd(C, Ids).ToArray<int>());
        Expect.Values(tf.SegmentMean(tf.Cast(C, DType.Float32), Ids), [2, 4], [2.5, 2.5, 2.5, 2.5, 5, 6, 7, 8]);
        Assert.Equal(new Shape(2, 4), tf.SegmentSum(C, Ids).Shape);
    }

    [Fact]
    public void EmptySegments()
    {
        // Segment 1 gets nothing: 0 for sum, mean and the sorted max/min; 1 for prod.
        var x = tf.Constant(new[] { 1f, 2f, 3f });
        var ids = I32([0, 2, 2], 3);
        Expect.Values(tf.SegmentSum(x, ids), [3], [1, 0, 5]);
        Expect.Values(tf.SegmentMean(x, ids), [3], [1, 0, 2.5]);
        Expect.Values(tf.SegmentMax(x, ids), [3], [1, 0, 3]);
        Expect.Values(tf.SegmentMin(x, ids), [3], [1, 0, 2]);
        Expect.Values(tf.SegmentProd(x, ids), [3], [1, 1, 6]);
        // Unsorted: empty max/min are the dtype's lowest/highest; a negative id drops its row.
        var u = I32([2, -1, 0], 3);
        Expect.Values(tf.UnsortedSegmentSum(x, u, 4), [4], [3, 0, 1, 0]);
        Expect.Values(tf.UnsortedSegmentMax(x, u, 3), [3], [3, double.NegativeInfinity, 1]);
        Expect.Values(tf.UnsortedSegmentMin(x, u, 3), [3], [3, double.PositiveInfinity, 1]);
        Expect.Values(tf.UnsortedSegmentProd(x, u, 3), [3], [3, 1, 1]);
        Expect.Values(tf.UnsortedSegmentMean(x, I32([1, 1, 0], 3), 2), [2], [3, 1.5]);
        Assert.Equal(new Shape(0), tf.SegmentSum(tf.Zeros([0]), I32([], 0)).Shape);
    }

    [Fact]
    public void UnsortedSegmentSumTakesMultiDimensionalIds()
    {
        // TF docs: unsorted_segment_sum(c, [0, 1, 0], num_segments=2) → [[5, 5, 5, 5], [5, 6, 7, 8]].
        var docs = I32([1, 2, 3, 4, 5, 6, 7, 8, 4, 3, 2, 1], 3, 4);
        Assert.Equal([5, 5, 5, 5, 5, 6, 7, 8], tf.UnsortedSegmentSum(docs, I32([0, 1, 0], 3), 2).ToArray<int>());
        // ids of shape (3, 4) over the whole of c: per element.
        var ids = I32([0, 1, 0, 1, 0, 1, 0, 1, 2, 2, 2, 2], 3, 4);
        Assert.Equal([1 + 3 + 4 + 2, 2 + 4 + 3 + 1, 26], tf.UnsortedSegmentSum(C, ids, 3).ToArray<int>());
    }

    [Fact]
    public void SegmentErrors()
    {
        Assert.Contains("not increasing", Assert.Throws<InvalidArgumentError>(() => tf.SegmentSum(C, I32([1, 0, 1], 3))).Message);
        Assert.Contains("must be >= 0", Assert.Throws<InvalidArgumentError>(() => tf.SegmentSum(C, I32([-1, 0, 1], 3))).Message);
        Assert.Throws<InvalidArgumentError>(() => tf.SegmentSum(C, I32([0, 0], 2)));
        Assert.Throws<InvalidArgumentError>(() => tf.SegmentSum(C, tf.Constant(new[] { 0f, 0f, 1f })));
        Assert.Contains("segment_ids[1] = 5 is out of range [0, 2)", Assert.Throws<InvalidArgumentError>(() => tf.UnsortedSegmentSum(C, I32([0, 5, 0], 3), 2)).Message);
        Assert.Throws<InvalidArgumentError>(() => tf.UnsortedSegmentSum(C, I32([0, 1], 2), 2));
        Assert.Throws<InvalidArgumentError>(() => tf.UnsortedSegmentSum(C, Ids, -1));
        Assert.Throws<UnsupportedDTypeError>(() => tf.SegmentSum(tf.Constant(new[] { true }), I32([0], 1)));
    }

    [Fact]
    public void SegmentGradients()
    {
        var ids = I32([0, 0, 2, 2], 4);
        Check(x => tf.SegmentSum(x, ids), Rand(1, [4, 2]));
        Check(x => tf.SegmentMean(x, ids), Rand(2, [4, 2]));
        Check(x => tf.SegmentMax(x, ids), Rand(3, [4, 2]));
        Check(x => tf.SegmentMin(x, ids), Rand(4, [4]));
        Check(x => tf.SegmentProd(x, ids), Rand(5, [4, 2]));
        var u = I32([1, -1, 1, 0], 4);
        Check(x => tf.UnsortedSegmentSum(x, u, 3), Rand(6, [4, 2]));
        Check(x => tf.UnsortedSegmentMean(x, u, 2), Rand(7, [4]));
        Check(x => tf.UnsortedSegmentMax(x, u, 2), Rand(8, [4, 2]));
        Check(x => tf.UnsortedSegmentProd(x, u, 2), Rand(9, [4]));
        // Products with zeros: one zero in segment 0 (its partial is the product of the others), two in segment 1.
        Check(x => tf.SegmentProd(x, I32([0, 0, 0, 1, 1], 5)), GradientCheck.F64([2, 0, 3, 0, 0], 5));
        // Ties share the gradient of a max.
        var t = GradientCheck.F64([1, 1, 0], 3);
        using var tape = new GradientTape();
        tape.Watch(t);
        Assert.Equal([0.5, 0.5, 1], tape.Gradient(tf.ReduceSum(tf.SegmentMax(t, I32([0, 0, 1], 3))), t)!.ToArray<double>());
        CheckSecondOrder(x => tf.Square(tf.SegmentSum(x, I32([0, 1, 1], 3))), Rand(10, [3]));
    }

    [Fact]
    public void SegmentsOfOtherDtypes()
    {
        Assert.Equal([3L, 3], tf.SegmentSum(tf.Constant(new long[] { 1, 2, 3 }), I32([0, 0, 1], 3)).ToArray<long>());
        Assert.Equal([(byte)2, 3], tf.SegmentMax(tf.Constant(new byte[] { 1, 2, 3 }), I32([0, 0, 1], 3)).ToArray<byte>());
        Assert.Equal([2.0, 3], tf.UnsortedSegmentMean(tf.Constant(new[] { 1.0, 3.0, 3.0 }, DType.Float64), tf.Constant(new long[] { 0, 0, 1 }), 2).ToArray<double>());
    }
}
