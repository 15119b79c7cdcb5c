using Strata.Keras.Layers;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;

namespace Strata.Keras.Tests;

/// <summary>The small seeded problem the argument tests train on: y = x0 + x1 for uniform x, a Dense(1) model with
/// SGD, mse and mae.</summary>
internal static class TinyRegression
{
    public static (Sequential model, Tensor x, Tensor y) Make(int samples, double learningRate, long globalSeed, long dataSeed, string? name = null)
    {
        tf.random.SetSeed(globalSeed);
        var x = tf.random.Uniform([samples, 2], seed: dataSeed);
        var y = tf.ReduceSum(x, 1, keepDims: true);
        var model = new Sequential([new Dense(1, inputShape: [2])], name: name);
        model.Compile(optimizer: new SGD(learningRate), loss: "mse", metrics: ["mae"]);
        return (model, x, y);
    }
}
