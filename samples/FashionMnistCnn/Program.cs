// Fashion-MNIST with a small convolutional network, the model TensorFlow's CNN tutorials train on 28×28 images:
// Conv2D 32 3×3 relu → MaxPool 2 → Conv2D 64 3×3 relu → MaxPool 2 → Flatten → Dense 128 relu → Dense 10,
// Adam, batch 32, 5 epochs. The same data handling as samples/FashionMnist (the MLP).
using FashionMnistSample;
using Strata;
using Strata.Datasets;
using Strata.Keras.Layers;
using Strata.Keras.Losses;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;
using Strata.Plot;

Options options;
try { options = Options.Parse(args, defaultEpochs: 5, Path.Combine("out", "fashion_mnist_cnn"), "FashionMnistCnn"); }
catch (ArgumentException e) { Console.Error.WriteLine(e.Message); return 2; }

// ---------------------------------------------------------------- Import and preprocess the data
if (!DataLoading.TryLoad(out var trainImages, out var trainLabels, out var testImages, out var testLabels)) return 1;
// Pixels from 0…255 to 0…1, and a channel axis: Conv2D wants (batch, height, width, channels).
trainImages = tf.Reshape(Images.ToFloat01(trainImages), [-1, 28, 28, 1]);
testImages = tf.Reshape(Images.ToFloat01(testImages), [-1, 28, 28, 1]);
Console.WriteLine($"train_images.shape: {trainImages.Shape}, test_images.shape: {testImages.Shape}");

// ---------------------------------------------------------------- Build the model
tf.random.SetSeed(42);   // the same weights, shuffles and results on every run
var model = new Sequential([
    new Conv2D(32, 3, activation: "relu", inputShape: [28, 28, 1]),
    new MaxPooling2D(2),
    new Conv2D(64, 3, activation: "relu"),
    new MaxPooling2D(2),
    new Flatten(),
    new Dense(128, activation: "relu"),
    new Dense(10),
]);
model.Compile(optimizer: new Adam(),
              loss: new SparseCategoricalCrossentropy(fromLogits: true),
              metrics: ["accuracy"]);
model.Summary();

// ---------------------------------------------------------------- Train and evaluate
var history = model.Fit(trainImages, trainLabels, batchSize: 32, epochs: options.Epochs, verbose: 1,
                        validationData: (testImages, testLabels));
var results = model.Evaluate(testImages, testLabels, verbose: 2);
Console.WriteLine();
var curves = HistoryPlot.Save(history.history,
    Path.Combine(options.OutDir, "training_curves.png"), title: "Fashion-MNIST CNN");
Console.WriteLine($"Training curves: {curves}");
Console.WriteLine($"Test accuracy: {results["accuracy"]:F4}");
// The memory the whole run needed at its peak (the issue's budget is 450 MiB).
Console.WriteLine($"Peak working set: {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024):F0} MiB");
return 0;
