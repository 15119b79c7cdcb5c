// The Fashion-MNIST models of samples/FashionMnist (MLP) and samples/FashionMnistCnn (--cnn), trained data-parallel
// on several processes with tf.distribute.MultiWorkerMirroredStrategy:
//
//   mpirun -np 2 dotnet run -c Release --project samples/DistributedFashionMnist [-- --cnn] [--epochs N] [--batch B]
//
// (as root, Open MPI also wants --allow-run-as-root). Every rank runs this same program; rank 0 (the chief) prints
// and plots. --batch is the global batch (default 32 per replica × replicas), split across the ranks each step.
using System.Globalization;
using Strata;
using Strata.Datasets;
using Strata.Keras.Layers;
using Strata.Keras.Losses;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;
using Strata.Plot;

bool cnn = args.Contains("--cnn");
int epochs = Option("--epochs", cnn ? 2 : 5);
var strategy = tf.distribute.MultiWorkerMirroredStrategy();
int batch = Option("--batch", 32 * strategy.NumReplicasInSync);
bool chief = strategy.IsChief;
if (chief) Console.WriteLine($"{strategy}; {(cnn ? "CNN" : "MLP")}, global batch {batch} ({batch / strategy.NumReplicasInSync} per replica), {epochs} epoch(s)");

Tensor trainImages, trainLabels, testImages, testLabels;
try
{
    ((trainImages, trainLabels), (testImages, testLabels)) = FashionMnist.LoadData();
}
catch (Exception e) when (e is DatasetNotFoundError or DatasetFormatError)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
trainImages = Images.ToFloat01(trainImages);
testImages = Images.ToFloat01(testImages);
if (cnn)
{
    trainImages = tf.Reshape(trainImages, [-1, 28, 28, 1]);
    testImages = tf.Reshape(testImages, [-1, 28, 28, 1]);
}

// Built and compiled in the strategy's scope: Fit then starts every rank from rank 0's weights and averages the
// gradients of the ranks' shares of each batch. The seed makes the run repeatable; it need not be the same on every rank.
tf.random.SetSeed(42);
Sequential model;
using (strategy.Scope())
{
    model = cnn
        ? new Sequential([
            new Conv2D(32, 3, activation: "relu", inputShape: [28, 28, 1]), new MaxPooling2D(2),
            new Conv2D(64, 3, activation: "relu"), new MaxPooling2D(2),
            new Flatten(), new Dense(128, activation: "relu"), new Dense(10)])
        : new Sequential([new Flatten(inputShape: [28, 28]), new Dense(128, activation: "relu"), new Dense(10)]);
    model.Compile(optimizer: new Adam(), loss: new SparseCategoricalCrossentropy(fromLogits: true), metrics: ["accuracy"]);
}
if (chief) model.Summary();

// Only the chief shows the progress bar; every rank logs the same (all-reduced) loss and accuracy.
var history = model.Fit(trainImages, trainLabels, batchSize: batch, epochs: epochs, verbose: chief ? 1 : 0,
                        validationData: (testImages, testLabels));
var results = model.Evaluate(testImages, testLabels, batchSize: batch, verbose: 0);
if (chief)
{
    var curves = HistoryPlot.Save(history.history, Path.Combine("out", "distributed_fashion_mnist", "training_curves.png"),
        title: $"Fashion-MNIST {(cnn ? "CNN" : "MLP")} on {strategy.NumReplicasInSync} processes");
    Console.WriteLine($"Training curves: {curves}");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Test accuracy: {results["accuracy"]:F4}"));
}
return 0;

int Option(string name, int fallback)
{
    int i = Array.IndexOf(args, name);
    if (i < 0) return fallback;
    if (i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out int v) && v > 0) return v;
    Console.Error.WriteLine($"{name} wants a positive whole number. Usage: DistributedFashionMnist [--cnn] [--epochs N] [--batch B]");
    Environment.Exit(2);
    return 0;
}
