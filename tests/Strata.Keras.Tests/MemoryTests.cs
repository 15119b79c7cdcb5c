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
        // A leak grows the live memory every epoch, so it raises the floor; caches that fill and empty (the buffer
        // pool, the runtime's, the test runner's own threads) move single readings by megabytes, up and down, and
        // leave the floor alone. So compare the floor of epochs 3-6 with that of epochs 9-12: a leak of 100 bytes
        // per step (128 steps an epoch, six epochs apart) raises it by 77 KB. The early floor is the second-lowest
        // reading, so that one transient dip (seen once: 3.9 MB among readings of 5.7 MB) does not count as growth.
        // A leak rises in every run; the runner's noise, seen in about one CI run in ten, does not come back: a rise
        // must show in three runs out of three to fail.
        var rises = new List<string>();
        for (int attempt = 0; attempt < 3; attempt++)
        {
            var live = TrainAndMeasure();
            long early = live.Skip(2).Take(4).Order().ElementAt(1), late = live.Skip(8).Min();
            if (late - early < 32 * 1024) return;
            rises.Add($"+{late - early} bytes ({string.Join(", ", live)})");
        }
        Assert.Fail($"the live-memory floor rose from epochs 3-6 to 9-12 in three runs: {string.Join("; ", rises)}");
    }

    private static List<long> TrainAndMeasure()
    {
        tf.random.SetSeed(3);
        var x = tf.random.Uniform([1024, 64]);
        var y = tf.Cast(tf.random.Uniform([1024], 0, 10), DType.Int32);
        var model = new Sequential([new Dense(64, activation: "relu"), new Dense(10)]);
        model.Compile(optimizer: new Adam(), loss: new SparseCategoricalCrossentropy(fromLogits: true), metrics: ["accuracy"]);
        var live = new List<long>();
        var measure = new LambdaCallback(onEpochEnd: (_, _) => live.Add(LiveBytes()));
        model.Fit(x, y, batchSize: 8, epochs: 12, verbose: 0, callbacks: [measure]);
        return live;
    }

    /// <summary>Live bytes after the finalizers of earlier tests' objects have run (their finalization between two
    /// readings otherwise moves them by megabytes).</summary>
    private static long LiveBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
