namespace Strata.Keras.Metrics;

/// <summary>
/// How a metric reads <c>sample_weight</c>. A batch has <c>batch</c> samples, and a metric accumulates <c>units</c>
/// values of it (one per sample, per row of a sequence, or per element), <c>units / batch</c> for each sample. A weight
/// per sample ((N,) or (N, 1)) covers all of its sample's values, a weight per value (the values' own shape, as temporal
/// weights) covers one, and a single weight covers them all — the shapes Keras's broadcast of the weights accepts.
/// </summary>
internal static class SampleWeights
{
    /// <summary>One weight per unit, or null without weights.</summary>
    public static double[]? PerUnit(Tensor? sampleWeight, int units, int batch, string metric)
    {
        if (sampleWeight is null) return null;
        if (!sampleWeight.DType.IsNumeric && sampleWeight.DType != DType.Bool)
            throw new InvalidArgumentError($"{metric}: sample_weight must be numeric, got {sampleWeight.DType.Name()}.");
        int n = sampleWeight.Size;
        var w = new double[units];
        if (n == units)
            for (int i = 0; i < units; i++) w[i] = Values.At(sampleWeight, i);
        else if (n == 1)
            Array.Fill(w, Values.At(sampleWeight, 0));
        else if (n == batch && batch > 0 && units % batch == 0)
        {
            int group = units / batch;
            for (int i = 0; i < units; i++) w[i] = Values.At(sampleWeight, i / group);
        }
        else
            throw new InvalidArgumentError(
                $"{metric}: sample_weight of shape {sampleWeight.Shape} cannot be broadcast to the batch: it needs one weight " +
                $"per sample ({batch}) or per value ({units}).");
        return w;
    }
}

/// <summary>
/// The state of Keras's <c>Mean</c> (and of every mean-of-per-sample-values metric): a weighted total and count. As
/// Keras's reduce_to_samplewise_values, a sample's several values are averaged first and the sample then counts once
/// (or with its weight); values with weights of their own count with the mean of their weights.
/// </summary>
internal struct MeanTotals
{
    public double Total, Count;

    /// <summary>Adds <paramref name="values"/>: <paramref name="batch"/> samples with values.Length / batch values each.</summary>
    public void Add(ReadOnlySpan<double> values, int batch, Tensor? sampleWeight, string metric)
    {
        if (values.Length == 0) return;
        if (batch <= 0 || values.Length % batch != 0) batch = 1;
        int per = values.Length / batch;
        var w = SampleWeights.PerUnit(sampleWeight, values.Length, batch, metric);
        for (int s = 0; s < batch; s++)
        {
            double sum = 0, weights = 0;
            for (int j = s * per; j < (s + 1) * per; j++)
            {
                double wj = w is null ? 1 : w[j];
                sum += values[j] * wj;
                weights += wj;
            }
            Total += sum / per;
            Count += weights / per;
        }
    }

    public readonly double Result => Count == 0 ? 0 : Total / Count;
}
