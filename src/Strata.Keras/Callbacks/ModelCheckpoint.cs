namespace Strata.Keras.Callbacks;

/// <summary>
/// Keras 3's <c>ModelCheckpoint</c>: saves the model (<c>model.Save</c>, a .keras file) or its weights
/// (<c>SaveWeights</c>, a .weights.h5 file, with <c>saveWeightsOnly</c>) at the end of every epoch. The
/// file name is a Python format string over <c>epoch</c> (1-based, as Keras) and the epoch's logs:
/// <c>"ckpt-{epoch:02d}-{val_loss:.2f}.keras"</c>. With <c>saveBestOnly</c> it saves only when
/// <c>monitor</c> improves on the best value so far (which starts at <c>initialValueThreshold</c>
/// when given); <c>mode</c> "min", "max" or "auto" (max for accuracies and the like, as Keras infers it).
/// Saves are atomic, so a run killed while saving keeps the previous checkpoint.
/// </summary>
// Writes (and reads) HDF5 files, which NativeAOT cannot (Model.Hdf5NotAot): the constructor carries the requirement, so
// an app that makes one has been told; the calls inside need not say it again.
[System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The constructor carries RequiresUnreferencedCode.")]
[System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050", Justification = "The constructor carries RequiresDynamicCode.")]
public sealed class ModelCheckpoint : Callback
{
    private readonly bool _max;
    private int _batchesSinceSave;
    private int _epoch;

    /// <summary>A checkpoint written to <paramref name="filepath"/> (formatted with the epoch and its logs) at each epoch's
    /// end or every <paramref name="saveFreq"/> batches.</summary>
    /// <param name="filepath">Where to save: a Python format string over <c>epoch</c> (1-based), <c>batch</c> (with a
    /// batch save frequency) and the log names, ending in <c>.keras</c>, or in <c>.weights.h5</c> with
    /// <paramref name="saveWeightsOnly"/>.</param>
    /// <param name="monitor">The log compared by <paramref name="saveBestOnly"/>; Keras 3's default
    /// <c>"val_loss"</c>.</param>
    /// <param name="verbose">1 prints a line at each save or skipped save; default 0.</param>
    /// <param name="saveBestOnly">Whether to save only when <paramref name="monitor"/> improves on the best so far; default
    /// false.</param>
    /// <param name="saveWeightsOnly">Whether to write only the weights (<c>SaveWeights</c>) instead of the whole model;
    /// default false.</param>
    /// <param name="mode"><c>"min"</c>, <c>"max"</c> or <c>"auto"</c> (the default: max for names containing acc, auc,
    /// precision or recall); an unknown mode warns and falls back to auto.</param>
    /// <param name="saveFreq"><c>"epoch"</c> (the default) or a positive number of batches as a string
    /// (<c>"100"</c>).</param>
    /// <param name="initialValueThreshold">The value the monitor must beat for the first save with
    /// <paramref name="saveBestOnly"/>; default none (±infinity).</param>
    /// <exception cref="InvalidArgumentError">The extension does not match <paramref name="saveWeightsOnly"/>, or
    /// <paramref name="saveFreq"/> is neither <c>"epoch"</c> nor a positive integer.</exception>
    [System.Diagnostics.CodeAnalysis.RequiresDynamicCode(Models.Model.Hdf5NotAot), System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode(Models.Model.Hdf5NotAot)]
    public ModelCheckpoint(string filepath, string monitor = "val_loss", int verbose = 0, bool saveBestOnly = false,
        bool saveWeightsOnly = false, string mode = "auto", string saveFreq = "epoch", double? initialValueThreshold = null)
    {
        Guard.NotNull(filepath, "ModelCheckpoint", "filepath");
        Guard.NotNull(monitor, "ModelCheckpoint", "monitor");
        Filepath = filepath;
        MonitorName = monitor;
        Verbose = verbose;
        SaveBestOnly = saveBestOnly;
        SaveWeightsOnly = saveWeightsOnly;
        if (saveWeightsOnly && !filepath.EndsWith(".weights.h5", StringComparison.Ordinal))
            throw new InvalidArgumentError(
                "ModelCheckpoint: when using saveWeightsOnly: true, the filepath provided must end in `.weights.h5` (Keras weights format). " +
                $"Received: filepath={filepath}");
        if (!saveWeightsOnly && !filepath.EndsWith(".keras", StringComparison.Ordinal))
            throw new InvalidArgumentError($"ModelCheckpoint: the filepath provided must end in `.keras` (Keras model format). Received: filepath={filepath}");
        if (mode is not ("auto" or "min" or "max"))
        {
            Console.Error.WriteLine($"UserWarning: ModelCheckpoint mode '{mode}' is unknown, fallback to auto mode.");
            mode = "auto";
        }
        Mode = mode;
        _max = Callbacks.Monitor.Maximize(monitor, mode);
        if (saveFreq == "epoch") SaveFreqBatches = null;
        else if (int.TryParse(saveFreq, out int batches) && batches > 0) SaveFreqBatches = batches;
        else throw new InvalidArgumentError($"ModelCheckpoint: unrecognized saveFreq: {saveFreq}. Expected saveFreq to be \"epoch\" or a positive number of batches (\"100\").");
        InitialValueThreshold = initialValueThreshold;
        Best = initialValueThreshold ?? (_max ? double.NegativeInfinity : double.PositiveInfinity);
    }

    /// <summary>The file path pattern, before formatting with the epoch and logs.</summary>
    public string Filepath { get; }
    /// <summary>The name of the log that <see cref="SaveBestOnly"/> compares (Keras's <c>monitor</c>).</summary>
    public string MonitorName { get; }
    /// <summary>The verbosity: 0 silent, 1 a line per save.</summary>
    public int Verbose { get; }
    /// <summary>Whether a save happens only when the monitored value improves.</summary>
    public bool SaveBestOnly { get; }
    /// <summary>Whether the checkpoint is a <c>.weights.h5</c> weights file rather than a whole <c>.keras</c>
    /// model.</summary>
    public bool SaveWeightsOnly { get; }
    /// <summary>The comparison mode in use: <c>"min"</c>, <c>"max"</c> or <c>"auto"</c>.</summary>
    public string Mode { get; }
    /// <summary>Null for saveFreq "epoch"; else the number of batches between saves.</summary>
    public int? SaveFreqBatches { get; }
    /// <summary>The value the first best-only save must beat; null when none was given.</summary>
    public double? InitialValueThreshold { get; }

    /// <summary>The best monitored value so far (±inf, or the threshold, before the first save).</summary>
    public double Best { get; private set; }

    /// <summary>The paths written, in order (a file written twice appears twice).</summary>
    public List<string> SavedPaths { get; } = new();

    /// <summary>Remembers the epoch under way, for the file name of batch-frequency saves.</summary>
    /// <inheritdoc/>
    public override void OnEpochBegin(int epoch, Dictionary<string, double> logs) => _epoch = epoch;

    /// <summary>Saves every <c>saveFreq</c> batches when it is a number of batches.</summary>
    /// <inheritdoc/>
    public override void OnTrainBatchEnd(int batch, Dictionary<string, double> logs)
    {
        if (SaveFreqBatches is not { } every) return;
        if (++_batchesSinceSave < every) return;
        _batchesSinceSave = 0;
        Save(_epoch, batch, logs);
    }

    /// <summary>Saves at the end of the epoch when <c>saveFreq</c> is <c>"epoch"</c>.</summary>
    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, Dictionary<string, double> logs)
    {
        if (SaveFreqBatches is null) Save(epoch, null, logs);
    }

    private void Save(int epoch, int? batch, Dictionary<string, double> logs)
    {
        if (!Model.IsChiefReplica) return; // under a strategy only replica 0 writes (the replicas' weights are the same)
        string path = FilePath(epoch, batch, logs);
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir) && !Directory.Exists(dir)) Directory.CreateDirectory(dir);
        if (SaveBestOnly)
        {
            if (!logs.TryGetValue(MonitorName, out var current))
            {
                Console.Error.WriteLine($"UserWarning: Can save best model only with {MonitorName} available, skipping.");
                return;
            }
            if (!(_max ? current > Best : current < Best))
            {
                if (Verbose > 0) Console.WriteLine($"\nEpoch {epoch + 1}: {MonitorName} did not improve from {F5(Best)}");
                return;
            }
            if (Verbose > 0) Console.WriteLine($"\nEpoch {epoch + 1}: {MonitorName} improved from {F5(Best)} to {F5(current)}, saving model to {path}");
            Best = current;
        }
        else if (Verbose > 0) Console.WriteLine($"\nEpoch {epoch + 1}: saving model to {path}");
        if (SaveWeightsOnly) Model.SaveWeights(path); else Model.Save(path);
        SavedPaths.Add(path);
    }

    /// <summary>Python's f"{value:.5f}" (inf as "inf").</summary>
    private static string F5(double value) => PythonFormat.Format("{v:.5f}", new Dictionary<string, object> { ["v"] = value });

    /// <summary>Keras's _get_file_path: filepath.format(epoch=epoch + 1, [batch=batch + 1,] **logs).</summary>
    private string FilePath(int epoch, int? batch, Dictionary<string, double> logs)
    {
        var values = new Dictionary<string, object>();
        foreach (var (k, v) in logs) values[k] = v;
        values["epoch"] = epoch + 1;
        if (batch is { } b) values["batch"] = b + 1;
        try
        {
            return PythonFormat.Format(Filepath, values);
        }
        catch (Exception e) when (e is KeyNotFoundException or FormatException)
        {
            throw new InvalidArgumentError($"ModelCheckpoint: failed to format this callback filepath: \"{Filepath}\". Reason: {e.Message}");
        }
    }
}
