using Strata.Keras.Callbacks;
using Strata.Keras.Layers;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;

namespace Strata.Keras.Tests;

/// <summary>The arguments of Keras's callbacks that change what they do: EarlyStopping's baseline, startFromEpoch
/// and verbose; ReduceLROnPlateau's cooldown, minLr and mode; the warnings for a monitor that is not logged. The
/// expected epochs are traced by hand through Keras 3's on_epoch_end (keras/src/callbacks/*.py).</summary>
public class CallbackArgumentTests
{
    private static (Sequential model, Tensor x, Tensor y) Regression(double lr = 0.05) => TinyRegression.Make(16, lr, globalSeed: 21, dataSeed: 3);

    /// <summary>Puts a scripted value under <paramref name="name"/> in the epoch logs (the last value repeats).</summary>
    private static LambdaCallback Script(string name, params double[] values) =>
        new(onEpochEnd: (e, logs) => logs[name] = values[Math.Min(e, values.Length - 1)]);


    [Fact]
    public void EarlyStoppingKeepsTrainingWhileItImprovesEvenAboveTheBaseline()
    {
        // Keras 3: an improvement returns before the patience check; only beating the baseline resets the wait.
        // 3, 2, 1, 0.9, 0.8 all improve (wait grows to 5 without a stop); 0.8 again is the first non-improvement.
        var (model, x, y) = Regression();
        var stop = new EarlyStopping(monitor: "watched", patience: 2, mode: "min", baseline: 0.5);
        var h = model.Fit(x, y, epochs: 20, verbose: 0, callbacks: [Script("watched", 3, 2, 1, 0.9, 0.8, 0.8), stop]);
        Assert.Equal([0, 1, 2, 3, 4, 5], h.Epochs);
        Assert.Equal(5, stop.StoppedEpoch);
        Assert.Equal(4, stop.BestEpoch);
        Assert.Equal(0.8, stop.Best);
    }

    [Fact]
    public void EarlyStoppingCountsPatienceFromTheEpochThatBeatTheBaseline()
    {
        // 0.4 beats the baseline 0.5 at epoch 1 (wait 0); 0.45 twice does not improve: stop at epoch 3.
        var (model, x, y) = Regression();
        var stop = new EarlyStopping(monitor: "watched", patience: 2, mode: "min", baseline: 0.5);
        var h = model.Fit(x, y, epochs: 20, verbose: 0, callbacks: [Script("watched", 3, 0.4, 0.45), stop]);
        Assert.Equal([0, 1, 2, 3], h.Epochs);
        Assert.Equal(3, stop.StoppedEpoch);
        Assert.Equal(1, stop.BestEpoch);
    }

    [Fact]
    public void EarlyStoppingNeverReachingTheBaselineStopsAfterPatience()
    {
        var (model, x, y) = Regression();
        var stop = new EarlyStopping(monitor: "watched", patience: 1, mode: "min", baseline: 0.5);
        var h = model.Fit(x, y, epochs: 20, verbose: 0, callbacks: [Script("watched", 3, 3, 3), stop]);
        Assert.Equal([0, 1], h.Epochs);
        Assert.Equal(1, stop.StoppedEpoch);
    }

    [Fact]
    public void EarlyStoppingIgnoresTheEpochsBeforeStartFromEpoch()
    {
        // Getting worse every epoch with patience 0: without startFromEpoch training stops at epoch 1; with
        // startFromEpoch 2 epochs 0 and 1 are not looked at, epoch 2 is the first best, epoch 3 stops.
        var (model, x, y) = Regression();
        var plain = new EarlyStopping(monitor: "watched", mode: "min");
        Assert.Equal([0, 1], model.Fit(x, y, epochs: 10, verbose: 0, callbacks: [Script("watched", 1, 2, 3, 4, 5), plain]).Epochs);

        Tensor[]? atEpoch2 = null;
        var capture = new LambdaCallback(onEpochEnd: (e, _) => { if (e == 2) atEpoch2 = model.GetWeights(); });
        var late = new EarlyStopping(monitor: "watched", mode: "min", startFromEpoch: 2, restoreBestWeights: true);
        var h = model.Fit(x, y, epochs: 10, verbose: 0, callbacks: [Script("watched", 1, 2, 3, 4, 5), capture, late]);
        Assert.Equal([0, 1, 2, 3], h.Epochs);
        Assert.Equal(3, late.StoppedEpoch);
        Assert.Equal(2, late.BestEpoch);
        Assert.Equal(3.0, late.Best);
        var now = model.GetWeights();
        for (int i = 0; i < now.Length; i++) Assert.Equal(atEpoch2![i].ToArray<float>(), now[i].ToArray<float>());
    }

