namespace Strata.Keras.Metrics;

/// <summary>
/// Counts of a binary confusion matrix at a threshold (Keras: a prediction is positive when &gt; threshold, a
/// label when non-zero), accumulated over batches.
/// </summary>
public abstract class ConfusionMetric(double threshold, string name) : Metric(name)
{
    /// <summary>A prediction above this is a positive (default 0.5).</summary>
    public double Threshold { get; } = threshold;

    /// <summary>The (weighted) counts so far.</summary>
    protected double TruePositives, FalsePositives, FalseNegatives;

    /// <inheritdoc/>
    public override void UpdateState(Tensor yTrue, Tensor yPred) => UpdateState(yTrue, yPred, null);

    /// <summary>Adds the batch's counts, each prediction counting with its sample's weight.</summary>
    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight)
    {
        Guard.NotNull(yTrue, Name, "yTrue");
        Guard.NotNull(yPred, Name, "yPred");
        Values.CheckSameSize(yTrue, yPred, Name);
        var w = SampleWeights.PerUnit(sampleWeight, yPred.Size, Values.BatchOf(yPred), Name);
        for (int i = 0; i < yPred.Size; i++)
        {
            bool p = Values.At(yPred, i) > Threshold, t = Values.At(yTrue, i) != 0;
            double weight = w is null ? 1 : w[i];
            if (p && t) TruePositives += weight;
            else if (p) FalsePositives += weight;
            else if (t) FalseNegatives += weight;
        }
    }

    /// <inheritdoc/>
    public override void ResetState() => TruePositives = FalsePositives = FalseNegatives = 0;

    /// <inheritdoc/>
    protected internal override int ReplicaStateSize => 3;

    /// <inheritdoc/>
    protected internal override void WriteReplicaState(Span<double> state) =>
        (state[0], state[1], state[2]) = (TruePositives, FalsePositives, FalseNegatives);

    /// <inheritdoc/>
    protected internal override void ReadReplicaState(ReadOnlySpan<double> state) =>
        (TruePositives, FalsePositives, FalseNegatives) = (state[0], state[1], state[2]);

    /// <summary>a / b, or 0 when b is 0 (Keras's divide_no_nan).</summary>
    protected static double Ratio(double a, double b) => b == 0 ? 0 : a / b;
}

/// <summary>TP / (TP + FP).</summary>
public sealed class Precision(double threshold = 0.5, string name = "precision") : ConfusionMetric(threshold, name)
{
    /// <inheritdoc/>
    public override double Result() => Ratio(TruePositives, TruePositives + FalsePositives);
}

/// <summary>TP / (TP + FN).</summary>
public sealed class Recall(double threshold = 0.5, string name = "recall") : ConfusionMetric(threshold, name)
{
    /// <inheritdoc/>
    public override double Result() => Ratio(TruePositives, TruePositives + FalseNegatives);
}
