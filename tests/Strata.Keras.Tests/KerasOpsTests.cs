namespace Strata.Keras.Tests;

/// <summary>keras.ops: doors to the tf ops under Keras 3's names, with Keras's argument conventions.</summary>
public class KerasOpsTests
{
    [Fact]
    public void DoorsGiveTheSameValuesAsTheTfOps()
    {
        var x = tf.Constant(new[,] { { 0.1f, -0.5f, 0.9f }, { 0.3f, 0.2f, -0.7f } });
        Assert.Equal(tf.Asin(x).ToArray<float>(), keras.ops.Arcsin(x).ToArray<float>());
        Assert.Equal(tf.Atanh(x).ToArray<float>(), keras.ops.Arctanh(x).ToArray<float>());
        Assert.Equal(tf.Atan2(x, x + 1).ToArray<float>(), keras.ops.Arctan2(x, x + 1).ToArray<float>());
        Assert.Equal(tf.ReduceSum(x).Item<float>(), keras.ops.Sum(x).Item<float>());
        Assert.Equal(tf.ReduceMean(x, [1]).ToArray<float>(), keras.ops.Mean(x, axis: 1).ToArray<float>());
        Assert.Equal(new Shape(2, 1), keras.ops.Max(x, axis: -1, keepdims: true).Shape);
        Assert.Equal(tf.Concat([x, x], 1).ToArray<float>(), keras.ops.Concatenate([x, x], axis: 1).ToArray<float>());
        Assert.Equal(new[] { 0.0, 0.5, 1.0 }, keras.ops.Linspace(0, 1, 3, DType.Float64).ToArray<double>());
        Assert.Equal(new[] { 2, 4 }, keras.ops.Arange(2, 6, 2).ToArray<int>());
        Assert.Equal(new[] { 1, 0, 0 }, keras.ops.BitwiseAnd(tf.Constant(new[] { 3, 4, 8 }), tf.Constant(new[] { 1, 3, 7 })).ToArray<int>());
        Assert.Equal(new[] { 9 }, keras.ops.Power(tf.Constant(new[] { 3 }), tf.Constant(new[] { 2 })).ToArray<int>());
        Assert.Equal(new[] { 1, 1, 2, 2 }, keras.ops.Repeat(tf.Constant(new[] { 1, 2 }), 2).ToArray<int>());
        Assert.Equal(new[] { 2 }, keras.ops.Matmul(tf.Constant(new[,] { { 1, 1 } }), tf.Constant(new[,] { { 1 }, { 1 } })).ToArray<int>());
    }

    [Fact]
    public void KerasConventionsWhereTheyDifferFromTensorFlow()
    {
        var x = tf.Constant(new[,] { { 1, 7, 3 }, { 9, 2, 4 } });
        var am = keras.ops.Argmax(x);                          // axis None: the flattened index, int32
        Assert.Equal(DType.Int32, am.DType);
        Assert.Equal(3, am.Item<int>());
        Assert.Equal(new[] { 1, 0 }, keras.ops.Argmax(x, axis: 1).ToArray<int>());
        Assert.Equal(new[] { 7, 4 }, keras.ops.Take(x, tf.Constant(new[] { 1, 5 })).ToArray<int>()); // flattened
        Assert.Equal(new[] { 9, 2, 4 }, keras.ops.Take(x, tf.Constant(new[] { 1 }), axis: 0).ToArray<int>().ToArray());
        Assert.Equal(new[] { 4, 2, 9, 3, 7, 1 }, keras.ops.Flip(x).ToArray<int>()); // every axis
        Assert.Equal(new[] { 1, 8, 11, 20, 22, 26 }, keras.ops.Cumsum(x).ToArray<int>());
        // NumPy's tile rule: fewer repeats than dims pad with 1s; more add leading dims.
        Assert.Equal(new Shape(2, 6), keras.ops.Tile(x, [2]).Shape);
        Assert.Equal(new Shape(2, 2, 3), keras.ops.Tile(x, [2, 1, 1]).Shape);
        // where with only a condition gives coordinates.
        var coords = keras.ops.Where(tf.Constant(new[] { false, true, true }));
        Assert.Equal(new[] { 1L, 2L }, coords.ToArray<long>());
        Assert.Throws<InvalidArgumentError>(() => keras.ops.Where(tf.Constant(new[] { true }), x1: tf.Constant(1)));
        Assert.Equal(new[] { 1, 9 }, keras.ops.Roll(tf.Constant(new[] { 9, 1 }), 1).ToArray<int>());
        Assert.Equal(new Shape(3, 2), keras.ops.Swapaxes(x, 0, -1).Shape);
        Assert.Equal(new[] { 1, 7, 3, 1, 7, 3 }, keras.ops.Hstack([x[0], x[0]]).ToArray<int>());
        Assert.Equal(new Shape(2, 3), keras.ops.Vstack([x[0], x[1]]).Shape);
        Assert.Equal(new Shape(4, 3), keras.ops.Vstack([x, x]).Shape);
        Assert.Equal(6, keras.ops.CountNonzero(x).Item<int>());
        Assert.Equal(new[] { 7, 9 }, keras.ops.Amax(x, axis: 1).ToArray<int>());
        Assert.Equal(new[] { 2.5f, 2.5f }, keras.ops.Full([2], 2.5).ToArray<float>());
        Assert.Equal(new[] { 4, 4, 4, 4, 4, 4 }, keras.ops.FullLike(x, 4).ToArray<int>());
        Assert.Equal(5f, keras.ops.Norm(tf.Constant(new[] { 3f, 4f })).Item<float>(), 6);
    }

    [Fact]
    public void GradientsFlowThroughTheDoors()
    {
        var x = tf.Variable(tf.Constant(new[] { 0.2, 0.4 }, dtype: DType.Float64));
        using var tape = new GradientTape();
        var y = keras.ops.Sum(keras.ops.Tile(keras.ops.Sin(x), [3]));
        var g = tape.Gradient(y, x)!.ToArray<double>();
        Assert.Equal(3 * Math.Cos(0.2), g[0], 12);
        Assert.Equal(3 * Math.Cos(0.4), g[1], 12);
    }
}
