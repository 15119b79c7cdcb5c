using Strata.Keras.Models;

namespace Strata.Keras.Callbacks;

/// <summary>
/// Hooks into Fit / Evaluate / Predict (Keras's <c>Callback</c>). Logs are the running metric values by Keras
/// name ("loss", "accuracy", "val_loss"…); a callback may add to them (LearningRateScheduler adds
/// "learning_rate"). Set <c>Model.StopTraining = true</c> to end Fit after the current batch.
/// </summary>
public abstract class Callback
{
    /// <summary>The model being trained (set by Fit before OnTrainBegin).</summary>
    public Model Model { get; internal set; } = null!;

    /// <summary>Fit's parameters: "epochs", "steps", "verbose".</summary>
    public IReadOnlyDictionary<string, int> Params { get; internal set; } = new Dictionary<string, int>();

    public virtual void OnTrainBegin(Dictionary<string, double> logs) { }
    public virtual void OnTrainEnd(Dictionary<string, double> logs) { }
    public virtual void OnEpochBegin(int epoch, Dictionary<string, double> logs) { }
    public virtual void OnEpochEnd(int epoch, Dictionary<string, double> logs) { }

    /// <summary>Before each training batch; by default the same as <see cref="OnBatchBegin"/> (as in Keras).</summary>
    public virtual void OnTrainBatchBegin(int batch, Dictionary<string, double> logs) => OnBatchBegin(batch, logs);
    public virtual void OnTrainBatchEnd(int batch, Dictionary<string, double> logs) => OnBatchEnd(batch, logs);
    public virtual void OnBatchBegin(int batch, Dictionary<string, double> logs) { }
    public virtual void OnBatchEnd(int batch, Dictionary<string, double> logs) { }

    public virtual void OnTestBegin(Dictionary<string, double> logs) { }
    public virtual void OnTestEnd(Dictionary<string, double> logs) { }
    public virtual void OnTestBatchBegin(int batch, Dictionary<string, double> logs) { }
    public virtual void OnTestBatchEnd(int batch, Dictionary<string, double> logs) { }

    public virtual void OnPredictBegin(Dictionary<string, double> logs) { }
    public virtual void OnPredictEnd(Dictionary<string, double> logs) { }
    public virtual void OnPredictBatchBegin(int batch, Dictionary<string, double> logs) { }
    public virtual void OnPredictBatchEnd(int batch, Dictionary<string, double> logs) { }
}

/// <summary>Callbacks made from delegates (Keras's <c>LambdaCallback</c>).</summary>
public sealed class LambdaCallback(
    Action<int, Dictionary<string, double>>? onEpochBegin = null,
    Action<int, Dictionary<string, double>>? onEpochEnd = null,
    Action<int, Dictionary<string, double>>? onBatchBegin = null,
    Action<int, Dictionary<string, double>>? onBatchEnd = null,
    Action<Dictionary<string, double>>? onTrainBegin = null,
    Action<Dictionary<string, double>>? onTrainEnd = null) : Callback
{
    public override void OnEpochBegin(int epoch, Dictionary<string, double> logs) => onEpochBegin?.Invoke(epoch, logs);
    public override void OnEpochEnd(int epoch, Dictionary<string, double> logs) => onEpochEnd?.Invoke(epoch, logs);
    public override void OnBatchBegin(int batch, Dictionary<string, double> logs) => onBatchBegin?.Invoke(batch, logs);
    public override void OnBatchEnd(int batch, Dictionary<string, double> logs) => onBatchEnd?.Invoke(batch, logs);
    public override void OnTrainBegin(Dictionary<string, double> logs) => onTrainBegin?.Invoke(logs);
    public override void OnTrainEnd(Dictionary<string, double> logs) => onTrainEnd?.Invoke(logs);
}

/// <summary>Stops training as soon as a batch's loss is NaN or infinite, and says so (Keras's <c>TerminateOnNaN</c>).</summary>
public sealed class TerminateOnNaN : Callback
{
    public override void OnBatchEnd(int batch, Dictionary<string, double> logs)
    {
        if (logs.TryGetValue("loss", out var loss) && (double.IsNaN(loss) || double.IsInfinity(loss)))
        {
            Console.WriteLine($"Batch {batch}: Invalid loss, terminating training");
            Model.StopTraining = true;
        }
    }
}
