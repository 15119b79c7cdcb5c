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

    /// <summary>Once when Fit starts, before the first epoch (Keras's <c>on_train_begin</c>).</summary>
    /// <param name="logs">An empty dictionary; entries added here are not kept.</param>
    public virtual void OnTrainBegin(Dictionary<string, double> logs) { }
    /// <summary>Once when Fit ends, after the last epoch or after <c>Model.StopTraining</c> was set (Keras's
    /// <c>on_train_end</c>).</summary>
    /// <param name="logs">The last epoch's logs (training and <c>val_</c> values).</param>
    public virtual void OnTrainEnd(Dictionary<string, double> logs) { }
    /// <summary>At the start of every epoch, before its first batch (Keras's <c>on_epoch_begin</c>).</summary>
    /// <param name="epoch">The epoch index, counting from 0 (from <c>initialEpoch</c> when Fit resumes).</param>
    /// <param name="logs">The dictionary the epoch's batches write their running metric values to (until the first
    /// batch it holds zeros, or the previous epoch's last values).</param>
    public virtual void OnEpochBegin(int epoch, Dictionary<string, double> logs) { }
    /// <summary>At the end of every epoch, after validation (Keras's <c>on_epoch_end</c>).</summary>
    /// <param name="epoch">The epoch index, counting from 0.</param>
    /// <param name="logs">The epoch's metric values by name, with the validation results as <c>"val_loss"</c>,
    /// <c>"val_accuracy"</c>, …; a callback may add entries (they reach the callbacks after it and
    /// <see cref="History"/>).</param>
    public virtual void OnEpochEnd(int epoch, Dictionary<string, double> logs) { }

    /// <summary>Before each training batch; by default the same as <see cref="OnBatchBegin"/> (as in Keras).</summary>
    public virtual void OnTrainBatchBegin(int batch, Dictionary<string, double> logs) => OnBatchBegin(batch, logs);
    /// <summary>After each training batch; by default the same as <see cref="OnBatchEnd"/> (as in Keras).</summary>
    /// <param name="batch">The batch index within the epoch, counting from 0.</param>
    /// <param name="logs">The running (epoch-to-date) metric values after this batch.</param>
    public virtual void OnTrainBatchEnd(int batch, Dictionary<string, double> logs) => OnBatchEnd(batch, logs);
    /// <summary>Keras's legacy <c>on_batch_begin</c>: called through <see cref="OnTrainBatchBegin"/> before each
    /// training batch.</summary>
    /// <param name="batch">The batch index within the epoch, counting from 0.</param>
    /// <param name="logs">The running metric values of the epoch so far.</param>
    public virtual void OnBatchBegin(int batch, Dictionary<string, double> logs) { }
    /// <summary>Keras's legacy <c>on_batch_end</c>: called through <see cref="OnTrainBatchEnd"/> after each training
    /// batch.</summary>
    /// <param name="batch">The batch index within the epoch, counting from 0.</param>
    /// <param name="logs">The running metric values after this batch.</param>
    public virtual void OnBatchEnd(int batch, Dictionary<string, double> logs) { }

    /// <summary>When Evaluate starts, or the validation pass at the end of a Fit epoch (Keras's
    /// <c>on_test_begin</c>).</summary>
    /// <param name="logs">The evaluation's metric values, reset.</param>
    public virtual void OnTestBegin(Dictionary<string, double> logs) { }
    /// <summary>When Evaluate, or a Fit epoch's validation pass, has seen all its batches (Keras's
    /// <c>on_test_end</c>).</summary>
    /// <param name="logs">The evaluation's final metric values (without the <c>val_</c> prefix).</param>
    public virtual void OnTestEnd(Dictionary<string, double> logs) { }
    /// <summary>Before each evaluation batch (Keras's <c>on_test_batch_begin</c>).</summary>
    /// <param name="batch">The batch index, counting from 0.</param>
    /// <param name="logs">The running evaluation metric values.</param>
    public virtual void OnTestBatchBegin(int batch, Dictionary<string, double> logs) { }
    /// <summary>After each evaluation batch (Keras's <c>on_test_batch_end</c>).</summary>
    /// <param name="batch">The batch index, counting from 0.</param>
    /// <param name="logs">The running evaluation metric values after this batch.</param>
    public virtual void OnTestBatchEnd(int batch, Dictionary<string, double> logs) { }

    /// <summary>When Predict starts (Keras's <c>on_predict_begin</c>).</summary>
    /// <param name="logs">An empty dictionary: prediction has no metrics.</param>
    public virtual void OnPredictBegin(Dictionary<string, double> logs) { }
    /// <summary>When Predict has computed every batch (Keras's <c>on_predict_end</c>).</summary>
    /// <param name="logs">An empty dictionary: prediction has no metrics.</param>
    public virtual void OnPredictEnd(Dictionary<string, double> logs) { }
    /// <summary>Before each prediction batch (Keras's <c>on_predict_batch_begin</c>).</summary>
    /// <param name="batch">The batch index, counting from 0.</param>
    /// <param name="logs">An empty dictionary: prediction has no metrics.</param>
    public virtual void OnPredictBatchBegin(int batch, Dictionary<string, double> logs) { }
    /// <summary>After each prediction batch (Keras's <c>on_predict_batch_end</c>).</summary>
    /// <param name="batch">The batch index, counting from 0.</param>
    /// <param name="logs">An empty dictionary: prediction has no metrics.</param>
    public virtual void OnPredictBatchEnd(int batch, Dictionary<string, double> logs) { }
}

