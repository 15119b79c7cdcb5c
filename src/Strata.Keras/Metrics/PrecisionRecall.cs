namespace Strata.Keras.Metrics;

/// <summary>
/// Counts of a binary confusion matrix at a threshold (Keras: a prediction is positive when &gt; threshold, a
/// label when non-zero), accumulated over batches.
/// </summary>
public abstract class ConfusionMetric(double threshold, string name) : Metric(name)
{
    public double Threshold { get; } = threshold;
    protected double TruePositives, FalsePositives, FalseNegatives;

    public override void UpdateState(Tensor yTrue, Tensor yPred)
    {
        Values.CheckSameSize(yTrue, yPred, Name);
        for (int i = 0; i < yPred.Size; i++)
        {
            bool p = Values.At(yPred, i) > Threshold, t = Values.At(yTrue, i) != 0;
            if (p && t) TruePositives++;
            else if (p) FalsePositives++;
            else if (t) FalseNegatives++;
        }
    }

    public override void ResetState() => TruePositives = FalsePositives = FalseNegatives = 0;

    protected internal override int ReplicaStateSize => 3;

    protected internal override void WriteReplicaState(Span<double> state) =>
        (state[0], state[1], state[2]) = (TruePositives, FalsePositives, FalseNegatives);

    protected internal override void ReadReplicaState(ReadOnlySpan<double> state) =>
        (TruePositives, FalsePositives, FalseNegatives) = (state[0], state[1], state[2]);

    protected static double Ratio(double a, double b) => b == 0 ? 0 : a / b;
}

/// <summary>TP / (TP + FP).</summary>
public sealed class Precision(double threshold = 0.5, string name = "precision") : ConfusionMetric(threshold, name)
{
    public override double Result() => Ratio(TruePositives, TruePositives + FalsePositives);
}

/// <summary>TP / (TP + FN).</summary>
public sealed class Recall(double threshold = 0.5, string name = "recall") : ConfusionMetric(threshold, name)
{
    public override double Result() => Ratio(TruePositives, TruePositives + FalseNegatives);
}
