using static Strata.Tests.GradientCheck;

namespace Strata.Tests.Ops;

/// <summary>tf.tile and tf.repeat: TensorFlow's values (numbers as tf.tile / tf.repeat print them), the edge cases
/// (zero multiples, empty inputs, scalars, axis None flattening, negative axes, bool and int dtypes), the errors, and
/// gradients against finite differences.</summary>
public class TileRepeatTests
{
    [Fact]
    public void TileRepeatsEveryDimension()
    {
        // tf.tile([[1, 2], [3, 4]], [2, 3])
        var y = tf.Tile(tf.Constant(new[,] { { 1, 2 }, { 3, 4 } }), [2, 3]);
        Assert.Equal(new Shape(4, 6), y.Shape);
        Assert.Equal(DType.Int32, y.DType);
        Assert.Equal(new[] { 1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4, 1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4 }, y.ToArray<int>());
        // rank 1 and rank 3
        Assert.Equal(new[] { 1f, 2f, 1f, 2f, 1f, 2f }, tf.Tile(tf.Constant(new[] { 1f, 2f }), [3]).ToArray<float>());
        var r3 = tf.Tile(tf.Reshape(tf.Range(0, 4), [2, 1, 2]), [1, 2, 1]);
        Assert.Equal(new Shape(2, 2, 2), r3.Shape);
        Assert.Equal(new[] { 0, 1, 0, 1, 2, 3, 2, 3 }, r3.ToArray<int>());
    }

    [Fact]
    public void TileEdgeCases()
    {
        Assert.Equal(new Shape(0, 2), tf.Tile(tf.Ones([3, 2]), [0, 1]).Shape);       // a zero multiple empties the dim
        Assert.Equal(new Shape(0, 6), tf.Tile(tf.Ones([0, 2]), [5, 3]).Shape);        // an empty input stays empty
        var s = tf.Tile(tf.Constant(7f), []);                                          // a scalar with no multiples
        Assert.Equal(Shape.Scalar, s.Shape);
        Assert.Equal(7f, s.Item<float>());
        var same = tf.Tile(tf.Constant(new[] { 1f, 2f }), [1]);
        Assert.Equal(new[] { 1f, 2f }, same.ToArray<float>());
        var b = tf.Tile(tf.Constant(new[] { true, false }), [2]);                        // any dtype
        Assert.Equal(new[] { true, false, true, false }, b.ToArray<bool>());
        Assert.Equal(new[] { 1L, 1L }, tf.Tile(tf.Constant(new[] { 1L }), tf.Constant(new[] { 2 })).ToArray<long>());
        var nan = tf.Tile(tf.Constant(new[] { float.NaN, float.NegativeInfinity }), [2]).ToArray<float>();
        Assert.True(float.IsNaN(nan[2]) && float.IsNegativeInfinity(nan[3]));
    }

