using Strata.Keras.Layers;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;

namespace Strata.Keras.Tests.Preprocessing;

public class RescalingNormalizationTests
{
    private static Tensor F32(double[] v, params int[] shape) => tf.Constant(v, dtype: DType.Float32, shape: new Shape(shape));

    [Fact]
    public void RescalingScalesAndOffsets()
    {
        var pixels = tf.Constant(new[] { 0, 51, 255 }, shape: new Shape(1, 3));
        var y = new Rescaling(1.0 / 255).Apply(pixels);
        Assert.Equal(DType.Float32, y.DType);
        Check.Close([0, 0.2, 1], Check.Values(y), 1e-6);
        Check.Close([-1, -0.6, 1], Check.Values(new Rescaling(1 / 127.5, offset: -1).Apply(pixels)), 1e-6);
        Assert.Equal(DType.Float64, new Rescaling(2).Apply(tf.Constant(new[] { 1.0 }, dtype: DType.Float64)).DType);
        FiniteDifferences.Check(x => new Rescaling(0.5, 3).Call(x), FiniteDifferences.Rand(1, 2, 3));
    }

    [Fact]
    public void NormalizationWithGivenStatistics()
    {
        // (x - mean) / sqrt(variance) per feature: [[1, 2], [3, 4]] with mean [1, 2], variance [4, 1].
        var layer = new Normalization(mean: [1, 2], variance: [4, 1]);
        Check.Close([0, 0, 1, 2], Check.Values(layer.Apply(F32([1, 2, 3, 4], 2, 2))));
        Assert.Empty(layer.Weights); // given statistics are constants, not weights
        var inverse = new Normalization(mean: [1, 2], variance: [4, 1], invert: true);
        Check.Close([1, 2, 3, 4], Check.Values(inverse.Apply(F32([0, 0, 1, 2], 2, 2))));
        // One value for every feature, and a zero variance divides by Keras's epsilon 1e-7.
        Check.Close([-1, 1], Check.Values(new Normalization(mean: [2], variance: [1]).Apply(F32([1, 3], 1, 2))));
        Check.Close([1e7], Check.Values(new Normalization(mean: [0], variance: [0]).Apply(tf.Constant(new[,] { { 1.0 } }))), 1e-6);
    }

    [Fact]
    public void AdaptLearnsTheMeanAndPopulationVariance()
    {
        var layer = new Normalization();
        layer.Adapt(F32([1, 10, 3, 30, 5, 50], 3, 2));
        // Feature 0: 1 3 5, mean 3, variance 8/3; feature 1: ten times that.
        Check.Close([3, 30], Check.Values(layer.AdaptMean!));
        Check.Close([8.0 / 3, 800.0 / 3], Check.Values(layer.AdaptVariance!), 1e-5);
        var names = layer.NonTrainableWeights.Select(w => w.Name).ToArray();
        Assert.Equal(2, names.Length);
        Assert.EndsWith("/mean", names[0]);
        Assert.EndsWith("/variance", names[1]);
        Assert.Empty(layer.TrainableWeights);
        var y = Check.Values(layer.Apply(F32([3, 30, 5, 50], 2, 2)));
        double s = Math.Sqrt(8.0 / 3);
        Check.Close([0, 0, 2 / s, 2 / s], y, 1e-5);
    }

    [Fact]
    public void AdaptOverOtherAxesAndScalarStatistics()
    {
        // axis null: one mean and variance for everything.
        var all = new Normalization(axis: null);
        all.Adapt(F32([1, 2, 3, 4], 2, 2));
        Check.Close([2.5], Check.Values(all.AdaptMean!));
        Check.Close([1.25], Check.Values(all.AdaptVariance!));
        // axis [1, 2] on (n, 2, 1): statistics per (row, column) over the batch.
        var grid = new Normalization([1, 2]);
        grid.Adapt(F32([0, 4, 2, 8], 2, 2, 1));
        Assert.Equal(new Shape(2, 1), grid.AdaptMean!.Shape);
        Check.Close([1, 6], Check.Values(grid.AdaptMean!));
        Check.Close([1, 4], Check.Values(grid.AdaptVariance!));
        // Before Adapt the statistics are 0 and 1: the identity.
        Check.Close([5, 6], Check.Values(new Normalization().Apply(F32([5, 6], 1, 2))));
        FiniteDifferences.Check(x => grid.Call(x), FiniteDifferences.Rand(2, 2, 2, 1));
    }

    [Fact]
    public void NormalizationErrors()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => new Normalization(mean: [1]));
        Assert.StartsWith("Normalization: When setting values for `mean` and `variance`, both must be set.", e.Message);
        Assert.Throws<InvalidArgumentError>(() => new Normalization(mean: [1, 2], variance: [1]));
        Assert.Throws<InvalidArgumentError>(() => new Normalization(mean: [1], variance: [-1]));
        e = Assert.Throws<InvalidArgumentError>(() => new Normalization(axis: 3).Apply(tf.Ones([2, 2])));
        Assert.Equal("Normalization: All `axis` values must be in the range [-ndim, ndim). Received inputs with ndim=2, while axis=(3)", e.Message);
        Assert.Throws<InvalidArgumentError>(() => new Normalization(mean: [1, 2, 3], variance: [1, 1, 1]).Apply(tf.Ones([2, 2])));
        Assert.Throws<InvalidArgumentError>(() => new Normalization(mean: [1], variance: [1]).Adapt(tf.Ones([2, 2])));
        var layer = new Normalization();
        layer.Adapt(tf.Ones([3, 2]));
        Assert.Throws<InvalidArgumentError>(() => layer.Adapt(tf.Ones([3, 4])));
        Assert.Throws<InvalidArgumentError>(() => layer.Apply(tf.Ones([3, 1, 2])));
        Assert.Throws<InvalidArgumentError>(() => new Normalization([0, 1]).Adapt(tf.Ones([2, 2])));
    }

    [Fact]
    public void AModelWithAdaptedNormalizationTrains()
    {
        tf.random.SetSeed(31);
        // Features on very different scales: Normalization makes plain SGD work.
        var raw = tf.random.Uniform([64, 2], -1, 1, seed: 2);
        var x = raw * tf.Constant(new float[] { 100, 0.01f });
        var y = tf.ReduceSum(raw, 1, keepDims: true);
        var norm = new Normalization(inputShape: [2]);
        norm.Adapt(x);
        var model = new Sequential([norm, new Dense(1)]);
        model.Compile(optimizer: new SGD(0.1), loss: "mse");
        var h = model.Fit(x, y, batchSize: 16, epochs: 20, verbose: 0);
        Assert.True(h["loss"][^1] < 0.01, $"final loss {h["loss"][^1]}");
    }
}
