using Strata.Keras.Callbacks;
using Strata.Keras.Engine;
using Strata.Keras.Layers;
using Strata.Keras.Losses;
using Strata.Keras.Metrics;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;

namespace Strata.Keras.Tests;

/// <summary>Fit, Evaluate and Predict arguments beyond the defaults (initialEpoch, validationSplit, epochs 0,
/// verbose progress, .NET arrays), what Compile exposes, and the errors for data that cannot be used.</summary>
public class FitArgumentTests
{
    private static (Sequential model, Tensor x, Tensor y) Regression(int n = 16) => TinyRegression.Make(n, 0.05, globalSeed: 31, dataSeed: 5, name: "reg");


    [Fact]
    public void InitialEpochResumesTheEpochCount()
    {
        // Keras: for epoch in range(initial_epoch, epochs); the bar says "Epoch 3/4".
        var (model, x, y) = Regression();
        var begun = new List<int>();
        History h = null!;
        var text = ConsoleOutput.Capture(() => h = model.Fit(x, y, batchSize: 16, epochs: 4, verbose: 2, initialEpoch: 2,
            callbacks: [new LambdaCallback(onEpochBegin: (e, _) => begun.Add(e))]));
        Assert.Equal([2, 3], begun);
        Assert.Equal([2, 3], h.Epochs);
        Assert.Equal(2, h["loss"].Count);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["Epoch 3/4", "Epoch 4/4"], lines.Where(l => l.StartsWith("Epoch")).ToArray());
        Assert.Equal(2, model.Optimizer!.Iterations); // one step per epoch, two epochs
    }

    [Fact]
    public void ZeroEpochsTrainNothing()
    {
        var (model, x, y) = Regression();
        var before = model.GetWeights()[0].ToArray<float>();
        var h = model.Fit(x, y, epochs: 0, verbose: 0);
        Assert.Empty(h.Epochs);
        Assert.Empty(h.history);
        Assert.Equal(before, model.GetWeights()[0].ToArray<float>());
        Assert.Equal(0, model.Optimizer!.Iterations);
    }

    [Fact]
    public void ValidationSplitTakesTheFlooredShareForTrainingAsKerasDoes()
    {
        // Keras's train_validation_split: split_at = floor(n · (1 - split)); 10 samples at 0.25 train on 7, validate on 3.
        var (model, x, y) = Regression(10);
        int testBatches = 0;
        var counter = new TestBatchCounter(() => testBatches++);
        var h = model.Fit(x, y, batchSize: 1, epochs: 1, verbose: 0, validationSplit: 0.25, shuffle: false, callbacks: [counter]);
        Assert.Equal(7, counter.Params["steps"]);
        Assert.Equal(3, testBatches);
        // The last three samples are the validation set: their loss after training is val_loss.
        Check.Close(model.Evaluate(tf.Slice(x, [7, 0], [3, 2]), tf.Slice(y, [7, 0], [3, 1]), verbose: 0)["loss"], h["val_loss"][0], 1e-6);
    }

    private sealed class TestBatchCounter(Action onTestBatch) : Callback
    {
        public override void OnTestBatchEnd(int batch, Dictionary<string, double> logs) => onTestBatch();
    }

    [Theory]
    [InlineData(0.01)] // floor(3 · 0.99) = 2: fine, 1 validation sample
    [InlineData(0.5)] // floor(1.5) = 1
    public void AValidationSplitLeavingSamplesOnBothSidesIsAccepted(double split)
    {
        var (model, x, y) = Regression(3);
        var h = model.Fit(x, y, epochs: 1, verbose: 0, validationSplit: split);
        Assert.Single(h["val_loss"]);
    }

    [Fact]
    public void AValidationSplitLeavingNoTrainingSampleIsRefused()
    {
        var (model, x, y) = Regression(3);
        var e = Assert.Throws<InvalidArgumentError>(() => model.Fit(x, y, verbose: 0, validationSplit: 0.9)); // floor(0.3) = 0
        Assert.Equal("Fit: validationSplit 0.9 of 3 samples leaves no training or no validation samples.", e.Message);
    }

    [Fact]
    public void BadFitArgumentsAreNamed()
    {
        var (model, x, y) = Regression();
        Assert.Equal("Fit: epochs must be non-negative, got -1.",
            Assert.Throws<InvalidArgumentError>(() => model.Fit(x, y, epochs: -1, verbose: 0)).Message);
        Assert.Equal($"Fit: validationSplit must be in [0, 1), got {double.NaN}.",
            Assert.Throws<InvalidArgumentError>(() => model.Fit(x, y, verbose: 0, validationSplit: double.NaN)).Message);
        Assert.Equal("Fit: validationSplit must be in [0, 1), got -0.5.",
            Assert.Throws<InvalidArgumentError>(() => model.Fit(x, y, verbose: 0, validationSplit: -0.5)).Message);
        Assert.Equal("Evaluate: batchSize must be positive, got 0.",
            Assert.Throws<InvalidArgumentError>(() => model.Evaluate(x, y, batchSize: 0, verbose: 0)).Message);
        Assert.Equal("Predict: batchSize must be positive, got -2.",
            Assert.Throws<InvalidArgumentError>(() => model.Predict(x, batchSize: -2)).Message);
    }

    [Fact]
    public void DataThatIsNotASetOfSamplesIsRefused()
    {
        var (model, x, y) = Regression();
        Assert.Equal("Fit: x is a symbolic tensor (keras.Input); give real data.",
            Assert.Throws<InvalidArgumentError>(() => model.Fit(keras.Input([2]), y, verbose: 0)).Message);
        Assert.Equal("Fit: y is a scalar; data needs a first (samples) dimension.",
            Assert.Throws<InvalidArgumentError>(() => model.Fit(x, tf.Constant(1f), verbose: 0)).Message);
        Assert.Equal("Evaluate: the data has no samples.",
            Assert.Throws<InvalidArgumentError>(() => model.Evaluate(tf.Zeros([0, 2]), tf.Zeros([0, 1]), verbose: 0)).Message);
        Assert.Equal("Predict: no input data given.",
            Assert.Throws<InvalidArgumentError>(() => model.PredictOutputs([])).Message);
        var e = Assert.Throws<ArgumentNullException>(() => model.Fit([x], [(Tensor)null!], verbose: 0));
        Assert.StartsWith("Fit: y is null.", e.Message);
        Assert.Equal("y", e.ParamName);
        Assert.Equal("Fit: model 'reg' has 1 output(s) but 2 label tensor(s) were given.",
            Assert.Throws<InvalidArgumentError>(() => model.Fit([x], [y, y], verbose: 0)).Message);
    }

    [Fact]
    public void AModelWithoutTrainableWeightsCannotBeFitted()
    {
        var model = new Sequential([new Flatten(inputShape: [2])], name: "weightless");
        model.Compile(optimizer: "sgd", loss: "mse");
        var e = Assert.Throws<InvalidArgumentError>(() => model.Fit(tf.Ones([4, 2]), tf.Ones([4, 2]), verbose: 0));
        Assert.Equal("Fit: model 'weightless' has no trainable weights.", e.Message);
    }

    [Fact]
    public void DotNetArraysTrainAndEvaluateLikeTensors()
    {
        var xs = new float[,] { { 0, 1 }, { 1, 0 }, { 1, 1 }, { 2, 1 } };
        var ys = new float[,] { { 1 }, { 1 }, { 2 }, { 3 } };
        var (a, _, _) = Regression();
        var (b, _, _) = Regression();
        var ha = a.Fit(xs, ys, batchSize: 4, epochs: 3, verbose: 0, shuffle: false);
        var hb = b.Fit(tf.Constant(xs), tf.Constant(ys), batchSize: 4, epochs: 3, verbose: 0, shuffle: false);
        Assert.Equal(hb["loss"], ha["loss"]);
        Assert.Equal(b.Evaluate(tf.Constant(xs), tf.Constant(ys), verbose: 0), a.Evaluate(xs, ys, verbose: 0));
    }

    [Fact]
    public void CompileExposesItsLossAndMetrics()
    {
        var model = new Sequential([new Dense(1, inputShape: [2])]);
        Assert.False(model.Compiled);
        Assert.Null(model.Loss);
        Assert.Empty(model.Metrics);
        Assert.Empty(model.MetricsNames);
        model.ResetMetrics(); // nothing to reset, no error
        var loss = new Huber(delta: 2);
        model.Compile(loss: loss, metrics: ["mae", new Precision(threshold: 0.3)]);
        Assert.True(model.Compiled);
        Assert.Same(loss, model.Loss);
        Assert.IsType<RMSprop>(model.Optimizer); // Keras's default optimizer
        Assert.Equal(["loss", "mae", "precision"], model.Metrics.Select(m => m.Name));   // Keras 3: the loss tracker first
        Assert.Equal(["loss", "mae", "precision"], model.MetricsNames);
    }

    [Fact]
    public void MetricNamesMustBeUnique()
    {
        var model = new Sequential([new Dense(1, inputShape: [2])]);
        var e = Assert.Throws<InvalidArgumentError>(() => model.Compile(loss: "mse", metrics: ["mae", "mae"]));
        Assert.Equal("Compile: metric names must be unique, got loss, mae, mae.", e.Message);
        Assert.Contains("got loss, loss", Assert.Throws<InvalidArgumentError>(() => model.Compile(loss: "mse", metrics: [new Mean("loss")])).Message);
    }

    [Fact]
    public void VerboseOneShowsTheBarForEachEpochAndEvaluate()
    {
        var (model, x, y) = Regression();
        var text = ConsoleOutput.Capture(() =>
        {
            model.Fit(x, y, batchSize: 8, epochs: 2, verbose: 1);
            model.Evaluate(x, y, batchSize: 4, verbose: 1);
            model.Predict(x, batchSize: 8, verbose: 1);
        });
        Assert.Contains("Epoch 1/2\n", text);
        Assert.Contains("Epoch 2/2\n", text);
        // Redirected or not, each bar ends with its count and the metrics (colour codes aside).
        var plain = System.Text.RegularExpressions.Regex.Replace(text, "\x1b\\[[0-9;]*m", "");
        Assert.Matches(@"2/2 ━{20} \d+s \d+(ms|us|s)/step - loss: \d\.\d{4} - mae: \d\.\d{4} *\n", plain);
        Assert.Matches(@"4/4 ━{20} \d+s \d+(ms|us|s)/step - loss: \d\.\d{4} - mae: \d\.\d{4} *\n", plain);
        Assert.Matches(@"2/2 ━{20} \d+s \d+(ms|us|s)/step *\n", plain); // Predict has no metrics
    }

    [Fact]
    public void SummaryWithoutPrintFnWritesToTheConsole()
    {
        var (model, _, _) = Regression();
        string expected = "";
        model.Summary(76, s => expected = s);
        var text = ConsoleOutput.Capture(() => model.Summary(76));
        Assert.Equal(expected.Replace("\r\n", "\n"), text);
        Assert.StartsWith("Model: \"reg\"\n", text);
    }

    [Fact]
    public void MultiInputFitTakesValidationDataAsLists()
    {
        tf.random.SetSeed(8);
        var a = keras.Input([2]);
        var b = keras.Input([2]);
        var model = new Model([a, b], [new Dense(1).Apply(new Concatenate().Apply([a, b]))]);
        model.Compile(optimizer: new SGD(0.1), loss: "mse");
        var xa = tf.random.Uniform([8, 2], seed: 1);
        var xb = tf.random.Uniform([8, 2], seed: 2);
        var y = tf.ReduceSum(xa, 1, keepDims: true) - tf.ReduceSum(xb, 1, keepDims: true);
        var h = model.Fit([xa, xb], [y], batchSize: 4, epochs: 2, verbose: 0, validationData: ([xa, xb], [y]));
        Check.Close(model.Evaluate([xa, xb], [y], verbose: 0)["loss"], h["val_loss"][^1], 1e-6);
        Assert.Equal(new Shape(8, 1), model.PredictOutputs([xa, xb])[0].Shape);
    }
}
