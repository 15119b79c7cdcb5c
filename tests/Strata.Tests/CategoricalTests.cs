namespace Strata.Tests;

/// <summary>tf.random.categorical: shapes, frequencies against softmax(logits), −inf classes never drawn,
/// seeded reproducibility and the kernel's errors.</summary>
public class CategoricalTests
{
    [Fact]
    public void FrequenciesFollowTheSoftmax()
    {
        var p = new[] { 0.1, 0.2, 0.7 };
        var logits = tf.Constant(new[] { Math.Log(0.1), Math.Log(0.2), Math.Log(0.7), 0.0, double.NegativeInfinity, 0.0 }, DType.Float64, new Shape(2, 3));
        var s = tf.random.Categorical(logits, 20_000, seed: 3);
        Assert.Equal(new Shape(2, 20_000), s.Shape);
        Assert.Equal(DType.Int64, s.DType);
        var v = s.ToArray<long>();
        for (int c = 0; c < 3; c++)
        {
            double freq = v.Take(20_000).Count(x => x == c) / 20_000.0;
            Assert.True(Math.Abs(freq - p[c]) < 0.015, $"class {c}: frequency {freq}, probability {p[c]}");
        }
        var second = v.Skip(20_000).ToArray();
        Assert.DoesNotContain(1L, second);                         // a -inf logit is never drawn
        Assert.InRange(second.Count(x => x == 0) / 20_000.0, 0.48, 0.52);
    }

    [Fact]
    public void SeededDrawsRepeatAndDtypeInt32()
    {
        var logits = tf.Constant(new float[,] { { 1, 2, 3, 4 } });
        tf.random.SetSeed(5);
        var a = tf.random.Categorical(logits, 10).ToArray<long>();
        tf.random.SetSeed(5);
        var b = tf.random.Categorical(logits, 10).ToArray<long>();
        Assert.Equal(a, b);
        var c = tf.random.Categorical(logits, 10, DType.Int32, seed: 7);
        Assert.Equal(DType.Int32, c.DType);
        Assert.All(c.ToArray<int>(), x => Assert.InRange(x, 0, 3));
        Assert.Equal(new Shape(1, 0), tf.random.Categorical(logits, 0).Shape);
    }

    [Fact]
    public void BadArgumentsAreErrors()
    {
        Assert.Contains("logits should be a matrix", Assert.Throws<InvalidArgumentError>(() => tf.random.Categorical(tf.Zeros([3]), 1)).Message);
        Assert.Contains("nonnegative", Assert.Throws<InvalidArgumentError>(() => tf.random.Categorical(tf.Zeros([1, 3]), -1)).Message);
        Assert.Contains("num_classes should be positive", Assert.Throws<InvalidArgumentError>(() => tf.random.Categorical(tf.Zeros([1, 0]), 1)).Message);
        Assert.Throws<UnsupportedDTypeError>(() => tf.random.Categorical(tf.Zeros([1, 2], DType.Int32), 1));
        Assert.Throws<UnsupportedDTypeError>(() => tf.random.Categorical(tf.Zeros([1, 2]), 1, DType.Float32));
    }
}