    [Fact]
    public void EarlyStoppingVerboseSaysWhenItStopsAndWhichWeightsItRestores()
    {
        var (model, x, y) = Regression();
        var stop = new EarlyStopping(monitor: "watched", patience: 1, mode: "min", verbose: 1, restoreBestWeights: true);
        var text = ConsoleOutput.Capture(() => model.Fit(x, y, epochs: 10, verbose: 0, callbacks: [Script("watched", 5, 4, 3, 3.5, 3.6), stop]));
        // Stopped at epoch index 3, best at index 2: Keras prints both 1-based.
        Assert.Equal("Epoch 4: early stopping\nRestoring model weights from the end of the best epoch: 3.\n", text.Replace("\r\n", "\n"));
    }

    [Fact]
    public void EarlyStoppingOnAnUnloggedMetricWarnsAndLetsTrainingRun()
    {
        var (model, x, y) = Regression();
        var stop = new EarlyStopping(monitor: "val_loss", patience: 0);
        History h = null!;
        var text = ConsoleOutput.Capture(() => h = model.Fit(x, y, epochs: 3, verbose: 0, callbacks: [stop]));
        Assert.Equal([0, 1, 2], h.Epochs);
        Assert.Contains("Early stopping conditioned on metric `val_loss` which is not available. Available metrics are: loss,mae", text);
        Assert.Null(stop.Best);
    }

    [Theory]
    [InlineData("val_loss", "auto", false)]
    [InlineData("val_accuracy", "auto", true)]
    [InlineData("auc", "auto", true)]
    [InlineData("val_precision", "auto", true)]
    [InlineData("recall", "auto", true)]
    [InlineData("f1_fmeasure", "auto", true)]
    [InlineData("loss", "max", true)]
    [InlineData("accuracy", "min", false)]
    public void AutoModeMaximizesAccuraciesAndTheLike(string monitor, string mode, bool maximize) =>
        Assert.Equal(maximize, Strata.Keras.Callbacks.Monitor.Maximize(monitor, mode));

    [Fact]
    public void AnUnknownModeIsRefusedByBothCallbacks()
    {
        Assert.Equal("Unknown mode 'bigger'; use auto, min or max.",
            Assert.Throws<InvalidArgumentError>(() => new EarlyStopping(mode: "bigger")).Message);
        Assert.Equal("Unknown mode 'Max'; use auto, min or max.",
            Assert.Throws<InvalidArgumentError>(() => new ReduceLROnPlateau(mode: "Max")).Message);
    }

    [Fact]
    public void ReduceLROnPlateauWaitsOutItsCooldownAndStopsAtMinLr()
    {
        // Never improving after epoch 0, patience 1, cooldown 2, factor 0.5 from 0.1, floor 0.02 (traced by hand):
        // cut after epochs 1, 3 and 5 (0.05, 0.025, then max(0.0125, 0.02)); at epoch 7 the rate is at the floor.
        var (model, x, y) = Regression(lr: 0.1);
        var plateau = new ReduceLROnPlateau(monitor: "watched", factor: 0.5, patience: 1, cooldown: 2, minLr: 0.02);
        var h = model.Fit(x, y, epochs: 8, verbose: 0, callbacks: [Script("watched", 1), plateau]);
        Check.Close([0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.02, 0.02], h["learning_rate"].ToArray(), 1e-7);
        Assert.Equal(0.02, model.Optimizer!.LearningRate);
    }

    [Fact]
    public void ReduceLROnPlateauInMaxModeCutsWhenTheValueFalls()
    {
        var (model, x, y) = Regression(lr: 0.1);
        var rising = new ReduceLROnPlateau(monitor: "watched_acc", factor: 0.5, patience: 1);
        model.Fit(x, y, epochs: 4, verbose: 0, callbacks: [Script("watched_acc", 0.1, 0.2, 0.3, 0.4), rising]);
        Assert.Equal(0.1, model.Optimizer!.LearningRate);

        var falling = new ReduceLROnPlateau(monitor: "watched_acc", factor: 0.5, patience: 1);
        model.Fit(x, y, epochs: 3, verbose: 0, callbacks: [Script("watched_acc", 0.4, 0.3, 0.2), falling]);
        Check.Close(0.025, model.Optimizer!.LearningRate, 1e-12);
    }

    [Fact]
    public void ReduceLROnPlateauVerboseAndMissingMetric()
    {
        var (model, x, y) = Regression(lr: 0.1);
        var plateau = new ReduceLROnPlateau(monitor: "watched", factor: 0.5, patience: 1, verbose: 1);
        var text = ConsoleOutput.Capture(() => model.Fit(x, y, epochs: 2, verbose: 0, callbacks: [Script("watched", 1), plateau]));
        Assert.Equal("\nEpoch 2: ReduceLROnPlateau reducing learning rate to 0.05.\n", text.Replace("\r\n", "\n"));

        History h = null!;
        var missing = new ReduceLROnPlateau(monitor: "val_loss", patience: 0);
        text = ConsoleOutput.Capture(() => h = model.Fit(x, y, epochs: 2, verbose: 0, callbacks: [missing]));
        Assert.Contains("Learning rate reduction is conditioned on metric `val_loss` which is not available. Available metrics are: loss,mae,learning_rate.", text);
        Check.Close([0.05, 0.05], h["learning_rate"].ToArray(), 1e-7); // logged, never cut
    }

