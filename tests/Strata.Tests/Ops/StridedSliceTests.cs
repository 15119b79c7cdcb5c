using static Strata.Tests.GradientCheck;

namespace Strata.Tests.Ops;

/// <summary>Tensor indexing (<c>x[…]</c>) and tf.StridedSlice. Expected values are NumPy's for the same subscripts,
/// worked out by hand on x = arange(24).reshape(2, 3, 4), where x[i, j, k] = 12i + 4j + k.</summary>
public class StridedSliceTests
{
    private static Tensor Iota(params int[] shape)
    {
        int n = shape.Aggregate(1, (p, d) => p * d);
        return tf.Constant(Enumerable.Range(0, n).Select(i => (float)i).ToArray(), shape: new Shape(shape));
    }

    private static readonly Tensor X = Iota(2, 3, 4);

    [Fact]
    public void PositionRemovesItsDimension()
    {
        Expect.Values(X[1], [3, 4], Enumerable.Range(12, 12).Select(i => (double)i).ToArray());
        Expect.Values(X[^1], [3, 4], Enumerable.Range(12, 12).Select(i => (double)i).ToArray());
        Expect.Values(X[-2, -1], [4], [8, 9, 10, 11]);
        Expect.Values(X[1, 2, 3], [], [23]);
    }

    [Fact]
    public void RangesKeepTheirDimensionAndClamp()
    {
        // x[:, 1:3] -> shape (2, 2, 4)
        Expect.Values(X[.., 1..3], [2, 2, 4], [4, 5, 6, 7, 8, 9, 10, 11, 16, 17, 18, 19, 20, 21, 22, 23]);
        // x[0, :, 2] -> [2, 6, 10]
        Expect.Values(X[0, .., 2], [3], [2, 6, 10]);
        // x[0, 1:100] clamps to x[0, 1:3]; x[0, -100:1] to x[0, 0:1]
        Expect.Values(X[0, 1..100, 0], [2], [4, 8]);
        Expect.Values(X[0, TensorIndex.Slice(-100, 1), 0], [1], [0]);
        // x[0, 1:^1] is x[0, 1:-1]
        Expect.Values(X[0, 1..^1, 1], [1], [5]);
        // An empty range: x[0, 2:1] has shape (0, 4).
        Assert.Equal(new Shape(0, 4), X[0, 2..1].Shape);
        Assert.Equal(new Shape(0, 4), X[0, ^0..].Shape);
    }

    [Fact]
    public void StepsIncludingNegative()
    {
        var v = Iota(10);
        Expect.Values(v[TensorIndex.Slice(1, null, 3)], [3], [1, 4, 7]);           // v[1::3]
        Expect.Values(v[TensorIndex.Slice(8, 1, -3)], [3], [8, 5, 2]);             // v[8:1:-3]
        Expect.Values(v[TensorIndex.Slice(null, null, -2)], [5], [9, 7, 5, 3, 1]); // v[::-2]
        Expect.Values(v[TensorIndex.Slice(-1, -4, -1)], [3], [9, 8, 7]);           // v[-1:-4:-1]
        Expect.Values(v[TensorIndex.Slice(20, null, -4)], [3], [9, 5, 1]);         // v[20::-4] clamps to the last
        // x[::-1, 0, ::2] -> rows of i = 1, 0 at j = 0, k = 0 and 2
        Expect.Values(X[TensorIndex.Slice(null, null, -1), 0, TensorIndex.Slice(null, null, 2)], [2, 2], [12, 14, 0, 2]);
    }

    [Fact]
    public void NewAxisAndEllipsis()
    {
        // x[tf.newaxis, :, 0] -> shape (1, 2, 4)
        Expect.Values(X[tf.newaxis, .., 0], [1, 2, 4], [0, 1, 2, 3, 12, 13, 14, 15]);
        // x[..., 1] -> x[:, :, 1], shape (2, 3)
        Expect.Values(X[tf.ellipsis, 1], [2, 3], [1, 5, 9, 13, 17, 21]);
        // x[1, ..., tf.newaxis] -> shape (3, 4, 1)
        Assert.Equal(new Shape(3, 4, 1), X[1, tf.ellipsis, tf.newaxis].Shape);
        // x[..., 0, tf.newaxis, 1]: the ellipsis covers dimension 0 only
        Expect.Values(X[tf.ellipsis, 0, tf.newaxis, 1], [2, 1], [1, 13]);
        // No entries at all: the whole tensor.
        Assert.Equal(X.Shape, X[tf.ellipsis].Shape);
        Assert.Equal(new Shape(1), tf.Constant(5f)[tf.newaxis].Shape);
    }

