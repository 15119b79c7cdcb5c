// These tests bound every wait with their own time limit (WaitAsync); the runner's cancellation token adds nothing.
#pragma warning disable xUnit1051
using Strata.Keras.Initializers;
using Strata.Keras.Layers;
using Strata.Keras.Losses;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;

namespace Strata.Keras.Tests;

/// <summary>Training is independent per thread and per flow of async code: two models trained at once on two
/// threads end with the weights that training them one after the other gives, bit for bit, and Fit works on pool
/// threads after tapes have spanned awaits on them.</summary>
public class ConcurrentTrainingTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    private static Sequential MakeModel(long seed)
    {
        var model = new Sequential([
            new Dense(16, activation: "relu", kernelInitializer: new GlorotUniform(seed), inputShape: [8]),
            new Dense(3, kernelInitializer: new GlorotUniform(seed + 1)),
        ]);
        model.Compile(optimizer: new Adam(), loss: new SparseCategoricalCrossentropy(fromLogits: true));
        return model;
    }

    private static (Tensor X, Tensor Y) Data(int seed)
    {
        var rng = new System.Random(seed);
        var x = new float[256 * 8];
        var y = new int[256];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(rng.NextDouble() * 2 - 1);
        for (int i = 0; i < y.Length; i++) y[i] = x[i * 8] + x[i * 8 + 1] > 0 ? (x[i * 8 + 2] > 0 ? 2 : 1) : 0;
        return (tf.Constant(x, shape: new Shape(256, 8)), tf.Constant(y));
    }

    private static float[][] Train(Sequential model, (Tensor X, Tensor Y) data)
    {
        model.Fit(data.X, data.Y, batchSize: 16, epochs: 3, verbose: 0, shuffle: false);
        return model.Weights.Select(w => w.ToArray<float>()).ToArray();
    }

    [Fact]
    public async Task TwoModelsOnTwoThreadsTrainAsTheyDoOneAfterTheOther()
    {
        var (dataA, dataB) = (Data(1), Data(2));
        var serialA = Train(MakeModel(10), dataA);
        var serialB = Train(MakeModel(20), dataB);

        var (modelA, modelB) = (MakeModel(10), MakeModel(20));
        var both = await Task.WhenAll(
            Task.Factory.StartNew(() => Train(modelA, dataA), TaskCreationOptions.LongRunning),
            Task.Factory.StartNew(() => Train(modelB, dataB), TaskCreationOptions.LongRunning)).WaitAsync(Limit);

        AssertBitIdentical(serialA, both[0]);
        AssertBitIdentical(serialB, both[1]);
    }

    [Fact]
    public async Task FitWorksOnPoolThreadsAfterTapesSpannedAwaits()
    {
        // An async training step of one's own: the tape spans awaits and is disposed wherever the code resumed.
        var w = tf.Variable(tf.Constant(new[] { 1f, 2f }));
        for (int step = 0; step < 32; step++)
        {
            using var tape = new GradientTape();
            await Task.Yield();
            var loss = tf.ReduceSum(tf.Square(w));
            await Task.Delay(1);
            var g = tape.Gradient(loss, w);
            Assert.NotNull(g);
            w.AssignSub(g! * 0.1f);
        }
        // Then Keras training on many pool threads: every one of them must still record.
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
        {
            var model = MakeModel(100 + i);
            return model.Fit(Data(i).X, Data(i).Y, batchSize: 32, epochs: 2, verbose: 0, shuffle: false).history["loss"];
        }))).WaitAsync(Limit);
        foreach (var losses in results) Assert.True(losses[^1] < losses[0], $"loss went from {losses[0]} to {losses[^1]}");
    }

    private static void AssertBitIdentical(float[][] expected, float[][] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
            for (int i = 0; i < expected[k].Length; i++)
                Assert.True(BitConverter.SingleToInt32Bits(expected[k][i]) == BitConverter.SingleToInt32Bits(actual[k][i]),
                    $"weight {k}, element {i}: serial {expected[k][i]:R}, concurrent {actual[k][i]:R}");
    }
}
