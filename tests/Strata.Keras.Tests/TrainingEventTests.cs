using System.Diagnostics.Tracing;
using Strata.Keras.Callbacks;

namespace Strata.Keras.Tests;

/// <summary>Fit and Evaluate report to the "Strata.Keras.Training" EventSource while something listens.</summary>
public class TrainingEventTests
{
    private sealed class Recorder : EventListener
    {
        public readonly List<(string Name, IReadOnlyList<object?> Payload)> Events = [];

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Strata.Keras.Training") EnableEvents(source, EventLevel.Informational);
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            lock (Events) Events.Add((e.EventName!, e.Payload!.ToArray()));
        }
    }

    [Fact]
    public void FitAndEvaluateWriteTheirLogs()
    {
        using var recorder = new Recorder();
        var (model, x, y) = TinyRegression.Make(16, 0.1, globalSeed: 1, dataSeed: 2, name: "events_model");
        var history = model.Fit(x, y, batchSize: 8, epochs: 2, verbose: 0);
        model.Evaluate(x, y, verbose: 0);
        List<(string Name, IReadOnlyList<object?> Payload)> events;
        lock (recorder.Events) events = recorder.Events.Where(e => Equals(e.Payload[0], "events_model")).ToList();
        Assert.Equal(["TrainBegin", "EpochEnd", "EpochEnd", "TrainEnd", "Evaluated"], events.Select(e => e.Name));
        Assert.Equal(2, events[0].Payload[1]);
        Assert.Equal(1, events[2].Payload[1]);
        string last = (string)events[2].Payload[2]!;
        Assert.Contains($"loss={history.history["loss"][1].ToString("R", System.Globalization.CultureInfo.InvariantCulture)}", last);
        Assert.StartsWith("loss=", (string)events[4].Payload[1]!);
    }
}
