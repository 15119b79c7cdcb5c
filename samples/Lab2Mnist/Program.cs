// MIT Introduction to Deep Learning, Lab 2 Part 1: MNIST digit classification, ported block by block from
// lab2/solutions/Part1_MNIST_Solution.ipynb (© MIT 6.S191: Introduction to Deep Learning,
// http://introtodeeplearning.com, MIT License). Sections 1.1–1.4: the data, a fully connected network, a CNN,
// and the CNN again with a GradientTape training loop.
using Lab2Mnist;
using Strata;
using Strata.Datasets;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;

string outDir = args.Length == 2 && args[0] == "--out" ? args[1] : Path.Combine("out", "lab2");

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
const int BatchSize = 64, Epochs = 5;
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
var loop = TapeTraining.Run(LabModels.BuildCnnModel(), trainImages, trainLabels, batchSize: 12, learningRate: 1e-2,
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
