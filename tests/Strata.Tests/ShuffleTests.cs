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

/// <summary>tf.random.stateless_categorical: a pure function of the seed, drawing as Categorical does.</summary>
public class StatelessCategoricalTests
{
    [Fact]
    public void SameSeedSameSamplesAndTheRightFrequencies()
    {
        var logits = tf.Log(tf.Constant(new[,] { { 0.2f, 0.5f, 0.3f }, { 1f, 0f, 0f } }) + 1e-30f);
        var a = tf.random.StatelessCategorical(logits, 4000, (1, 2)).ToArray<long>();
        var b = tf.random.StatelessCategorical(logits, 4000, (1, 2)).ToArray<long>();
        Assert.Equal(a, b);
        Assert.NotEqual(a, tf.random.StatelessCategorical(logits, 4000, (1, 3)).ToArray<long>());
        var row0 = a.Take(4000).ToArray();
        Assert.InRange(row0.Count(v => v == 1) / 4000.0, 0.46, 0.54);
        Assert.InRange(row0.Count(v => v == 0) / 4000.0, 0.17, 0.23);
        Assert.All(a.Skip(4000), v => Assert.Equal(0L, v));   // probability-one class only
        var i32 = tf.random.StatelessCategorical(logits, 3, (5, 6), DType.Int32);
        Assert.Equal(DType.Int32, i32.DType);
        Assert.Equal(new Shape(2, 3), i32.Shape);
        Assert.Equal(new Shape(2, 0), tf.random.StatelessCategorical(logits, 0, (1, 2)).Shape);
    }

    [Fact]
    public void NegativeInfinityIsNeverDrawnAndBadInputsNameTheOp()
    {
        var logits = tf.Constant(new[,] { { float.NegativeInfinity, 0f, float.NegativeInfinity } });
        Assert.All(tf.random.StatelessCategorical(logits, 200, (9, 9)).ToArray<long>(), v => Assert.Equal(1L, v));
        var e = Assert.Throws<InvalidArgumentError>(() => tf.random.StatelessCategorical(tf.Zeros([3]), 2, (1, 1)));
        Assert.Contains("StatelessCategorical", e.Message);
        Assert.Contains("(3,)", e.Message);
        Assert.Contains("StatelessCategorical", Assert.Throws<InvalidArgumentError>(() => tf.random.StatelessCategorical(tf.Zeros([1, 2]), -1, (1, 1))).Message);
    }
}

/// <summary>tf.random.Generator's resets and its non-deterministic start.</summary>
public class GeneratorResetTests
{
    [Fact]
    public void ResetsReplayTheStream()
    {
        var g = tf.random.Generator.FromSeed(7);
        var first = g.Normal([4]).ToArray<float>();
        g.ResetFromSeed(7);
        Assert.Equal(first, g.Normal([4]).ToArray<float>());
        var state = g.State;
        var next = g.Uniform([3]).ToArray<float>();
        g.ResetFromState(state);
        Assert.Equal(next, g.Uniform([3]).ToArray<float>());
        Assert.Throws<InvalidArgumentError>(() => g.ResetFromState([1, 2]));
        var a = tf.random.Generator.FromNonDeterministicState();
        var b = tf.random.Generator.FromNonDeterministicState();
        Assert.NotEqual(a.State, b.State);
        Assert.Equal(new Shape(2, 2), a.Normal([2, 2]).Shape);
    }
}
