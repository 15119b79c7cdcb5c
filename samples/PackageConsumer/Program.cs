// A program that uses Strata from its NuGet packages: the seed lab's tape and a small Keras model trained to fit
// y = 2x + 1. It prints one line a script can read and exits non-zero if training did not converge.
using Strata;
using Strata.Keras.Layers;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;

var x = tf.Variable(tf.Constant(3f));
using (var tape = new GradientTape())
{
    var y = x * x;
    Console.WriteLine($"dy/dx at 3: {tape.Gradient(y, x)!.Item<float>()}");   // 6
}

tf.random.SetSeed(1);
var xs = tf.random.Uniform([256, 1], -1, 1, seed: 2);
var ys = xs * 2f + 1f;
var model = new Sequential([new Dense(1, inputShape: [1])]);
model.Compile(optimizer: new SGD(learningRate: 0.1), loss: "mse");
var history = model.Fit(tf.data.Dataset.FromTensorSlices((xs, ys)).Shuffle(256, seed: 3).Batch(16), epochs: 20, verbose: 0);
double loss = history.history["loss"][^1];
var kernel = model.Weights[0].Item<float>();
var bias = model.Weights[1].Item<float>();
Console.WriteLine($"PackageConsumer: loss {loss:F6}, kernel {kernel:F3}, bias {bias:F3}");
return loss < 1e-3 && Math.Abs(kernel - 2) < 0.05 && Math.Abs(bias - 1) < 0.05 ? 0 : 1;
