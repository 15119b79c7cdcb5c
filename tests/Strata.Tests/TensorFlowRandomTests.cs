using Strata.Rng;

namespace Strata.Tests;

/// <summary>
/// tf.random against values published by TensorFlow, Random123 and CPython, each test naming its source. They pin
/// the whole chain: Philox, Python's Mersenne Twister for eager op seeds, TensorFlow's seed pairs and kernel cache,
/// its bit-to-float conversions and Box-Muller, the stateless key derivation and tf.random.Generator's state.
/// </summary>
[Collection("tf.random")]
public class TensorFlowRandomTests
{
    [Theory]
    // Random123's known-answer vectors for philox4x32-10 (kat_vectors: ctr, key, expected).
    [InlineData(0u, 0u, 0u, 0u, 0u, 0u, 0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u)]
    [InlineData(0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu)]
    [InlineData(0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u, 0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u)]
    public void PhiloxMatchesRandom123(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1, uint r0, uint r1, uint r2, uint r3)
    {
        Assert.Equal((r0, r1, r2, r3), new Philox(c0, c1, c2, c3, k0, k1).Next());
    }

    [Fact]
    public void PhiloxSkipIsA128BitAdd()
    {
        var a = new Philox(0xffffffffu, 0xffffffffu, 7, 0, 1, 2);
        a.Skip(1);
        Assert.Equal((0u, 0u, 8u, 0u), a.Counter);
        var b = new Philox(5, 0, 0, 0, 1, 2);
        for (int i = 0; i < 300; i++) b.Next();
        var c = new Philox(5, 0, 0, 0, 1, 2);
        c.Skip(300);
        Assert.Equal(b.Next(), c.Next());
    }

    [Fact]
    public void PythonRandomMatchesCPython()
    {
        // CPython: [random.Random(1).randint(0, 2**31 - 1) for _ in range(6)] — TensorFlow's first eager op seeds
        // after tf.random.set_seed(1); and Keras 2.10+'s initializer seeds, randint(1, 10**9).
        var r = new PythonRandom(1);
        Assert.Equal([577090037L, 271041745, 1095513148, 506456969, 2127877499, 1930549411], Enumerable.Range(0, 6).Select(_ => r.RandInt(0, int.MaxValue)));
        var k = new PythonRandom(1);
        Assert.Equal([144272510L, 611178003, 909925048, 861425549, 820096754], Enumerable.Range(0, 5).Select(_ => k.RandInt(1, 1_000_000_000)));
    }

    [Fact]
    public void NormalMatchesItsTensorFlowDocstring()
    {
        // tf.random.normal's docstring (TF 2.x): tf.random.set_seed(5); tf.random.normal([2, 2], 0, 1, seed=1).
        // The docstring shows NumPy's print, 8 decimals: compare as printed.
        tf.random.SetSeed(5);
        Assert.Equal("[[-1.3768897  -0.01258316]\n [-0.169515    1.0824056 ]]", tf.random.Normal([2, 2], seed: 1).Numpy().ToString());
    }

    [Fact]
    public void IntegerUniformMatchesItsTensorFlowDocstring()
    {
        // tf.random.uniform's docstring: set_seed(5); uniform([], maxval=3, dtype=int32, seed=10) gives 2 then 0 (one
        // kernel, its stream moving 256 blocks per value); after set_seed(5) again, 2 and 0 once more.
        for (int round = 0; round < 2; round++)
        {
            tf.random.SetSeed(5);
            Assert.Equal(2, tf.random.Uniform([], 0, 3, DType.Int32, seed: 10).Item<int>());
            Assert.Equal(0, tf.random.Uniform([], 0, 3, DType.Int32, seed: 10).Item<int>());
        }
    }

