using Strata.Keras.Layers;
using Strata.Keras.Metrics;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;

namespace Strata.Keras.Tests.Metrics;

/// <summary>Metrics with sample weights: Keras 3's docstring examples of update_state(..., sample_weight) (recomputed by
/// hand in the comments), and Compile's weightedMetrics in Fit and Evaluate.</summary>
public class WeightedMetricTests
{
    private static Tensor T(double[,] v) => tf.Constant(v, DType.Float32);
    private static Tensor V(params double[] v) => tf.Constant(v, DType.Float32);

    private static readonly Tensor RegTrue = T(new double[,] { { 0, 1 }, { 0, 0 } }), RegPred = T(new double[,] { { 1, 1 }, { 0, 0 } });

    private static double Weighted(Metric m, Tensor yTrue, Tensor yPred, Tensor w)
    {
        m.UpdateState(yTrue, yPred, w);
        return m.Result();
    }

    [Fact]
    public void MeanAndSumWeighTheirValues()
    {
        var mean = new Mean();
        mean.UpdateState(V(1, 3, 5, 7), V(1, 0, 0, 1));
        Check.Close(4, mean.Result()); // (1 + 7) / 2
        var sum = new Sum();
        sum.UpdateState(V(1, 3, 5, 7), V(1, 0, 0, 1));
        Check.Close(8, sum.Result());
        // Rows of values: each row counts once with its mean, weighted by its sample weight.
        var rows = new Mean();
        rows.UpdateState(T(new double[,] { { 1, 3 }, { 10, 20 } }), V(3, 1));
        Check.Close((3 * 2 + 15) / 4.0, rows.Result());
        Assert.Throws<InvalidArgumentError>(() => new Mean().UpdateState(V(1, 2, 3), V(1, 2)));
        Assert.Contains("MeanMetricWrapper", Assert.Throws<InvalidArgumentError>(() => new Mean().UpdateState(V(1), V(1), V(1))).Message);
    }

    [Fact]
    public void AccuraciesMatchKerasDocstrings()
    {
        Check.Close(0.5, Weighted(new BinaryAccuracy(), T(new double[,] { { 1 }, { 1 }, { 0 }, { 0 } }),
            T(new double[,] { { 0.98 }, { 1 }, { 0 }, { 0.6 } }), V(1, 0, 0, 1)), 1e-7); // hits [1, 1, 1, 0] · [1, 0, 0, 1] / 2
        Check.Close(0.3, Weighted(new CategoricalAccuracy(), T(new double[,] { { 0, 0, 1 }, { 0, 1, 0 } }),
            T(new double[,] { { 0.1, 0.9, 0.8 }, { 0.05, 0.95, 0 } }), V(0.7, 0.3)), 1e-7); // hits [0, 1]
        Check.Close(0.3, Weighted(new SparseCategoricalAccuracy(), T(new double[,] { { 2 }, { 1 } }),
            T(new double[,] { { 0.1, 0.6, 0.3 }, { 0.05, 0.95, 0 } }), V(0.7, 0.3)), 1e-7);
        Check.Close(0.3, Weighted(new TopKCategoricalAccuracy(k: 1), T(new double[,] { { 0, 0, 1 }, { 0, 1, 0 } }),
            T(new double[,] { { 0.1, 0.9, 0.8 }, { 0.05, 0.95, 0 } }), V(0.7, 0.3)), 1e-7);
        Check.Close(0.3, Weighted(new SparseTopKCategoricalAccuracy(k: 1), V(2, 1),
            T(new double[,] { { 0.1, 0.9, 0.8 }, { 0.05, 0.95, 0 } }), V(0.7, 0.3)), 1e-7);
        // "accuracy" resolves from the shapes and passes the weights on; (N, 1) weights are the same weights.
        Check.Close(0.3, Weighted(Metric.Get("accuracy"), T(new double[,] { { 2 }, { 1 } }),
            T(new double[,] { { 0.1, 0.6, 0.3 }, { 0.05, 0.95, 0 } }), T(new double[,] { { 0.7 }, { 0.3 } })), 1e-7);
    }

    [Fact]
    public void RegressionMetricsMatchKerasDocstrings()
    {
        // Only the first sample counts: its errors are (1, 0).
        Check.Close(0.5, Weighted(new Strata.Keras.Metrics.MeanSquaredError(), RegTrue, RegPred, V(1, 0)));
        Check.Close(0.5, Weighted(new Strata.Keras.Metrics.MeanAbsoluteError(), RegTrue, RegPred, V(1, 0)));
        Check.Close(Math.Sqrt(0.5), Weighted(new RootMeanSquaredError(), RegTrue, RegPred, V(1, 0)), 1e-7);
        Check.Close(Math.Log(Math.Cosh(1)) / 2, Weighted(new LogCoshError(), RegTrue, RegPred, V(1, 0)), 1e-7);
        Check.Close(5e8, Weighted(new Strata.Keras.Metrics.MeanAbsolutePercentageError(), RegTrue, RegPred, V(1, 0)), 1);
        // Similarities 0 and 1, weighted 0.3 and 0.7.
        Check.Close(0.7, Weighted(new Strata.Keras.Metrics.CosineSimilarity(), T(new double[,] { { 0, 1 }, { 1, 1 } }),
            T(new double[,] { { 1, 0 }, { 1, 1 } }), V(0.3, 0.7)), 1e-6);
    }