    [Fact]
    public void ReduceLROnPlateauRefusesAFactorOfOneOrMore() =>
        Assert.Equal("ReduceLROnPlateau: factor must be < 1, got 1.",
            Assert.Throws<InvalidArgumentError>(() => new ReduceLROnPlateau(factor: 1)).Message);

    [Fact]
    public void LearningRateSchedulerRefusesANonFiniteRateAndCanSayWhatItSets()
    {
        var (model, x, y) = Regression(lr: 0.1);
        var e = Assert.Throws<InvalidArgumentError>(() =>
            model.Fit(x, y, epochs: 3, verbose: 0, callbacks: [new LearningRateScheduler((epoch, lr) => epoch == 1 ? double.NaN : lr)]));
        Assert.Equal("LearningRateScheduler: the schedule returned NaN for epoch 1.", e.Message);
        Assert.EndsWith($"returned {double.PositiveInfinity} for epoch 0.", Assert.Throws<InvalidArgumentError>(() =>
            model.Fit(x, y, epochs: 1, verbose: 0, callbacks: [new LearningRateScheduler((_, _) => double.PositiveInfinity)])).Message);

        var text = ConsoleOutput.Capture(() => model.Fit(x, y, epochs: 2, verbose: 0, callbacks: [new LearningRateScheduler((epoch, _) => 0.5 / (epoch + 1), verbose: 1)]));
        Assert.Equal("\nEpoch 1: LearningRateScheduler setting learning rate to 0.5.\n\nEpoch 2: LearningRateScheduler setting learning rate to 0.25.\n",
            text.Replace("\r\n", "\n"));
    }

    [Fact]
    public void TerminateOnNaNStopsOnAnInfiniteLossToo()
    {
        var (model, _, _) = Regression();
        var cb = new TerminateOnNaN { Model = model };
        var text = ConsoleOutput.Capture(() =>
        {
            cb.OnBatchEnd(0, new() { ["loss"] = 1.5 });
            cb.OnBatchEnd(1, new() { ["mae"] = double.NaN }); // no loss logged: nothing to judge
        });
        Assert.Equal("", text);
        Assert.False(model.StopTraining);
        text = ConsoleOutput.Capture(() => cb.OnBatchEnd(3, new() { ["loss"] = double.NegativeInfinity }));
        Assert.Equal("Batch 3: Invalid loss, terminating training\n", text.Replace("\r\n", "\n"));
        Assert.True(model.StopTraining);
    }

    [Fact]
    public void LambdaCallbackBatchBeginSeesEveryBatch()
    {
        var (model, x, y) = Regression();
        var begun = new List<int>();
        model.Fit(x, y, batchSize: 4, epochs: 2, verbose: 0, callbacks: [new LambdaCallback(onBatchBegin: (b, _) => begun.Add(b))]);
        Assert.Equal([0, 1, 2, 3, 0, 1, 2, 3], begun);
    }

    [Fact]
    public void HistoryNamesTheLogsItHasWhenAskedForAnother()
    {
        var (model, x, y) = Regression();
        var h = model.Fit(x, y, epochs: 1, verbose: 0);
        var e = Assert.Throws<KeyNotFoundException>(() => h["val_loss"]);
        Assert.Equal("History has no 'val_loss'. It has: loss, mae.", e.Message);
        Assert.Same(h, model.History);
    }

    [Fact]
    public void CsvLoggerWritesNAForALogMissingInALaterEpochAndPythonInfinities()
    {
        var (model, x, y) = Regression();
        var path = Path.Combine(Path.GetTempPath(), $"strata-{Guid.NewGuid():N}.csv");
        try
        {
            // "extra" is logged at epoch 0 only (the header is fixed by the first epoch, as Keras's); "big" is infinite.
            var extra = new LambdaCallback(onEpochEnd: (e, logs) =>
            {
                if (e == 0) logs["extra"] = 2;
                logs["big"] = e == 0 ? double.PositiveInfinity : double.NegativeInfinity;
            });
            model.Fit(x, y, epochs: 2, verbose: 0, callbacks: [extra, new CSVLogger(path, separator: ";")]);
            var lines = File.ReadAllLines(path);
            Assert.Equal("epoch;big;extra;loss;mae", lines[0]);
            Assert.StartsWith("0;inf;2.0;", lines[1]);
            Assert.StartsWith("1;-inf;NA;", lines[2]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(1e16, "1e+16")]
    [InlineData(1.2345678901234568e16, "1.2345678901234568e+16")]
    [InlineData(-2.5e16, "-2.5e+16")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1e22, "1e+22")]
    [InlineData(1.5e-7, "1.5e-07")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(-3.0, "-3.0")]
    public void CsvValuesAreWrittenAsPythonsRepr(double value, string python) => Assert.Equal(python, CSVLogger.PyFloat(value));
}
