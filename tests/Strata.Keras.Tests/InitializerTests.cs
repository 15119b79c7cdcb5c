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

/// <summary>Keras's seeding, as tf.keras draws: the MIT lab's default-initialized weights for both ways of seeding,
/// and the Dropout docstring's mask.</summary>
public class KerasSeedingTests
{
    private sealed class TwoGlorotWeights : Strata.Keras.Layers.Layer
    {
        public Variable W = null!, B = null!;
        public override void Build(Shape inputShape)
        {
            W = AddWeight("weight", [inputShape[-1], 3]);
            B = AddWeight("bias", [1, 3]);
        }
        public override Tensor Call(Tensor x) => tf.Sigmoid(tf.MatMul(x, W) + B);
    }

    private static float[] LabLayerOutput()
    {
        var layer = new TwoGlorotWeights();
        layer.Build([1, 2]);
        return layer.Call(tf.Constant(new[,] { { 1f, 2f } })).ToArray<float>();
    }

    [Fact]
    public void AddWeightDrawsTheLabsWeightsForBothSeedings()
    {
        // mitdeeplearning/lab1.py test_custom_dense_layer_output, before and after 2023-03.
        tf.random.SetSeed(1);
        Assert.Equal([0.2697859f, 0.45750418f, 0.66536945f], LabLayerOutput());
        keras.utils.SetRandomSeed(1);
        Assert.Equal([0.27064407f, 0.1826951f, 0.50374055f], LabLayerOutput());
        // A later tf.random.SetSeed returns to tf.keras 2.9's stateful draws.
        tf.random.SetSeed(1);
        Assert.Equal([0.2697859f, 0.45750418f, 0.66536945f], LabLayerOutput());
    }

    [Fact]
    public void ASeededInitializerGivesTheSameValuesEveryCall()
    {
        // Keras: an initializer with a seed draws statelessly from [seed, 0].
        var init = new Strata.Keras.Initializers.GlorotUniform(seed: 42);
        var a = init.Call([3, 4]).ToArray<float>();
        tf.random.Normal([5]);
        Assert.Equal(a, init.Call([3, 4]).ToArray<float>());
        Assert.Equal(tf.random.StatelessUniform([3, 4], (42, 0), -Math.Sqrt(3 / 3.5), Math.Sqrt(3 / 3.5)).ToArray<float>(), a);
    }

    [Fact]
    public void DropoutMatchesTheKerasDocstring()
    {
        // tf.keras.layers.Dropout's docstring: tf.random.set_seed(0); Dropout(.2) on arange(10).reshape(5, 2) in
        // training gives [[0, 1.25], [2.5, 3.75], [5, 6.25], [7.5, 8.75], [10, 0]].
        tf.random.SetSeed(0);
        var layer = new Strata.Keras.Layers.Dropout(0.2);
        var data = tf.Reshape(tf.Range(0, 10, 1, DType.Float32), [5, 2]);
        Assert.Equal([0f, 1.25f, 2.5f, 3.75f, 5f, 6.25f, 7.5f, 8.75f, 10f, 0f], layer.Call(data, training: true).ToArray<float>());
    }
}
