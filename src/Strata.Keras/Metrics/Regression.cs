namespace Strata.Keras.Metrics;

/// <summary>mean((y_pred - y_true)²) over the last axis, averaged over samples.</summary>
public sealed class MeanSquaredError(string name = "mean_squared_error") : MeanMetricWrapper(name)
{
    /// <inheritdoc/>
    protected override (double[], int) PerSample(Tensor yTrue, Tensor yPred) =>
        Regression.PerRow(yTrue, yPred, Name, static e => e * e);
}

/// <summary>mean(|y_pred - y_true|) over the last axis, averaged over samples.</summary>
public sealed class MeanAbsoluteError(string name = "mean_absolute_error") : MeanMetricWrapper(name)
{
    /// <inheritdoc/>
    protected override (double[], int) PerSample(Tensor yTrue, Tensor yPred) =>
        Regression.PerRow(yTrue, yPred, Name, static e => Math.Abs(e));
}

internal static class Regression
{
    /// <summary>The mean of f(y_pred - y_true) over the last axis, for each row, and the batch's number of samples.</summary>
    public static (double[], int) PerRow(Tensor yTrue, Tensor yPred, string name, Func<double, double> f)
    {
        Values.CheckSameSize(yTrue, yPred, name);
        var (last, rows) = Values.Rows(yPred);
        var perRow = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            double s = 0;
            for (int j = 0; j < last; j++) s += f(Values.At(yPred, r * last + j) - Values.At(yTrue, r * last + j));
            perRow[r] = s / last;
        }
        return (perRow, Values.BatchOf(yPred));
    }
}