    [Fact]
    public void GeneratorMatchesItsTensorFlowDocstring()
    {
        // tf.random.Generator's docstring: from_seed(1234).normal([2, 3]), the state going from 1234 to 2770
        // (256 counter blocks per value); from_seed(123).normal([2, 3]).
        var g = tf.random.Generator.FromSeed(1234);
        Assert.Equal([1234L, 0, 0], g.State);
        Assert.Equal([0.9356609f, 1.0854305f, -0.93788373f, -0.5061547f, 1.3169702f, 0.7137579f], g.Normal([2, 3]).ToArray<float>());
        Assert.Equal([2770L, 0, 0], g.State);
        // The same session's g.uniform([3]) next (a TensorFlow cheat sheet printing that session).
        Assert.Equal([0.6512613f, 0.9295906f, 0.50873387f], g.Uniform([3]).ToArray<float>());
        Assert.Equal([0.8673864f, -0.29899067f, -0.9310337f, -1.5828488f, 1.2481191f, -0.6770643f],
            tf.random.Generator.FromSeed(123).Normal([2, 3]).ToArray<float>());
    }

    [Fact]
    public void StatelessOpsEqualTheStatefulOpAtTheScrambledSeed()
    {
        // TensorFlow's stateless_random_ops_test._test_match: a stateless op equals the stateful one on its first
        // call once the seed pair goes through the same Philox scramble. Here: the stateless op is a pure function
        // of its seed, and its generator is GenerateKey's.
        var a = tf.random.StatelessNormal([5], (7, 17)).ToArray<float>();
        tf.random.Normal([3]);
        Assert.Equal(a, tf.random.StatelessNormal([5], (7, 17)).ToArray<float>());
        Assert.NotEqual(a, tf.random.StatelessNormal([5], (7, 18)).ToArray<float>());
        var u = tf.random.StatelessUniform([1000], (1, 2), -2, 3).ToArray<float>();
        Assert.All(u, v => Assert.InRange(v, -2f, 3f));
        var t = tf.random.StatelessTruncatedNormal([1000], (3, 4), dtype: DType.Float64).ToArray<double>();
        Assert.All(t, v => Assert.InRange(Math.Abs(v), 0, 2));
    }

    [Fact]
    public void MitLab1CustomLayerWeightsMatchBothSeedingsBitForBit()
    {
        // MIT Intro to Deep Learning, mitdeeplearning/lab1.py test_custom_dense_layer_output: after
        // tf.random.set_seed(1), OurDenseLayer(3) on [[1, 2]] gives [[0.2697859 0.45750418 0.66536945]] (tf.keras 2.9:
        // two glorot_uniform weights drawn by stateful ops, op seeds 1 and 2); since 2023-03, after
        // tf.keras.utils.set_random_seed(1), [[0.27064407 0.1826951 0.50374055]] (Keras 2.10+: stateless draws from
        // seeds randint(1, 10**9) of random.Random(1)). Glorot limits: sqrt(3 / ((2 + 3) / 2)) and sqrt(3 / ((1 + 3) / 2)).
        double kernelLimit = Math.Sqrt(1.2), biasLimit = Math.Sqrt(1.5);
        var x = tf.Constant(new[,] { { 1f, 2f } });
        tf.random.SetSeed(1);
        var w = tf.random.Uniform([2, 3], -kernelLimit, kernelLimit);
        var b = tf.random.Uniform([1, 3], -biasLimit, biasLimit);
        Assert.Equal([0.2697859f, 0.45750418f, 0.66536945f], tf.Sigmoid(tf.MatMul(x, w) + b).ToArray<float>());

        var seeds = new PythonRandom(1);
        var w2 = tf.random.StatelessUniform([2, 3], (seeds.RandInt(1, 1_000_000_000), 0), -kernelLimit, kernelLimit);
        var b2 = tf.random.StatelessUniform([1, 3], (seeds.RandInt(1, 1_000_000_000), 0), -biasLimit, biasLimit);
        Assert.Equal([0.27064407f, 0.1826951f, 0.50374055f], tf.Sigmoid(tf.MatMul(x, w2) + b2).ToArray<float>());
    }

    [Fact]
    public void TheSeedDocumentsNormalIsTheSixthLegacyOpSeed()
    {
        // MIT Lab 1's tf.random.normal([1]) cell after five weight draws: op seed 1930549411 (the sixth of
        // Random(1)); TensorFlow printed -1.1771784, glibc's logf/sinf here give the float next to it.
        tf.random.SetSeed(1);
        for (int i = 0; i < 5; i++) tf.random.Uniform([1]);
        float v = tf.random.Normal([1]).Item<float>();
        Assert.True(Math.Abs(v - -1.1771784f) <= 2 * MathF.BitIncrement(1.1771784f) - 2 * 1.1771784f, $"got {v:R}");
        tf.random.SetSeed(1);
        Assert.Equal(v, tf.random.Normal([1], seed: 1930549411).Item<float>()); // the explicit pair (1, op seed) is the same stream
    }

