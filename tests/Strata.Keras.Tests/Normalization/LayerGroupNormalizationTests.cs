using Strata.Keras.Engine;
using Strata.Keras.Layers;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;

// Not ".Normalization": a namespace of that name would hide the Normalization layer from the tests around it.
namespace Strata.Keras.Tests.NormalizationLayers;

public class LayerGroupNormalizationTests
{
    private static double[] Random(int seed, int n, double lo = -2, double hi = 3)
    {
        var rng = new System.Random(seed);
        return Enumerable.Range(0, n).Select(_ => lo + (hi - lo) * rng.NextDouble()).ToArray();
    }

    private static Tensor F32(double[] v, params int[] shape) => tf.Cast(tf.Constant(v, dtype: DType.Float64, shape: new Shape(shape)), DType.Float32);

    /// <summary>Normalizes each listed group of flat indices with its own mean and biased variance.</summary>
    private static double[] NormalizeGroups(double[] x, IEnumerable<int[]> groups, double eps)
    {
        var y = new double[x.Length];
        foreach (var g in groups)
        {
            double m = g.Average(i => x[i]);
            double v = g.Average(i => (x[i] - m) * (x[i] - m));
            foreach (var i in g) y[i] = (x[i] - m) / Math.Sqrt(v + eps);
        }
        return y;
    }

    [Fact]
    public void LayerNormalizationPerSampleOverTheLastAxis()
    {
        var xs = Random(1, 3 * 4);
        var ln = new LayerNormalization();
        var y = Check.Values(ln.Apply(F32(xs, 3, 4)));
        var expected = NormalizeGroups(xs, Enumerable.Range(0, 3).Select(r => Enumerable.Range(r * 4, 4).ToArray()), 1e-3);
        Check.Close(expected, y, 1e-5);
        Assert.Equal(["gamma", "beta"], ln.Weights.Select(w => w.Name.Split('/')[^1]));
        Assert.Equal(new Shape(4), ln.Gamma!.Shape);
        // gamma and beta scale and shift per feature.
        ln.SetWeights([F32([1, 2, 3, 4], 4), F32([0, 1, 0, -1], 4)]);
        var scaled = Check.Values(ln.Apply(F32(xs, 3, 4)));
        for (int i = 0; i < xs.Length; i++) Check.Close(expected[i] * (i % 4 + 1) + new double[] { 0, 1, 0, -1 }[i % 4], scaled[i], 1e-5);
        // Hand value: [1, 3] → mean 2, variance 1.
        Check.Close([-1 / Math.Sqrt(1.001), 1 / Math.Sqrt(1.001)], Check.Values(new LayerNormalization().Apply(F32([1, 3], 1, 2))), 1e-6);
    }

    [Fact]
    public void LayerNormalizationOverSeveralAxesWithoutWeights()
    {
        var xs = Random(2, 2 * 3 * 2);
        var ln = new LayerNormalization(axis: [1, 2], epsilon: 0.1, center: false, scale: false);
        var y = Check.Values(ln.Apply(F32(xs, 2, 3, 2)));
        Assert.Empty(ln.Weights);
        Check.Close(NormalizeGroups(xs, [Enumerable.Range(0, 6).ToArray(), Enumerable.Range(6, 6).ToArray()], 0.1), y, 1e-5);
        var withWeights = new LayerNormalization(axis: [-2, -1]);
        withWeights.Apply(F32(xs, 2, 3, 2));
        Assert.Equal(new Shape(3, 2), withWeights.Gamma!.Shape);
    }

    [Fact]
    public void GroupNormalizationPerSampleAndGroup()
    {
        // (batch 2, width 3, channels 4) with 2 groups: each group is 2 channels × 3 positions of one sample.
        var xs = Random(3, 2 * 3 * 4);
        var gn = new GroupNormalization(groups: 2);
        var y = Check.Values(gn.Apply(F32(xs, 2, 3, 4)));
        var groups = new List<int[]>();
        for (int b = 0; b < 2; b++)
            for (int g = 0; g < 2; g++)
                groups.Add((from w in Enumerable.Range(0, 3) from c in new[] { 2 * g, 2 * g + 1 } select (b * 3 + w) * 4 + c).ToArray());
        Check.Close(NormalizeGroups(xs, groups, 1e-3), y, 1e-5);
        Assert.Equal(new Shape(4), gn.Gamma!.Shape);
        Assert.Equal(32, new GroupNormalization().Groups);
        // groups = channels: instance normalization, each channel of each sample alone.
        var inst = Check.Values(new GroupNormalization(groups: 4, epsilon: 0).Apply(F32(xs, 2, 3, 4)));
        var channels = from b in Enumerable.Range(0, 2) from c in Enumerable.Range(0, 4) select Enumerable.Range(0, 3).Select(w => (b * 3 + w) * 4 + c).ToArray();
        Check.Close(NormalizeGroups(xs, channels, 0), inst, 1e-4);
    }

