using System.Collections.Concurrent;
using Strata.Keras.Engine;

namespace Strata.Keras.Models;

/// <summary>One batch as Fit, Evaluate and Predict hand it to <see cref="Model.TrainStep(StepData)"/> and
/// <see cref="Model.TestStep(StepData)"/> (Keras's <c>data</c>): <c>var (x, y) = data;</c> for one input and output.</summary>
public readonly struct StepData(IReadOnlyList<Tensor> x, IReadOnlyList<Tensor> y)
{
    /// <summary>The batch's inputs, one tensor per model input.</summary>
    public IReadOnlyList<Tensor> X { get; } = x;

    /// <summary>The batch's labels, one tensor per model output.</summary>
    public IReadOnlyList<Tensor> Y { get; } = y;

    /// <summary>The single input and label tensor (Python's <c>x, y = data</c>).</summary>
    public void Deconstruct(out Tensor x, out Tensor y)
    {
        if (X.Count != 1 || Y.Count != 1)
            throw new InvalidArgumentError($"StepData: the batch has {X.Count} input(s) and {Y.Count} label tensor(s); use data.X and data.Y.");
        (x, y) = (X[0], Y[0]);
    }
}

public partial class Model
{
    /// <summary>
    /// Keras 3's <c>train_step</c>: what Fit does with each batch. Override it to customise training (a GAN's two
    /// optimizers, a VAE's extra losses) and keep everything else Fit does: callbacks, progress, epochs, datasets.
    /// The default runs the forward pass under a tape,
    /// <see cref="ComputeLoss(IReadOnlyList{Tensor}, IReadOnlyList{Tensor})"/>, the compiled optimizer and
    /// <see cref="ComputeMetrics(IReadOnlyList{Tensor}, IReadOnlyList{Tensor}, Tensor)"/>; the returned values become
    /// the batch's logs (the progress bar shows them).
    /// </summary>
    public virtual Dictionary<string, double> TrainStep(StepData data)
    {
        var st = RequireCompiled("TrainStep");
        Kernels.BufferPool.Return(TrainStep(st, data.X.ToArray(), data.Y.ToArray()));
        return st.Results();
    }

    /// <summary>Keras 3's <c>test_step</c>: what Evaluate (and Fit's validation) does with each batch.</summary>
    public virtual Dictionary<string, double> TestStep(StepData data)
    {
        var st = RequireCompiled("TestStep");
        TestBatch(st, data.X.ToArray(), data.Y.ToArray());
        return st.Results();
    }

    /// <summary>Keras 3's <c>predict_step</c>: the outputs for one batch of inputs, in inference mode.</summary>
    public virtual Tensor[] PredictStep(IReadOnlyList<Tensor> x) => Forward(x as Tensor[] ?? x.ToArray(), training: false);

    /// <summary>Keras 3's <c>compute_loss</c>: the compiled losses of <paramref name="yPred"/> against
    /// <paramref name="y"/>, plus the losses the layers added and the weights' regularization penalties.</summary>
    public Tensor ComputeLoss(IReadOnlyList<Tensor> y, IReadOnlyList<Tensor> yPred) =>
        RequireCompiled("ComputeLoss").ComputeLoss(y.ToArray(), yPred.ToArray(), OutputCount, this);

    /// <summary><see cref="ComputeLoss(IReadOnlyList{Tensor}, IReadOnlyList{Tensor})"/> for one output.</summary>
    public Tensor ComputeLoss(Tensor y, Tensor yPred) => ComputeLoss([y], [yPred]);

    /// <summary>Keras 3's <c>compute_metrics</c>, with the loss tracker: updates "loss" with <paramref name="loss"/> and
    /// every compiled metric with (y, yPred), and returns all their results (what a train step returns).</summary>
    public Dictionary<string, double> ComputeMetrics(IReadOnlyList<Tensor> y, IReadOnlyList<Tensor> yPred, Tensor loss)
    {
        var st = RequireCompiled("ComputeMetrics");
        st.UpdateMetrics(y.ToArray(), yPred.ToArray(), loss, y[0].Shape[0]);
        return st.Results();
    }

    /// <summary><see cref="ComputeMetrics(IReadOnlyList{Tensor}, IReadOnlyList{Tensor}, Tensor)"/> for one output.</summary>
    public Dictionary<string, double> ComputeMetrics(Tensor y, Tensor yPred, Tensor loss) => ComputeMetrics([y], [yPred], loss);

    /// <summary>Loss and metrics of one batch in inference mode (the default test step).</summary>
    private void TestBatch(Engine.TrainingState st, Tensor[] xb, Tensor[] yb, Tensor? sampleWeight = null)
    {
        if (xb[0].Shape[0] == 0) return; // a replica's empty share of a last, small batch
        var preds = Forward(xb, training: false);
        st.UpdateMetrics(yb, preds, st.ComputeLoss(yb, preds, OutputCount, this, sampleWeight), xb[0].Shape[0]);
    }

    private static void CopyLogs(Dictionary<string, double> from, Dictionary<string, double> logs)
    {
        if (from is null) throw new InvalidArgumentError("TrainStep/TestStep returned null; return the logs, e.g. ComputeMetrics(y, yPred, loss).");
        foreach (var (k, v) in from) logs[k] = v;
    }

    // Whether this model's class overrides a step (looked up once per class): the default steps run a faster path
    // that writes the logs in place instead of building a dictionary per batch.
    private static readonly ConcurrentDictionary<(Type, string), bool> Overrides = new();

    private bool OverridesTrainStep => Overridden(nameof(TrainStep), TrainStep);
    private bool OverridesTestStep => Overridden(nameof(TestStep), TestStep);

    // The delegate binds to the class's override (a virtual call's target); Delegate.Method is trim- and AOT-safe
    // (NativeAOT keeps delegate targets reflectable), unlike a GetMethod lookup on GetType().
    private bool Overridden(string step, Func<StepData, Dictionary<string, double>> bound) =>
        Overrides.GetOrAdd((GetType(), step), static (_, method) => method.DeclaringType != typeof(Model), bound.Method);
}
