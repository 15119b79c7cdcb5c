using Strata.Keras.Callbacks;
using Strata.Keras.Layers;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;

namespace Strata.Keras.Tests;

public class CallbackTests
{
    private static (Sequential model, Tensor x, Tensor y) Regression(double lr = 0.05)
    {
        tf.random.SetSeed(13);
        var x = tf.random.Uniform([32, 2], seed: 1);
        var y = tf.ReduceSum(x, 1, keepDims: true);
        var model = new Sequential([new Dense(1, inputShape: [2])]);
        model.Compile(optimizer: new SGD(lr), loss: "mse", metrics: ["mae"]);
        return (model, x, y);
    }

    /// <summary>Puts a scripted value under "watched" in the epoch logs, for callbacks that monitor it.</summary>
    private static LambdaCallback Script(params double[] values) =>
        new(onEpochEnd: (e, logs) => logs["watched"] = values[Math.Min(e, values.Length - 1)]);

    [Fact]
    public void EarlyStoppingStopsAfterPatienceAndRestoresTheBestWeights()
    {
        var (model, x, y) = Regression();
        Tensor[]? atBest = null;
        var capture = new LambdaCallback(onEpochEnd: (e, _) => { if (e == 2) atBest = model.GetWeights(); });
        var stop = new EarlyStopping(monitor: "watched", patience: 2, restoreBestWeights: true);
        var h = model.Fit(x, y, epochs: 20, verbose: 0, callbacks: [Script(5, 4, 3, 3.5, 3.6, 3.7, 1), capture, stop]);
        Assert.Equal([0, 1, 2, 3, 4], h.Epochs);
        Assert.Equal(4, stop.StoppedEpoch);
        Assert.Equal(2, stop.BestEpoch);
        var now = model.GetWeights();
        for (int i = 0; i < now.Length; i++) Assert.Equal(atBest![i].ToArray<float>(), now[i].ToArray<float>());
    }

    [Fact]
    public void EarlyStoppingMinDeltaAndMaxMode()
    {
        var (model, x, y) = Regression();
        var stop = new EarlyStopping(monitor: "watched", patience: 1, minDelta: 0.5, mode: "max");
        var h = model.Fit(x, y, epochs: 20, verbose: 0, callbacks: [Script(1, 1.2, 1.4, 3), stop]);
        Assert.Equal(2, h.Epochs.Count); // 1.2 is not 0.5 better than 1
    }

