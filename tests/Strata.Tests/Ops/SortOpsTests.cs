using static Strata.Tests.GradientCheck;

namespace Strata.Tests.Ops;

public class SortOpsTests
{
    private static Tensor F32(float[] v, params int[] shape) => tf.Constant(v, shape: new Shape(shape));
    private static Tensor I32(int[] v, params int[] shape) => tf.Constant(v, shape: new Shape(shape));

    [Fact]
    public void TopKIsStableOnTies()
    {
        var (values, indices) = tf.TopK(F32([1, 3, 3, 2, 5, 0], 2, 3), 2);
        Assert.Equal(new Shape(2, 2), values.Shape);
        Expect.Values(values, [2, 2], [3, 3, 5, 2]);
        Assert.Equal(DType.Int32, indices.DType);
        Assert.Equal([1, 2, 1, 0], indices.ToArray<int>());
        var (v1, i1) = tf.TopK(I32([4, 4, 4], 3));
        Assert.Equal([4], v1.ToArray<int>());
        Assert.Equal([0], i1.ToArray<int>());
        var (v0, _) = tf.TopK(F32([1, 2], 2), 0);
        Assert.Equal(new Shape(0), v0.Shape);
        var (vn, inan) = tf.TopK(F32([1, float.NaN, float.PositiveInfinity], 3), 3);
        Assert.Equal([1, 2, 0], inan.ToArray<int>());
        Assert.True(float.IsNaN(vn.ToArray<float>()[0]));
    }

    [Fact]
    public void TopKErrors()
    {
        Assert.Contains("at least k columns. Had 2, needed 3", Assert.Throws<InvalidArgumentError>(() => tf.TopK(F32([1, 2], 2), 3)).Message);
        Assert.Throws<InvalidArgumentError>(() => tf.TopK(F32([1, 2], 2), -1));
        Assert.Throws<InvalidArgumentError>(() => tf.TopK(tf.Constant(1f)));
        Assert.Throws<UnsupportedDTypeError>(() => tf.TopK(tf.Constant(new[] { true })));
    }

    [Fact]
    public void TopKGradientScattersToTheIndices()
    {
        var x = GradientCheck.F64([1, 5, 3, 4, 2, 6], 2, 3);
        using (var tape = new GradientTape())
        {
            tape.Watch(x);
            var g = tape.Gradient(tf.ReduceSum(tf.TopK(x, 2).Values), x)!;
            Assert.Equal([0.0, 1, 1, 1, 0, 1], g.ToArray<double>());
        }
        Check(v => tf.TopK(v, 2).Values, Rand(1, [3, 4]));
        CheckSecondOrder(v => tf.Square(tf.TopK(v, 2).Values), Rand(2, [2, 3]));
    }

    [Fact]
    public void SortAndArgsort()
    {
        // TF docs: sort([1, 10, 26.9, 2.8, 166.32, 62.3]) → [1, 2.8, 10, 26.9, 62.3, 166.32]; argsort([1, 10, 26.9, 2.8, 166.32, 62.3]) → [0, 3, 1, 2, 5, 4].
        var x = F32([1, 10, 26.9f, 2.8f, 166.32f, 62.3f], 6);
        Expect.Values(tf.Sort(x), [6], [1, 2.8, 10, 26.9, 62.3, 166.32], 1e-6);
        Assert.Equal([0, 3, 1, 2, 5, 4], tf.Argsort(x).ToArray<int>());
        Expect.Values(tf.Sort(x, direction: "DESCENDING"), [6], [166.32, 62.3, 26.9, 10, 2.8, 1], 1e-6);
        Assert.Equal([4, 5, 2, 1, 3, 0], tf.Argsort(x, direction: "DESCENDING").ToArray<int>());
        // Stable both ways: equal values keep index order.
        Assert.Equal([1, 3, 0, 2], tf.Argsort(I32([2, 1, 2, 1], 4)).ToArray<int>());
        Assert.Equal([0, 2, 1, 3], tf.Argsort(I32([2, 1, 2, 1], 4), direction: "DESCENDING").ToArray<int>());
        // Along axis 0 of a matrix.
        var m = I32([3, 1, 2, 4, 1, 0], 3, 2);
        Assert.Equal([1, 0, 2, 1, 3, 4], tf.Sort(m, 0).ToArray<int>());
        Assert.Equal([2, 2, 1, 0, 0, 1], tf.Argsort(m, 0).ToArray<int>()); // column 0 [3, 2, 1], column 1 [1, 4, 0]
        Expect.Values(tf.Sort(F32([float.NaN, 1, float.NegativeInfinity], 3)), [3], [double.NegativeInfinity, 1, double.NaN]);
        Assert.Equal(new Shape(2, 0), tf.Sort(tf.Zeros([2, 0])).Shape);
        Assert.Throws<InvalidArgumentError>(() => tf.Sort(x, direction: "UP"));
        Assert.Throws<InvalidArgumentError>(() => tf.Argsort(tf.Constant(1)));
        Assert.Throws<InvalidArgumentError>(() => tf.Sort(x, 1));
    }

    [Fact]
    public void SortGradientFollowsThePermutation()
    {
        Check(v => tf.Sort(v), Rand(3, [2, 4]));
        Check(v => tf.Sort(v, 0, "DESCENDING"), Rand(4, [3, 2]));
    }

    [Fact]
    public void SortsOtherDtypes()
    {
        Assert.Equal([long.MinValue, 3, long.MaxValue], tf.Sort(tf.Constant(new[] { long.MaxValue, long.MinValue, 3 })).ToArray<long>());
        Assert.Equal([2, 0, 1], tf.Argsort(tf.Constant(new byte[] { 5, 9, 1 }), direction: "ASCENDING").ToArray<int>());
        Assert.Equal([1, 0], tf.TopK(tf.Constant(new[] { 1.0, 2.0 }, DType.Float64), 2).Indices.ToArray<int>());
    }
}
