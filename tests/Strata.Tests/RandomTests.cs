namespace Strata.Tests;

/// <summary>tf.random keeps one global seed and op counter for the process, so these tests never run in
/// parallel with each other (and no other test class draws from tf.random).</summary>
[CollectionDefinition("tf.random", DisableParallelization = true)]
public class RandomCollection;

[Collection("tf.random")]
public class RandomTests
{
    private static double[] Draw(Func<Tensor> op) => Expect.Doubles(op());

    [Fact]
    public void SetSeedMakesTheSequenceReproducible()
    {
        double[][] Run()
        {
            tf.random.SetSeed(1234);
            return
            [
                Draw(() => tf.random.Normal([3, 4])),
                Draw(() => tf.random.Uniform([5])),
                Draw(() => tf.random.TruncatedNormal([2, 3])),
                Draw(() => tf.random.Normal([3, 4], dtype: DType.Float64)),
                Draw(() => tf.random.Uniform([6], -1, 1, dtype: DType.Float64)),
            ];
        }
        var first = Run();
        var second = Run();
        for (int i = 0; i < first.Length; i++) Assert.Equal(first[i], second[i]);
        // Successive ops draw different numbers, and another seed gives another sequence.
        Assert.NotEqual(first[0], Draw(() => tf.random.Normal([3, 4])));
        tf.random.SetSeed(4321);
        Assert.NotEqual(first[0], Draw(() => tf.random.Normal([3, 4])));
    }

    [Fact]
    public void AnOpSeedContinuesItsStreamUntilTheNextSetSeed()
    {
        // TensorFlow's kernel cache: the same (global, op) seed pair continues one stream (tf.random.uniform's
        // docs: "generates 'A1'", then "'A2'"); tf.random.set_seed forgets it, so the sequence starts again.
        tf.random.SetSeed(7);
        var a1 = Draw(() => tf.random.Normal([10], seed: 99));
        for (int i = 0; i < 5; i++) tf.random.Uniform([3]);
        var a2 = Draw(() => tf.random.Normal([10], seed: 99));
        Assert.NotEqual(a1, a2);
        tf.random.SetSeed(7);
        tf.random.Normal([4]);
        Assert.Equal(a1, Draw(() => tf.random.Normal([10], seed: 99)));
        Assert.Equal(a2, Draw(() => tf.random.Normal([10], seed: 99)));
        Assert.NotEqual(a1, Draw(() => tf.random.Normal([10], seed: 100)));
    }

    [Fact]
    public void NormalHasTheAskedMeanAndStddev()
    {
        tf.random.SetSeed(11);
        var v = Draw(() => tf.random.Normal([100_000]));
        double mean = v.Average();
        double std = Math.Sqrt(v.Select(x => (x - mean) * (x - mean)).Average());
        Assert.InRange(mean, -0.02, 0.02); // standard error 0.003
        Assert.InRange(std, 0.98, 1.02);
        var s = Draw(() => tf.random.Normal([100_000], mean: 5, stddev: 2));
        double m2 = s.Average();
        Assert.InRange(m2, 4.96, 5.04);
        Assert.InRange(Math.Sqrt(s.Select(x => (x - m2) * (x - m2)).Average()), 1.96, 2.04);
        // About 68% within one standard deviation.
        Assert.InRange(v.Count(x => Math.Abs(x) < 1) / (double)v.Length, 0.67, 0.69);
    }

    [Fact]
    public void UniformStaysInRangeAndFillsIt()
    {
        tf.random.SetSeed(12);
        var v = Draw(() => tf.random.Uniform([100_000], -2, 3));
        Assert.All(v, x => Assert.True(x >= -2 && x < 3, $"{x} outside [-2, 3)"));
        Assert.InRange(v.Average(), 0.47, 0.53);
        Assert.InRange(v.Min(), -2, -1.99);
        Assert.InRange(v.Max(), 2.99, 3);
        var d = Draw(() => tf.random.Uniform([1000], dtype: DType.Float64));
        Assert.All(d, x => Assert.True(x >= 0 && x < 1));
    }

    [Fact]
    public void TruncatedNormalStaysWithinTwoStddevs()
    {
        tf.random.SetSeed(13);
        var v = Draw(() => tf.random.TruncatedNormal([100_000], mean: 1, stddev: 0.5));
        Assert.All(v, x => Assert.True(Math.Abs(x - 1) <= 1.0, $"{x} beyond two stddevs"));
        double mean = v.Average();
        Assert.InRange(mean, 0.99, 1.01);
        // A standard normal truncated to [-2, 2] has stddev about 0.8796.
        double std = Math.Sqrt(v.Select(x => (x - mean) * (x - mean)).Average());
        Assert.InRange(std, 0.5 * 0.87, 0.5 * 0.89);
    }

    [Fact]
    public void RandomOpsHaveTheAskedShapeAndDType()
    {
        tf.random.SetSeed(14);
        var n = tf.random.Normal([2, 3, 4]);
        Assert.Equal(new Shape(2, 3, 4), n.Shape);
        Assert.Equal(DType.Float32, n.DType);
        Assert.Equal(DType.Float64, tf.random.Uniform([2], dtype: DType.Float64).DType);
        Assert.Throws<UnsupportedDTypeError>(() => tf.random.Normal([2], dtype: DType.Int32));
        // As TensorFlow, a float uniform is rnd * (max - min) + min with no order required; integers need min < max.
        Assert.Equal([1f, 1f], tf.random.Uniform([2], 1, 1).ToArray<float>());
        Assert.Throws<InvalidArgumentError>(() => tf.random.Uniform([2], 3, 3, DType.Int32));
        Assert.Throws<TypeError>(() => tf.random.Uniform([2], 0, 2.5, DType.Int32));
        // 2^63 is no int64 (a saturating cast made it long.MaxValue); the same rule as tf.Constant's and tf.Range's.
        Assert.Throws<TypeError>(() => tf.random.Uniform([2], 0, 9223372036854775808.0, DType.Int64));
    }
}
