// Snippets of docs/guides/data-pipelines.md.
#region usings
using Strata;
using Strata.Data;                // Dataset<T>
using Strata.Datasets;            // FashionMnist, Mnist, Images (the Strata.Datasets package)
using Strata.Keras.Layers;
using Strata.Keras.Losses;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;
#endregion

namespace Snippets;

internal static class DataPipelines
{
    [Prints]
    internal static void Basics()
    {
        #region basics
        Dataset<Tensor> ds = tf.data.Dataset.Range(10);          // int64 scalars 0 … 9
        var batches = ds.Map(x => x * x)
                        .Filter(x => tf.Equal(tf.FloorMod(x, 2), 0))   // keep the even squares
                        .Batch(2);
        foreach (var batch in batches)
            Console.WriteLine(batch);
        Console.WriteLine($"cardinality of ds: {ds.Cardinality}");
        #endregion
    }

    [Prints]
    internal static void Slices()
    {
        #region slices
        var features = tf.Constant(new[,] { { 1, 2.0 }, { 3, 4 }, { 5, 6 } });
        var labels = tf.Constant(new[] { 0, 1, 0 });
        var pairs = tf.data.Dataset.FromTensorSlices((features, labels));   // one (row, label) per element
        foreach (var (x, y) in pairs.Batch(2))
            Console.WriteLine($"{x.Shape} {y.Shape}: labels {y}");
        #endregion
    }

    [Prints]
    internal static void Shuffling()
    {
        #region shuffle
        var ds = tf.data.Dataset.Range(6).Shuffle(bufferSize: 6, seed: 42).Repeat(2).Batch(3);
        foreach (var batch in ds) Console.WriteLine(batch);     // 0 … 5 in a seeded order, then again in another
        #endregion
    }

    [Prints]
    internal static void Generators()
    {
        #region generator
        static IEnumerable<Tensor> Sentences()
        {
            yield return tf.Constant(new[] { 3, 1, 4 });
            yield return tf.Constant(new[] { 1, 5 });
            yield return tf.Constant(new[] { 9, 2, 6, 5 });
        }
        // Variable-length elements, padded to the longest of each batch.
        var ds = tf.data.Dataset.FromGenerator(Sentences).PaddedBatch(3);
        foreach (var batch in ds) Console.WriteLine(batch);
        #endregion
    }

    [Prints]
    internal static void Windows()
    {
        #region window
        // Sliding windows of 4 steps, shifted by 2: a time series turned into training sequences.
        var series = tf.data.Dataset.Range(8);
        foreach (var window in series.Window(4, shift: 2, dropRemainder: true))
            Console.WriteLine(string.Join(" ", window.Select(t => t.Item<long>())));
        #endregion
    }

    [Prints]
    internal static void Training()
    {
        #region fit
        tf.random.SetSeed(42);
        var x = tf.random.Normal([1000, 4]);
        var y = tf.ArgMax(x[.., 0..3], axis: 1);
        var train = tf.data.Dataset.FromTensorSlices((x[..800], y[..800]))
            .Shuffle(800, seed: 1)
            .Batch(32)
            .Prefetch(tf.data.AUTOTUNE);                      // prepares the next batches while a step runs
        var validation = tf.data.Dataset.FromTensorSlices((x[800..], y[800..])).Batch(100).Cache();

        var model = new Sequential([new Dense(32, activation: "relu", inputShape: [4]), new Dense(3)]);
        model.Compile(optimizer: new Adam(learningRate: 0.01), loss: new SparseCategoricalCrossentropy(fromLogits: true),
                      metrics: ["accuracy"]);
        var history = model.Fit(train, epochs: 5, validationData: validation, verbose: 0);
        Console.WriteLine($"{history.Epochs.Count} epochs: {string.Join(", ", history.history.Keys)}");
        Console.WriteLine(string.Join(", ", model.Evaluate(validation, verbose: 0).Keys));
        #endregion
    }

    [Prints]
    internal static void ParallelMap()
    {
        #region parallel-map
        // An expensive per-element function runs on several threads; deterministic: true (the default) keeps the order.
        var ds = tf.data.Dataset.Range(8)
            .Map(x => tf.Sqrt(tf.Cast(x, DType.Float32)), numParallelCalls: tf.data.AUTOTUNE)
            .Batch(4);
        foreach (var batch in ds) Console.WriteLine(batch);
        #endregion
    }

    // Compiled, not run: it needs the Fashion-MNIST files (scripts/install-fashion-mnist.sh).
    internal static void FashionMnistPipeline()
    {
        #region fashion-mnist
        var ((trainImages, trainLabels), (testImages, testLabels)) = FashionMnist.LoadData();  // uint8 (60000, 28, 28), (60000,)
        trainImages = Images.ToFloat01(trainImages);                                           // float32 in [0, 1]
        testImages = Images.ToFloat01(testImages);
        string firstClass = FashionMnist.ClassNames[trainLabels.ToArray<byte>()[0]];           // "Ankle boot"

        var train = tf.data.Dataset.FromTensorSlices((trainImages, trainLabels))
            .Shuffle(10_000, seed: 1).Batch(32).Prefetch(tf.data.AUTOTUNE);
        var model = new Sequential([new Flatten(inputShape: [28, 28]), new Dense(128, activation: "relu"), new Dense(10)]);
        model.Compile(optimizer: new Adam(), loss: new SparseCategoricalCrossentropy(fromLogits: true), metrics: ["accuracy"]);
        model.Fit(train, epochs: 10);
        Console.WriteLine($"Test accuracy: {model.Evaluate(testImages, testLabels)["accuracy"]:F4}");
        #endregion
    }
}
