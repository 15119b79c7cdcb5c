// TensorFlow's "Basic classification: Classify images of clothing" tutorial
// (https://www.tensorflow.org/tutorials/keras/classification), ported to Strata block by block.
using FashionMnistSample;
using Strata;
using Strata.Datasets;
using Strata.Keras.Layers;
using Strata.Keras.Losses;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;
using Strata.Plot;

Options options;
// The tutorial's model.fit(..., epochs=10).
try { options = Options.Parse(args, defaultEpochs: 10, Path.Combine("out", "fashion_mnist"), "FashionMnist"); }
catch (ArgumentException e) { Console.Error.WriteLine(e.Message); return 2; }

// ---------------------------------------------------------------- Import the Fashion MNIST dataset
if (!DataLoading.TryLoad(out var trainImages, out var trainLabels, out var testImages, out var testLabels)) return 1;
var classNames = FashionMnist.ClassNames;

// ---------------------------------------------------------------- Explore the data
Console.WriteLine($"train_images.shape: {trainImages.Shape}, len(train_labels): {trainLabels.Shape[0]}");
Console.WriteLine($"test_images.shape:  {testImages.Shape}, len(test_labels):  {testLabels.Shape[0]}");

// ---------------------------------------------------------------- Preprocess the data
// Scale pixel values from 0…255 to 0…1 before feeding them to the network (train_images / 255.0).
trainImages = Images.ToFloat01(trainImages);
testImages = Images.ToFloat01(testImages);

// ---------------------------------------------------------------- Build the model
tf.random.SetSeed(42);   // the same weights, shuffles and results on every run
var model = new Sequential([
    new Flatten(inputShape: [28, 28]),
    new Dense(128, activation: "relu"),
    new Dense(10),
]);
model.Compile(optimizer: new Adam(),
              loss: new SparseCategoricalCrossentropy(fromLogits: true),
              metrics: ["accuracy"]);
model.Summary();

// ---------------------------------------------------------------- Train the model
// The tutorial fits on the training set only and compares with the test set afterwards; evaluating the
// test set after each epoch as well (it does not change the training) draws that comparison per epoch
// as the validation curve of the plot, where the overfitting the tutorial talks about shows.
var history = model.Fit(trainImages, trainLabels, batchSize: 32, epochs: options.Epochs, verbose: 1,
                        validationData: (testImages, testLabels));

// ---------------------------------------------------------------- Evaluate accuracy
var results = model.Evaluate(testImages, testLabels, verbose: 2);   // test_loss, test_acc = model.evaluate(…)
double testAcc = results["accuracy"];
Console.WriteLine();
Console.WriteLine($"Test accuracy: {testAcc:F4}");

var curves = HistoryPlot.Save(history.history,
    Path.Combine(options.OutDir, "training_curves.png"), title: "Fashion-MNIST MLP");
Console.WriteLine($"Training curves: {curves}");

// ---------------------------------------------------------------- Make predictions
// The model outputs logits; a softmax turns them into probabilities, as the tutorial's probability_model does.
var predictions = tf.Softmax(model.Predict(testImages)).Numpy();
var truth = testLabels.ToArray<byte>();
Console.WriteLine();
for (int i = 0; i < 5; i++)
{
    var p = predictions[i].ToArray<float>();
    int best = Array.IndexOf(p, p.Max());
    Console.WriteLine($"Image {i}: predicted {classNames[best],-12} ({100 * p[best],5:F1}%)  " +
                      $"true {classNames[truth[i]],-12} {(best == truth[i] ? "✓" : "✗")}");
}
// The memory the whole run needed at its peak (the speed issue's budget is 350 MiB).
Console.WriteLine($"\nPeak working set: {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024):F0} MiB");
return 0;
