using Strata.Keras.Utils;

namespace Strata.Keras.Callbacks;

/// <summary>Fit's progress display (Keras's <c>ProgbarLogger</c>): "Epoch i/n" when there are several epochs,
/// then one <see cref="Progbar"/> per epoch, finalised with the epoch's logs (validation included). With the steps
/// unknown (a dataset of unknown length) the epoch's line is written at its end, with the steps counted.</summary>
internal sealed class ProgbarLogger(int verbose, int epochs, int? steps) : Callback
{
    private Progbar? _bar;
    private int _seen;

    public override void OnEpochBegin(int epoch, Dictionary<string, double> logs)
    {
        _seen = 0;
        _bar = steps is { } known ? new Progbar(known, verbose) : null;
        if (epochs > 1)
        {
            Console.Out.Write($"Epoch {epoch + 1}/{epochs}\n");
            Console.Out.Flush();
        }
    }

    public override void OnTrainBatchEnd(int batch, Dictionary<string, double> logs)
    {
        _seen = batch + 1;
        if (verbose == 1) _bar?.Update(batch + 1, logs, finalize: false);
    }

    public override void OnEpochEnd(int epoch, Dictionary<string, double> logs) =>
        (_bar ?? new Progbar(_seen, verbose)).Update(steps ?? _seen, logs, finalize: true);
}
