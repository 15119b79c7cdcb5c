namespace Strata.Keras.Metrics;

/// <summary>
/// Keras's <c>AUC</c> (multi_label false: every label and prediction of a batch pooled). Confusion counts are kept at
/// <see cref="NumThresholds"/> thresholds — -ε, 1/(n-1), …, (n-2)/(n-1), 1+ε with ε = 1e-7, or the given ones between -ε
/// and 1+ε — where a prediction is positive when it is above a threshold and a label when it is non-zero. The area
/// under the ROC or PR curve is a Riemann sum over the thresholds: "interpolation" (the trapezoid for ROC; for PR,
/// Davis &amp; Goadrich's interpolation, as Keras's interpolate_pr_auc), "minoring" or "majoring".
/// </summary>
public sealed class AUC : Metric
{
    private static readonly string[] Curves = ["ROC", "PR"];
    private static readonly string[] Summations = ["interpolation", "minoring", "majoring"];

    private readonly double[] _thresholds;
    private readonly double[] _tp, _fp, _tn, _fn;

    /// <summary>The number of thresholds, the two end points included.</summary>
    public int NumThresholds => _thresholds.Length;
    /// <summary>"ROC" or "PR".</summary>
    public string Curve { get; }
    /// <summary>"interpolation", "minoring" or "majoring".</summary>
    public string SummationMethod { get; }
    /// <summary>True when predictions are logits (a sigmoid is applied first).</summary>
    public bool FromLogits { get; }
    /// <summary>The thresholds, from -ε to 1 + ε.</summary>
    public IReadOnlyList<double> Thresholds => _thresholds;

    /// <summary>Keras's <c>AUC(num_thresholds=200, curve="ROC", summation_method="interpolation", thresholds=None,
    /// from_logits=False)</c>.</summary>
    public AUC(int numThresholds = 200, string curve = "ROC", string summationMethod = "interpolation", double[]? thresholds = null,
        bool fromLogits = false, string name = "auc") : base(name)
    {
        curve = (curve ?? "").ToUpperInvariant();
        if (!Curves.Contains(curve))
            throw new InvalidArgumentError($"Invalid `curve` argument value \"{curve}\". Expected one of: ROC, PR");
        summationMethod = (summationMethod ?? "").ToLowerInvariant();
        if (!Summations.Contains(summationMethod))
            throw new InvalidArgumentError(
                $"Invalid `summation_method` argument value \"{summationMethod}\". Expected one of: interpolation, minoring, majoring");
        const double eps = Losses.Loss.Epsilon;
        if (thresholds is not null)
        {
            if (thresholds.Any(t => !(t >= 0 && t <= 1)))
                throw new InvalidArgumentError($"{name}: thresholds must lie in [0, 1], got [{string.Join(", ", thresholds)}].");
            _thresholds = [-eps, .. thresholds.Order(), 1 + eps];
        }
        else
        {
            if (numThresholds <= 1)
                throw new InvalidArgumentError($"Argument `num_thresholds` must be an integer > 1. Received: num_thresholds={numThresholds}");
            _thresholds = new double[numThresholds];
            _thresholds[0] = -eps;
            for (int i = 1; i < numThresholds - 1; i++) _thresholds[i] = (double)i / (numThresholds - 1);
            _thresholds[^1] = 1 + eps;
        }
        (Curve, SummationMethod, FromLogits) = (curve, summationMethod, fromLogits);
        int n = _thresholds.Length;
        (_tp, _fp, _tn, _fn) = (new double[n], new double[n], new double[n], new double[n]);
    }

    /// <inheritdoc/>
    public override void UpdateState(Tensor yTrue, Tensor yPred) => UpdateState(yTrue, yPred, null);