    [Fact]
    public void StridedSliceWithTensorFlowsDocExamples()
    {
        // tf.strided_slice's docstring: t = [[[1,1,1],[2,2,2]], [[3,3,3],[4,4,4]], [[5,5,5],[6,6,6]]]
        var t = tf.Constant(new float[] { 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6 }, shape: new Shape(3, 2, 3));
        Expect.Values(tf.StridedSlice(t, [1, 0, 0], [2, 1, 3], [1, 1, 1]), [1, 1, 3], [3, 3, 3]);
        Expect.Values(tf.StridedSlice(t, [1, 0, 0], [2, 2, 3], [1, 1, 1]), [1, 2, 3], [3, 3, 3, 4, 4, 4]);
        Expect.Values(tf.StridedSlice(t, [1, -1, 0], [2, -3, 3], [1, -1, 1]), [1, 2, 3], [4, 4, 4, 3, 3, 3]);
        // Masks: begin_mask on dim 0 and end_mask on dim 2; shrink dim 1 at index 1 -> t[:2, 1, 1:]
        Expect.Values(tf.StridedSlice(t, [5, 1, 1], [2, 2, 0], beginMask: 1, endMask: 4, shrinkAxisMask: 2), [2, 2], [2, 2, 4, 4]);
        // new_axis_mask and ellipsis_mask: t[tf.newaxis, ..., 0]
        Expect.Values(tf.StridedSlice(t, [0, 0, 0], [0, 0, 1], newAxisMask: 1, ellipsisMask: 2, shrinkAxisMask: 4), [1, 3, 2], [1, 2, 3, 4, 5, 6]);
    }

    [Fact]
    public void IntegerAndBoolTensorsSlice()
    {
        var i = tf.Constant(new long[] { 1, 2, 3, 4 });
        Assert.Equal(new long[] { 4, 2 }, i[TensorIndex.Slice(null, null, -2)].ToArray<long>());
        var b = tf.Constant(new[] { true, false, true });
        Assert.Equal(new[] { true, false }, b[..2].ToArray<bool>());
        var d = tf.Constant(new double[] { 0.5, 1.5 });
        Assert.Equal(1.5, d[1].Item<double>());
    }

    [Fact]
    public void BadIndicesNameTheProblem()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => X[2]);
        Assert.Contains("slice index 2 of dimension 0 out of bounds", e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => X[0, -4]);
        Assert.Contains("slice index -4 of dimension 1 out of bounds", e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => X[^0]);
        Assert.Contains("^0", e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => X[0, 0, 0, 0]);
        Assert.Contains("input has only 3 dims", e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => X[tf.ellipsis, 0, tf.ellipsis]);
        Assert.Contains("multiple ellipses", e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => X[TensorIndex.Slice(0, 2, 0)]);
        Assert.Contains("strides[0] must be non-zero", e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => tf.StridedSlice(X, [0, 0], [1], [1, 1]));
        Assert.Contains("same length", e.Message);
    }

    [Fact]
    public void GradientScattersBack()
    {
        var x = Rand(1, [3, 4]);
        Check(t => t[TensorIndex.Slice(2, 0, -1), 1..], x);
        Check(t => t[tf.newaxis, .., 2], x);
        Check((Tensor t) => tf.Square(t[1]), x);
        CheckSecondOrder(t => tf.Multiply(t[.., TensorIndex.Slice(null, null, 2)], t[.., TensorIndex.Slice(1, null, 2)]), x);
    }

    [Fact]
    public void GradientOfASliceIsZeroOutsideIt()
    {
        var x = tf.Constant(new float[] { 1, 2, 3, 4 });
        using var tape = new GradientTape();
        tape.Watch(x);
        var y = tf.ReduceSum(x[1..3] * 10f);
        var g = tape.Gradient(y, x)!;
        Assert.Equal(new float[] { 0, 10, 10, 0 }, g.ToArray<float>());
    }

    [Fact]
    public void VariableSliceAssignWritesOnlyThoseElements()
    {
        var v = tf.Variable(tf.Zeros([2, 3]));
        var returned = v[0, 1..].Assign(tf.Constant(new float[] { 5, 6 }));
        Assert.Same(v, returned);
        Assert.Equal(new float[] { 0, 5, 6, 0, 0, 0 }, v.ToArray<float>());
        v[.., 0].Assign(7);                                         // a literal fills the slice
        Assert.Equal(new float[] { 7, 5, 6, 7, 0, 0 }, v.ToArray<float>());
        v[^1, TensorIndex.Slice(null, null, -1)].Assign(tf.Constant(new float[] { 1, 2, 3 }));
        Assert.Equal(new float[] { 7, 5, 6, 3, 2, 1 }, v.ToArray<float>());

        var e = Assert.Throws<InvalidArgumentError>(() => v[0].Assign(tf.Constant(new float[] { 1, 2 })));
        Assert.Contains("sliced l-value shape (3,) does not match r-value shape (2,)", e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => v[0].Assign(tf.Constant(new double[] { 1, 2, 3 }, dtype: DType.Float64)));
        Assert.Contains("dtype float32, value has dtype float64", e.Message);
    }

    [Fact]
    public void VariableSliceReadIsRecordedAndKeepsItsValueAfterAssign()
    {
        var v = tf.Variable(tf.Constant(new float[] { 1, 2, 3 }));
        Tensor? g;
        using (var tape = new GradientTape())
        {
            var head = v[..2];
            var loss = tf.ReduceSum(tf.Square(head));
            g = tape.Gradient(loss, v);
        }
        Assert.Equal(new float[] { 2, 4, 0 }, g!.ToArray<float>());
        var before = v[1..];
        v[1..].Assign(tf.Constant(new float[] { 9, 9 }));
        Assert.Equal(new float[] { 2, 3 }, before.ToArray<float>());      // a slice read earlier is a copy
        Assert.Equal(new float[] { 1, 9, 9 }, v.ToArray<float>());
    }
}
