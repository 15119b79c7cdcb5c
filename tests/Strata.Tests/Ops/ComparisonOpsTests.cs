namespace Strata.Tests.Ops;

public class ComparisonOpsTests
{
    private static Tensor F32(float[] v, params int[] shape) => tf.Constant(v, shape: new Shape(shape));
    private static Tensor I32(int[] v, params int[] shape) => tf.Constant(v, shape: new Shape(shape));

    [Fact]
    public void ElementwiseComparisons()
    {
        var a = F32([1, 2, 3], 3);
        var b = F32([3, 2, 1], 3);
        Assert.Equal([false, true, false], tf.Equal(a, b).ToArray<bool>());
        Assert.Equal([true, false, true], tf.NotEqual(a, b).ToArray<bool>());
        Assert.Equal([false, false, true], tf.Greater(a, b).ToArray<bool>());
        Assert.Equal([false, true, true], tf.GreaterEqual(a, b).ToArray<bool>());
        Assert.Equal([true, false, false], tf.Less(a, b).ToArray<bool>());
        Assert.Equal([true, true, false], tf.LessEqual(a, b).ToArray<bool>());
        Assert.Equal(DType.Bool, tf.Equal(a, b).DType);
    }

    [Fact]
    public void ComparisonsBroadcastAndTakeLiterals()
    {
        var m = I32([1, 5, 3, 7], 2, 2);
        var r = tf.Greater(m, I32([2, 6], 2));
        Assert.Equal(new Shape(2, 2), r.Shape);
        Assert.Equal([false, false, true, true], r.ToArray<bool>());
        Assert.Equal([false, true, false, true], tf.Greater(m, 4).ToArray<bool>());
        Assert.Equal([true, false], tf.Less(F32([0.5f, 2], 2), 1.5).ToArray<bool>());
        var col = tf.LessEqual(F32([1, 2], 2, 1), F32([1, 2, 3], 1, 3));
        Assert.Equal(new Shape(2, 3), col.Shape);
        Assert.Equal([true, true, true, false, true, true], col.ToArray<bool>());
    }

    [Fact]
    public void NaNComparesUnequal()
    {
        var x = F32([float.NaN], 1);
        Assert.False(tf.Equal(x, x).ToArray<bool>()[0]);
        Assert.True(tf.NotEqual(x, x).ToArray<bool>()[0]);
        Assert.False(tf.Greater(x, 0).ToArray<bool>()[0]);
    }

    [Fact]
    public void BoolEqualityAndLogicalOps()
    {
        var p = tf.Constant(new[] { true, true, false, false });
        var q = tf.Constant(new[] { true, false, true, false });
        Assert.Equal([true, false, false, true], tf.Equal(p, q).ToArray<bool>());
        Assert.Equal([true, false, false, false], tf.LogicalAnd(p, q).ToArray<bool>());
        Assert.Equal([true, true, true, false], tf.LogicalOr(p, q).ToArray<bool>());
        Assert.Equal([false, false, true, true], tf.LogicalNot(p).ToArray<bool>());
        Assert.Throws<UnsupportedDTypeError>(() => tf.Greater(p, q));
    }

    [Fact]
    public void ComparingDifferentDTypesIsAnError()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => tf.Equal(F32([1], 1), I32([1], 1)));
        Assert.Contains("Equal", e.Message);
    }
}
