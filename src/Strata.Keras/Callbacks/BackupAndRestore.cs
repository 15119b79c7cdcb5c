using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Strata.Keras.Saving;

namespace Strata.Keras.Callbacks;

/// <summary>
/// Keras 3's <c>BackupAndRestore</c>: at the end of every epoch (or every <c>saveFreq</c> batches) it writes the weights
/// and optimizer state to <c>backupDir/latest.weights.h5</c> and the epoch reached to
/// <c>backupDir/training_metadata.json</c>. When Fit starts and a backup exists, the model gets the backed-up state and
/// Fit resumes at the epoch after the last completed one — so a Fit that was killed, run again the same way, ends as
/// the uninterrupted Fit would. Beyond Keras, the metadata also holds tf.random's whole state (the shuffling and
/// unseeded dropout of the epochs to come) and the SHA-256 of the weights it belongs to: every write is atomic, the
/// previous weights file is kept as <c>latest.weights.h5.bkp</c> until the new metadata is written, and a restore uses
/// the weights file whose hash the metadata names, so a kill between the two writes resumes from a consistent pair.
/// With <c>deleteCheckpoint</c> (the default) the backup is removed when Fit ends normally.
/// </summary>
// Writes (and reads) HDF5 files, which NativeAOT cannot (Model.Hdf5NotAot): the constructor carries the requirement, so
// an app that makes one has been told; the calls inside need not say it again.
[System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The constructor carries RequiresUnreferencedCode.")]
[System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050", Justification = "The constructor carries RequiresDynamicCode.")]
public sealed class BackupAndRestore : Callback
{
    private const string WeightsName = "latest.weights.h5";
    private const string MetadataName = "training_metadata.json";
    private readonly int? _saveFreqBatches;
    private int _currentEpoch;
    private int _batchesSinceSave;
    private int _lastBatchSeen;

    /// <summary>A backup kept in <paramref name="backupDir"/>, written at each epoch's end or every
    /// <paramref name="saveFreq"/> batches.</summary>
    /// <param name="backupDir">The folder for the backup files; it must not be empty and should belong to this one
    /// run.</param>
    /// <param name="saveFreq"><c>"epoch"</c> (Keras 3's default) to back up at the end of every epoch, or a positive number
    /// of batches as a string (<c>"100"</c>); a mid-epoch backup resumes at the start of that epoch.</param>
    /// <param name="deleteCheckpoint">Whether the folder is removed when Fit ends normally; default true.</param>
    /// <param name="doubleCheckpoint">Whether the previous weights stay as <c>latest.weights.h5.bkp</c> after each backup;
    /// default false.</param>
    /// <exception cref="InvalidArgumentError"><paramref name="backupDir"/> is empty or <paramref name="saveFreq"/> is
    /// neither <c>"epoch"</c> nor a positive integer.</exception>
    [System.Diagnostics.CodeAnalysis.RequiresDynamicCode(Models.Model.Hdf5NotAot), System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode(Models.Model.Hdf5NotAot)]
    public BackupAndRestore(string backupDir, string saveFreq = "epoch", bool deleteCheckpoint = true, bool doubleCheckpoint = false)
    {
        if (string.IsNullOrEmpty(backupDir)) throw new InvalidArgumentError("BackupAndRestore: empty `backup_dir` argument passed.");
        BackupDir = backupDir;
        DeleteCheckpoint = deleteCheckpoint;
        DoubleCheckpoint = doubleCheckpoint;
        if (saveFreq == "epoch") _saveFreqBatches = null;
        else if (int.TryParse(saveFreq, out int n) && n > 0) _saveFreqBatches = n;
        else throw new InvalidArgumentError($"BackupAndRestore: invalid value for argument `save_freq`. Received: saveFreq={saveFreq}. Expected \"epoch\" or a positive number of batches.");
    }

    /// <summary>The folder holding <c>latest.weights.h5</c> and <c>training_metadata.json</c>.</summary>
    public string BackupDir { get; }
    /// <summary>Whether the backup folder is deleted when Fit ends normally (Keras's delete_checkpoint).</summary>
    public bool DeleteCheckpoint { get; }
    /// <summary>Keras's double_checkpoint: the previous weights stay as latest.weights.h5.bkp after each backup.</summary>
    public bool DoubleCheckpoint { get; }

    /// <summary>The epoch Fit resumed at after a restore (null when it started afresh).</summary>
    public int? RestoredEpoch { get; private set; }

    private string WeightsPath => Path.Combine(BackupDir, WeightsName);
    private string PreviousWeightsPath => WeightsPath + ".bkp";
    private string MetadataPath => Path.Combine(BackupDir, MetadataName);

    /// <summary>When a backup exists, loads its weights, optimizer state and random state and makes Fit resume at the
    /// epoch it reached; the model must be built.</summary>
    /// <inheritdoc/>
    public override void OnTrainBegin(Dictionary<string, double> logs)
    {
        if (!Model.Built)
            throw new InvalidArgumentError("BackupAndRestore: to use this callback, the model must be built before Fit is called.");
        RestoredEpoch = null;
        _currentEpoch = 0;
        _batchesSinceSave = 0;
        if (!File.Exists(MetadataPath)) return;
        JsonObject meta;
        try { meta = JsonNode.Parse(File.ReadAllText(MetadataPath))!.AsObject(); }
        catch (JsonException e) { throw new ModelFileError(MetadataPath, $"is not valid JSON ({e.Message})."); }
        string? hash = meta["weights_sha256"]?.GetValue<string>();
        string? weights = new[] { WeightsPath, PreviousWeightsPath }.FirstOrDefault(p => File.Exists(p) && (hash is null || Sha256(p) == hash));
        if (weights is null)
            throw new ModelFileError(WeightsPath, $"no weights file in {BackupDir} matches the backup's metadata (SHA-256 {hash}); the backup is damaged.");
        Model.LoadWeights(weights);
        int epoch = meta["epoch"]?.GetValue<int>() ?? throw new ModelFileError(MetadataPath, "has no \"epoch\".");
        if (meta["strata_random_state"] is JsonObject rng) tf.random.ImportState(rng);
        _currentEpoch = epoch;
        RestoredEpoch = epoch;
        Model.ResumeAtEpoch = epoch;
    }

    /// <summary>Remembers the epoch under way, the one a mid-epoch backup resumes at.</summary>
    /// <inheritdoc/>
    public override void OnEpochBegin(int epoch, Dictionary<string, double> logs) => _currentEpoch = epoch;

    /// <summary>Backs up every <c>saveFreq</c> batches when it is a number of batches.</summary>
    /// <inheritdoc/>
    public override void OnTrainBatchEnd(int batch, Dictionary<string, double> logs)
    {
        _lastBatchSeen = batch;
        if (_saveFreqBatches is not { } every) return;
        if (++_batchesSinceSave < every) return;
        _batchesSinceSave = 0;
        // A mid-epoch backup resumes at the start of this epoch (as Keras 3: the epoch is run again).
        Backup(_currentEpoch);
    }

    /// <summary>Backs up at the end of the epoch when <c>saveFreq</c> is <c>"epoch"</c>.</summary>
    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, Dictionary<string, double> logs)
    {
        _currentEpoch = epoch + 1;
        _lastBatchSeen = 0;
        if (_saveFreqBatches is null) Backup(_currentEpoch);
    }

    /// <summary>Deletes the backup folder when <see cref="DeleteCheckpoint"/> is set (on the chief replica).</summary>
    /// <inheritdoc/>
    public override void OnTrainEnd(Dictionary<string, double> logs)
    {
        if (DeleteCheckpoint && Model.IsChiefReplica && Directory.Exists(BackupDir)) Directory.Delete(BackupDir, recursive: true);
    }

    /// <summary>Writes the weights (keeping the previous file until the metadata names the new one), then the metadata.</summary>
    private void Backup(int epoch)
    {
        // Under a strategy only replica 0 writes; every replica restores from the same folder (one machine, or a
        // shared file system), so all resume at the same epoch.
        if (!Model.IsChiefReplica) return;
        Directory.CreateDirectory(BackupDir);
        if (File.Exists(WeightsPath))
        {
            var previous = File.ReadAllBytes(WeightsPath);
            AtomicFile.Write(PreviousWeightsPath, s => s.Write(previous));
        }
        Model.SaveWeights(WeightsPath);
        var meta = new JsonObject
        {
            ["epoch"] = epoch,
            ["batch"] = _lastBatchSeen,
            ["weights_sha256"] = Sha256(WeightsPath),
            ["strata_random_state"] = tf.random.ExportState(),
        };
        var bytes = Encoding.UTF8.GetBytes(meta.ToJsonString());
        AtomicFile.Write(MetadataPath, s => s.Write(bytes));
        if (!DoubleCheckpoint && File.Exists(PreviousWeightsPath)) File.Delete(PreviousWeightsPath);
    }

    private static string Sha256(string path)
    {
        using var f = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(f));
    }
}
