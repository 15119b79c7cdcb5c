using Strata.Keras.Losses;

namespace Strata.Keras.Tests.Losses;

/// <summary>The losses of issue #9 against Keras 3's docstring examples (each number recomputed by hand in the comment),
/// sample weights and every reduction, by-name lookup, gradients and bad inputs.</summary>
public class MoreLossTests
{
    private static Tensor T(double[,] v) => tf.Constant(v, DType.Float32);
    private static readonly Tensor Zeros01 = T(new double[,] { { 0, 1 }, { 0, 0 } });

    private static double Scalar(Tensor t) => Check.Values(t)[0];

    [Fact]
    public void KLDivergenceMatchesKerasDocstring()
    {
        // Row 0: 1·log(1/0.4) + 1e-7·log(1e-7/0.6) = 0.91629; row 1: 1e-7·(log(1e-7/0.4) + log(1e-7/0.6)) = -3.08e-6.
        var yPred = T(new double[,] { { 0.6, 0.4 }, { 0.4, 0.6 } });
        Check.Close(0.458, Scalar(new KLDivergence().Call(Zeros01, yPred)), 1e-3);
        Check.Close(0.366, Scalar(new KLDivergence().Call(Zeros01, yPred, tf.Constant(new[] { 0.8f, 0.2f }))), 1e-3);
        Check.Close(0.916, Scalar(new KLDivergence(reduction: "sum").Call(Zeros01, yPred)), 1e-3);
        Check.Close([0.916291, -3.08e-06], Check.Values(new KLDivergence(reduction: "none").Call(Zeros01, yPred)), 1e-3);
    }

    [Fact]
    public void PoissonLogCoshAndMsleMatchKerasDocstrings()
    {
        var ones = T(new double[,] { { 1, 1 }, { 0, 0 } });
        // Poisson: row 0 mean(1 - 0, 1 - log(1 + 1e-7)) = 1, row 1 mean(0, 0) = 0.
        Check.Close(0.5, Scalar(new Poisson().Call(Zeros01, ones)), 1e-6);
        // log cosh 1 = 0.4337808 → row 0 0.2168904, row 1 0.
        Check.Close(0.108445, Scalar(new LogCosh().Call(Zeros01, ones)), 1e-5);
        // MSLE with y_pred [[1, 1], [1, 0]]: each row has one (log 2)² = 0.480453 term over 2 → 0.240227.
        Check.Close(0.240227, Scalar(new MeanSquaredLogarithmicError().Call(Zeros01, T(new double[,] { { 1, 1 }, { 1, 0 } }))), 1e-5);
        // log cosh stays finite where cosh overflows float32.
        Check.Close(200 - Math.Log(2), Scalar(new LogCosh().Call(tf.Constant(new float[] { 0 }), tf.Constant(new float[] { 200 }))), 1e-6);
    }

    [Fact]
    public void CosineSimilarityIsNegatedAndSafeForZeroVectors()
    {
        var yTrue = T(new double[,] { { 0, 1 }, { 1, 1 } });
        var yPred = T(new double[,] { { 1, 0 }, { 1, 1 } });
        Check.Close(-0.5, Scalar(new CosineSimilarity().Call(yTrue, yPred)), 1e-6);
        Check.Close(-0.1, Scalar(new CosineSimilarity().Call(yTrue, yPred, tf.Constant(new[] { 0.8f, 0.2f }))), 1e-6);
        Check.Close([0, -1], Check.Values(new CosineSimilarity(reduction: "none").Call(yTrue, yPred)), 1e-6);
        // axis 0 compares columns: (0,1)·(1,1) and (1,1)·(0,1) → -1/√2 each.
        Check.Close(-Math.Sqrt(0.5), Scalar(new CosineSimilarity(axis: 0).Call(yTrue, yPred)), 1e-6);
        var zero = tf.Constant(new double[,] { { 0, 0 } }, DType.Float64);
        var p = tf.Constant(new double[,] { { 0.5, 2 } }, DType.Float64);
        using var tape = new GradientTape();
        tape.Watch(zero);
        var loss = new CosineSimilarity().Call(p, zero);
        Assert.Equal(0.0, Scalar(loss));
        Assert.All(tape.Gradient(loss, zero)!.ToArray<double>(), g => Assert.True(double.IsFinite(g)));
    }

