using Strata.Keras.Metrics;

namespace Strata.Keras.Tests.Metrics;

/// <summary>The metrics of issue #9 against Keras 3's docstring examples (recomputed by hand in the comments), state
/// accumulated across batches and reset, lookup by name, and bad arguments.</summary>
public class MoreMetricTests
{
    private static Tensor T(double[,] v) => tf.Constant(v, DType.Float32);
    private static Tensor V(params double[] v) => tf.Constant(v, DType.Float32);

    // ----- AUC -----

    private static readonly Tensor AucLabels = V(0, 0, 1, 1), AucPreds = V(0, 0.5, 0.3, 0.9);

    [Fact]
    public void AucMatchesKerasDocstring()
    {
        // Thresholds [-1e-7, 0.5, 1 + 1e-7]: tp [2, 1, 0], fp [2, 0, 0], fn [0, 1, 2], tn [0, 2, 2];
        // recall [1, 0.5, 0], fp rate [1, 0, 0]: (1 + 0.5)/2 · (1 - 0) = 0.75.
        var m = new AUC(numThresholds: 3);
        m.UpdateState(AucLabels, AucPreds);
        Check.Close(0.75, m.Result(), 1e-9);
        Assert.Equal([-1e-7, 0.5, 1 + 1e-7], m.Thresholds);
    }

    [Theory]
    [InlineData("ROC", "minoring", 0.5)]   // min(1, 0.5)·1
    [InlineData("ROC", "majoring", 1.0)]   // max(1, 0.5)·1
    [InlineData("PR", "minoring", 0.25)]   // precision [0.5, 1, 0] over recall [1, 0.5, 0]: min(0.5, 1)·0.5 + min(1, 0)·0.5
    [InlineData("PR", "majoring", 1.0)]    // max(0.5, 1)·0.5 + max(1, 0)·0.5
    // Keras's interpolate_pr_auc: slope 1/3, intercept 2/3, ratio 4 → (1/3)(1 + (2/3)·ln 4)/2, then slope 1 → 1/2.
    [InlineData("PR", "interpolation", 0.3206993734577656 + 0.5)]
    public void AucCurvesAndSummations(string curve, string summation, double expected)
    {
        var m = new AUC(numThresholds: 3, curve: curve, summationMethod: summation);
        m.UpdateState(AucLabels, AucPreds);
        Check.Close(expected, m.Result(), 1e-9);
    }

    [Fact]
    public void AucAccumulatesAcrossBatchesAndResets()
    {
        // With 200 thresholds these distinct scores fall in distinct buckets: the trapezoid is the exact ROC AUC, the
        // fraction of (positive, negative) pairs ranked right: 3 of 4.
        var m = new AUC();
        Assert.Equal(200, m.NumThresholds);
        m.UpdateState(V(0, 1), V(0.1, 0.35));
        m.UpdateState(V(0, 1), V(0.4, 0.8));
        Check.Close(0.75, m.Result(), 1e-9);
        m.ResetState();
        Assert.Equal(0, m.Result());
        m.UpdateState(V(0, 0, 1), V(0.2, 0.3, 0.9));
        Check.Close(1.0, m.Result(), 1e-9);
        // From logits: a sigmoid first (monotone, so the ranking and the area stay).
        var logits = new AUC(fromLogits: true);
        logits.UpdateState(V(0, 1, 0, 1), V(-2.2, -0.6, -0.4, 1.4));
        Check.Close(0.75, logits.Result(), 1e-9);
        // Given thresholds.
        var given = new AUC(thresholds: [0.5]);
        Assert.Equal(3, given.NumThresholds);
        given.UpdateState(AucLabels, AucPreds);
        Check.Close(0.75, given.Result(), 1e-9);
    }

    [Fact]
    public void AucRefusesBadArguments()
    {
        Assert.Contains("num_thresholds", Assert.Throws<InvalidArgumentError>(() => new AUC(numThresholds: 1)).Message);
        Assert.Contains("curve", Assert.Throws<InvalidArgumentError>(() => new AUC(curve: "DET")).Message);
        Assert.Contains("summation_method", Assert.Throws<InvalidArgumentError>(() => new AUC(summationMethod: "trapezoid")).Message);
        Assert.Contains("[0, 1]", Assert.Throws<InvalidArgumentError>(() => new AUC(thresholds: [1.5])).Message);
        Assert.Contains("fromLogits", Assert.Throws<InvalidArgumentError>(() => new AUC().UpdateState(V(1), V(2))).Message);
        Assert.Throws<InvalidArgumentError>(() => new AUC().UpdateState(V(1, 0), V(0.5)));
    }

