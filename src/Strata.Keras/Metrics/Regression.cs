namespace Strata.Keras.Metrics;

/// <summary>mean((y_pred - y_true)²) over the last axis, averaged over samples.</summary>
public sealed class MeanSquaredError(string name = "mean_squared_error") : MeanMetricWrapper(name)
{
    protected override (double, int) Accumulate(Tensor yTrue, Tensor yPred) =>
        Regression.PerSample(yTrue, yPred, Name, static e => e * e);
}

/// <summary>mean(|y_pred - y_true|) over the last axis, averaged over samples.</summary>
public sealed class MeanAbsoluteError(string name = "mean_absolute_error") : MeanMetricWrapper(name)
{
    protected override (double, int) Accumulate(Tensor yTrue, Tensor yPred) =>
        Regression.PerSample(yTrue, yPred, Name, static e => Math.Abs(e));
}

internal static class Regression
{
    public static (double, int) PerSample(Tensor yTrue, Tensor yPred, string name, Func<double, double> f)
    {
        Values.CheckSameSize(yTrue, yPred, name);
        var (last, rows) = Values.Rows(yPred);
        double sum = 0;
        for (int r = 0; r < rows; r++)
        {
            double s = 0;
            for (int j = 0; j < last; j++) s += f(Values.At(yPred, r * last + j) - Values.At(yTrue, r * last + j));
            sum += s / last;
        }
        return (sum, rows);
    }
}
