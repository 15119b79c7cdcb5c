using Strata.Keras.Callbacks;
using Strata.Keras.Layers;
using Strata.Keras.Losses;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;

namespace Strata.Keras.Tests;

/// <summary>The API the Fashion-MNIST sample uses, on small synthetic data shaped like it.</summary>
public class SampleApiTests
{
    internal static (Tensor x, Tensor y) Images(int n, DType labelType, long seed)
    {
        // Ten classes told apart by which block of rows is bright, plus noise: learnable by the MLP.
        var rng = new System.Random((int)seed);
        var x = new float[n, 28, 28];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            int c = rng.Next(10);
            labels[i] = c;
            for (int r = 0; r < 28; r++)
                for (int k = 0; k < 28; k++)
                    x[i, r, k] = (float)(rng.NextDouble() * 0.3 + (r / 3 == c ? 0.7 : 0));
        }
        return (tf.Constant(x), tf.Cast(tf.Constant(labels), labelType));
    }

    [Theory]
    [InlineData(DType.UInt8)]
    [InlineData(DType.Int32)]
    [InlineData(DType.Int64)]
    public void TutorialModelTrainsEvaluatesAndPredicts(DType labelType)
    {
        tf.random.SetSeed(7);
        var (trainImages, trainLabels) = Images(640, labelType, 1);
        var (testImages, testLabels) = Images(200, labelType, 2);
        var model = new Sequential([new Flatten(inputShape: [28, 28]), new Dense(128, activation: "relu"), new Dense(10)]);
        model.Compile(optimizer: new Adam(), loss: new SparseCategoricalCrossentropy(fromLogits: true), metrics: ["accuracy"]);
        History history = model.Fit(trainImages, trainLabels, batchSize: 32, epochs: 3, validationSplit: 0.1, verbose: 0);
        Assert.Equal(["accuracy", "loss", "val_accuracy", "val_loss"], history.history.Keys);
        Assert.Equal([0, 1, 2], history.Epochs);
        Assert.True(history["accuracy"][2] > 0.9, $"accuracy {history["accuracy"][2]}");
        var results = model.Evaluate(testImages, testLabels, verbose: 0);
        Assert.Equal(["loss", "accuracy"], results.Keys);
        Assert.True(results["accuracy"] > 0.9);
        Tensor logits = model.Predict(testImages);
        Assert.Equal(new Shape(200, 10), logits.Shape);
    }

    [Fact]
    public void StringNamesWork()
    {
        tf.random.SetSeed(3);
        var (x, y) = Images(128, DType.UInt8, 3);
        var model = new Sequential([new Flatten(inputShape: [28, 28]), new Dense(16, activation: "relu"), new Dense(10, activation: "softmax")]);
        model.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        var h = model.Fit(x, y, epochs: 2, verbose: 0);
        Assert.True(h["loss"][1] < h["loss"][0]);
    }
}
