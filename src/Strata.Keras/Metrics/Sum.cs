namespace Strata.Keras.Metrics;

/// <summary>Keras's <c>Sum</c>: the running (weighted) sum of the values it is given.</summary>
public sealed class Sum(string name = "sum") : Metric(name)
{
    private double _total;

    /// <summary>Adds <paramref name="value"/> times <paramref name="sampleWeight"/>.</summary>
    public void UpdateState(double value, double sampleWeight = 1) => _total += value * sampleWeight;

    /// <summary>Adds every value of <paramref name="values"/>.</summary>
    public void UpdateState(Tensor values) => UpdateState(values, null);

    /// <summary>Keras's <c>Sum.update_state(values, sample_weight=None)</c>: adds every value, each times its sample's
    /// weight when <paramref name="sampleWeight"/> is given (one per sample of the first axis, or one per value). As in
    /// Keras, the second tensor is the weights, not predictions.</summary>
    public override void UpdateState(Tensor values, Tensor? sampleWeight)
    {
        Guard.NotNull(values, Name, "values");
        var w = SampleWeights.PerUnit(sampleWeight, values.Size, values.Rank == 0 ? 1 : values.Shape[0], Name);
        for (int i = 0; i < values.Size; i++) _total += Values.At(values, i) * (w is null ? 1 : w[i]);
    }

    /// <summary>Refused: Sum takes values and weights, not labels, predictions and weights.</summary>
    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight) =>
        throw new InvalidArgumentError($"{Name}: Sum.UpdateState takes (values, sampleWeight), not labels and predictions.");

    /// <inheritdoc/>
    public override double Result() => _total;

    /// <inheritdoc/>
    public override void ResetState() => _total = 0;

    /// <inheritdoc/>
    protected internal override int ReplicaStateSize => 1;

    /// <inheritdoc/>
    protected internal override void WriteReplicaState(Span<double> state) => state[0] = _total;

    /// <inheritdoc/>
    protected internal override void ReadReplicaState(ReadOnlySpan<double> state) => _total = state[0];
}
