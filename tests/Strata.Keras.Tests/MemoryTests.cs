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
        model.Fit(x, y, batchSize: 16, epochs: 12, verbose: 0, callbacks: [measure]);
        // After two epochs of warm-up (pools filled, code jitted), 10 epochs of 64 steps each: a leak of even a
        // small tensor per step (~100 bytes) would add 64 KB; allow a quarter of that for the GC's own noise.
        long growth = live[^1] - live[2];
        Assert.True(growth < 16 * 1024, $"live memory grew by {growth} bytes over 9 epochs: {string.Join(", ", live)}");
    }
}