    // ----- top-k -----

    [Fact]
    public void TopKMatchesKerasDocstrings()
    {
        var preds = T(new double[,] { { 0.1, 0.9, 0.8 }, { 0.05, 0.95, 0 } });
        var top1 = new TopKCategoricalAccuracy(k: 1);
        top1.UpdateState(T(new double[,] { { 0, 0, 1 }, { 0, 1, 0 } }), preds);
        Check.Close(0.5, top1.Result());
        var sparse = new SparseTopKCategoricalAccuracy(k: 1);
        sparse.UpdateState(V(2, 1), preds);
        Check.Close(0.5, sparse.Result());
        // k = 2 takes class 2 of row 0 too; across batches the mean counts every row.
        var top2 = new SparseTopKCategoricalAccuracy(k: 2);
        top2.UpdateState(V(2, 1), preds);
        top2.UpdateState(tf.Constant(new[] { 0 }), T(new double[,] { { 0.1, 0.9, 0.8 } }));
        Check.Close(2 / 3.0, top2.Result());
        // Default k = 5 with 3 classes: always a hit. Ties count as in (TF's in_top_k).
        var top5 = new TopKCategoricalAccuracy();
        top5.UpdateState(T(new double[,] { { 1, 0, 0 } }), T(new double[,] { { 0, 0.5, 0.5 } }));
        Check.Close(1, top5.Result());
        var tie = new SparseTopKCategoricalAccuracy(k: 1);
        tie.UpdateState(V(1), T(new double[,] { { 0.5, 0.5, 0 } }));
        Check.Close(1, tie.Result());
        tie.ResetState();
        tie.UpdateState(V(0), T(new double[,] { { double.NaN, 0.5, 0 } }));
        Check.Close(0, tie.Result());
    }

    [Fact]
    public void TopKRefusesBadInputs()
    {
        Assert.Throws<InvalidArgumentError>(() => new TopKCategoricalAccuracy(k: 0));
        Assert.Throws<InvalidArgumentError>(() => new SparseTopKCategoricalAccuracy(k: -1));
        Assert.Throws<InvalidArgumentError>(() => new TopKCategoricalAccuracy().UpdateState(V(1, 0), T(new double[,] { { 1, 0 } })));
        Assert.Throws<InvalidArgumentError>(() => new SparseTopKCategoricalAccuracy().UpdateState(V(1, 0), T(new double[,] { { 1, 0 } })));
        Assert.Contains("not a class index", Assert.Throws<InvalidArgumentError>(() =>
            new SparseTopKCategoricalAccuracy().UpdateState(V(3), T(new double[,] { { 1, 0 } }))).Message);
    }

    // ----- F-scores -----

    private static readonly Tensor FTrue = T(new double[,] { { 1, 1, 1 }, { 1, 0, 0 }, { 1, 1, 0 } });
    private static readonly Tensor FPred = T(new double[,] { { 0.2, 0.6, 0.7 }, { 0.2, 0.6, 0.6 }, { 0.6, 0.8, 0 } });

    [Fact]
    public void F1AndFBetaMatchKerasDocstrings()
    {
        // At 0.5: class 0 tp 1 fn 2 (P 1, R 1/3), class 1 tp 2 fp 1 (P 2/3, R 1), class 2 tp 1 fp 1 (P 1/2, R 1).
        var f1 = new F1Score(threshold: 0.5);
        f1.UpdateState(FTrue, FPred);
        Check.Close([0.5, 0.8, 2 / 3.0], f1.Results(), 1e-6);
        var f2 = new FBetaScore(beta: 2, threshold: 0.5);
        f2.UpdateState(FTrue, FPred);
        Check.Close([0.3846154, 0.90909094, 0.8333334], f2.Results(), 1e-6);
        Assert.Contains("Results()", Assert.Throws<InvalidArgumentError>(() => f1.Result()).Message);
        Assert.StartsWith("<F1Score name=f1_score, result=[0.4999", f1.ToString()); // per-class values (ε in the divisions)
    }

