using Strata.Keras.Callbacks;
using Strata.Keras.Layers;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;

namespace Strata.Keras.Tests.Saving;

/// <summary>ModelCheckpoint (file names, best-only choices as Keras 3 makes them) and BackupAndRestore (a Fit
/// interrupted by an exception resumes where it stopped and gives the uninterrupted run's losses, bit for bit).</summary>
public class CheckpointCallbackTests
{
    /// <summary>Gives the epoch logs scripted values of "val_loss" and "val_accuracy" (before ModelCheckpoint sees them).</summary>
    private sealed class Scripted(double[] valLoss, double[] valAccuracy) : Callback
    {
        public override void OnEpochEnd(int epoch, Dictionary<string, double> logs)
        {
            logs["val_loss"] = valLoss[epoch];
            logs["val_accuracy"] = valAccuracy[epoch];
        }
    }

    private static (Sequential, Tensor, Tensor) Regression()
    {
        tf.random.SetSeed(3);
        var model = new Sequential([new InputLayer([2]), new Dense(4, activation: "relu"), new Dense(1)]);
        model.Compile(optimizer: new Adam(0.01), loss: "mse");
        var x = tf.random.Uniform([16, 2], seed: 1);
        return (model, x, tf.ReduceSum(x, 1, keepDims: true));
    }

    private static readonly double[] ValLoss = [0.5, 0.3, 0.4, 0.2, 0.25];
    private static readonly double[] ValAcc = [0.6, 0.7, 0.65, 0.9, 0.8];

    [Fact]
    public void FileNamesFollowPythonFormatWithOneBasedEpochs()
    {
        using var dir = new TempDir();
        var (model, x, y) = Regression();
        var ckpt = new ModelCheckpoint(dir.File("m-{epoch:02d}-{val_loss:.2f}.keras"), monitor: "val_loss");
        model.Fit(x, y, epochs: 3, verbose: 0, callbacks: [new Scripted(ValLoss, ValAcc), ckpt]);
        string[] expected = ["m-01-0.50.keras", "m-02-0.30.keras", "m-03-0.40.keras"];
        Assert.Equal(expected.Select(dir.File), ckpt.SavedPaths);
        Assert.Equal(expected, Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order());
        var loaded = keras.models.LoadModel(dir.File("m-03-0.40.keras"));
        SavingFiles.AssertSameWeights(model, loaded);
    }

    [Fact]
    public void SaveBestOnlyKeepsTheImprovingEpochsAsKerasChoosesThem()
    {
        using var dir = new TempDir();
        var (model, x, y) = Regression();
        // min (auto for a loss): 0.5 (saved), 0.3 (saved), 0.4 (no), 0.2 (saved), 0.25 (no)
        var byLoss = new ModelCheckpoint(dir.File("loss-{epoch}.weights.h5"), monitor: "val_loss", saveBestOnly: true, saveWeightsOnly: true);
        // max (auto for an accuracy): 0.6, 0.7, -, 0.9, -
        var byAcc = new ModelCheckpoint(dir.File("acc-{epoch}.keras"), monitor: "val_accuracy", saveBestOnly: true);
        // min, starting from a threshold of 0.35: only 0.3 and 0.2 beat it
        var threshold = new ModelCheckpoint(dir.File("thr-{epoch}.keras"), monitor: "val_loss", saveBestOnly: true, initialValueThreshold: 0.35);
        // an explicit max on a loss keeps the worst: 0.5 only
        var maxMode = new ModelCheckpoint(dir.File("max-{epoch}.keras"), monitor: "val_loss", saveBestOnly: true, mode: "max");
        // one fixed name is overwritten by each improvement, so the file holds the best epoch's model
        var single = new ModelCheckpoint(dir.File("best.keras"), monitor: "val_loss", saveBestOnly: true);
        Tensor[]? bestWeights = null;
        var grab = new LambdaCallback(onEpochEnd: (e, _) => { if (e == 3) bestWeights = model.GetWeights(); });
        model.Fit(x, y, epochs: 5, verbose: 0, callbacks: [new Scripted(ValLoss, ValAcc), byLoss, byAcc, threshold, maxMode, single, grab]);
        Assert.Equal(["loss-1.weights.h5", "loss-2.weights.h5", "loss-4.weights.h5"], byLoss.SavedPaths.Select(Path.GetFileName));
        Assert.Equal(["acc-1.keras", "acc-2.keras", "acc-4.keras"], byAcc.SavedPaths.Select(Path.GetFileName));
        Assert.Equal(["thr-2.keras", "thr-4.keras"], threshold.SavedPaths.Select(Path.GetFileName));
        Assert.Equal(["max-1.keras"], maxMode.SavedPaths.Select(Path.GetFileName));
        Assert.Equal(0.2, byLoss.Best);
        Assert.Equal(0.9, byAcc.Best);
        var best = keras.models.LoadModel(dir.File("best.keras"));
        var got = best.GetWeights();
        for (int i = 0; i < got.Length; i++) Assert.Equal(bestWeights![i].ToArray<float>(), got[i].ToArray<float>());
    }