    [Fact]
    public void TileErrorsNameTheOpAndShapes()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => tf.Tile(tf.Ones([2, 3]), [2]));
        Assert.Contains("Tile", e.Message);
        Assert.Contains("length 2 but got length 1", e.Message);
        Assert.Contains("(2, 3)", e.Message);
        var n = Assert.Throws<InvalidArgumentError>(() => tf.Tile(tf.Ones([2]), [-1]));
        Assert.Contains("multiples[0] >= 0", n.Message);
        var big = Assert.Throws<InvalidArgumentError>(() => tf.Tile(tf.Ones([2, 2]), [int.MaxValue, 2]));
        Assert.Contains("Tile", big.Message);
        Assert.Throws<InvalidArgumentError>(() => tf.Tile(tf.Ones([2]), tf.Constant(new[] { 1f })));
    }

    [Fact]
    public void TileGradientSumsTheCopies()
    {
        Check(x => tf.Tile(x, [2, 3]), Rand(1, [2, 3]));
        Check(x => tf.Tile(x, [3, 1, 2]), Rand(2, [1, 2, 2]));
        CheckSecondOrder(x => tf.Square(tf.Tile(x, [2, 2])), Rand(3, [2, 2]));
        // dTile(x, [3]) / dx with an upstream of ones: each element counted three times.
        var x = tf.Constant(new[] { 1.0, 2.0 }, dtype: DType.Float64);
        using var tape = new GradientTape();
        tape.Watch(x);
        var g = tape.Gradient(tf.ReduceSum(tf.Tile(x, [3])), x)!;
        Assert.Equal(new[] { 3.0, 3.0 }, g.ToArray<double>());
    }

    [Fact]
    public void RepeatWithNoAxisFlattens()
    {
        // tf.repeat([[1, 2], [3, 4]], repeats=2) -> [1 1 2 2 3 3 4 4]
        var y = tf.Repeat(tf.Constant(new[,] { { 1, 2 }, { 3, 4 } }), 2);
        Assert.Equal(new Shape(8), y.Shape);
        Assert.Equal(new[] { 1, 1, 2, 2, 3, 3, 4, 4 }, y.ToArray<int>());
        // tf.repeat(3, repeats=4) -> [3 3 3 3]
        Assert.Equal(new[] { 3, 3, 3, 3 }, tf.Repeat(tf.Constant(3), 4).ToArray<int>());
    }

    [Fact]
    public void RepeatAlongAnAxisWithCountsPerSlice()
    {
        // tf.repeat(['a','b','c'] as 0,1,2, repeats=[3, 1, 2], axis=0)
        Assert.Equal(new[] { 0, 0, 0, 1, 2, 2 }, tf.Repeat(tf.Constant(new[] { 0, 1, 2 }), [3, 1, 2], 0).ToArray<int>());
        // tf.repeat([[1, 2], [3, 4]], repeats=[2, 3], axis=0)
        var r0 = tf.Repeat(tf.Constant(new[,] { { 1, 2 }, { 3, 4 } }), [2, 3], 0);
        Assert.Equal(new Shape(5, 2), r0.Shape);
        Assert.Equal(new[] { 1, 2, 1, 2, 3, 4, 3, 4, 3, 4 }, r0.ToArray<int>());
        // tf.repeat([[1, 2], [3, 4]], repeats=[2, 3], axis=1)
        var r1 = tf.Repeat(tf.Constant(new[,] { { 1, 2 }, { 3, 4 } }), [2, 3], 1);
        Assert.Equal(new Shape(2, 5), r1.Shape);
        Assert.Equal(new[] { 1, 1, 2, 2, 2, 3, 3, 4, 4, 4 }, r1.ToArray<int>());
        Assert.Equal(r1.ToArray<int>(), tf.Repeat(tf.Constant(new[,] { { 1, 2 }, { 3, 4 } }), tf.Constant(new[] { 2, 3 }), -1).ToArray<int>());
        // zero counts drop slices; one count broadcasts
        Assert.Equal(new[] { 2f }, tf.Repeat(tf.Constant(new[] { 1f, 2f }), [0, 1], 0).ToArray<float>());
        Assert.Equal(new Shape(0), tf.Repeat(tf.Constant(new[] { 1f, 2f }), 0).Shape);
        Assert.Equal(new Shape(0, 3), tf.Repeat(tf.Zeros([0, 3]), 2, 0).Shape);
        Assert.Equal(new Shape(4, 0), tf.Repeat(tf.Zeros([2, 0]), 2, 0).Shape);
    }

    [Fact]
    public void RepeatErrorsNameTheOpAndShapes()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => tf.Repeat(tf.Ones([2, 3]), [1, 2], 1));
        Assert.Contains("Repeat", e.Message);
        Assert.Contains("(2, 3)", e.Message);
        var n = Assert.Throws<InvalidArgumentError>(() => tf.Repeat(tf.Ones([2]), -1));
        Assert.Contains("negative", n.Message);
        Assert.Throws<InvalidArgumentError>(() => tf.Repeat(tf.Ones([2]), 1, 3));
        Assert.Throws<InvalidArgumentError>(() => tf.Repeat(tf.Constant(1f), 2, 0));
        Assert.Throws<InvalidArgumentError>(() => tf.Repeat(tf.Ones([2]), tf.Constant(new[] { 1f, 2f }), 0));
    }

    [Fact]
    public void RepeatGradientSumsTheRepeatedSlices()
    {
        Check(x => tf.Repeat(x, [2, 1, 3], 1), Rand(7, [2, 3]));
        Check(x => tf.Repeat(x, 2), Rand(8, [2, 2]));
        Check(x => tf.Repeat(x, [0, 2], 0), Rand(9, [2, 3]));
        CheckSecondOrder(x => tf.Square(tf.Repeat(x, [1, 2], -1)), Rand(10, [3, 2]));
    }
}