    [Fact]
    public void ConfusionMetricsCountWeights()
    {
        Check.Close(1, Weighted(new Precision(), V(0, 1, 1, 1), V(1, 0, 1, 1), V(0, 0, 1, 0)));
        Check.Close(0, Weighted(new Recall(), V(0, 1, 1, 1), V(1, 0, 0, 1), V(0, 0, 1, 0)));
        Check.Close(1, Weighted(new AUC(), V(0, 0, 1, 1), V(0, 0.5, 0.3, 0.9), V(1, 0, 0, 1)), 1e-7);
        // Confusion matrix [[0.3, 0.3], [0.3, 0.1]]: IoU 0.3/0.9 and 0.1/0.7.
        Check.Close((1 / 3.0 + 1 / 7.0) / 2, Weighted(new MeanIoU(2), V(0, 0, 1, 1), V(0, 1, 0, 1), V(0.3, 0.3, 0.3, 0.1)), 1e-7);
        Check.Close(1 / 3.0, Weighted(new IoU(2, [0]), V(0, 0, 1, 1), V(0, 1, 0, 1), V(0.3, 0.3, 0.3, 0.1)), 1e-7);
        // F1 per class over rows weighted (1, 2): class 0 tp 1 fn 0 fp 2 → 2/3·... computed from the weighted counts.
        var f1 = new F1Score(threshold: 0.5);
        f1.UpdateState(T(new double[,] { { 1, 0 }, { 0, 1 } }), T(new double[,] { { 0.9, 0.2 }, { 0.8, 0.1 } }), V(1, 2));
        // class 0: tp 1, fp 2, fn 0 → P 1/3, R 1 → F1 0.5; class 1: tp 0, fp 0, fn 2 → 0.
        var scores = f1.Results();
        Check.Close(0.5, scores[0], 1e-6);
        Check.Close(0, scores[1], 1e-6);
    }

    [Fact]
    public void R2ScoreWeighsSamples()
    {
        // Weights (1, 1, 2) are the data (1, 4, 3, 3) against (2, 4, 4, 4): the same score as the repeated sample.
        var weighted = new R2Score();
        weighted.UpdateState(T(new double[,] { { 1 }, { 4 }, { 3 } }), T(new double[,] { { 2 }, { 4 }, { 4 } }), V(1, 1, 2));
        var repeated = new R2Score();
        repeated.UpdateState(T(new double[,] { { 1 }, { 4 }, { 3 }, { 3 } }), T(new double[,] { { 2 }, { 4 }, { 4 }, { 4 } }));
        Check.Close(repeated.Result(), weighted.Result(), 1e-9);
        var perColumn = new R2Score(classAggregation: null);
        perColumn.UpdateState(T(new double[,] { { 1, 0 }, { 4, 2 }, { 3, 4 } }), T(new double[,] { { 2, 0 }, { 4, 2 }, { 4, 4 } }));
        Check.Close(4 / 7.0, perColumn.Results()[0], 1e-9);
        Check.Close(1, perColumn.Results()[1], 1e-9);
        Assert.Throws<InvalidArgumentError>(() => perColumn.Result());
    }

