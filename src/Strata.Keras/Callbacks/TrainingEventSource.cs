using System.Diagnostics.Tracing;
using System.Text;

namespace Strata.Keras.Callbacks;

/// <summary>
/// Training events for services and tools (<c>dotnet-trace</c>, <c>dotnet-monitor</c>, or an in-process
/// <see cref="EventListener"/> that forwards them to a logger): Fit's start and end, each epoch's logs, each
/// evaluation's results. The source is named "Strata.Keras.Training"; while nobody listens, Fit does not even
/// format the logs.
/// </summary>
[EventSource(Name = "Strata.Keras.Training")]
public sealed class TrainingEventSource : EventSource
{
    /// <summary>The one instance of the source, which Fit and Evaluate write to.</summary>
    public static readonly TrainingEventSource Log = new();

    private TrainingEventSource()
    {
    }

    /// <summary>Event 1: Fit of <paramref name="model"/> started, with the number of epochs it will run.</summary>
    /// <param name="model">The model's name.</param>
    /// <param name="epochs">The epochs Fit will run (after any resumed ones).</param>
    [Event(1, Level = EventLevel.Informational, Message = "Fit of {0} started: {1} epoch(s)")]
    public void TrainBegin(string model, int epochs) => WriteEvent(1, model, epochs);

    /// <summary>An epoch's logs as "name=value" pairs separated by spaces ("accuracy=0.8 loss=0.5 val_loss=0.6").</summary>
    [Event(2, Level = EventLevel.Informational, Message = "{0}: epoch {1} ended: {2}")]
    public void EpochEnd(string model, int epoch, string logs) => WriteEvent(2, model, epoch, logs);

    /// <summary>Event 3: Fit of <paramref name="model"/> ended after <paramref name="epochs"/> epochs, with the last
    /// epoch's logs.</summary>
    /// <param name="model">The model's name.</param>
    /// <param name="epochs">The epochs actually run (fewer when a callback stopped training).</param>
    /// <param name="logs">The last epoch's logs as "name=value" pairs separated by spaces.</param>
    [Event(3, Level = EventLevel.Informational, Message = "Fit of {0} ended after {1} epoch(s): {2}")]
    public void TrainEnd(string model, int epochs, string logs) => WriteEvent(3, model, epochs, logs);

    /// <summary>Event 4: Evaluate of <paramref name="model"/> finished with <paramref name="results"/>.</summary>
    /// <param name="model">The model's name.</param>
    /// <param name="results">The metric values as "name=value" pairs separated by spaces.</param>
    [Event(4, Level = EventLevel.Informational, Message = "{0} evaluated: {1}")]
    public void Evaluated(string model, string results) => WriteEvent(4, model, results);

    internal static string Format(IReadOnlyDictionary<string, double> logs)
    {
        var sb = new StringBuilder();
        foreach (var (k, v) in logs.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            sb.Append(sb.Length == 0 ? "" : " ").Append(k).Append('=').Append(v.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        return sb.ToString();
    }
}

/// <summary>The callback Fit adds while someone listens to <see cref="TrainingEventSource"/>.</summary>
internal sealed class TrainingEventsCallback(string model, int epochs) : Callback
{
    private int _epochs;

    public override void OnTrainBegin(Dictionary<string, double> logs) => TrainingEventSource.Log.TrainBegin(model, epochs);

    public override void OnEpochEnd(int epoch, Dictionary<string, double> logs)
    {
        _epochs++;
        TrainingEventSource.Log.EpochEnd(model, epoch, TrainingEventSource.Format(logs));
    }

    public override void OnTrainEnd(Dictionary<string, double> logs) =>
        TrainingEventSource.Log.TrainEnd(model, _epochs, TrainingEventSource.Format(logs));
}