    [Fact]
    public void AMissingMonitorSkipsWithAWarningAndEqualsTiesDoNotSave()
    {
        using var dir = new TempDir();
        var (model, x, y) = Regression();
        var missing = new ModelCheckpoint(dir.File("m.keras"), monitor: "val_auc", saveBestOnly: true);
        var ties = new ModelCheckpoint(dir.File("t-{epoch}.keras"), monitor: "val_loss", saveBestOnly: true);
        using var err = new StringWriter();
        var old = Console.Error;
        Console.SetError(err);
        try { model.Fit(x, y, epochs: 3, verbose: 0, callbacks: [new Scripted([0.4, 0.4, 0.4], [0, 0, 0]), missing, ties]); }
        finally { Console.SetError(old); }
        Assert.Empty(missing.SavedPaths);
        Assert.Contains("Can save best model only with val_auc available, skipping.", err.ToString());
        Assert.Equal(["t-1.keras"], ties.SavedPaths.Select(Path.GetFileName));
    }

    [Fact]
    public void VerboseSaysWhatKerasSays()
    {
        using var dir = new TempDir();
        var (model, x, y) = Regression();
        var ckpt = new ModelCheckpoint(dir.File("v.keras"), monitor: "val_loss", saveBestOnly: true, verbose: 1);
        var text = ConsoleOutput.Capture(() => model.Fit(x, y, epochs: 3, verbose: 0, callbacks: [new Scripted(ValLoss, ValAcc), ckpt]));
        Assert.Contains($"Epoch 1: val_loss improved from inf to 0.50000, saving model to {dir.File("v.keras")}", text);
        Assert.Contains("Epoch 2: val_loss improved from 0.50000 to 0.30000, saving model to", text);
        Assert.Contains("Epoch 3: val_loss did not improve from 0.30000", text);
    }

    [Fact]
    public void SaveFreqInBatchesNamesTheBatch()
    {
        using var dir = new TempDir();
        var (model, x, y) = Regression();
        var ckpt = new ModelCheckpoint(dir.File("b-{epoch}-{batch}.weights.h5"), saveWeightsOnly: true, saveFreq: "3");
        model.Fit(x, y, batchSize: 4, epochs: 2, verbose: 0, callbacks: [ckpt]); // 4 batches per epoch: saves at batches 3, 6 (2nd of epoch 2)
        Assert.Equal(["b-1-3.weights.h5", "b-2-2.weights.h5"], ckpt.SavedPaths.Select(Path.GetFileName));
    }

    [Fact]
    public void BadArgumentsAreRefusedWithKerasMessages()
    {
        Assert.Contains("must end in `.weights.h5`", Assert.Throws<InvalidArgumentError>(() => new ModelCheckpoint("m.keras", saveWeightsOnly: true)).Message);
        Assert.Contains("must end in `.keras`", Assert.Throws<InvalidArgumentError>(() => new ModelCheckpoint("m.h5")).Message);
        Assert.Contains("unrecognized saveFreq", Assert.Throws<InvalidArgumentError>(() => new ModelCheckpoint("m.keras", saveFreq: "often")).Message);
        using var dir = new TempDir();
        var (model, x, y) = Regression();
        var e = Assert.Throws<InvalidArgumentError>(() => model.Fit(x, y, epochs: 1, verbose: 0, callbacks: [new ModelCheckpoint(dir.File("m-{val_loss:.2f}.keras"))]));
        Assert.Contains("failed to format this callback filepath", e.Message);
        Assert.Contains("KeyError: 'val_loss'", e.Message);
    }

