namespace Strata.Keras.Models;

public partial class Model
{
    /// <summary>Keras's <c>model._initial_epoch</c>: set by a callback in OnTrainBegin (BackupAndRestore after restoring
    /// a backup), it replaces Fit's initialEpoch for that Fit.</summary>
    internal int? ResumeAtEpoch { get; set; }
}