    [Fact]
    public void GroupNormalizationOnAnotherAxisWithWeights()
    {
        // channels first: (batch 1, channels 4, width 2), groups 2 along axis 1; gamma and beta per channel.
        var xs = Random(4, 8);
        var gn = new GroupNormalization(groups: 2, axis: 1);
        gn.Build(new Shape(-1, 4, 2));
        gn.SetWeights([F32([1, 2, 3, 4], 4), F32([1, 1, 0, 0], 4)]);
        var y = Check.Values(gn.Apply(F32(xs, 1, 4, 2)));
        var norm = NormalizeGroups(xs, [[0, 1, 2, 3], [4, 5, 6, 7]], 1e-3);
        for (int i = 0; i < 8; i++) Check.Close(norm[i] * (i / 2 + 1) + (i < 4 ? 1 : 0), y[i], 1e-5);
    }

    [Fact]
    public void BothTrainInFit()
    {
        // Wide enough that normalizing each sample (per group of 4 features for GroupNormalization) keeps what the target needs.
        foreach (var norm in new Layer[] { new LayerNormalization(), new GroupNormalization(groups: 4) })
        {
            tf.random.SetSeed(11);
            var x = tf.random.Normal([32, 4], seed: 5);
            var y = tf.ReduceSum(x * tf.Constant(new float[] { 1, -2, 0.5f, 3 }), 1, keepDims: true);
            var model = new Sequential([new Dense(16, inputShape: [4]), norm, new Dense(1)]);
            model.Compile(optimizer: new Adam(0.03), loss: "mse");
            var loss = model.Fit(x, y, batchSize: 8, epochs: 25, verbose: 0)["loss"];
            Assert.True(loss[^1] < 0.2 * loss[0], $"{norm.ClassName}: loss went from {loss[0]} to {loss[^1]}");
            Assert.Equal(2, norm.TrainableWeights.Count);
        }
    }

    [Fact]
    public void BadArguments()
    {
        Assert.Equal("Number of groups (8) cannot be more than the number of channels (4).",
            Assert.Throws<InvalidArgumentError>(() => new GroupNormalization(groups: 8).Apply(tf.Zeros([2, 4]))).Message);
        Assert.Equal("Number of groups (3) must be a multiple of the number of channels (4).",
            Assert.Throws<InvalidArgumentError>(() => new GroupNormalization(groups: 3).Apply(tf.Zeros([2, 4]))).Message);
        Assert.Throws<InvalidArgumentError>(() => new GroupNormalization(groups: 0));
        Assert.Throws<InvalidArgumentError>(() => new GroupNormalization(epsilon: -1));
        Assert.Throws<InvalidArgumentError>(() => new LayerNormalization(epsilon: -1));
        Assert.Throws<InvalidArgumentError>(() => new LayerNormalization(axis: Array.Empty<int>()));
        Assert.Contains("names an axis twice", Assert.Throws<InvalidArgumentError>(() => new LayerNormalization(axis: [1, -1]).Apply(tf.Zeros([2, 3]))).Message);
        Assert.Contains("invalid axis 0", Assert.Throws<InvalidArgumentError>(() => new LayerNormalization(axis: 0).Apply(tf.Zeros([2, 3]))).Message);
        var ln = new LayerNormalization();
        ln.Apply(tf.Zeros([2, 3]));
        Assert.Contains("expected ndim=2", Assert.Throws<InvalidArgumentError>(() => ln.Call(tf.Zeros([2, 1, 3]))).Message);
        var gn = new GroupNormalization(groups: 1);
        gn.Apply(tf.Zeros([2, 3]));
        Assert.Contains("expected axis 1 of input shape to have value 3", Assert.Throws<InvalidArgumentError>(() => gn.Call(tf.Zeros([2, 4]))).Message);
        Assert.Throws<ArgumentNullException>(() => gn.Call((Tensor)null!));
        Assert.Throws<ArgumentNullException>(() => ln.Call((Tensor)null!));
        // Integer inputs are normalized as float32.
        Assert.Equal(DType.Float32, ln.Apply(tf.Ones([2, 3], DType.Int32)).DType);
        Assert.Equal(DType.Float32, gn.Apply(tf.Ones([2, 3], DType.Int32)).DType);
    }
}

public class DirectCallTests
{
    [Fact]
    public void CallingBeforeApplyBuildsTheLayer()
    {
        // The MIT lab calls layers directly: Call builds them on first use, like Apply.
        var x = tf.Constant(new float[] { 1, 2, 3, 5, 8, 13 }, shape: new Shape(3, 2));
        var bn = new BatchNormalization();
        var y = bn.Call(x);
        Assert.True(bn.Built);
        Check.Close(Check.Values(x), Check.Values(y), 1e-3); // moving mean 0, variance 1: y = x / sqrt(1 + eps)
        var ln = new LayerNormalization();
        Assert.Equal(new Shape(3, 2), ln.Call(x).Shape);
        Assert.True(ln.Built);
        var gn = new GroupNormalization(groups: 2);
        Assert.Equal(new Shape(3, 2), gn.Call(x).Shape);
        Assert.True(gn.Built);
        Assert.Contains("invalid axis -1", Assert.Throws<InvalidArgumentError>(() => new GroupNormalization(groups: 1).Call(tf.Zeros([2]))).Message);
    }
}