    [Theory]
    [InlineData("{epoch:02d}", 3, "03")]
    [InlineData("{epoch:03d}", 12, "012")]
    [InlineData("{epoch}", 7, "7")]
    [InlineData("{v:.2f}", 0.125, "0.12")]   // Python rounds the binary value: 0.125 is exact, half to even
    [InlineData("{v:.4f}", 1.23456, "1.2346")]
    [InlineData("{v:.2e}", 12345.0, "1.23e+04")]
    [InlineData("{v}", 0.25, "0.25")]
    [InlineData("{v}", 1.0, "1.0")]
    [InlineData("{v}", 1e-05, "1e-05")]
    [InlineData("{v:g}", 0.0001234, "0.0001234")]
    [InlineData("{v:.3g}", 1234.5, "1.23e+03")]
    [InlineData("{v:8.3f}", -1.5, "  -1.500")]
    [InlineData("{v:08.3f}", -1.5, "-001.500")]
    [InlineData("{v:.1%}", 0.256, "25.6%")]
    [InlineData("{{x}}-{v:.1f}", 2.0, "{x}-2.0")]
    public void PythonFormatAsPython(string template, double value, string expected)
    {
        object v = template.Contains("epoch") ? (object)(int)value : value;
        Assert.Equal(expected, PythonFormat.Format(template, new Dictionary<string, object> { [template.Contains("epoch") ? "epoch" : "v"] = v }));
    }

    // ----- BackupAndRestore -----

    private sealed class Interrupt(int epoch, int? batch) : Callback
    {
        private int _epoch;
        public override void OnEpochBegin(int e, Dictionary<string, double> logs)
        {
            _epoch = e;
            if (e == epoch && batch is null) throw new InvalidOperationException("interrupted (simulated)");
        }

        public override void OnTrainBatchEnd(int b, Dictionary<string, double> logs)
        {
            if (_epoch == epoch && b == batch) throw new InvalidOperationException("interrupted (simulated)");
        }
    }

    /// <summary>Relu, unseeded Dropout (it draws from tf.random), Adam (state to restore), shuffled batches.</summary>
    private static (Sequential, Tensor, Tensor) Noisy()
    {
        tf.random.SetSeed(11);
        var model = new Sequential([new InputLayer([3]), new Dense(16, activation: "relu"), new Dropout(0.3), new Dense(1)]);
        model.Compile(optimizer: new Adam(0.01), loss: "mse");
        var x = tf.random.Uniform([30, 3], seed: 4);
        return (model, x, tf.ReduceSum(tf.Sin(x * 3.0), 1, keepDims: true));
    }

    [Theory]
    [InlineData(2, null)]
    [InlineData(2, 1)]   // part way through epoch 2: its batches are trained again from the epoch-1 backup
    [InlineData(1, null)]
    public void AnInterruptedFitResumesWithTheUninterruptedLosses(int epoch, int? batch)
    {
        var (reference, x, y) = Noisy();
        var expected = reference.Fit(x, y, batchSize: 8, epochs: 5, verbose: 0).history["loss"];

        using var dir = new TempDir();
        var backupDir = dir.File("backup");
        var (first, x1, y1) = Noisy();
        var seen = new List<double>();
        var record = new LambdaCallback(onEpochEnd: (_, logs) => seen.Add(logs["loss"]));
        Assert.Throws<InvalidOperationException>(() =>
            first.Fit(x1, y1, batchSize: 8, epochs: 5, verbose: 0, callbacks: [new BackupAndRestore(backupDir), record, new Interrupt(epoch, batch)]));
        Assert.Equal(expected.Take(epoch), seen);
        Assert.True(File.Exists(Path.Combine(backupDir, "latest.weights.h5")));
        Assert.True(File.Exists(Path.Combine(backupDir, "training_metadata.json")));

        var (second, x2, y2) = Noisy(); // a fresh model, as a restarted program builds it
        var backup = new BackupAndRestore(backupDir);
        var resumed = second.Fit(x2, y2, batchSize: 8, epochs: 5, verbose: 0, callbacks: [backup]).history["loss"];
        Assert.Equal(epoch, backup.RestoredEpoch);
        Assert.Equal(expected.Skip(epoch), resumed);            // bit for bit
        Assert.False(Directory.Exists(backupDir));              // deleteCheckpoint: removed when Fit ends
        SavingFiles.AssertSameWeights(reference, second);
    }