    [Fact]
    public void WeightsOfTheWrongShapeAreRefused()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => new BinaryAccuracy().UpdateState(T(new double[,] { { 1 }, { 0 } }), T(new double[,] { { 1 }, { 0 } }), V(1, 2, 3)));
        Assert.Contains("binary_accuracy: sample_weight of shape (3,)", e.Message);
        // A metric of your own without a weighted UpdateState takes null only.
        var own = new CountingMetric();
        own.UpdateState(V(1), V(1), null);
        Assert.Equal(1, own.Result());
        Assert.Contains("CountingMetric does not take a sample_weight", Assert.Throws<InvalidArgumentError>(() => own.UpdateState(V(1), V(1), V(1))).Message);
    }

    private sealed class CountingMetric() : Metric("counting")
    {
        private int _n;
        public override void UpdateState(Tensor yTrue, Tensor yPred) => _n++;
        public override double Result() => _n;
        public override void ResetState() => _n = 0;
    }

    private static (Tensor x, Tensor y) Data()
    {
        var x = tf.Constant(new float[] { 1, 2, 0, 1, -1, 0.5f, 2, -1, 0.5f, 0.5f, -2, 1 }, shape: new Shape(6, 2));
        var y = tf.Constant(new float[] { 1, 0, 2, -1, 0.5f, 3 }, shape: new Shape(6, 1));
        return (x, y);
    }

    [Fact]
    public void EvaluateWeighsOnlyTheWeightedMetrics()
    {
        tf.random.SetSeed(5);
        var model = new Sequential([new Dense(1, inputShape: [2])]);
        model.Compile(optimizer: new SGD(0.1), loss: "mse", metrics: ["mae"], weightedMetrics: ["mae", "mse"]);
        Assert.Equal(["loss", "mae", "weighted_mae", "mse"], model.MetricsNames);
        var (x, y) = Data();
        var w = V(0, 1, 2, 0.5, 3, 1);
        var pred = model.Predict(x).ToArray<float>();
        var yv = y.ToArray<float>();
        var wv = w.ToArray<float>();
        double mae = Enumerable.Range(0, 6).Average(i => Math.Abs(pred[i] - yv[i]));
        double weightedMae = Enumerable.Range(0, 6).Sum(i => wv[i] * Math.Abs(pred[i] - yv[i])) / wv.Sum();
        double weightedMse = Enumerable.Range(0, 6).Sum(i => wv[i] * Math.Pow(pred[i] - yv[i], 2)) / wv.Sum();
        var logs = model.Evaluate(x, y, batchSize: 4, verbose: 0, sampleWeight: w);
        Assert.Equal(mae, logs["mae"], 5);
        Assert.Equal(weightedMae, logs["weighted_mae"], 5);
        Assert.Equal(weightedMse, logs["mse"], 5);
        // Without weights the weighted metrics are plain ones.
        var plain = model.Evaluate(x, y, verbose: 0);
        Assert.Equal(plain["mae"], plain["weighted_mae"], 6);
        // TestOnBatch takes the weights too.
        model.ResetMetrics();
        Assert.Equal(weightedMae, model.TestOnBatch(x, y, sampleWeight: w)["weighted_mae"], 5);
    }

    [Fact]
    public void FitWeighsTheWeightedMetricsWithClassWeights()
    {
        tf.random.SetSeed(3);
        var x = tf.random.Normal([8, 3]);
        var y = tf.Constant(new float[] { 0, 1, 2, 0, 1, 2, 0, 1 });
        var model = new Sequential([new Dense(3, inputShape: [3])]);
        // A learning rate of 0: the metrics of the (fixed) predictions can be computed by hand.
        model.Compile(optimizer: new SGD(0), loss: new Strata.Keras.Losses.SparseCategoricalCrossentropy(fromLogits: true),
            metrics: ["accuracy"], weightedMetrics: ["accuracy"]);
        var classWeight = new Dictionary<int, double> { [0] = 3, [1] = 1, [2] = 0 };
        var h = model.Fit(x, y, batchSize: 8, epochs: 1, verbose: 0, shuffle: false, classWeight: classWeight);
        var logits = model.Predict(x);
        var hits = Enumerable.Range(0, 8).Select(i => Values.ArgMax(logits, i * 3, 3) == (int)y.ToArray<float>()[i] ? 1.0 : 0).ToArray();
        var w = y.ToArray<float>().Select(c => classWeight[(int)c]).ToArray();
        Assert.Equal(hits.Average(), h.history["accuracy"][0], 6);
        Assert.Equal(hits.Zip(w).Sum(p => p.First * p.Second) / w.Sum(), h.history["weighted_accuracy"][0], 6);
    }

    [Fact]
    public void WeightedMetricsAreSavedAndLoaded()
    {
        var model = new Sequential([new Dense(1, inputShape: [2])]);
        model.Compile(optimizer: "sgd", loss: "mse", metrics: ["mae"], weightedMetrics: ["mae"]);
        var path = Path.Combine(Path.GetTempPath(), $"weighted-{Guid.NewGuid():N}.keras");
        try
        {
            model.Save(path);
            var loaded = keras.models.LoadModel(path);
            Assert.Equal(["loss", "mae", "weighted_mae"], loaded.MetricsNames);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void OneMetricObjectCannotBeBothWeightedAndUnweighted()
    {
        var model = new Sequential([new Dense(1, inputShape: [2])]);
        var mae = new Strata.Keras.Metrics.MeanAbsoluteError();
        Assert.Contains("both as a metric and as a weighted metric",
            Assert.Throws<InvalidArgumentError>(() => model.Compile(loss: "mse", metrics: [mae], weightedMetrics: [mae])).Message);
    }
}
