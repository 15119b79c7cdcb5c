namespace Strata.Keras.Callbacks;

/// <summary>
/// What Fit returns (Keras's <c>History</c>): <see cref="history"/> maps each log name ("loss", "accuracy",
/// "val_loss", "val_accuracy", …) to its value at the end of every epoch; <see cref="Epochs"/> lists the epoch
/// indices (0-based). C# forbids a member named like its class, so the dictionary keeps Keras's own spelling,
/// <c>history.history["loss"]</c>; <c>history["loss"]</c> reads the same list.
/// </summary>
public sealed class History : Callback
{
#pragma warning disable IDE1006 // Keras's spelling, as tf and keras are lower-case
    /// <summary>Log name → one value per epoch (Keras's <c>History.history</c>).</summary>
    public Dictionary<string, List<double>> history { get; } = new();
#pragma warning restore IDE1006

    /// <summary>The epoch indices trained (0-based; Keras's <c>History.epoch</c>).</summary>
    public List<int> Epochs { get; } = new();

    /// <summary>The per-epoch values of one log, e.g. <c>history["val_accuracy"]</c>.</summary>
    public List<double> this[string name] => history.TryGetValue(name, out var list) ? list
        : throw new KeyNotFoundException($"History has no '{name}'. It has: {string.Join(", ", history.Keys)}.");

    /// <summary>Does nothing: each Fit makes a fresh History.</summary>
    /// <inheritdoc/>
    public override void OnTrainBegin(Dictionary<string, double> logs)
    {
        // Keras keeps a History across Fit calls on one model only through model.history; each Fit gets a fresh one.
    }

    /// <summary>Appends the epoch index to <see cref="Epochs"/> and every log value to its list in
    /// <see cref="history"/>.</summary>
    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, Dictionary<string, double> logs)
    {
        Epochs.Add(epoch);
        foreach (var (k, v) in logs)
        {
            if (!history.TryGetValue(k, out var list)) history[k] = list = new List<double>();
            list.Add(v);
        }
    }
}
