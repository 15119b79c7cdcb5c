using Strata.Keras.Callbacks;
using Strata.Keras.Layers;
using Strata.Keras.Losses;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;

namespace Strata.Keras.Tests;

/// <summary>A long Fit must not grow the process: whatever a step leaves is reused or collected by the next.</summary>
public class MemoryTests
{
    [Fact]
    public void LiveMemoryDoesNotGrowFromEpochToEpoch()
    {
        tf.random.SetSeed(3);
        var x = tf.random.Uniform([1024, 64]);
        var y = tf.Cast(tf.random.Uniform([1024], 0, 10), DType.Int32);
        var model = new Sequential([new Dense(64, activation: "relu"), new Dense(10)]);
        model.Compile(optimizer: new Adam(), loss: new SparseCategoricalCrossentropy(fromLogits: true), metrics: ["accuracy"]);
        var live = new List<long>();
        var measure = new LambdaCallback(onEpochEnd: (_, _) => live.Add(GC.GetTotalMemory(forceFullCollection: true)));
        model.Fit(x, y, batchSize: 8, epochs: 12, verbose: 0, callbacks: [measure]);
        // A leak grows the live memory every epoch; the runtime's own bookkeeping (a thread or a cache made on
        // the way) shows as a single step, and the measure itself moves by ~8 KB. After two epochs of warm-up,
        // count the epochs (of 128 steps) that grew by more than 12 KB, which a leak of 100 bytes per step does:
        // no more than a third may.
        int growing = 0;
        for (int e = 3; e < live.Count; e++) if (live[e] - live[e - 1] > 12 * 1024) growing++;
        Assert.True(growing <= 3, $"live memory grew in {growing} of {live.Count - 3} epochs: {string.Join(", ", live)}");
    }
}
