namespace Strata.Keras.Metrics;

/// <summary>Keras's <c>RootMeanSquaredError</c>: the square root of the (weighted) mean of (y_pred - y_true)², each
/// sample's squares averaged over the last axis first; the root is taken once, in <see cref="Result"/>.</summary>
public sealed class RootMeanSquaredError(string name = "root_mean_squared_error") : MeanMetricWrapper(name)
{
    /// <inheritdoc/>
    protected override (double[], int) PerSample(Tensor yTrue, Tensor yPred) =>
        Regression.PerRow(yTrue, yPred, Name, static e => e * e);

    /// <inheritdoc/>
    public override double Result() => Math.Sqrt(base.Result());
}

/// <summary>mean(log(cosh(y_pred - y_true))) over the last axis, averaged over samples.</summary>
public sealed class LogCoshError(string name = "logcosh") : MeanMetricWrapper(name)
{
    /// <inheritdoc/>
    protected override (double[], int) PerSample(Tensor yTrue, Tensor yPred) =>
        Regression.PerRow(yTrue, yPred, Name, static e =>
        {
            // log cosh e = |e| + log1p(e^(-2|e|)) - log 2, which does not overflow for large |e|.
            double a = Math.Abs(e);
            return a + Math.Log(1 + Math.Exp(-2 * a)) - Math.Log(2);
        });
}

/// <summary>100 · mean(|y_true - y_pred| / max(|y_true|, 1e-7)) over the last axis, averaged over samples.</summary>
public sealed class MeanAbsolutePercentageError(string name = "mean_absolute_percentage_error") : MeanMetricWrapper(name)
{
    /// <inheritdoc/>
    protected override (double[], int) PerSample(Tensor yTrue, Tensor yPred)
    {
        Values.CheckSameSize(yTrue, yPred, Name);
        var (last, rows) = Values.Rows(yPred);
        var perRow = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            double s = 0;
            for (int j = 0; j < last; j++)
            {
                double t = Values.At(yTrue, r * last + j), p = Values.At(yPred, r * last + j);
                s += Math.Abs(t - p) / Math.Max(Math.Abs(t), Losses.Loss.Epsilon);
            }
            perRow[r] = 100 * s / last;
        }
        return (perRow, Values.BatchOf(yPred));
    }
}

/// <summary>The cosine similarity of y_true and y_pred along the last axis (not negated, unlike the loss), averaged
/// over samples; a zero vector has similarity 0.</summary>
public sealed class CosineSimilarity(string name = "cosine_similarity") : MeanMetricWrapper(name)
{
    /// <inheritdoc/>
    protected override (double[], int) PerSample(Tensor yTrue, Tensor yPred)
    {
        Values.CheckSameSize(yTrue, yPred, Name);
        var (last, rows) = Values.Rows(yPred);
        var perRow = new double[rows];
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
            perRow[r] = dot * Math.Min(1 / Math.Sqrt(tt), inv) * Math.Min(1 / Math.Sqrt(pp), inv);
        }
        return (perRow, Values.BatchOf(yPred));
    }
}