    [Theory]
    [InlineData("micro", 2 / 3.0)]                            // tp 4, fp 2, fn 2
    [InlineData("macro", (0.5 + 0.8 + 2 / 3.0) / 3)]
    [InlineData("weighted", (3 * 0.5 + 2 * 0.8 + 2 / 3.0) / 6)] // supports 3, 2, 1
    public void F1Averages(string average, double expected)
    {
        var m = new F1Score(average, threshold: 0.5);
        // Two batches accumulate as one.
        m.UpdateState(tf.Slice(FTrue, [0, 0], [2, 3]), tf.Slice(FPred, [0, 0], [2, 3]));
        m.UpdateState(tf.Slice(FTrue, [2, 0], [1, 3]), tf.Slice(FPred, [2, 0], [1, 3]));
        Check.Close(expected, m.Result(), 1e-6);
        Assert.Single(m.Results());
        m.ResetState();
        Assert.Equal(0, m.Result());
    }

    [Fact]
    public void F1WithoutThresholdTakesEachRowsMaximum()
    {
        // Predictions become [[0, 0, 1], [0, 1, 1] (a tie), [0, 1, 0]]; an all-zero row predicts nothing.
        var m = new F1Score();
        m.UpdateState(FTrue, FPred);
        m.UpdateState(T(new double[,] { { 1, 0, 0 } }), T(new double[,] { { 0, 0, 0 } }));
        // class 0: tp 0 → 0; class 1: tp 1 (row 2), fp 1 (row 1), fn 1 (row 0) → 0.5; class 2: tp 1, fp 1 → 2/3.
        Check.Close([0, 0.5, 2 / 3.0], m.Results(), 1e-6);
        Assert.Empty(new F1Score().Results());
    }

    [Fact]
    public void FBetaRefusesBadArguments()
    {
        Assert.Contains("`average`", Assert.Throws<InvalidArgumentError>(() => new F1Score("samples")).Message);
        Assert.Contains("`beta`", Assert.Throws<InvalidArgumentError>(() => new FBetaScore(beta: 0)).Message);
        Assert.Contains("`threshold`", Assert.Throws<InvalidArgumentError>(() => new F1Score(threshold: 0)).Message);
        Assert.Throws<InvalidArgumentError>(() => new F1Score().UpdateState(V(1, 0), V(1, 0)));
        var m = new F1Score();
        m.UpdateState(FTrue, FPred);
        Assert.Contains("3", Assert.Throws<InvalidArgumentError>(() => m.UpdateState(T(new double[,] { { 1, 0 } }), T(new double[,] { { 1, 0 } }))).Message);
    }

    // ----- IoU -----

    [Fact]
    public void IoUMatchesKerasDocstrings()
    {
        // Confusion matrix [[1, 1], [1, 1]]: each class 1 / (2 + 2 - 1).
        var mean = new MeanIoU(numClasses: 2);
        mean.UpdateState(V(0, 0, 1, 1), V(0, 1, 0, 1));
        Check.Close(1 / 3.0, mean.Result(), 1e-9);
        var iou = new IoU(numClasses: 2, targetClassIds: [0]);
        iou.UpdateState(V(0, 0, 1, 1), V(0, 1, 0, 1));
        Check.Close(1 / 3.0, iou.Result(), 1e-9);
        // More batches add to the matrix: now [[1, 1], [1, 3]] → class 1: 3 / (4 + 4 - 3) = 0.6, class 0: 1/3.
        mean.UpdateState(V(1, 1), V(1, 1));
        Check.Close((1 / 3.0 + 0.6) / 2, mean.Result(), 1e-9);
        mean.ResetState();
        Assert.Equal(0, mean.Result());
    }