    /// <summary>Adds the batch's confusion counts at every threshold, each prediction counting with its sample's weight.</summary>
    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight)
    {
        Guard.NotNull(yTrue, Name, "yTrue");
        Guard.NotNull(yPred, Name, "yPred");
        Values.CheckSameSize(yTrue, yPred, Name);
        var w = SampleWeights.PerUnit(sampleWeight, yPred.Size, Values.BatchOf(yPred), Name);
        int n = _thresholds.Length;
        // Each prediction is above the first k thresholds (k found by binary search); histograms of k for positives and
        // negatives then give every count by a suffix sum, instead of comparing each prediction with each threshold.
        var positives = new double[n + 1];
        var negatives = new double[n + 1];
        for (int i = 0; i < yPred.Size; i++)
        {
            double p = Values.At(yPred, i);
            if (FromLogits) p = 1 / (1 + Math.Exp(-p));
            if (!(p >= 0 && p <= 1))
                throw new InvalidArgumentError($"{Name}: predictions must be in [0, 1] (or pass fromLogits: true), got {p} at index {i}.");
            int k = CountBelow(p);
            double weight = w is null ? 1 : w[i];
            if (Values.At(yTrue, i) != 0) positives[k] += weight; else negatives[k] += weight;
        }
        double totalPos = positives.Sum(), totalNeg = negatives.Sum();
        double abovePos = 0, aboveNeg = 0;
        for (int t = n - 1; t >= 0; t--)
        {
            // Predictions above threshold t are those whose k exceeds t.
            abovePos += positives[t + 1];
            aboveNeg += negatives[t + 1];
            _tp[t] += abovePos;
            _fp[t] += aboveNeg;
            _fn[t] += totalPos - abovePos;
            _tn[t] += totalNeg - aboveNeg;
        }
    }

    /// <summary>The number of thresholds strictly below p.</summary>
    private int CountBelow(double p)
    {
        int lo = 0, hi = _thresholds.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (_thresholds[mid] < p) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <inheritdoc/>
    public override double Result()
    {
        int n = _thresholds.Length;
        if (Curve == "PR" && SummationMethod == "interpolation") return InterpolatePrAuc();
        var x = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double recall = NoNan(_tp[i], _tp[i] + _fn[i]);
            if (Curve == "ROC") (x[i], y[i]) = (NoNan(_fp[i], _fp[i] + _tn[i]), recall);
            else (x[i], y[i]) = (recall, NoNan(_tp[i], _tp[i] + _fp[i]));
        }
        double auc = 0;
        for (int i = 0; i < n - 1; i++)
        {
            double height = SummationMethod switch
            {
                "interpolation" => (y[i] + y[i + 1]) / 2,
                "minoring" => Math.Min(y[i], y[i + 1]),
                _ => Math.Max(y[i], y[i + 1]),
            };
            auc += (x[i] - x[i + 1]) * height;
        }
        return auc;
    }

    /// <summary>Precision interpolated linearly in the number of positive predictions between thresholds, integrated
    /// in closed form (Davis &amp; Goadrich 2006), term by term as Keras's interpolate_pr_auc.</summary>
    private double InterpolatePrAuc()
    {
        double auc = 0;
        for (int i = 0; i < _thresholds.Length - 1; i++)
        {
            double dtp = _tp[i] - _tp[i + 1];
            double p0 = _tp[i] + _fp[i], p1 = _tp[i + 1] + _fp[i + 1];
            double slope = NoNan(dtp, Math.Max(p0 - p1, 0));
            double intercept = _tp[i + 1] - slope * p1;
            double ratio = p0 > 0 && p1 > 0 ? NoNan(p0, Math.Max(p1, 0)) : 1;
            auc += NoNan(slope * (dtp + intercept * Math.Log(ratio)), Math.Max(_tp[i + 1] + _fn[i + 1], 0));
        }
        return auc;
    }

    private static double NoNan(double a, double b) => b == 0 ? 0 : a / b;

    /// <inheritdoc/>
    public override void ResetState()
    {
        Array.Clear(_tp);
        Array.Clear(_fp);
        Array.Clear(_tn);
        Array.Clear(_fn);
    }

    /// <inheritdoc/>
    protected internal override int ReplicaStateSize => 4 * _thresholds.Length;

    /// <inheritdoc/>
    protected internal override void WriteReplicaState(Span<double> state)
    {
        int n = _thresholds.Length;
        _tp.CopyTo(state[..n]);
        _fp.CopyTo(state[n..(2 * n)]);
        _tn.CopyTo(state[(2 * n)..(3 * n)]);
        _fn.CopyTo(state[(3 * n)..]);
    }

    /// <inheritdoc/>
    protected internal override void ReadReplicaState(ReadOnlySpan<double> state)
    {
        int n = _thresholds.Length;
        state[..n].CopyTo(_tp);
        state[n..(2 * n)].CopyTo(_fp);
        state[(2 * n)..(3 * n)].CopyTo(_tn);
        state[(3 * n)..].CopyTo(_fn);
    }
}