    [Fact]
    public void HingeLossesMatchKerasDocstrings()
    {
        var yPred = T(new double[,] { { 0.6, 0.4 }, { 0.4, 0.6 } });
        // 0/1 labels become -1/1: rows mean(1.6, 0.6) = 1.1 and mean(1.4, 1.6) = 1.5.
        Check.Close(1.3, Scalar(new Hinge().Call(Zeros01, yPred)), 1e-6);
        Check.Close(1.86, Scalar(new SquaredHinge().Call(Zeros01, yPred)), 1e-6); // (2.56 + 0.36)/2, (1.96 + 2.56)/2
        // Already -1/1 labels are kept: y = [[-1, 1]] vs [[0.6, 0.4]]: mean(1.6, 0.6) = 1.1.
        Check.Close(1.1, Scalar(new Hinge().Call(T(new double[,] { { -1, 1 } }), T(new double[,] { { 0.6, 0.4 } }))), 1e-6);
        // Categorical hinge: row 0 max(0.6 - 0.4 + 1, 0) = 1.2, row 1 max(0.6 - 0 + 1, 0) = 1.6.
        Check.Close(1.4, Scalar(new CategoricalHinge().Call(Zeros01, yPred)), 1e-6);
    }

    [Fact]
    public void MapeMatchesKerasDocstring()
    {
        // Rows: 100·mean(1/2, 0) = 25 and 100·mean(1/2, 3/3) = 75.
        Check.Close(50, Scalar(new MeanAbsolutePercentageError().Call(T(new double[,] { { 2, 1 }, { 2, 3 } }), T(new double[,] { { 1, 1 }, { 1, 0 } }))), 1e-6);
    }

    [Fact]
    public void BinaryFocalCrossentropyMatchesKerasDocstring()
    {
        var yPred = T(new double[,] { { -18.6, 0.51 }, { 2.94, -12.8 } });
        // sigmoid(0.51) = 0.62480: (1 - 0.6248)²·-log(0.6248) = 0.066216; sigmoid(2.94) = 0.94978, a negative:
        // 0.94978²·-log(0.05022) = 2.69893; the other two are ~0. Means of rows 0.033108 and 1.349465.
        Check.Close(0.691, Scalar(new BinaryFocalCrossentropy(gamma: 2, fromLogits: true).Call(Zeros01, yPred)), 1e-3);
        // Balanced: alpha 0.25 on the positive, 0.75 on the negative → 0.51.
        Check.Close(0.51, Scalar(new BinaryFocalCrossentropy(applyClassBalancing: true, gamma: 2, fromLogits: true).Call(Zeros01, yPred)), 1e-3);
        // gamma 0 without balancing is the plain binary cross-entropy; label smoothing goes the same way.
        var p = T(new double[,] { { 0.2, 0.7 }, { 0.9, 0.4 } });
        Check.Close(Scalar(new BinaryCrossentropy().Call(Zeros01, p)), Scalar(new BinaryFocalCrossentropy(gamma: 0).Call(Zeros01, p)), 1e-6);
        Check.Close(Scalar(new BinaryCrossentropy(labelSmoothing: 0.2).Call(Zeros01, p)),
            Scalar(new BinaryFocalCrossentropy(gamma: 0, labelSmoothing: 0.2).Call(Zeros01, p)), 1e-3);
    }

