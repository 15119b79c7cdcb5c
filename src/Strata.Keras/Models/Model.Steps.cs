using System.Collections.Concurrent;
using Strata.Keras.Engine;

namespace Strata.Keras.Models;

/// <summary>One batch as Fit, Evaluate and Predict hand it to <see cref="Model.TrainStep(StepData)"/> and
/// <see cref="Model.TestStep(StepData)"/> (Keras's <c>data</c>): <c>var (x, y) = data;</c> for one input and output,
/// <c>var (x, y, sampleWeight) = data;</c> with the batch's sample weights.</summary>
public readonly struct StepData(IReadOnlyList<Tensor> x, IReadOnlyList<Tensor> y, Tensor? sampleWeight = null)
{
    /// <summary>The batch's inputs, one tensor per model input.</summary>
    public IReadOnlyList<Tensor> X { get; } = x;

    /// <summary>The batch's labels, one tensor per model output.</summary>
    public IReadOnlyList<Tensor> Y { get; } = y;

    /// <summary>The batch's per-sample weights, shape (batch,): Fit's and Evaluate's <c>sampleWeight</c> (or the
    /// weights of <c>classWeight</c>); null without.</summary>
    public Tensor? SampleWeight { get; } = sampleWeight;

    /// <summary>The single input, label and weight tensors (Python's <c>x, y, sample_weight = data</c>).</summary>
    public void Deconstruct(out Tensor x, out Tensor y, out Tensor? sampleWeight)
    {
        Deconstruct(out x, out y);
        sampleWeight = SampleWeight;
    }

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
    /// <see cref="ComputeLoss(IReadOnlyList{Tensor}, IReadOnlyList{Tensor}, Tensor?)"/>, the compiled optimizer and
    /// <see cref="ComputeMetrics(IReadOnlyList{Tensor}, IReadOnlyList{Tensor}, Tensor, Tensor?)"/>; the returned values become
    /// the batch's logs (the progress bar shows them).
    /// </summary>
    public virtual Dictionary<string, double> TrainStep(StepData data)
    {
        var st = RequireCompiled("TrainStep");
        Kernels.BufferPool.Return(TrainStep(st, data.X.ToArray(), data.Y.ToArray(), data.SampleWeight));
        return st.Results();
    }

    /// <summary>Keras 3's <c>test_step</c>: what Evaluate (and Fit's validation) does with each batch.</summary>
    public virtual Dictionary<string, double> TestStep(StepData data)
    {
        var st = RequireCompiled("TestStep");
        TestBatch(st, data.X.ToArray(), data.Y.ToArray(), data.SampleWeight);
        return st.Results();
    }

    /// <summary>Keras 3's <c>predict_step</c>: the outputs for one batch of inputs, in inference mode.</summary>
    public virtual Tensor[] PredictStep(IReadOnlyList<Tensor> x) => Forward(x as Tensor[] ?? x.ToArray(), training: false);

    /// <summary>Keras 3's <c>compute_loss</c>: the compiled losses of <paramref name="yPred"/> against
    /// <paramref name="y"/> (each sample's loss weighted by <paramref name="sampleWeight"/> when given), plus the losses
    /// the layers added and the weights' regularization penalties.</summary>
    public Tensor ComputeLoss(IReadOnlyList<Tensor> y, IReadOnlyList<Tensor> yPred, Tensor? sampleWeight = null) =>
        RequireCompiled("ComputeLoss").ComputeLoss(y.ToArray(), yPred.ToArray(), OutputCount, this, sampleWeight);

    /// <summary><see cref="ComputeLoss(IReadOnlyList{Tensor}, IReadOnlyList{Tensor}, Tensor?)"/> for one output.</summary>
    public Tensor ComputeLoss(Tensor y, Tensor yPred, Tensor? sampleWeight = null) => ComputeLoss([y], [yPred], sampleWeight);

    /// <summary>Keras 3's <c>compute_metrics</c>, with the loss tracker: updates "loss" with <paramref name="loss"/>,
    /// every compiled metric with (y, yPred) and the weighted metrics with <paramref name="sampleWeight"/> too, and
    /// returns all their results (what a train step returns).</summary>
    public Dictionary<string, double> ComputeMetrics(IReadOnlyList<Tensor> y, IReadOnlyList<Tensor> yPred, Tensor loss, Tensor? sampleWeight = null)
    {
        var st = RequireCompiled("ComputeMetrics");
        st.UpdateMetrics(y.ToArray(), yPred.ToArray(), loss, y[0].Shape[0], sampleWeight);
        return st.Results();
    }

    /// <summary><see cref="ComputeMetrics(IReadOnlyList{Tensor}, IReadOnlyList{Tensor}, Tensor, Tensor?)"/> for one output.</summary>
    public Dictionary<string, double> ComputeMetrics(Tensor y, Tensor yPred, Tensor loss, Tensor? sampleWeight = null) =>
        ComputeMetrics([y], [yPred], loss, sampleWeight);

    /// <summary>Loss and metrics of one batch in inference mode (the default test step).</summary>
    private void TestBatch(Engine.TrainingState st, Tensor[] xb, Tensor[] yb, Tensor? sampleWeight = null)
    {
        if (xb[0].Shape[0] == 0) return; // a replica's empty share of a last, small batch
        var preds = Forward(xb, training: false);
        st.UpdateMetrics(yb, preds, st.ComputeLoss(yb, preds, OutputCount, this, sampleWeight), xb[0].Shape[0], sampleWeight);
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
