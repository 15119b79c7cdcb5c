namespace Strata.Keras.Metrics;

/// <summary>
/// The coefficient of determination, Keras's <c>R2Score</c>: per output column, 1 - Σw(y - ŷ)² / Σw(y - ȳ)² over every
/// sample seen (w: the sample weights, 1 without), then averaged over the columns ("uniform_average"), weighted by their
/// variance ("variance_weighted_average"), or kept one per column (null: read <see cref="Results"/>). With
/// <c>numRegressors</c> p it is adjusted: 1 - (1 - r²)(n - 1)/(n - p - 1), n the number of values seen. A constant
/// column (zero variance) scores 0, as Keras's where(isinf) makes it. Inputs are (samples, outputs); labels (N,)
/// against predictions (N, 1) are fine.
/// </summary>
public sealed class R2Score : Metric
{
    private static readonly string?[] Aggregations = [null, "uniform_average", "variance_weighted_average"];
    private double[]? _sum, _sumSquares, _residuals, _count;
    private double _numSamples;

    /// <summary>"uniform_average", "variance_weighted_average", or null (one score per column).</summary>
    public string? ClassAggregation { get; }
    /// <summary>The number of independent regressors of the adjusted score (0: the plain r²).</summary>
    public int NumRegressors { get; }

    /// <summary>Keras's <c>R2Score(class_aggregation="uniform_average", num_regressors=0)</c>.</summary>
    public R2Score(string? classAggregation = "uniform_average", int numRegressors = 0, string name = "r2_score") : base(name)
    {
        if (!Aggregations.Contains(classAggregation))
            throw new InvalidArgumentError(
                "Invalid value for argument `class_aggregation`. Expected one of (None, 'uniform_average', 'variance_weighted_average'). " +
                $"Received: class_aggregation={classAggregation}");
        if (numRegressors < 0)
            throw new InvalidArgumentError($"Invalid value for argument `num_regressors`. Expected a value >= 0. Received: num_regressors={numRegressors}");
        ClassAggregation = classAggregation;
        NumRegressors = numRegressors;
    }

    /// <inheritdoc/>
    public override void UpdateState(Tensor yTrue, Tensor yPred) => UpdateState(yTrue, yPred, null);

    /// <summary>Adds the batch's sums per column, each value counting with its sample's weight.</summary>
    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight)
    {
        Guard.NotNull(yTrue, Name, "yTrue");
        Guard.NotNull(yPred, Name, "yPred");
        // Keras first brings (N,) against (N, 1) to the same rank; then both must be (batch_size, output_dim).
        int trueRank = yTrue.Rank, predRank = yPred.Rank;
        if (trueRank == 1 && predRank == 2 && yPred.Shape[1] == 1) trueRank = 2;
        else if (predRank == 1 && trueRank == 2 && yTrue.Shape[1] == 1) predRank = 2;
        if (trueRank != 2 || predRank != 2)
            throw new InvalidArgumentError(
                $"R2Score expects 2D inputs with shape (batch_size, output_dim). Received input shapes: y_pred.shape={yPred.Shape} and y_true.shape={yTrue.Shape}.");
        Values.CheckSameSize(yTrue, yPred, Name);
        int outputs = yPred.Rank == 2 ? yPred.Shape[1] : 1;
        if (_sum is null) (_sum, _sumSquares, _residuals, _count) = (new double[outputs], new double[outputs], new double[outputs], new double[outputs]);
        else if (_sum.Length != outputs)
            throw new InvalidArgumentError($"{Name}: inputs have {outputs} output columns, but earlier batches had {_sum.Length}.");
        int rows = outputs == 0 ? 0 : yPred.Size / outputs;
        var w = SampleWeights.PerUnit(sampleWeight, yPred.Size, rows, Name);
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < outputs; j++)
            {
                int i = r * outputs + j;
                double t = Values.At(yTrue, i), p = Values.At(yPred, i), weight = w is null ? 1 : w[i];
                _sum[j] += weight * t;
                _sumSquares![j] += weight * t * t;
                _residuals![j] += weight * (t - p) * (t - p);
                _count![j] += weight;
            }
        _numSamples += yTrue.Size;
    }

    /// <summary>The score of each column (with ClassAggregation null), or the one aggregated score as a single-element array.</summary>
    public double[] Results()
    {
        if (_sum is null || _numSamples == 0) return ClassAggregation is null ? [] : [0];
        int k = _sum.Length;
        var scores = new double[k];
        var totals = new double[k];
        for (int j = 0; j < k; j++)
        {
            double mean = _sum[j] / _count![j];
            totals[j] = _sumSquares![j] - _sum[j] * mean;
            double s = 1 - _residuals![j] / totals[j];
            scores[j] = double.IsInfinity(s) ? 0 : s;
        }
        if (ClassAggregation is null) return scores.Select(Adjust).ToArray();
        double r2 = ClassAggregation == "uniform_average" ? scores.Average() : WeightedByVariance(scores, totals);
        return [Adjust(r2)];
    }

    private static double WeightedByVariance(double[] scores, double[] totals)
    {
        double weight = totals.Sum();
        return weight == 0 ? 0 : scores.Select((s, j) => s * totals[j]).Sum() / weight;
    }

    // Too few values for the adjustment (as many regressors as data, or more): Keras warns and keeps the plain score.
    private double Adjust(double r2) =>
        NumRegressors == 0 || NumRegressors >= _numSamples - 1 ? r2 : 1 - (1 - r2) * (_numSamples - 1) / (_numSamples - NumRegressors - 1);

    /// <summary>The aggregated score; with ClassAggregation null (one score per column) use <see cref="Results"/>.</summary>
    public override double Result()
    {
        if (ClassAggregation is null)
            throw new InvalidArgumentError($"{Name}: with class_aggregation=None the score is one value per column; read Results().");
        return Results()[0];
    }

    /// <inheritdoc/>
    public override void ResetState() => (_sum, _sumSquares, _residuals, _count, _numSamples) = (null, null, null, null, 0);
}
