using static Strata.Tests.GradientCheck;

namespace Strata.Tests.Ops;

public class IndexingOpsTests
{
    private static Tensor F32(float[] v, params int[] shape) => tf.Constant(v, shape: new Shape(shape));
    private static Tensor I32(int[] v, params int[] shape) => tf.Constant(v, shape: new Shape(shape));

    [Fact]
    public void GatherNdElementsAndSlices()
    {
        // TF docs: gather_nd([[a, b], [c, d]], [[0, 0], [1, 1]]) → [a, d]; indices [[1], [0]] → [[c, d], [a, b]].
        var p = F32([1, 2, 3, 4], 2, 2);
        Expect.Values(tf.GatherNd(p, I32([0, 0, 1, 1], 2, 2)), [2], [1, 4]);
        Expect.Values(tf.GatherNd(p, I32([1, 0], 2, 1)), [2, 2], [3, 4, 1, 2]);
        Expect.Values(tf.GatherNd(p, tf.Constant(new long[] { 1, 0 })), [], [3]);
        Expect.Values(tf.GatherNd(p, I32([], 0, 2)), [0], []);
        var e = Assert.Throws<InvalidArgumentError>(() => tf.GatherNd(p, I32([0, 2], 1, 2)));
        Assert.Contains("indices[0] = [0, 2] does not index into param shape (2, 2)", e.Message);
        Assert.Contains("innermost dimension length must be <= params rank; saw: 3 vs. 2", Assert.Throws<InvalidArgumentError>(() => tf.GatherNd(p, I32([0, 0, 0], 3))).Message);
        Assert.Throws<InvalidArgumentError>(() => tf.GatherNd(p, F32([0], 1)));
        Assert.Throws<InvalidArgumentError>(() => tf.GatherNd(p, tf.Constant(0)));
        Check(x => tf.GatherNd(x, I32([0, 1, 0, 1, 2, 0], 3, 2)), Rand(1, [3, 2]));
        CheckSecondOrder(x => tf.Square(tf.GatherNd(x, I32([1, 1], 2, 1))), Rand(2, [2, 2]));
    }

    [Fact]
    public void ScatterNdAddsDuplicates()
    {
        // TF docs: scatter_nd([[4], [3], [1], [7]], [9, 10, 11, 12], [8]) → [0, 11, 0, 10, 9, 0, 0, 12].
        var y = tf.ScatterNd(I32([4, 3, 1, 7], 4, 1), I32([9, 10, 11, 12], 4), [8]);
        Assert.Equal([0, 11, 0, 10, 9, 0, 0, 12], y.ToArray<int>());
        Expect.Values(tf.ScatterNd(I32([1, 1], 2, 1), F32([1, 2, 3, 4], 2, 2), [3, 2]), [3, 2], [0, 0, 4, 6, 0, 0]);
        Assert.Contains("does not index into shape (8,)", Assert.Throws<InvalidArgumentError>(() => tf.ScatterNd(I32([8], 1, 1), I32([1], 1), [8])).Message);
        Assert.Throws<InvalidArgumentError>(() => tf.ScatterNd(I32([1], 1, 1), I32([1, 2], 2), [8]));
        Assert.Throws<UnsupportedDTypeError>(() => tf.ScatterNd(I32([1], 1, 1), tf.Constant(new[] { true }), [2]));
        Check(u => tf.ScatterNd(I32([0, 2, 0], 3, 1), u, [3, 2]), Rand(3, [3, 2]));
    }