    [Fact]
    public void CsvLoggerWritesKerasColumns()
    {
        var (model, x, y) = Regression();
        var path = Path.Combine(Path.GetTempPath(), $"strata-{Guid.NewGuid():N}.csv");
        try
        {
            var h = model.Fit(x, y, epochs: 3, verbose: 0, validationSplit: 0.25, callbacks: [new CSVLogger(path)]);
            var lines = File.ReadAllLines(path);
            Assert.Equal(4, lines.Length);
            Assert.Equal("epoch,loss,mae,val_loss,val_mae", lines[0]);
            for (int e = 0; e < 3; e++)
            {
                var cells = lines[e + 1].Split(',');
                Assert.Equal(e.ToString(), cells[0]);
                Assert.Equal(h["loss"][e], double.Parse(cells[1], System.Globalization.CultureInfo.InvariantCulture));
                Assert.Equal(h["val_mae"][e], double.Parse(cells[4], System.Globalization.CultureInfo.InvariantCulture));
            }
            // append: true continues the file without a second header.
            model.Fit(x, y, epochs: 1, verbose: 0, callbacks: [new CSVLogger(path, append: true)]);
            Assert.Equal(5, File.ReadAllLines(path).Length);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void PythonFloatFormat()
    {
        Assert.Equal("1.0", CSVLogger.PyFloat(1));
        Assert.Equal("0.1", CSVLogger.PyFloat(0.1));
        Assert.Equal("1e-05", CSVLogger.PyFloat(1e-5));
        Assert.Equal("nan", CSVLogger.PyFloat(double.NaN));
    }

    [Fact]
    public void LearningRateSchedulerChangesTheLearningRate()
    {
        var (model, x, y) = Regression(lr: 0.1);
        var seen = new List<double>();
        var spy = new LambdaCallback(onEpochBegin: (_, _) => seen.Add(model.Optimizer!.LearningRate));
        var h = model.Fit(x, y, epochs: 3, verbose: 0, callbacks: [new LearningRateScheduler((epoch, lr) => epoch == 0 ? lr : lr / 2), spy]);
        Check.Close([0.1, 0.05, 0.025], seen.ToArray(), 1e-12);
        Check.Close([0.1, 0.05, 0.025], h["learning_rate"].ToArray(), 1e-7);
        Check.Close(0.025, model.Optimizer!.LearningRate, 1e-12);
    }

    [Fact]
    public void ReduceLROnPlateauCutsTheRateAfterPatience()
    {
        var (model, x, y) = Regression(lr: 0.1);
        var h = model.Fit(x, y, epochs: 5, verbose: 0,
            callbacks: [Script(1, 1, 1, 1, 1), new ReduceLROnPlateau(monitor: "watched", factor: 0.5, patience: 2)]);
        // Best at epoch 0; epochs 1 and 2 do not improve: cut after epoch 2, again after epoch 4.
        Check.Close([0.1, 0.1, 0.1, 0.05, 0.05], h["learning_rate"].ToArray(), 1e-7);
        Check.Close(0.025, model.Optimizer!.LearningRate, 1e-12);
    }

    [Fact]
    public void TerminateOnNaNStopsAndSaysSo()
    {
        var (model, x, _) = Regression();
        var bad = tf.Fill([32, 1], tf.Constant(float.NaN));
        History h = null!;
        int batches = 0;
        var output = ConsoleOutput.Capture(() => h = model.Fit(x, bad, batchSize: 8, epochs: 3, verbose: 0,
            callbacks: [new TerminateOnNaN(), new LambdaCallback(onBatchEnd: (_, _) => batches++)]));
        Assert.Contains("Batch 0: Invalid loss, terminating training", output);
        Assert.Equal(1, batches);
        Assert.Single(h.Epochs);
        Assert.True(double.IsNaN(h["loss"][0]));
    }

    [Fact]
    public void CallbacksSeeTheFitLifecycleInOrder()
    {
        var (model, x, y) = Regression();
        var events = new List<string>();
        var cb = new LambdaCallback(
            onTrainBegin: _ => events.Add("train"),
            onEpochBegin: (e, _) => events.Add($"epoch{e}"),
            onBatchEnd: (b, logs) => events.Add($"batch{b}:{logs.ContainsKey("loss")}"),
            onEpochEnd: (e, logs) => events.Add($"end{e}:{string.Join("|", logs.Keys)}"),
            onTrainEnd: _ => events.Add("done"));
        model.Fit(x, y, batchSize: 16, epochs: 2, verbose: 0, validationData: (x, y), callbacks: [cb]);
        Assert.Equal(["train", "epoch0", "batch0:True", "batch1:True", "end0:loss|mae|val_loss|val_mae",
            "epoch1", "batch0:True", "batch1:True", "end1:loss|mae|val_loss|val_mae", "done"], events);
        Assert.Same(model, cb.Model);
        Assert.Equal(2, cb.Params["steps"]);
    }

    private sealed class Recorder : Callback
    {
        public readonly List<string> Events = new();
        public override void OnTestBegin(Dictionary<string, double> logs) => Events.Add("test");
        public override void OnTestBatchEnd(int batch, Dictionary<string, double> logs) => Events.Add($"test{batch}");
        public override void OnTestEnd(Dictionary<string, double> logs) => Events.Add($"tested:{logs.ContainsKey("loss")}");
        public override void OnPredictBegin(Dictionary<string, double> logs) => Events.Add("predict");
        public override void OnPredictBatchEnd(int batch, Dictionary<string, double> logs) => Events.Add($"predict{batch}");
        public override void OnPredictEnd(Dictionary<string, double> logs) => Events.Add("predicted");
    }

    [Fact]
    public void EvaluatePredictAndValidationCallTheirHooks()
    {
        var (model, x, y) = Regression();
        var r = new Recorder();
        model.Evaluate(x, y, batchSize: 16, verbose: 0, callbacks: [r]);
        model.Predict(x, batchSize: 32, callbacks: [r]);
        model.Fit(x, y, batchSize: 32, epochs: 1, verbose: 0, validationData: (x, y), callbacks: [r]);
        Assert.Equal(["test", "test0", "test1", "tested:True", "predict", "predict0", "predicted", "test", "test0", "tested:True"], r.Events);
    }

    [Fact]
    public void StopTrainingEndsTheEpochEarly()
    {
        var (model, x, y) = Regression();
        int batches = 0;
        var h = model.Fit(x, y, batchSize: 4, epochs: 3, verbose: 0,
            callbacks: [new LambdaCallback(onBatchEnd: (b, _) => { batches++; if (b == 2) model.StopTraining = true; })]);
        Assert.Equal(3, batches);
        Assert.Single(h.Epochs);
    }

    [Fact]
    public void VerboseFitPrintsKerasLines()
    {
        var (model, x, y) = Regression();
        var output = ConsoleOutput.Capture(() =>
        {
            model.Fit(x, y, batchSize: 16, epochs: 2, verbose: 2, validationSplit: 0.5);
            model.Evaluate(x, y, verbose: 2);
        });
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.Equal("Epoch 1/2", lines[0]);
        Assert.Matches(@"^1/1 - \d+s - \d+(ms|us|s)/step - loss: \S+ - mae: \S+ - val_loss: \S+ - val_mae: \S+$", lines[1]);
        Assert.Equal("Epoch 2/2", lines[2]);
        Assert.Matches(@"^1/1 - \d+s - \d+(ms|us|s)/step - loss: \d\.\d{4} - mae: \d\.\d{4}$", lines[4]);
    }
}