/// <summary>Callbacks made from delegates (Keras's <c>LambdaCallback</c>).</summary>
/// <param name="onEpochBegin">Called with the epoch index and logs at the start of each epoch.</param>
/// <param name="onEpochEnd">Called with the epoch index and the epoch's logs at its end.</param>
/// <param name="onBatchBegin">Called with the batch index and logs before each training batch.</param>
/// <param name="onBatchEnd">Called with the batch index and logs after each training batch.</param>
/// <param name="onTrainBegin">Called with the logs when Fit starts.</param>
/// <param name="onTrainEnd">Called with the last epoch's logs when Fit ends.</param>
public sealed class LambdaCallback(
    Action<int, Dictionary<string, double>>? onEpochBegin = null,
    Action<int, Dictionary<string, double>>? onEpochEnd = null,
    Action<int, Dictionary<string, double>>? onBatchBegin = null,
    Action<int, Dictionary<string, double>>? onBatchEnd = null,
    Action<Dictionary<string, double>>? onTrainBegin = null,
    Action<Dictionary<string, double>>? onTrainEnd = null) : Callback
{
    /// <summary>Calls <c>onEpochBegin</c>, when given.</summary>
    /// <inheritdoc/>
    public override void OnEpochBegin(int epoch, Dictionary<string, double> logs) => onEpochBegin?.Invoke(epoch, logs);
    /// <summary>Calls <c>onEpochEnd</c>, when given.</summary>
    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, Dictionary<string, double> logs) => onEpochEnd?.Invoke(epoch, logs);
    /// <summary>Calls <c>onBatchBegin</c>, when given.</summary>
    /// <inheritdoc/>
    public override void OnBatchBegin(int batch, Dictionary<string, double> logs) => onBatchBegin?.Invoke(batch, logs);
    /// <summary>Calls <c>onBatchEnd</c>, when given.</summary>
    /// <inheritdoc/>
    public override void OnBatchEnd(int batch, Dictionary<string, double> logs) => onBatchEnd?.Invoke(batch, logs);
    /// <summary>Calls <c>onTrainBegin</c>, when given.</summary>
    /// <inheritdoc/>
    public override void OnTrainBegin(Dictionary<string, double> logs) => onTrainBegin?.Invoke(logs);
    /// <summary>Calls <c>onTrainEnd</c>, when given.</summary>
    /// <inheritdoc/>
    public override void OnTrainEnd(Dictionary<string, double> logs) => onTrainEnd?.Invoke(logs);
}

/// <summary>Stops training as soon as a batch's loss is NaN or infinite, and says so (Keras's <c>TerminateOnNaN</c>).</summary>
public sealed class TerminateOnNaN : Callback
{
    /// <summary>Sets <c>Model.StopTraining</c> and prints a line when the batch's <c>"loss"</c> is NaN or
    /// infinite.</summary>
    /// <inheritdoc/>
    public override void OnBatchEnd(int batch, Dictionary<string, double> logs)
    {
        if (logs.TryGetValue("loss", out var loss) && (double.IsNaN(loss) || double.IsInfinity(loss)))
        {
            Console.WriteLine($"Batch {batch}: Invalid loss, terminating training");
            Model.StopTraining = true;
        }
    }
}
