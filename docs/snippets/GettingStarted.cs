// Snippets of docs/guides/getting-started.md.
#region usings
using Strata;                     // tf, keras, Tensor, Variable, GradientTape, Shape, DType
using Strata.Keras.Layers;        // Dense, Flatten, Conv2D, …
using Strata.Keras.Models;        // Sequential, Model
#endregion

namespace Snippets;

internal static class GettingStarted
{
    [Prints]
    internal static void FirstProgram()
    {
        #region first-program
        tf.random.SetSeed(1);
        var x = tf.Constant(new[,] { { 1, 2.0 } });              // shape (1, 2), float32
        var W = tf.Variable(tf.random.Normal([2, 3]));
        var b = tf.Variable(tf.Zeros([3]));

        Tensor?[] grads;
        using (var tape = new GradientTape())                    // records the ops on trainable variables
        {
            var y = tf.Sigmoid(tf.MatMul(x, W) + b);
            Console.WriteLine(y);
            var loss = tf.ReduceMean(tf.Square(y - 1f));
            grads = tape.Gradient(loss, [W, b]);
        }
        Console.WriteLine(grads[1]);                             // d loss / d b
        #endregion
    }

    [Prints]
    internal static void FirstModel()
    {
        #region first-model
        // Learn y = 3x - 1 from 256 noisy samples.
        tf.random.SetSeed(7);
        var x = tf.random.Uniform([256, 1], -1, 1);
        var y = 3 * x - 1 + 0.05 * tf.random.Normal([256, 1]);

        var model = new Sequential([new Dense(1, inputShape: [1])]);
        model.Compile(optimizer: new Strata.Keras.Optimizers.SGD(learningRate: 0.1), loss: "mse");
        var history = model.Fit(x, y, batchSize: 32, epochs: 30, verbose: 0);

        var dense = (Dense)model.Layers[0];
        Console.WriteLine($"loss after 30 epochs: {history.history["loss"][^1]:F4}");
        Console.WriteLine($"learned w = {dense.Kernel!.ToArray<float>()[0]:F2}, b = {dense.Bias!.ToArray<float>()[0]:F2}");
        #endregion
    }
}