    [Fact]
    public void TensorScatterNdUpdateAndAdd()
    {
        // TF docs: tensor_scatter_nd_update([0]*8, [[4], [3], [1], [7]], [9, 10, 11, 12]) → [0, 11, 0, 10, 9, 0, 0, 12].
        var t = I32([1, 1, 1, 1, 1, 1, 1, 1], 8);
        var idx = I32([4, 3, 1, 7], 4, 1);
        Assert.Equal([1, 11, 1, 10, 9, 1, 1, 12], tf.TensorScatterNdUpdate(t, idx, I32([9, 10, 11, 12], 4)).ToArray<int>());
        Assert.Equal([1, 12, 1, 11, 10, 1, 1, 13], tf.TensorScatterNdAdd(t, idx, I32([9, 10, 11, 12], 4)).ToArray<int>());
        Assert.Equal([1, 1, 1, 1, 1, 1, 1, 1], t.ToArray<int>()); // the input is not changed
        var b = tf.TensorScatterNdUpdate(tf.Constant(new[] { false, false }), I32([1], 1, 1), tf.Constant(new[] { true }));
        Assert.Equal([false, true], b.ToArray<bool>());
        Assert.Throws<InvalidArgumentError>(() => tf.TensorScatterNdUpdate(t, idx, F32([1, 2, 3, 4], 4)));
        Assert.Throws<InvalidArgumentError>(() => tf.TensorScatterNdUpdate(t, I32([0, 0], 1, 2), I32([1], 1)));
        Check(xs => tf.TensorScatterNdUpdate(xs[0], I32([2, 0], 2, 1), xs[1]), Rand(4, [3, 2]), Rand(5, [2, 2]));
        Check(xs => tf.TensorScatterNdAdd(xs[0], I32([1, 1], 2, 1), xs[1]), Rand(6, [3]), Rand(7, [2]));
    }

    [Fact]
    public void WhereWithOneArgumentGivesCoordinates()
    {
        var c = tf.Where(tf.Constant(new[] { true, false, false, true, true, false }, shape: new Shape(2, 3)));
        Assert.Equal(DType.Int64, c.DType);
        Assert.Equal(new Shape(3, 2), c.Shape);
        Assert.Equal([0L, 0, 1, 0, 1, 1], c.ToArray<long>());
        Assert.Equal([1L, 3], tf.Where(F32([0, 2, 0, float.NaN], 4)).ToArray<long>());
        Assert.Equal(new Shape(0, 1), tf.Where(F32([0, 0], 2)).Shape);
        Assert.Equal(new Shape(1, 0), tf.Where(tf.Constant(true)).Shape);
    }

    [Fact]
    public void BooleanMaskSelectsAlongAxes()
    {
        // TF docs: boolean_mask([0, 1, 2, 3], [True, False, True, False]) → [0, 2]; 2-D tensor, 1-D mask → rows.
        Assert.Equal([0, 2], tf.BooleanMask(I32([0, 1, 2, 3], 4), tf.Constant(new[] { true, false, true, false })).ToArray<int>());
        var m = I32([1, 2, 3, 4, 5, 6], 3, 2);
        var rows = tf.BooleanMask(m, tf.Constant(new[] { true, false, true }));
        Assert.Equal(new Shape(2, 2), rows.Shape);
        Assert.Equal([1, 2, 5, 6], rows.ToArray<int>());
        Assert.Equal([2, 4, 6], tf.BooleanMask(m, tf.Constant(new[] { false, true }), axis: 1).ToArray<int>().Take(3).ToArray());
        Assert.Equal([2, 3], tf.BooleanMask(m, tf.Constant(new[] { false, true, true, false, false, false }, shape: new Shape(3, 2))).ToArray<int>());
        Assert.Contains("incompatible", Assert.Throws<InvalidArgumentError>(() => tf.BooleanMask(m, tf.Constant(new[] { true, false }))).Message);
        Assert.Throws<InvalidArgumentError>(() => tf.BooleanMask(m, tf.Constant(true)));
        Assert.Throws<InvalidArgumentError>(() => tf.BooleanMask(m, I32([1, 0, 1], 3)));
        Assert.Throws<InvalidArgumentError>(() => tf.BooleanMask(m, tf.Constant(new[] { true, false }), axis: 2));
        Check(x => tf.BooleanMask(x, tf.Constant(new[] { true, false, true })), Rand(8, [3, 2]));
    }

