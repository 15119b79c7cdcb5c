namespace Strata.Tests;

/// <summary>tf.random.shuffle: a permutation of the first dimension, rows kept whole, reproducible under seeds.</summary>
[Collection("tf.random")]
public class ShuffleTests
{
    [Fact]
    public void ShufflesRowsAndIsReproducible()
    {
        tf.random.SetSeed(3);
        var x = tf.Reshape(tf.Range(0, 20), [10, 2]);
        var a = tf.random.Shuffle(x).ToArray<int>();
        tf.random.SetSeed(3);
        var b = tf.random.Shuffle(x).ToArray<int>();
        Assert.Equal(a, b);
        var rows = Enumerable.Range(0, 10).Select(i => (a[2 * i], a[2 * i + 1])).ToArray();
        Assert.All(rows, r => Assert.Equal(r.Item1 + 1, r.Item2));                     // rows stay whole
        Assert.Equal(Enumerable.Range(0, 10).Select(i => 2 * i), rows.Select(r => r.Item1).Order()); // a permutation
        var c = tf.random.Shuffle(x).ToArray<int>();                                    // the stream moves on
        Assert.NotEqual(a, c);
        Assert.Equal(tf.random.Shuffle(x, seed: 5).Shape, x.Shape);
    }

    [Fact]
    public void EdgeCases()
    {
        Assert.Equal(7f, tf.random.Shuffle(tf.Constant(7f)).Item<float>());
        Assert.Equal(new Shape(0, 3), tf.random.Shuffle(tf.Zeros([0, 3])).Shape);
        Assert.Equal(new[] { true }, tf.random.Shuffle(tf.Constant(new[] { true })).ToArray<bool>());
        Assert.Throws<ArgumentNullException>(() => tf.random.Shuffle(null!));
    }
}
