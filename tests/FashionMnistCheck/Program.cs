// CI check on the real data: the tutorial's MLP, trained for ONE epoch, must reach a test accuracy
// of at least 0.80 (Keras gets ~0.82-0.84 after one epoch). Exits 0 on pass, 1 on fail or missing data.
using System.Diagnostics;
using Strata;
using Strata.Datasets;
using Strata.Keras.Layers;
using Strata.Keras.Losses;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;

const double MinAccuracy = 0.80;

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
var model = new Sequential([
    new Flatten(inputShape: [28, 28]),
    new Dense(128, activation: "relu"),
    new Dense(10),
]);
model.Compile(optimizer: new Adam(), loss: new SparseCategoricalCrossentropy(fromLogits: true), metrics: ["accuracy"]);

var clock = Stopwatch.StartNew();
model.Fit(trainImages, trainLabels, batchSize: 32, epochs: 1, verbose: 2);
var epochSeconds = clock.Elapsed.TotalSeconds;
var results = model.Evaluate(testImages, testLabels, verbose: 0);
double accuracy = results["accuracy"];

Console.WriteLine($"epoch time: {epochSeconds:F1} s, test accuracy: {accuracy:F4} (required >= {MinAccuracy:F2})");
if (double.IsNaN(accuracy) || accuracy < MinAccuracy)
{
    Console.Error.WriteLine($"FAIL: Fashion-MNIST MLP test accuracy {accuracy:F4} after one epoch is below {MinAccuracy:F2}.");
    return 1;
}
Console.WriteLine("PASS: Fashion-MNIST MLP one-epoch check");
return 0;