    [Fact]
    public void GatherWithBatchDims()
    {
        // TF docs: gather([[1, 2, 3], [4, 5, 6]], [[0, 2], [1, 1]]... per batch: batch 0 picks [1, 3], batch 1 [5, 5].
        var p = I32([1, 2, 3, 4, 5, 6], 2, 3);
        var y = tf.Gather(p, I32([0, 2, 1, 1], 2, 2), batchDims: 1);
        Assert.Equal(new Shape(2, 2), y.Shape);
        Assert.Equal([1, 3, 5, 5], y.ToArray<int>());
        // axis after the batch: params (2, 2, 3), axis 2, batch 1 → (2, 2, 1).
        var q = I32([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 2, 2, 3);
        var z = tf.Gather(q, I32([2, 0], 2, 1), axis: 2, batchDims: -1);
        Assert.Equal(new Shape(2, 2, 1), z.Shape);
        Assert.Equal([2, 5, 6, 9], z.ToArray<int>());
        Assert.Throws<InvalidArgumentError>(() => tf.Gather(p, I32([0, 2, 1, 1], 2, 2), axis: 0, batchDims: 1));
        Assert.Throws<InvalidArgumentError>(() => tf.Gather(p, I32([0, 1, 0], 3, 1), batchDims: 1));
        Assert.Throws<InvalidArgumentError>(() => tf.Gather(p, I32([0, 3], 2, 1), batchDims: 1));
        Assert.Throws<InvalidArgumentError>(() => tf.Gather(p, I32([0, 1], 2, 1), batchDims: 3));
        Check(x => tf.Gather(x, I32([0, 0, 2, 1], 2, 2), batchDims: 1), Rand(9, [2, 3]));
        CheckSecondOrder(x => tf.Square(tf.Gather(x, I32([1, 1, 0, 0], 2, 2), batchDims: 1)), Rand(10, [2, 2]));
    }

    [Fact]
    public void ScattersOfOtherDtypes()
    {
        Assert.Equal([0L, 7], tf.ScatterNd(I32([1, 1], 2, 1), tf.Constant(new long[] { 3, 4 }), [2]).ToArray<long>());
        Assert.Equal([(byte)0, 7], tf.ScatterNd(I32([1, 1], 2, 1), tf.Constant(new byte[] { 3, 4 }), [2]).ToArray<byte>());
        Assert.Throws<UnsupportedDTypeError>(() => tf.TensorScatterNdAdd(tf.Constant(new[] { true }), I32([0], 1, 1), tf.Constant(new[] { true })));
    }

    [Fact]
    public void GatherNdWithBatchDims()
    {
        // params (2, 2, 2): batch 0 [[1, 2], [3, 4]], batch 1 [[5, 6], [7, 8]]; per batch one tuple (row, column).
        var p = F32([1, 2, 3, 4, 5, 6, 7, 8], 2, 2, 2);
        Expect.Values(tf.GatherNd(p, I32([0, 1, 1, 0], 2, 2), batchDims: 1), [2], [2, 7]);
        // One-element tuples pick rows: batch 0 row 1, batch 1 rows 0 and 1.
        Expect.Values(tf.GatherNd(p, I32([1, 1, 0, 1], 2, 2, 1), batchDims: 1), [2, 2, 2], [3, 4, 3, 4, 5, 6, 7, 8]);
        // Empty tuples take the whole batch element.
        Expect.Values(tf.GatherNd(p, I32([], 2, 1, 0), batchDims: 1), [2, 1, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8]);
        Assert.Throws<InvalidArgumentError>(() => tf.GatherNd(p, I32([0, 1], 2, 1), batchDims: 2));
        Assert.Throws<InvalidArgumentError>(() => tf.GatherNd(p, I32([0, 1, 1], 3, 1), batchDims: 1));
        Assert.Throws<InvalidArgumentError>(() => tf.GatherNd(p, I32([0, 1, 1, 0, 0, 0], 2, 3), batchDims: 1));
        Assert.Throws<InvalidArgumentError>(() => tf.GatherNd(p, I32([0, 2, 1, 0], 2, 2), batchDims: 1));
        Check(x => tf.GatherNd(x, I32([0, 1, 1, 1], 2, 1, 2), batchDims: 1), Rand(11, [2, 2, 2]));
    }
}
