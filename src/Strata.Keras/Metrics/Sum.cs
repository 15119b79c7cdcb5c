namespace Strata.Keras.Metrics;

/// <summary>Keras's <c>Sum</c>: the running (weighted) sum of the values it is given.</summary>
public sealed class Sum(string name = "sum") : Metric(name)
{
    private double _total;

    public void UpdateState(double value, double sampleWeight = 1) => _total += value * sampleWeight;

    /// <summary>Adds every value of <paramref name="values"/>.</summary>
    public void UpdateState(Tensor values)
    {
        Guard.NotNull(values, Name, "values");
        for (int i = 0; i < values.Size; i++) _total += Values.At(values, i);
    }

    /// <summary>Sum takes values, not labels and predictions: this adds <paramref name="yPred"/>'s values.</summary>
    public override void UpdateState(Tensor yTrue, Tensor yPred) => UpdateState(yPred);

    public override double Result() => _total;

    public override void ResetState() => _total = 0;

    protected internal override int ReplicaStateSize => 1;

    protected internal override void WriteReplicaState(Span<double> state) => state[0] = _total;

    protected internal override void ReadReplicaState(ReadOnlySpan<double> state) => _total = state[0];
}
