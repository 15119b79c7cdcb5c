using Strata.Keras.Layers;
using Strata.Keras.Losses;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;

namespace Strata.Bench.Workloads;

/// <summary>
/// The mlp-epoch model trained for one epoch from a tf.data pipeline —
/// <c>FromTensorSlices((x, y)).Map(scale).Shuffle(10_000).Batch(32).Prefetch(AUTOTUNE)</c>, the uint8 images scaled to
/// [0, 1] by the Map — against the same epoch from in-memory tensors (<c>Fit(x, y, batchSize: 32)</c>, already
/// scaled), both in Strata, in seconds. The line's peer column is the in-memory Fit; the speedup below 1 is what the
/// pipeline costs (#14 wants it within 10%: speedup ≥ 0.91).
/// </summary>
internal sealed class MlpEpochDatasetWorkload : IWorkload
{
    public string Name => "mlp-epoch-dataset";

    public string Peer => "strata-tensors";

    public WorkloadResult Run(BenchContext ctx)
    {
        var (images, labels) = TrainingData.FashionMnist(Name);
        var raw = tf.Cast(images * 255f + 0.5f, DType.UInt8);   // back to the uint8 pixels, which the pipeline scales itself
        var dataset = tf.data.Dataset.FromTensorSlices((raw, labels))
            .Map(e => (tf.Cast(e.Item1, DType.Float32) / 255f, e.Item2), numParallelCalls: tf.data.AUTOTUNE)
            .Shuffle(10_000, seed: 1)
            .Batch(32)
            .Prefetch(tf.data.AUTOTUNE);

        Sequential Build()
        {
            tf.random.SetSeed(1);
            var m = new Sequential([new Flatten(inputShape: [28, 28]), new Dense(128, activation: "relu"), new Dense(10)]);
            m.Compile(optimizer: new Adam(), loss: new SparseCategoricalCrossentropy(fromLogits: true));
            return m;
        }
        var fromDataset = Build();
        var fromTensors = Build();
        var quick = new BenchContext { Threads = ctx.Threads, SampleSeconds = 0, Samples = 3 };
        var (d, t) = Measure.Compare(quick,
            () => fromDataset.Fit(dataset, epochs: 1, verbose: 0),
            () => fromTensors.Fit(images, labels, batchSize: 32, epochs: 1, verbose: 0));
        return new WorkloadResult(d, t, "s", HigherIsBetter: false);
    }
}
