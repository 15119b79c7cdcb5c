using Strata.Keras.Initializers;

namespace Strata.Keras.Tests;

public class InitializerTests
{
    [Theory]
    [InlineData("glorot_uniform", typeof(GlorotUniform))]
    [InlineData("glorot_normal", typeof(GlorotNormal))]
    [InlineData("he_uniform", typeof(HeUniform))]
    [InlineData("he_normal", typeof(HeNormal))]
    [InlineData("lecun_uniform", typeof(LecunUniform))]
    [InlineData("lecun_normal", typeof(LecunNormal))]
    [InlineData("zeros", typeof(Zeros))]
    [InlineData("ones", typeof(Ones))]
    [InlineData("random_normal", typeof(RandomNormal))]
    [InlineData("random_uniform", typeof(RandomUniform))]
    [InlineData("truncated_normal", typeof(TruncatedNormal))]
    [InlineData("orthogonal", typeof(Orthogonal))]
    public void ByName(string name, Type type)
    {
        var init = Initializer.Get(name);
        Assert.IsType(type, init);
        Assert.Equal(new Shape(4, 3), init.Call([4, 3]).Shape);
    }

    [Fact]
    public void UnknownNameListsTheKnownOnes() =>
        Assert.Contains("Known: glorot_uniform", Assert.Throws<InvalidArgumentError>(() => Initializer.Get("glorot")).Message);

    [Fact]
    public void SeedsMakeThemReproducible()
    {
        Assert.Equal(new GlorotUniform(seed: 3).Call([5, 7]).ToArray<float>(), new GlorotUniform(seed: 3).Call([5, 7]).ToArray<float>());
        Assert.NotEqual(new GlorotUniform(seed: 3).Call([5, 7]).ToArray<float>(), new GlorotUniform(seed: 4).Call([5, 7]).ToArray<float>());
        tf.random.SetSeed(1);
        var a = new HeNormal().Call([5, 7]).ToArray<float>();
        tf.random.SetSeed(1);
        Assert.Equal(a, new HeNormal().Call([5, 7]).ToArray<float>());
    }

    [Fact]
    public void ScalesFollowKeras()
    {
        // glorot_uniform: limit √(6 / (fan_in + fan_out)); he_normal: stddev √(2 / fan_in), truncated at 2σ.
        var g = new GlorotUniform(seed: 1).Call([200, 100]).ToArray<float>();
        double limit = Math.Sqrt(6.0 / 300);
        Assert.All(g, v => Assert.InRange(v, -limit, limit));
        Assert.InRange(g.Max(), 0.95 * limit, limit);
        var h = new HeNormal(seed: 2).Call([400, 100]).ToArray<float>();
        double sd = Math.Sqrt(h.Select(v => (double)v * v).Average());
        Assert.InRange(sd, 0.95 * Math.Sqrt(2.0 / 400), 1.05 * Math.Sqrt(2.0 / 400));
        Assert.Equal(new float[] { 2.5f, 2.5f }, new Constant(2.5).Call([2]).ToArray<float>());
        Assert.All(new RandomUniform(seed: 1).Call([100]).ToArray<float>(), v => Assert.InRange(v, -0.05f, 0.05f));
    }

    [Fact]
    public void OrthogonalIsOrthonormal()
    {
        var q = new Orthogonal(seed: 5).Call([6, 4]);
        var qtq = tf.MatMul(q, q, transposeA: true).ToArray<float>();
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++)
                Assert.Equal(i == j ? 1 : 0, qtq[i * 4 + j], 4);
    }
}
