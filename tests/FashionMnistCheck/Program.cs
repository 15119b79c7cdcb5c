// CI check on the real data: a model trained for ONE epoch must reach a minimum test accuracy.
//   (no argument)  the tutorial's MLP, >= 0.80 (Keras gets ~0.82-0.84 after one epoch);
//   cnn            samples/FashionMnistCnn's CNN, >= 0.86 (it gets 0.8665 with seed 42 since the filter gradient sums its
//                  tiles in another order, 0.8743 before; issue #8 asks for 0.88, not reached yet: seeds 1 and 7 gave
//                  0.8739 and 0.8702, so the gap is not the seed).
// Exits 0 on pass, 1 on fail or missing data, 2 on a bad argument.
using System.Diagnostics;
using Strata;
using Strata.Datasets;
using Strata.Keras.Layers;
using Strata.Keras.Losses;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;

bool cnn = args is ["cnn"];
if (args.Length > 0 && !cnn)
{
    Console.Error.WriteLine($"usage: FashionMnistCheck [cnn] (got '{string.Join(" ", args)}')");
    return 2;
}
double minAccuracy = cnn ? 0.86 : 0.80;
string what = cnn ? "Fashion-MNIST CNN" : "Fashion-MNIST MLP";

Tensor trainImages, trainLabels, testImages, testLabels;
try
{
    ((trainImages, trainLabels), (testImages, testLabels)) = FashionMnist.LoadData();
}
catch (Exception e) when (e is DatasetNotFoundError or DatasetFormatError)
{
    Console.Error.WriteLine($"FAIL: {e.Message}");
    return 1;
}
trainImages = Images.ToFloat01(trainImages);
testImages = Images.ToFloat01(testImages);

tf.random.SetSeed(42);
Sequential model;
if (cnn)
{
    trainImages = tf.Reshape(trainImages, [-1, 28, 28, 1]);
    testImages = tf.Reshape(testImages, [-1, 28, 28, 1]);
    model = new Sequential([
        new Conv2D(32, 3, activation: "relu", inputShape: [28, 28, 1]),
        new MaxPooling2D(2),
        new Conv2D(64, 3, activation: "relu"),
        new MaxPooling2D(2),
        new Flatten(),
        new Dense(128, activation: "relu"),
        new Dense(10),
    ]);
}
else
{
    model = new Sequential([
        new Flatten(inputShape: [28, 28]),
        new Dense(128, activation: "relu"),
        new Dense(10),
    ]);
}
model.Compile(optimizer: new Adam(), loss: new SparseCategoricalCrossentropy(fromLogits: true), metrics: ["accuracy"]);

var clock = Stopwatch.StartNew();
model.Fit(trainImages, trainLabels, batchSize: 32, epochs: 1, verbose: 2);
var epochSeconds = clock.Elapsed.TotalSeconds;
var results = model.Evaluate(testImages, testLabels, verbose: 0);
double accuracy = results["accuracy"];

Console.WriteLine($"epoch time: {epochSeconds:F1} s, test accuracy: {accuracy:F4} (required >= {minAccuracy:F2})");
if (double.IsNaN(accuracy) || accuracy < minAccuracy)
{
    Console.Error.WriteLine($"FAIL: {what} test accuracy {accuracy:F4} after one epoch is below {minAccuracy:F2}.");
    return 1;
}
Console.WriteLine($"PASS: {what} one-epoch check");
return 0;
