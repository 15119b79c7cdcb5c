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
    public void OpSeedFixesAnOpWhateverRanBefore()
    {
        // With the global seed fixed, an op seed gives the same values however many ops ran before it.
        tf.random.SetSeed(7);
        var a = Draw(() => tf.random.Normal([10], seed: 99));
        for (int i = 0; i < 5; i++) tf.random.Uniform([3]);
        var b = Draw(() => tf.random.Normal([10], seed: 99));
        Assert.Equal(a, b);
        tf.random.SetSeed(7);
        tf.random.Normal([4]);
        Assert.Equal(a, Draw(() => tf.random.Normal([10], seed: 99)));
        Assert.Equal(Draw(() => tf.random.Uniform([8], seed: 3)), Draw(() => tf.random.Uniform([8], seed: 3)));
        Assert.Equal(Draw(() => tf.random.TruncatedNormal([8], seed: 3)), Draw(() => tf.random.TruncatedNormal([8], seed: 3)));
        Assert.NotEqual(a, Draw(() => tf.random.Normal([10], seed: 100)));
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
        Assert.Throws<InvalidArgumentError>(() => tf.random.Uniform([2], 1, 1));
    }
}
