// Snippets of docs/guides/performance.md.
#region usings
using System.Diagnostics;
using Strata;
using Strata.Keras.Layers;
using Strata.Keras.Losses;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;
#endregion

namespace Snippets;

internal static class Performance
{
    [Prints]
    internal static void Threads()
    {
        #region threads
        // Kernels (matrix products, convolutions, large elementwise ops) use up to this many threads; the default is
        // the core count. One thread per process suits several processes on one machine (MPI, parallel test runs).
        tf.config.SetNumThreads(1);
        Console.WriteLine(tf.config.GetNumThreads());
        #endregion
    }

    [Prints]
    internal static void FusedLoss()
    {
        #region fused-loss
        var labels = tf.Constant(new[] { 0, 2 });
        var logits = tf.Constant(new[,] { { 2.0, 1, 0.1 }, { 0.5, 0.5, 3 } });
        // One fused op, stable for large logits, with a cheap gradient: prefer fromLogits: true to a softmax layer.
        var fused = new SparseCategoricalCrossentropy(fromLogits: true).Call(labels, logits);
        var unfused = new SparseCategoricalCrossentropy().Call(labels, tf.nn.Softmax(logits));
        Console.WriteLine($"{fused.Item<float>():F5} {unfused.Item<float>():F5}");
        #endregion
    }

    internal static void Inference(Model model, Tensor images)
    {
        #region inference
        // Outside a GradientTape nothing is recorded: an op costs its kernel and its result.
        Tensor logits = model.Predict(images, batchSize: 256);   // larger batches: fewer, larger matrix products
        Tensor one = model.Apply(images[..1], training: false);   // one call, no batching machinery
        #endregion
    }

    internal static void StopRecording(Model model, Tensor x, Tensor y)
    {
        var lossFn = new SparseCategoricalCrossentropy(fromLogits: true);
        var optimizer = new Adam();
        #region stop-recording
        using (var tape = new GradientTape())
        {
            var logits = model.Apply(x, training: true);
            var loss = lossFn.Call(y, logits);
            using (tape.StopRecording())
            {
                // Bookkeeping that needs no gradient is not recorded, so the backward pass skips it.
                var accuracy = tf.ReduceMean(tf.Cast(tf.Equal(tf.ArgMax(logits, axis: 1), tf.Cast(y, DType.Int64)), DType.Float32));
                Console.WriteLine($"accuracy {accuracy.Item<float>():F3}");
            }
            optimizer.ApplyGradients(tape.Gradient(loss, model.TrainableWeights), model.TrainableWeights);
        }
        #endregion
    }

    [Runs]
    internal static void Timing()
    {
        #region timing
        tf.random.SetSeed(0);
        var x = tf.random.Normal([4096, 784]);
        var y = tf.ArgMax(x[.., 0..10], axis: 1);
        var model = new Sequential([new Dense(128, activation: "relu", inputShape: [784]), new Dense(10)]);
        model.Compile(optimizer: new Adam(), loss: new SparseCategoricalCrossentropy(fromLogits: true));
        model.Fit(x[..256], y[..256], epochs: 1, verbose: 0);               // warm-up: the JIT compiles the kernels first
        var clock = Stopwatch.StartNew();
        model.Fit(x, y, batchSize: 32, epochs: 1, verbose: 0);
        double usPerStep = clock.Elapsed.TotalMicroseconds / (4096 / 32);
        Console.WriteLine($"{usPerStep:F0} us per training step");
        #endregion
    }
}