    [Fact]
    public void CategoricalFocalCrossentropyMatchesKerasDocstring()
    {
        var yTrue = T(new double[,] { { 0, 1, 0 }, { 0, 0, 1 } });
        var yPred = T(new double[,] { { 0.05, 0.95, 0 }, { 0.1, 0.8, 0.1 } });
        // 0.25·0.05²·-log(0.95) = 3.2058e-5 and 0.25·0.9²·-log(0.1) = 0.466273.
        Check.Close(0.23315276, Scalar(new CategoricalFocalCrossentropy().Call(yTrue, yPred)), 1e-5);
        Check.Close(0.1632, Scalar(new CategoricalFocalCrossentropy().Call(yTrue, yPred, tf.Constant(new[] { 0.3f, 0.7f }))), 1e-3);
        Check.Close(0.46631, Scalar(new CategoricalFocalCrossentropy(reduction: "sum").Call(yTrue, yPred)), 1e-4);
        Check.Close([3.2058331e-05, 4.6627346e-01], Check.Values(new CategoricalFocalCrossentropy(reduction: "none").Call(yTrue, yPred)), 1e-4);
        // From logits: the softmax first. Label smoothing mixes in 1/3.
        var logits = T(new double[,] { { 1, 2, 0.5 } });
        var probs = tf.Softmax(logits);
        Check.Close(Scalar(new CategoricalFocalCrossentropy().Call(T(new double[,] { { 0, 1, 0 } }), probs)),
            Scalar(new CategoricalFocalCrossentropy(fromLogits: true).Call(T(new double[,] { { 0, 1, 0 } }), logits)), 1e-6);
        var smoothed = Scalar(new CategoricalFocalCrossentropy(labelSmoothing: 0.3).Call(T(new double[,] { { 0, 1, 0 } }), probs));
        var manual = Scalar(new CategoricalFocalCrossentropy().Call(T(new double[,] { { 0.1, 0.8, 0.1 } }), probs));
        Check.Close(manual, smoothed, 1e-6);
    }

    [Fact]
    public void SampleWeightsAreAppliedThenReducedAsKeras3()
    {
        var yTrue = tf.Constant(new float[,] { { 0 }, { 0 } });
        var yPred = tf.Constant(new float[,] { { 1 }, { 2 } }); // per-sample squared errors 1 and 4
        var w = tf.Constant(new[] { 1f, 0.5f });
        Check.Close(1.5, Scalar(new MeanSquaredError().Call(yTrue, yPred, w)), 1e-6);            // (1 + 2) / 2 samples
        Check.Close(1.5, Scalar(new MeanSquaredError(reduction: "mean").Call(yTrue, yPred, w)), 1e-6);
        Check.Close(3, Scalar(new MeanSquaredError(reduction: "sum").Call(yTrue, yPred, w)), 1e-6);
        Check.Close(2, Scalar(new MeanSquaredError(reduction: "mean_with_sample_weight").Call(yTrue, yPred, w)), 1e-6); // 3 / 1.5
        Check.Close([1, 2], Check.Values(new MeanSquaredError(reduction: "none").Call(yTrue, yPred, w)), 1e-6);
        Check.Close(1.5, Scalar(new MeanSquaredError().Call(yTrue, yPred, tf.Constant(new[,] { { 1f }, { 0.5f } }))), 1e-6); // (N, 1) weights
        Check.Close(5, Scalar(new MeanSquaredError().Call(yTrue, yPred, tf.Constant(2.0))), 1e-6);                        // a scalar weight
        Check.Close(1.5, Scalar(new MeanSquaredError().Call(yTrue, yPred, tf.Constant(new[] { 1.0, 0.5 }, DType.Float64))), 1e-6); // cast
        Assert.Equal(0.0, Scalar(new MeanSquaredError(reduction: "mean_with_sample_weight").Call(yTrue, yPred, tf.Constant(new[] { 0f, 0f }))));
        // Keras's reduce_values returns (0,) losses as they are; other empty losses reduce to 0 (divide_no_nan), not NaN.
        Assert.Equal(new Shape(0), new MeanSquaredError().Call(tf.Zeros([0, 2]), tf.Zeros([0, 2])).Shape);
        Assert.Equal(0.0, Scalar(new MeanSquaredError().Call(tf.Zeros([0, 3, 2]), tf.Zeros([0, 3, 2]))));
        // Per-step losses (N, T) from (N, T, k) predictions meet weights (N, T) or (N, T, 1); (N, 1) losses meet (N,) weights.
        var seqTrue = tf.Zeros([2, 1, 1]);
        var seqPred = tf.Constant(new float[,,] { { { 1 } }, { { 2 } } });   // losses (2, 1): 1 and 4
        Check.Close(1.5, Scalar(new MeanSquaredError().Call(seqTrue, seqPred, w)), 1e-6);
        Check.Close(1.5, Scalar(new MeanSquaredError().Call(seqTrue, seqPred, tf.Constant(new[,,] { { { 1f } }, { { 0.5f } } }))), 1e-6);
        var stepPred = tf.Constant(new float[,,,] { { { { 1 } } }, { { { 2 } } } }); // (2, 1, 1, 1): losses (2, 1, 1)
        Check.Close(1.5, Scalar(new MeanSquaredError().Call(tf.Zeros([2, 1, 1, 1]), stepPred, tf.Constant(new[,] { { 1f }, { 0.5f } }))), 1e-6);
        var e = Assert.Throws<InvalidArgumentError>(() => new MeanSquaredError().Call(yTrue, yPred, tf.Constant(new[] { 1f, 2f, 3f })));
        Assert.Contains("sample_weight of shape (3,)", e.Message);
        // Gradients flow through the weights to the predictions: d/dp of (w·p²)/2 = w·p.
        var v = tf.Constant(new float[,] { { 1 }, { 2 } });
        using var tape = new GradientTape();
        tape.Watch(v);
        var loss = new MeanSquaredError().Call(yTrue, v, w);
        Check.Close([1, 1], Check.Values(tape.Gradient(loss, v)!), 1e-6);
    }