    [Fact]
    public void TheClassicStreamsStayAvailable()
    {
        // Values of Strata's streams before TensorFlow compatibility (commit 39df478), behind the documented switch.
        var before = tf.random.Streams;
        try
        {
            tf.random.Streams = RandomStreams.StrataClassic;
            tf.random.SetSeed(1234);
            Assert.Equal([-0.3236485f, 1.8577391f, 0.39556974f, 0.23116972f], tf.random.Normal([4]).ToArray<float>());
            Assert.Equal([-0.5579377679894191, -0.1884798845973541, -0.18961722769963263], tf.random.Uniform([3], -1, 1, DType.Float64).ToArray<double>());
            Assert.Equal([1.1433216f, -0.06220761f, -0.031635124f], tf.random.TruncatedNormal([3], seed: 5).ToArray<float>());
        }
        finally { tf.random.Streams = before; }
    }
}

/// <summary>tf.random.Generator's uniform_full_int, make_seeds and split: the Philox words as TensorFlow's
/// UniformFullIntDistribution reads them, and the state moving 256 blocks per value.</summary>
public class GeneratorSeedTests
{
    [Fact]
    public void UniformFullIntIsThePhiloxWords()
    {
        var g = tf.random.Generator.FromSeed(1234);
        var words = new Philox(1234, 0, 0, 0, 0, 0);
        var (a, b, c, d) = words.Next();
        Assert.Equal([unchecked((int)a), unchecked((int)b), unchecked((int)c), unchecked((int)d)], g.UniformFullInt([4], DType.Int32).ToArray<int>());
        Assert.Equal([1234L + 4 * 256, 0, 0], g.State);
        var h = tf.random.Generator.FromSeed(1234);
        var longs = h.UniformFullInt([2]).ToArray<long>();
        Assert.Equal(unchecked((long)(a | (ulong)b << 32)), longs[0]);
        Assert.Equal(unchecked((long)(c | (ulong)d << 32)), longs[1]);
        Assert.Throws<InvalidArgumentError>(() => h.UniformFullInt([2], DType.Float32));
    }

    [Fact]
    public void MakeSeedsGivesKeysAboveZeros()
    {
        var g = tf.random.Generator.FromSeed(7);
        var seeds = g.MakeSeeds(3);
        Assert.Equal(new Shape(2, 3), seeds.Shape);
        Assert.Equal(DType.Int64, seeds.DType);
        var v = seeds.ToArray<long>();
        Assert.Equal(tf.random.Generator.FromSeed(7).UniformFullInt([3]).ToArray<long>(), v[..3]);
        Assert.Equal([0L, 0, 0], v[3..]);
        Assert.Equal([7L + 3 * 256, 0, 0], g.State);
        // Each column seeds a stateless op; different columns give different streams.
        var first = tf.random.StatelessNormal([4], (v[0], v[3])).ToArray<float>();
        Assert.NotEqual(first, tf.random.StatelessNormal([4], (v[1], v[4])).ToArray<float>());
        Assert.Equal(new Shape(2, 0), g.MakeSeeds(0).Shape);
        Assert.Throws<InvalidArgumentError>(() => g.MakeSeeds(-1));
    }

    [Fact]
    public void SplitGivesIndependentGeneratorsAndMovesTheParentOn()
    {
        var g = tf.random.Generator.FromSeed(42);
        var keys = tf.random.Generator.FromSeed(42).UniformFullInt([2]).ToArray<long>();
        var children = g.Split(2);
        Assert.Equal(2, children.Length);
        Assert.Equal([0L, 0, keys[0]], children[0].State);
        Assert.Equal([0L, 0, keys[1]], children[1].State);
        Assert.NotEqual(children[0].Normal([3]).ToArray<float>(), children[1].Normal([3]).ToArray<float>());
        // A second split draws new keys.
        Assert.NotEqual(children[0].State[2], g.Split(1)[0].State[2]);
        Assert.Throws<InvalidArgumentError>(() => g.Split(-2));
    }
}