    [Fact]
    public void WithoutABackupFitStartsAfreshAndKeepsTheBackupWhenAsked()
    {
        using var dir = new TempDir();
        var backupDir = dir.File("b");
        var (model, x, y) = Noisy();
        var b = new BackupAndRestore(backupDir, deleteCheckpoint: false, doubleCheckpoint: true);
        model.Fit(x, y, batchSize: 8, epochs: 2, verbose: 0, callbacks: [b]);
        Assert.Null(b.RestoredEpoch);
        Assert.True(File.Exists(Path.Combine(backupDir, "latest.weights.h5")));
        Assert.True(File.Exists(Path.Combine(backupDir, "latest.weights.h5.bkp"))); // double checkpoint
        Assert.Contains("\"epoch\":2", File.ReadAllText(Path.Combine(backupDir, "training_metadata.json")));
        // A second Fit with the same epochs finds everything done: no epoch runs.
        var again = new BackupAndRestore(backupDir, deleteCheckpoint: false);
        var h = model.Fit(x, y, batchSize: 8, epochs: 2, verbose: 0, callbacks: [again]);
        Assert.Equal(2, again.RestoredEpoch);
        Assert.False(h.history.ContainsKey("loss") && h.history["loss"].Count > 0);
    }

    [Fact]
    public void AKillBetweenTheWeightsAndTheMetadataResumesFromTheConsistentPair()
    {
        var (reference, x, y) = Noisy();
        var expected = reference.Fit(x, y, batchSize: 8, epochs: 4, verbose: 0).history["loss"];
        using var dir = new TempDir();
        var backupDir = dir.File("b");
        var (first, x1, y1) = Noisy();
        Assert.Throws<InvalidOperationException>(() =>
            first.Fit(x1, y1, batchSize: 8, epochs: 4, verbose: 0, callbacks: [new BackupAndRestore(backupDir), new Interrupt(3, null)]));
        // As if the process died after epoch 3's weights were written but before its metadata: the metadata still
        // names epoch 2's weights, which the backup kept as latest.weights.h5.bkp.
        var latest = Path.Combine(backupDir, "latest.weights.h5");
        var meta = Path.Combine(backupDir, "training_metadata.json");
        File.Copy(latest, latest + ".bkp");
        var metaBefore = File.ReadAllText(meta);
        var (other, _, _) = Noisy();
        other.Fit(x1, y1, batchSize: 8, epochs: 1, verbose: 0); // other weights, written as "latest"
        other.SaveWeights(latest);
        File.WriteAllText(meta, metaBefore);
        var (second, x2, y2) = Noisy();
        var resumed = second.Fit(x2, y2, batchSize: 8, epochs: 4, verbose: 0, callbacks: [new BackupAndRestore(backupDir)]).history["loss"];
        Assert.Equal(expected.Skip(3), resumed);
    }

    [Fact]
    public void ADamagedBackupIsAClearError()
    {
        using var dir = new TempDir();
        var backupDir = dir.File("b");
        Directory.CreateDirectory(backupDir);
        File.WriteAllText(Path.Combine(backupDir, "training_metadata.json"), "{\"epoch\": 1, \"weights_sha256\": \"00\"}");
        var (model, x, y) = Noisy();
        var e = Assert.Throws<Strata.Keras.Saving.ModelFileError>(() => model.Fit(x, y, epochs: 2, verbose: 0, callbacks: [new BackupAndRestore(backupDir)]));
        Assert.Contains("matches the backup's metadata", e.Message);
        File.WriteAllText(Path.Combine(backupDir, "training_metadata.json"), "{not json");
        Assert.Contains("is not valid JSON", Assert.Throws<Strata.Keras.Saving.ModelFileError>(() =>
            model.Fit(x, y, epochs: 2, verbose: 0, callbacks: [new BackupAndRestore(backupDir)])).Message);
        Assert.Throws<InvalidArgumentError>(() => new BackupAndRestore(""));
        Assert.Throws<InvalidArgumentError>(() => new BackupAndRestore("d", saveFreq: "0"));
    }
}
