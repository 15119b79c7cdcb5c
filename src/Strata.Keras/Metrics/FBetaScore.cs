namespace Strata.Keras.Metrics;

/// <summary>
/// Keras's <c>FBetaScore</c>: per class, (1 + β²)·P·R / (β²·P + R) from true/false positives and false negatives
/// accumulated over batches (ε = 1e-7 in each division, as Keras). Predictions become 0/1 by <see cref="Threshold"/>
/// (&gt; threshold), or without one by being their row's (non-zero) maximum. <see cref="Average"/>: null keeps one score per class
/// (<see cref="Results"/>), "micro" pools the counts, "macro" averages the class scores, "weighted" weighs them by
/// each class's number of true labels.
/// </summary>
public class FBetaScore : Metric
{
    private static readonly string?[] Averages = [null, "micro", "macro", "weighted"];
    private double[]? _tp, _fp, _fn, _support;

    /// <summary>null (one score per class), "micro", "macro" or "weighted".</summary>
    public string? Average { get; }
    /// <summary>The weight of recall against precision (1 for F1).</summary>
    public double Beta { get; }
    /// <summary>Predictions above it are positives; null: each row's maximum is.</summary>
    public double? Threshold { get; }

    /// <summary>Keras's <c>FBetaScore(average=None, beta=1.0, threshold=None)</c>.</summary>
    public FBetaScore(string? average = null, double beta = 1.0, double? threshold = null, string name = "fbeta_score") : base(name)
    {
        if (!Averages.Contains(average))
            throw new InvalidArgumentError(
                $"Invalid `average` argument value. Expected one of: {{None, 'micro', 'macro', 'weighted'}}. Received: average={average}");
        if (!(beta > 0))
            throw new InvalidArgumentError($"Invalid `beta` argument value. It should be > 0. Received: beta={beta}");
        if (threshold is { } t && !(t > 0 && t <= 1))
            throw new InvalidArgumentError($"Invalid `threshold` argument value. It should verify 0 < threshold <= 1. Received: threshold={t}");
        (Average, Beta, Threshold) = (average, beta, threshold);
    }

    /// <inheritdoc/>
    public override void UpdateState(Tensor yTrue, Tensor yPred) => UpdateState(yTrue, yPred, null);

    /// <summary>Adds the batch's counts per class, each row counting with its sample's weight.</summary>
    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight)
    {
        Guard.NotNull(yTrue, Name, "yTrue");
        Guard.NotNull(yPred, Name, "yPred");
        if (yTrue.Shape != yPred.Shape || yPred.Rank != 2)
            throw new InvalidArgumentError(
                $"{Name}: expects y_true and y_pred of one 2D shape (batch, classes), got y_true {yTrue.Shape} and y_pred {yPred.Shape}.");
        int classes = yPred.Shape[1], rows = yPred.Shape[0];
        if (_tp is null) (_tp, _fp, _fn, _support) = (new double[classes], new double[classes], new double[classes], new double[classes]);
        else if (_tp.Length != classes)
            throw new InvalidArgumentError($"{Name}: y_pred has {classes} classes, but earlier batches had {_tp.Length}.");
        var w = SampleWeights.PerUnit(sampleWeight, yPred.Size, rows, Name);
        for (int r = 0; r < rows; r++)
        {
            double rowMax = double.NegativeInfinity;
            if (Threshold is null)
                for (int j = 0; j < classes; j++) rowMax = Math.Max(rowMax, Values.At(yPred, r * classes + j));
            for (int j = 0; j < classes; j++)
            {
                double v = Values.At(yPred, r * classes + j), t = Values.At(yTrue, r * classes + j);
                // Without a threshold the row's maximum is the prediction, unless it is 0 (Keras: [0, 0, 0] stays 0).
                double p = (Threshold is { } th ? v > th : v >= rowMax && Math.Abs(v) > 1e-9) ? 1 : 0;
                double weight = w is null ? 1 : w[r * classes + j];
                _tp[j] += weight * p * t;
                _fp![j] += weight * p * (1 - t);
                _fn![j] += weight * (1 - p) * t;
                _support![j] += weight * t;
            }
        }
    }

    /// <summary>The score of each class (Average null), or the one averaged score as a single-element array.</summary>
    public double[] Results()
    {
        if (_tp is null) return Average is null ? [] : [0];
        double[] tp = _tp, fp = _fp!, fn = _fn!;
        if (Average == "micro") (tp, fp, fn) = ([tp.Sum()], [fp.Sum()], [fn.Sum()]);
        const double eps = Losses.Loss.Epsilon;
        double b2 = Beta * Beta;
        var f = new double[tp.Length];
        for (int j = 0; j < f.Length; j++)
        {
            double precision = tp[j] / (tp[j] + fp[j] + eps), recall = tp[j] / (tp[j] + fn[j] + eps);
            f[j] = precision * recall / (b2 * precision + recall + eps) * (1 + b2);
        }
        return Average switch
        {
            null or "micro" => f,
            "weighted" => [f.Select((v, j) => v * _support![j] / (_support!.Sum() + eps)).Sum()],
            _ => [f.Average()],
        };
    }

    /// <summary>The averaged score; with Average null (one score per class) use <see cref="Results"/>.</summary>
    /// <inheritdoc/>
    public override double Result()
    {
        if (Average is null)
            throw new InvalidArgumentError($"{Name}: with average=None the score is one value per class; read Results().");
        return Results()[0];
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"<{GetType().Name} name={Name}, result=[{string.Join(", ", Results().Select(v => v.ToString("G7")))}]>";

    /// <inheritdoc/>
    public override void ResetState() => (_tp, _fp, _fn, _support) = (null, null, null, null);
}

/// <summary>Keras's <c>F1Score</c>: <see cref="FBetaScore"/> with β = 1.</summary>
public sealed class F1Score(string? average = null, double? threshold = null, string name = "f1_score")
    : FBetaScore(average, 1.0, threshold, name);
