#!/usr/bin/env dotnet
// dotnet run samples/labs/lab2.cs [-- --quick | --epochs N --train N --test N --tape-steps N] [--out DIR]
// (a .NET 10 file-based app; `dotnet run --project samples/Lab2Mnist` runs the same file). MNIST: scripts/install-mnist.sh.
#:project ../LabSupport/LabSupport.csproj
#:property Configuration=Release
// MIT Introduction to Deep Learning, Lab 2 Part 1: MNIST digit classification, ported block by block from
// lab2/solutions/Part1_MNIST_Solution.ipynb (© MIT 6.S191: Introduction to Deep Learning,
// http://introtodeeplearning.com, MIT License). Sections 1.1–1.4: the data, a fully connected network, a CNN,
// and the CNN again with a GradientTape training loop.
using Lab2Mnist;
using Strata;
using Strata.Datasets;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;

Lab2Options options;
try { options = Lab2Options.Parse(args); }
catch (ArgumentException e) { Console.Error.WriteLine(e.Message); return 2; }
string outDir = options.OutDir;

// ---------------------------------------------------------------- 1.1 MNIST dataset
Tensor trainImages, trainLabels, testImages, testLabels;
try
{
    ((trainImages, trainLabels), (testImages, testLabels)) = Mnist.LoadData();
}
catch (Exception e) when (e is DatasetNotFoundError or DatasetFormatError)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine("In a clone of Strata, scripts/install-mnist.sh installs it.");
    return 1;
}
// train_images = (np.expand_dims(train_images, axis=-1)/255.).astype(np.float32); labels as int64
trainImages = tf.ExpandDims(Images.ToFloat01(trainImages), -1);
testImages = tf.ExpandDims(Images.ToFloat01(testImages), -1);
trainLabels = tf.Cast(trainLabels, DType.Int64);
testLabels = tf.Cast(testLabels, DType.Int64);
// A shorter run (--quick, --train, --test): the first images of each set.
static (Tensor, Tensor) First(Tensor images, Tensor labels, int? count) => count is int c && c < images.Shape[0]
    ? (tf.Slice(images, [0, 0, 0, 0], [c, -1, -1, -1]), tf.Slice(labels, [0], [c]))
    : (images, labels);
(trainImages, trainLabels) = First(trainImages, trainLabels, options.TrainCount);
(testImages, testLabels) = First(testImages, testLabels, options.TestCount);
if (options.Quick) Console.WriteLine($"Quick run: {options.Epochs} epoch(s) on {trainImages.Shape[0]} training images, {options.TapeSteps} tape steps, {testImages.Shape[0]} test images");
Console.WriteLine($"train_images: {trainImages.Shape} {trainImages.DType.Name()}, train_labels: {trainLabels.Shape} {trainLabels.DType.Name()}");
Console.WriteLine($"test_images:  {testImages.Shape} {testImages.DType.Name()}, test_labels:  {testLabels.Shape} {testLabels.DType.Name()}");
// The notebook shows 36 random training images with their labels.
var grid = Digits.SaveGrid(trainImages, trainLabels, count: 36, seed: 0, Path.Combine(outDir, "random_digits.png"));
Console.WriteLine($"36 random training digits: {grid}");

tf.random.SetSeed(1);   // the same weights, shuffles and results on every run

// ---------------------------------------------------------------- 1.2 Fully connected network
Console.WriteLine("\n### 1.2 Neural network for handwritten digit classification ###");
var model = LabModels.BuildFcModel();
model.Compile(optimizer: new SGD(learningRate: 1e-1), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
const int BatchSize = 64;
int Epochs = options.Epochs;
model.Fit(trainImages, trainLabels, batchSize: BatchSize, epochs: Epochs);
var (_, denseAccuracy) = LabModels.Evaluate(model, testImages, testLabels);

// ---------------------------------------------------------------- 1.3 Convolutional network
Console.WriteLine("\n### 1.3 Convolutional neural network (CNN) for handwritten digit classification ###");
var cnnModel = LabModels.BuildCnnModel();
cnnModel.Predict(tf.Slice(trainImages, [0, 0, 0, 0], [1, -1, -1, -1]));   // initialize the model on one image
cnnModel.Summary();
cnnModel.Compile(optimizer: new Adam(learningRate: 1e-3), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
cnnModel.Fit(trainImages, trainLabels, batchSize: BatchSize, epochs: Epochs);
var (_, cnnAccuracy) = LabModels.Evaluate(cnnModel, testImages, testLabels);

// Make predictions with the CNN model: the first test image.
var predictions = cnnModel.Predict(testImages).Numpy();
Console.WriteLine(predictions[0].Repr());                          // predictions[0]
var firstProbabilities = predictions[0].ToArray<float>();
int prediction = Array.IndexOf(firstProbabilities, firstProbabilities.Max());   // np.argmax(predictions[0])
Console.WriteLine(prediction);
Console.WriteLine($"Label of this digit is: {(long)testLabels.Numpy()[0]}");

// ---------------------------------------------------------------- 1.4 Training the model 2.0
Console.WriteLine("\n### 1.4 Training the model 2.0 (GradientTape) ###");
const int TapeBatchSize = 12;
var (loopImages, loopLabels) = First(trainImages, trainLabels, options.TapeSteps * TapeBatchSize);
var loop = TapeTraining.Run(LabModels.BuildCnnModel(), loopImages, loopLabels, batchSize: TapeBatchSize, learningRate: 1e-2,
    Path.Combine(outDir, "tape_training_loss.png"));
Console.WriteLine($"Smoothed loss: {loop.FirstLoss:F4} at the start, {loop.LastLoss:F4} after {loop.Steps} steps; plot: {loop.PlotPath}");
// The loop model was never compiled (the lab only trains it); Evaluate needs its loss and metric.
loop.Model.Compile(optimizer: new SGD(learningRate: 1e-2), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
var (_, loopAccuracy) = LabModels.Evaluate(loop.Model, testImages, testLabels);

Console.WriteLine();
Console.WriteLine($"Dense model test accuracy: {denseAccuracy:F4}");
Console.WriteLine($"CNN test accuracy: {cnnAccuracy:F4}");
Console.WriteLine($"CNN (GradientTape loop, one pass) test accuracy: {loopAccuracy:F4}");
return 0;