    [Fact]
    public void IoUTakesDenseInputsIgnoresAClassAndSkipsAbsentOnes()
    {
        // Probabilities and one-hot labels reduced by argmax: labels [0, 1, 1], predictions [0, 1, 0].
        var m = new MeanIoU(numClasses: 3, sparseYTrue: false, sparseYPred: false);
        m.UpdateState(T(new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 1, 0 } }), T(new double[,] { { 0.8, 0.1, 0.1 }, { 0.2, 0.7, 0.1 }, { 0.6, 0.3, 0.1 } }));
        // Class 0: 1 / (2 + 1 - 1) = 0.5; class 1: 1 / (1 + 2 - 1) = 0.5; class 2 never occurs and is left out.
        Check.Close(0.5, m.Result(), 1e-9);
        var ignoring = new MeanIoU(numClasses: 2, ignoreClass: 1);
        ignoring.UpdateState(V(0, 1, 1), V(0, 0, 0));
        Check.Close(1, ignoring.Result(), 1e-9); // only the first entry counts: class 0 is 1/1, class 1 is absent
        Assert.Contains("not a class id", Assert.Throws<InvalidArgumentError>(() => new MeanIoU(2).UpdateState(V(0, 2), V(0, 0))).Message);
        Assert.Throws<InvalidArgumentError>(() => new MeanIoU(2).UpdateState(V(0, 1), V(0)));
        Assert.Throws<InvalidArgumentError>(() => new MeanIoU(0));
        Assert.Throws<InvalidArgumentError>(() => new IoU(2, [2]));
    }

    // ----- regression and others -----

    [Fact]
    public void RegressionMetricsMatchKerasDocstrings()
    {
        var yTrue = T(new double[,] { { 0, 1 }, { 0, 0 } });
        var yPred = T(new double[,] { { 1, 1 }, { 0, 0 } });
        var rmse = new RootMeanSquaredError();
        rmse.UpdateState(yTrue, yPred);
        Check.Close(0.5, rmse.Result()); // sqrt(1/4)
        rmse.UpdateState(V(0, 0), V(3, 3)); // squares 1 + 9 + 9 over 6 elements
        Check.Close(Math.Sqrt(19 / 6.0), rmse.Result());
        var logcosh = new LogCoshError();
        logcosh.UpdateState(yTrue, yPred);
        Check.Close(0.10844523, logcosh.Result()); // log cosh 1 / 4
        var mape = new MeanAbsolutePercentageError();
        mape.UpdateState(yTrue, yPred);
        Check.Close(2.5e8, mape.Result()); // |0 - 1| / 1e-7 · 100 / 4
        var cos = new CosineSimilarity();
        cos.UpdateState(T(new double[,] { { 0, 1 }, { 1, 1 } }), T(new double[,] { { 1, 0 }, { 1, 1 } }));
        Check.Close(0.5, cos.Result());
        cos.UpdateState(T(new double[,] { { 0, 0 } }), T(new double[,] { { 1, 1 } })); // a zero vector: similarity 0
        Check.Close(1 / 3.0, cos.Result());
        foreach (Metric m in new Metric[] { rmse, logcosh, mape, cos })
        {
            m.ResetState();
            Assert.Equal(0, m.Result());
        }
    }

    [Fact]
    public void R2ScoreMatchesKerasDocstringAndItsOptions()
    {
        // ȳ = 8/3, SST = 26 - 64/3 = 14/3, SSR = 2: 1 - 2 / (14/3) = 0.5714286.
        var m = new R2Score();
        m.UpdateState(T(new double[,] { { 1 }, { 4 } }), T(new double[,] { { 2 }, { 4 } }));
        m.UpdateState(T(new double[,] { { 3 } }), T(new double[,] { { 4 } }));
        Check.Close(0.57142854, m.Result(), 1e-6);
        // Two columns: the second is perfect (1); uniform mean and variance weights (SST 14/3 and 8).
        var yTrue = T(new double[,] { { 1, 0 }, { 4, 2 }, { 3, 4 } });
        var yPred = T(new double[,] { { 2, 0 }, { 4, 2 }, { 4, 4 } });
        var uniform = new R2Score();
        uniform.UpdateState(yTrue, yPred);
        Check.Close((4 / 7.0 + 1) / 2, uniform.Result(), 1e-6);
        var weighted = new R2Score("variance_weighted_average");
        weighted.UpdateState(yTrue, yPred);
        Check.Close((4 / 7.0 * 14 / 3 + 8) / (14 / 3.0 + 8), weighted.Result(), 1e-6);
        // Adjusted with one regressor over 3 samples: 1 - (1 - r²)·2/1; with 2 or more it falls back.
        var adjusted = new R2Score(numRegressors: 1);
        adjusted.UpdateState(T(new double[,] { { 1 }, { 4 }, { 3 } }), T(new double[,] { { 2 }, { 4 }, { 4 } }));
        Check.Close(1 - 3 / 7.0 * 2, adjusted.Result(), 1e-6);
        var fallback = new R2Score(numRegressors: 2);
        fallback.UpdateState(T(new double[,] { { 1 }, { 4 }, { 3 } }), V(2, 4, 4)); // (N, 1) against (N,) is fine
        Check.Close(4 / 7.0, fallback.Result(), 1e-6);
        // A constant column scores 0; reset empties the state.
        var constant = new R2Score();
        constant.UpdateState(T(new double[,] { { 2 }, { 2 } }), T(new double[,] { { 1 }, { 3 } }));
        Assert.Equal(0, constant.Result());
        constant.ResetState();
        Assert.Equal(0, constant.Result());
        Assert.Throws<InvalidArgumentError>(() => new R2Score("raw_values"));
        Assert.Throws<InvalidArgumentError>(() => new R2Score(numRegressors: -1));
        Assert.Throws<InvalidArgumentError>(() => new R2Score().UpdateState(tf.Zeros([1, 2, 2]), tf.Zeros([1, 2, 2])));
        Assert.Contains("R2Score expects 2D inputs", Assert.Throws<InvalidArgumentError>(() => new R2Score().UpdateState(V(1, 2), V(1, 2))).Message);
        Assert.Throws<InvalidArgumentError>(() => new R2Score("variance_weighted"));
        Assert.Throws<InvalidArgumentError>(() => m.UpdateState(yTrue, yPred));
    }

    [Fact]
    public void SumAndMeanMetricWrapper()
    {
        var sum = new Sum();
        sum.UpdateState(V(1, 3, 5, 7));
        Check.Close(16, sum.Result()); // Keras's docstring
        sum.UpdateState(2, sampleWeight: 0.5);
        sum.UpdateState(V(10, 20), V(1, 0)); // values, then their weights
        Check.Close(27, sum.Result());
        sum.ResetState();
        Assert.Equal(0, sum.Result());
        // A function as a metric: the mean of every value it returns, over batches.
        var wrapped = new MeanMetricWrapper((t, p) => tf.Abs(t - p), "abs_error");
        Assert.Equal("abs_error", wrapped.Name);
        wrapped.UpdateState(V(0, 0), V(1, 3));
        wrapped.UpdateState(V(1), V(3));
        Check.Close(2, wrapped.Result());
        wrapped.ResetState();
        Assert.Equal(0, wrapped.Result());
        Assert.Throws<ArgumentNullException>(() => new MeanMetricWrapper(null!));
    }

    [Theory]
    [InlineData("auc", typeof(AUC)), InlineData("top_k_categorical_accuracy", typeof(TopKCategoricalAccuracy)),
     InlineData("sparse_top_k_categorical_accuracy", typeof(SparseTopKCategoricalAccuracy)),
     InlineData("root_mean_squared_error", typeof(RootMeanSquaredError)), InlineData("r2_score", typeof(R2Score)),
     InlineData("cosine_similarity", typeof(CosineSimilarity)), InlineData("log_cosh_error", typeof(LogCoshError)),
     InlineData("logcosh", typeof(LogCoshError)), InlineData("mape", typeof(MeanAbsolutePercentageError)),
     InlineData("mean_absolute_percentage_error", typeof(MeanAbsolutePercentageError)), InlineData("f1_score", typeof(F1Score)),
     InlineData("fbeta_score", typeof(FBetaScore)), InlineData("sum", typeof(Sum))]
    public void MetricsByName(string name, Type type)
    {
        var m = Metric.Get(name);
        Assert.IsType(type, m);
        Assert.Equal(name, m.Name);
        Assert.Contains(name, Metric.KnownNames);
    }
}
