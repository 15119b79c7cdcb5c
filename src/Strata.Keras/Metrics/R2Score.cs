namespace Strata.Keras.Metrics;

/// <summary>
/// The coefficient of determination, Keras's <c>R2Score</c>: per output column, 1 - Σ(y - ŷ)² / Σ(y - ȳ)² over every
/// sample seen, then averaged over the columns ("uniform_average") or weighted by their variance
/// ("variance_weighted"). With <c>numRegressors</c> p it is adjusted: 1 - (1 - r²)(n - 1)/(n - p - 1). A constant
/// column (zero variance) scores 0, as Keras's where(isinf) makes it.
/// </summary>
public sealed class R2Score : Metric
{
    private static readonly string[] Aggregations = ["uniform_average", "variance_weighted"];
    private double[]? _sum, _sumSquares, _residuals;
    private double _count;

    public string ClassAggregation { get; }
    public int NumRegressors { get; }

    public R2Score(string classAggregation = "uniform_average", int numRegressors = 0, string name = "r2_score") : base(name)
    {
        if (!Aggregations.Contains(classAggregation))
            throw new InvalidArgumentError(
                $"Invalid value for argument `class_aggregation`. Expected one of {{None, 'uniform_average', 'variance_weighted'}} " +
                $"(None is not supported here: Result is one number). Received: class_aggregation={classAggregation}");
        if (numRegressors < 0)
            throw new InvalidArgumentError($"Invalid value for argument `num_regressors`. Expected a value >= 0. Received: num_regressors={numRegressors}");
        ClassAggregation = classAggregation;
        NumRegressors = numRegressors;
    }

    public override void UpdateState(Tensor yTrue, Tensor yPred)
    {
        Guard.NotNull(yTrue, Name, "yTrue");
        Guard.NotNull(yPred, Name, "yPred");
        Values.CheckSameSize(yTrue, yPred, Name);
        if (yPred.Rank > 2)
            throw new InvalidArgumentError($"{Name}: R2Score expects 2D inputs with shape (num_samples, num_classes), got {yPred.Shape}.");
        int outputs = yPred.Rank == 2 ? yPred.Shape[1] : 1;
        if (_sum is null) (_sum, _sumSquares, _residuals) = (new double[outputs], new double[outputs], new double[outputs]);
        else if (_sum.Length != outputs)
            throw new InvalidArgumentError($"{Name}: inputs have {outputs} output columns, but earlier batches had {_sum.Length}.");
        int rows = outputs == 0 ? 0 : yPred.Size / outputs;
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < outputs; j++)
            {
                double t = Values.At(yTrue, r * outputs + j), p = Values.At(yPred, r * outputs + j);
                _sum[j] += t;
                _sumSquares![j] += t * t;
                _residuals![j] += (t - p) * (t - p);
            }
        _count += rows;
    }

    public override double Result()
    {
        if (_sum is null || _count == 0) return 0;
        int k = _sum.Length;
        var scores = new double[k];
        var totals = new double[k];
        for (int j = 0; j < k; j++)
        {
            double mean = _sum[j] / _count;
            totals[j] = _sumSquares![j] - _sum[j] * mean;
            double s = 1 - _residuals![j] / totals[j];
            scores[j] = double.IsInfinity(s) ? 0 : s;
        }
        double r2;
        if (ClassAggregation == "uniform_average") r2 = scores.Average();
        else
        {
            double weight = totals.Sum();
            r2 = weight == 0 ? 0 : scores.Select((s, j) => s * totals[j]).Sum() / weight;
        }
        if (NumRegressors == 0) return r2;
        // Too few samples for the adjustment (more regressors than data, or a zero divisor): Keras warns and falls back.
        if (NumRegressors >= _count - 1) return r2;
        return 1 - (1 - r2) * (_count - 1) / (_count - NumRegressors - 1);
    }

    public override void ResetState() => (_sum, _sumSquares, _residuals, _count) = (null, null, null, 0);
}
