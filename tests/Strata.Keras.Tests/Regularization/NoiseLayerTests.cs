using Strata.Keras.Layers;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;

namespace Strata.Keras.Tests.Regularization;

public class NoiseLayerTests
{
    private static (double Mean, double Std) Stats(double[] v)
    {
        double mean = v.Average();
        return (mean, Math.Sqrt(v.Select(a => (a - mean) * (a - mean)).Average()));
    }

    [Fact]
    public void GaussianNoiseAddsNoiseOfTheGivenDeviationOnlyInTraining()
    {
        var layer = new GaussianNoise(0.5, seed: 3);
        var x = tf.Ones([4000]);
        var (mean, std) = Stats(Check.Values(layer.Apply(x, training: true)));
        Assert.InRange(mean, 0.97, 1.03);
        Assert.InRange(std, 0.47, 0.53);
        Assert.Same(x, layer.Apply(x));
        Assert.Same(x, layer.Call(x));
        Assert.Same(x, layer.Apply(x, training: false));
    }

    [Fact]
    public void GaussianDropoutMultipliesByNoiseOfMeanOne()
    {
        // rate 0.2: stddev sqrt(0.2 / 0.8) = 0.5.
        var layer = new GaussianDropout(0.2, seed: 4);
        var (mean, std) = Stats(Check.Values(layer.Apply(tf.Fill([4000], 2f), training: true)));
        Assert.InRange(mean, 1.94, 2.06);
        Assert.InRange(std, 0.94, 1.06);
        var x = tf.Ones([3]);
        Assert.Same(x, layer.Apply(x));
        Assert.Same(x, new GaussianDropout(0).Apply(x, training: true));
        Assert.Same(x, new GaussianDropout(1).Apply(x, training: true)); // Keras applies it only for 0 < rate < 1
    }

    [Fact]
    public void SpatialDropout2DDropsWholeChannels()
    {
        var layer = new SpatialDropout2D(0.5, seed: 5);
        var y = Check.Values(layer.Apply(tf.Ones([8, 2, 2, 16]), training: true));
        int dropped = 0;
        for (int b = 0; b < 8; b++)
            for (int c = 0; c < 16; c++)
            {
                var cell = Enumerable.Range(0, 4).Select(p => y[(b * 4 + p) * 16 + c]).ToArray();
                Assert.All(cell, v => Assert.Equal(cell[0], v)); // one draw for the whole feature map
                Assert.True(cell[0] is 0 or 2, $"kept values are scaled by 1 / (1 - 0.5), got {cell[0]}");
                if (cell[0] == 0) dropped++;
            }
        Assert.InRange(dropped, 40, 88); // of 128 channels, about half
        var x = tf.Ones([1, 2, 2, 1]);
        Assert.Same(x, layer.Apply(x));
    }

    [Fact]
    public void SpatialDropout1DDropsWholeChannels()
    {
        var y = Check.Values(new SpatialDropout1D(0.5, seed: 6).Apply(tf.Ones([4, 3, 32]), training: true));
        for (int b = 0; b < 4; b++)
            for (int c = 0; c < 32; c++)
            {
                Assert.Equal(y[(b * 3) * 32 + c], y[(b * 3 + 1) * 32 + c]);
                Assert.Equal(y[(b * 3) * 32 + c], y[(b * 3 + 2) * 32 + c]);
            }
        Assert.Contains(0.0, y);
        Assert.Contains(2.0, y);
    }

    [Fact]
    public void ASeedGivesTheSameSequenceAndEachCallANewDraw()
    {
        var x = tf.Ones([2, 3, 3, 8]);
        var a = new SpatialDropout2D(0.5, seed: 7);
        var b = new SpatialDropout2D(0.5, seed: 7);
        var a1 = Check.Values(a.Apply(x, training: true));
        Assert.Equal(a1, Check.Values(b.Apply(x, training: true)));
        Assert.NotEqual(a1, Check.Values(a.Apply(x, training: true)));
        var n1 = new GaussianNoise(0.1, seed: 1);
        var n2 = new GaussianNoise(0.1, seed: 1);
        Assert.Equal(Check.Values(n1.Apply(x, training: true)), Check.Values(n2.Apply(x, training: true)));
        Assert.Equal(7L, a.Seed);
        // Without a seed the draws follow tf.random.SetSeed.
        tf.random.SetSeed(9);
        var u1 = Check.Values(new GaussianDropout(0.3).Apply(x, training: true));
        tf.random.SetSeed(9);
        Assert.Equal(u1, Check.Values(new GaussianDropout(0.3).Apply(x, training: true)));
    }

    [Fact]
    public void BadRatesAreRefusedInKerasWords()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => new GaussianDropout(1.5));
        Assert.Equal("GaussianDropout: Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate=1.5", e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => new SpatialDropout2D(-0.1));
        Assert.Equal("SpatialDropout2D: Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate=-0.1", e.Message);
        Assert.Throws<InvalidArgumentError>(() => new SpatialDropout1D(1));
        e = Assert.Throws<InvalidArgumentError>(() => new GaussianNoise(-1));
        Assert.Equal("GaussianNoise: Invalid value received for argument `stddev`. Expected a float value between 0 and 1. Received: stddev=-1", e.Message);
        Assert.Throws<InvalidArgumentError>(() => new GaussianNoise(double.NaN));
        Assert.Throws<InvalidArgumentError>(() => new SpatialDropout2D(0.5).Apply(tf.Ones([2, 3, 4])));
        Assert.Throws<InvalidArgumentError>(() => new SpatialDropout1D(0.5).Call(tf.Ones([2, 3, 4, 1]), training: true));
    }

    [Fact]
    public void AModelWithNoiseLayersTrains()
    {
        tf.random.SetSeed(21);
        var x = tf.random.Uniform([64, 4, 2], -1, 1, seed: 1);
        var y = tf.ReduceSum(tf.ReduceSum(x, 2), 1, keepDims: true);
        var model = new Sequential([
            new GaussianNoise(0.01, seed: 1, inputShape: [4, 2]), new SpatialDropout1D(0.1, seed: 2),
            new Flatten(), new GaussianDropout(0.05, seed: 3), new Dense(1)]);
        model.Compile(optimizer: new Adam(0.05), loss: "mse");
        var h = model.Fit(x, y, batchSize: 16, epochs: 25, verbose: 0);
        Assert.True(h["loss"][^1] < 0.25 * h["loss"][0], $"loss {h["loss"][0]} → {h["loss"][^1]}");
        // Predict is inference: the noise is off, so two predictions agree.
        Assert.Equal(Check.Values(model.Predict(x)), Check.Values(model.Predict(x)));
    }
}