    [Theory]
    [InlineData("kl_divergence", typeof(KLDivergence)), InlineData("kld", typeof(KLDivergence)),
     InlineData("kullback_leibler_divergence", typeof(KLDivergence)), InlineData("poisson", typeof(Poisson)),
     InlineData("cosine_similarity", typeof(CosineSimilarity)), InlineData("log_cosh", typeof(LogCosh)), InlineData("logcosh", typeof(LogCosh)),
     InlineData("hinge", typeof(Hinge)), InlineData("squared_hinge", typeof(SquaredHinge)), InlineData("categorical_hinge", typeof(CategoricalHinge)),
     InlineData("mape", typeof(MeanAbsolutePercentageError)), InlineData("mean_absolute_percentage_error", typeof(MeanAbsolutePercentageError)),
     InlineData("msle", typeof(MeanSquaredLogarithmicError)), InlineData("mean_squared_logarithmic_error", typeof(MeanSquaredLogarithmicError)),
     InlineData("binary_focal_crossentropy", typeof(BinaryFocalCrossentropy)),
     InlineData("categorical_focal_crossentropy", typeof(CategoricalFocalCrossentropy))]
    public void LossesByName(string name, Type type)
    {
        var loss = Loss.Get(name);
        Assert.IsType(type, loss);
        Assert.Contains(name, Loss.KnownNames);
        Assert.Equal("sum_over_batch_size", loss.Reduction);
        // Each computes a finite scalar on a small batch and differentiates.
        var yTrue = tf.Constant(new float[,] { { 0, 1 }, { 1, 0 } });
        var yPred = tf.Constant(new float[,] { { 0.3f, 0.7f }, { 0.6f, 0.4f } });
        using var tape = new GradientTape();
        tape.Watch(yPred);
        var value = loss.Call(yTrue, yPred);
        Assert.True(double.IsFinite(Scalar(value)));
        Assert.All(Check.Values(tape.Gradient(value, yPred)!), g => Assert.True(double.IsFinite(g)));
    }

    [Fact]
    public void BadInputsAreRefused()
    {
        Assert.Contains("unknown reduction 'avg'", Assert.Throws<InvalidArgumentError>(() => new Poisson(reduction: "avg")).Message);
        Assert.Contains("must match", Assert.Throws<InvalidArgumentError>(() => new KLDivergence().Call(tf.Zeros([2, 3]), tf.Zeros([2, 2]))).Message);
        Assert.Contains("float32 or float64",
            Assert.Throws<InvalidArgumentError>(() => new Hinge().Call(tf.Constant(new[] { 1 }), tf.Constant(new[] { 1 }))).Message);
        Assert.Throws<InvalidArgumentError>(() => Loss.Get("focal"));
    }
}
