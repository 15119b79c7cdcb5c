namespace Strata.Keras.Metrics;

/// <summary>sqrt of the mean of (y_pred - y_true)² over every element seen (Keras squares, averages, then takes the
/// root once, in <see cref="Result"/>).</summary>
public sealed class RootMeanSquaredError(string name = "root_mean_squared_error") : Metric(name)
{
    private double _total, _count;

    public override void UpdateState(Tensor yTrue, Tensor yPred)
    {
        Guard.NotNull(yTrue, Name, "yTrue");
        Guard.NotNull(yPred, Name, "yPred");
        Values.CheckSameSize(yTrue, yPred, Name);
        for (int i = 0; i < yPred.Size; i++)
        {
            double e = Values.At(yPred, i) - Values.At(yTrue, i);
            _total += e * e;
        }
        _count += yPred.Size;
    }

    public override double Result() => _count == 0 ? 0 : Math.Sqrt(_total / _count);

    public override void ResetState() => (_total, _count) = (0, 0);

    protected internal override int ReplicaStateSize => 2;

    protected internal override void WriteReplicaState(Span<double> state) => (state[0], state[1]) = (_total, _count);

    protected internal override void ReadReplicaState(ReadOnlySpan<double> state) => (_total, _count) = (state[0], state[1]);
}

/// <summary>mean(log(cosh(y_pred - y_true))) over the last axis, averaged over samples.</summary>
public sealed class LogCoshError(string name = "logcosh") : MeanMetricWrapper(name)
{
    protected override (double, int) Accumulate(Tensor yTrue, Tensor yPred) =>
        Regression.PerSample(yTrue, yPred, Name, static e =>
        {
            // log cosh e = |e| + log1p(e^(-2|e|)) - log 2, which does not overflow for large |e|.
            double a = Math.Abs(e);
            return a + Math.Log(1 + Math.Exp(-2 * a)) - Math.Log(2);
        });
}

/// <summary>100 · mean(|y_true - y_pred| / max(|y_true|, 1e-7)) over the last axis, averaged over samples.</summary>
public sealed class MeanAbsolutePercentageError(string name = "mean_absolute_percentage_error") : MeanMetricWrapper(name)
{
    protected override (double, int) Accumulate(Tensor yTrue, Tensor yPred)
    {
        Values.CheckSameSize(yTrue, yPred, Name);
        var (last, rows) = Values.Rows(yPred);
        double sum = 0;
        for (int r = 0; r < rows; r++)
        {
            double s = 0;
            for (int j = 0; j < last; j++)
            {
                double t = Values.At(yTrue, r * last + j), p = Values.At(yPred, r * last + j);
                s += Math.Abs(t - p) / Math.Max(Math.Abs(t), Losses.Loss.Epsilon);
            }
            sum += 100 * s / last;
        }
        return (sum, rows);
    }
}

/// <summary>The cosine similarity of y_true and y_pred along the last axis (not negated, unlike the loss), averaged
/// over samples; a zero vector has similarity 0.</summary>
public sealed class CosineSimilarity(string name = "cosine_similarity") : MeanMetricWrapper(name)
{
    protected override (double, int) Accumulate(Tensor yTrue, Tensor yPred)
    {
        Values.CheckSameSize(yTrue, yPred, Name);
        var (last, rows) = Values.Rows(yPred);
        double sum = 0;
        for (int r = 0; r < rows; r++)
        {
            double dot = 0, tt = 0, pp = 0;
            for (int j = 0; j < last; j++)
            {
                double t = Values.At(yTrue, r * last + j), p = Values.At(yPred, r * last + j);
                dot += t * p;
                tt += t * t;
                pp += p * p;
            }
            // Keras's l2 normalisation: x · min(rsqrt(Σx²), 1/ε).
            double inv = 1 / Losses.Loss.Epsilon;
            sum += dot * Math.Min(1 / Math.Sqrt(tt), inv) * Math.Min(1 / Math.Sqrt(pp), inv);
        }
        return (sum, rows);
    }
}
