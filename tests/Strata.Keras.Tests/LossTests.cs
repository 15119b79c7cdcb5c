using Strata.Keras.Losses;

namespace Strata.Keras.Tests;

/// <summary>Each loss and its gradient against values computed by hand from the formulas.</summary>
public class LossTests
{
    private static (double loss, double[] grad) LossAndGrad(Loss loss, Tensor yTrue, Tensor yPred)
    {
        using var tape = new GradientTape();
        tape.Watch(yPred);
        var l = loss.Call(yTrue, yPred);
        Assert.Equal(0, l.Rank);
        var g = tape.Gradient(l, yPred)!;
        return (Check.Values(l)[0], Check.Values(g));
    }

    [Fact]
    public void MeanSquaredError()
    {
        var (l, g) = LossAndGrad(new MeanSquaredError(), tf.Constant(new float[,] { { 0, 1 }, { 1, 1 } }), tf.Constant(new float[,] { { 0.5f, 0.5f }, { 1, 0 } }));
        Check.Close(0.375, l);                     // ((0.25 + 0.25) / 2 + (0 + 1) / 2) / 2
        Check.Close([0.25, -0.25, 0, -0.5], g);    // 2 (p - y) / 4
        Assert.IsType<MeanSquaredError>(Loss.Get("mse"));
        Assert.IsType<MeanSquaredError>(Loss.Get("mean_squared_error"));
    }

    [Fact]
    public void MeanAbsoluteError()
    {
        var (l, g) = LossAndGrad(new MeanAbsoluteError(), tf.Constant(new float[,] { { 0, 1 }, { 1, 1 } }), tf.Constant(new float[,] { { 0.5f, 0.5f }, { 1, 0 } }));
        Check.Close(0.5, l);
        Check.Close([0.25, -0.25, 0, -0.25], g);   // sign(p - y) / 4
        Assert.IsType<MeanAbsoluteError>(Loss.Get("mae"));
    }

    [Fact]
    public void Huber()
    {
        // errors 0.5, -0.5 | 0, -3: quadratic ½e² below delta = 1, linear |e| - ½ above.
        var (l, g) = LossAndGrad(new Huber(), tf.Constant(new float[,] { { 0, 1 }, { 1, 1 } }), tf.Constant(new float[,] { { 0.5f, 0.5f }, { 1, -2 } }));
        Check.Close((0.125 + (0 + 2.5) / 2) / 2, l);
        Check.Close([0.125, -0.125, 0, -0.25], g);
        Assert.IsType<Huber>(Loss.Get("huber"));
    }

    [Fact]
    public void BinaryCrossentropyFromProbabilities()
    {
        var (l, g) = LossAndGrad(new BinaryCrossentropy(), tf.Constant(new float[,] { { 1 }, { 0 } }), tf.Constant(new float[,] { { 0.8f }, { 0.3f } }));
        Check.Close((-Math.Log(0.8) - Math.Log(0.7)) / 2, l);
        Check.Close([-1 / 0.8 / 2, 1 / 0.7 / 2], g);
        // Probabilities are clipped to [1e-7, 1 - 1e-7]: a certain wrong answer costs -log(1e-7), not infinity.
        var (l0, _) = LossAndGrad(new BinaryCrossentropy(), tf.Constant(new float[,] { { 1 } }), tf.Constant(new float[,] { { 0f } }));
        Check.Close(-Math.Log(1e-7), l0, 1e-4);
    }

    [Fact]
    public void BinaryCrossentropyFromLogits()
    {
        var (l, g) = LossAndGrad(new BinaryCrossentropy(fromLogits: true), tf.Constant(new float[,] { { 1 }, { 0 } }), tf.Constant(new float[,] { { 2 }, { -1 } }));
        Check.Close((Math.Log(1 + Math.Exp(-2)) + Math.Log(1 + Math.Exp(-1))) / 2, l);
        Check.Close([(Sigmoid(2) - 1) / 2, Sigmoid(-1) / 2], g);
        // Stable for huge logits.
        var (big, _) = LossAndGrad(new BinaryCrossentropy(fromLogits: true), tf.Constant(new float[,] { { 0 } }), tf.Constant(new float[,] { { 100 } }));
        Check.Close(100, big);
    }

    [Fact]
    public void CategoricalCrossentropy()
    {
        var y = tf.Constant(new float[,] { { 0, 1, 0 } });
        var (l, _) = LossAndGrad(new CategoricalCrossentropy(), y, tf.Constant(new float[,] { { 0.2f, 0.5f, 0.3f } }));
        Check.Close(-Math.Log(0.5), l);
        // Unnormalised scores are normalised first, as Keras does.
        var (l2, _) = LossAndGrad(new CategoricalCrossentropy(), y, tf.Constant(new float[,] { { 0.4f, 1.0f, 0.6f } }));
        Check.Close(-Math.Log(0.5), l2);
        var (l3, g3) = LossAndGrad(new CategoricalCrossentropy(fromLogits: true), tf.Constant(new float[,] { { 0, 0, 1 } }), tf.Constant(new float[,] { { 1, 2, 3 } }));
        var sm = Softmax([1, 2, 3]);
        Check.Close(-Math.Log(sm[2]), l3);
        Check.Close([sm[0], sm[1], sm[2] - 1], g3);
    }

    [Theory]
    [InlineData(DType.UInt8)]
    [InlineData(DType.Int32)]
    [InlineData(DType.Int64)]
    public void SparseCategoricalCrossentropyFromLogits(DType labelType)
    {
        var labels = tf.Cast(tf.Constant(new[] { 2, 0 }), labelType);
        var logits = tf.Constant(new float[,] { { 1, 2, 3 }, { 1000, 0, -1000 } }); // second row would overflow a naive exp
        var (l, g) = LossAndGrad(new SparseCategoricalCrossentropy(fromLogits: true), labels, logits);
        var sm = Softmax([1, 2, 3]);
        Check.Close(-Math.Log(sm[2]) / 2, l);
        Check.Close([sm[0] / 2, sm[1] / 2, (sm[2] - 1) / 2, 0, 0, 0], g);
        // Labels of shape (N, 1) work too.
        var (l1, _) = LossAndGrad(new SparseCategoricalCrossentropy(fromLogits: true), tf.Reshape(labels, [2, 1]), logits);
        Check.Close(l, l1);
    }

    [Fact]
    public void SparseCategoricalCrossentropyFromProbabilities()
    {
        var (l, g) = LossAndGrad(new SparseCategoricalCrossentropy(), tf.Constant(new[] { 1 }), tf.Constant(new float[,] { { 0.2f, 0.5f, 0.3f } }));
        Check.Close(-Math.Log(0.5), l);
        // d/dp of -log(p1 / sum p) = 1/sum - 1/p1 on the label, 1/sum elsewhere (sum = 1).
        Check.Close([1, 1 - 1 / 0.5, 1], g, 1e-4);
    }

    [Fact]
    public void ReductionsSumAndNone()
    {
        var y = tf.Constant(new float[,] { { 0 }, { 1 } });
        var p = tf.Constant(new float[,] { { 1 }, { 3 } });
        Check.Close([1, 4], Check.Values(new MeanSquaredError(reduction: "none").Call(y, p)));
        Check.Close(5, Check.Values(new MeanSquaredError(reduction: "sum").Call(y, p))[0]);
        Assert.Throws<InvalidArgumentError>(() => new MeanSquaredError(reduction: "average"));
    }

    [Fact]
    public void LabelsOfRankOneAgainstAColumnDoNotBroadcast()
    {
        // (N,) labels against (N, 1) predictions: Keras expands the labels instead of broadcasting to (N, N).
        var l = new MeanSquaredError().Call(tf.Constant(new float[] { 0, 1, 2 }), tf.Constant(new float[,] { { 0 }, { 1 }, { 4 } }));
        Check.Close(4.0 / 3, Check.Values(l)[0]);
    }

    [Fact]
    public void UnknownLossNameListsTheKnownOnes()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => Loss.Get("crossentropy"));
        Assert.Contains("Unknown loss 'crossentropy'", e.Message);
        Assert.Contains("sparse_categorical_crossentropy", e.Message);
    }

    [Fact]
    public void OneHotLabelsGivenToSparseLossAreAClearError()
    {
        var e = Assert.Throws<InvalidArgumentError>(() =>
            new SparseCategoricalCrossentropy(fromLogits: true).Call(tf.Constant(new float[,] { { 0, 1, 0 } }), tf.Constant(new float[,] { { 1, 2, 3 } })));
        Assert.Contains("one-hot", e.Message);
        Assert.Contains("CategoricalCrossentropy", e.Message);
        var e2 = Assert.Throws<InvalidArgumentError>(() =>
            new CategoricalCrossentropy().Call(tf.Constant(new[] { 1 }), tf.Constant(new float[,] { { 0.2f, 0.8f } })));
        Assert.Contains("SparseCategoricalCrossentropy", e2.Message);
        var e3 = Assert.Throws<InvalidArgumentError>(() =>
            new SparseCategoricalCrossentropy().Call(tf.Constant(new[] { 3 }), tf.Constant(new float[,] { { 0.2f, 0.8f } })));
        Assert.Contains("not a class index in [0, 2)", e3.Message);
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static double[] Softmax(double[] x)
    {
        double max = x.Max();
        var e = x.Select(v => Math.Exp(v - max)).ToArray();
        double s = e.Sum();
        return e.Select(v => v / s).ToArray();
    }
}

/// <summary>The fused cross-entropy ops' gradients against central finite differences, in float64.</summary>
public class LossOpGradientTests
{
    private static void FiniteDifference(Func<Tensor, Tensor> f, double[] x0, int[] shape, int outputs)
    {
        var weights = tf.random.Normal([outputs], dtype: DType.Float64, seed: 3); // checks that dy reaches every row
        var x = tf.Constant(x0, DType.Float64, shape);
        Tensor grad;
        using (var tape = new GradientTape())
        {
            tape.Watch(x);
            var y = tf.ReduceSum(f(x) * tf.Reshape(weights, [outputs]));
            grad = tape.Gradient(y, x)!;
        }
        var analytic = grad.ToArray<double>();
        const double h = 1e-6;
        for (int i = 0; i < x0.Length; i++)
        {
            var plus = (double[])x0.Clone();
            var minus = (double[])x0.Clone();
            plus[i] += h;
            minus[i] -= h;
            double fp = tf.ReduceSum(f(tf.Constant(plus, DType.Float64, shape)) * weights).Item<double>();
            double fm = tf.ReduceSum(f(tf.Constant(minus, DType.Float64, shape)) * weights).Item<double>();
            Check.Close((fp - fm) / (2 * h), analytic[i], 1e-6, $"d/dx[{i}]");
        }
    }

    private static readonly double[] Logits = [0.3, -1.2, 2.0, 0.5, 1.1, 0.0, -0.7, 3.0, -2.5, 0.4, 0.9, -0.1];

    [Fact]
    public void SparseSoftmaxCrossEntropyWithLogits() =>
        FiniteDifference(x => tf.SparseSoftmaxCrossEntropyWithLogits(tf.Constant(new long[] { 2, 0, 3 }), x), Logits, [3, 4], 3);

    [Fact]
    public void SoftmaxCrossEntropyWithLogits()
    {
        var labels = tf.Constant(new double[,] { { 0.1, 0.2, 0.3, 0.4 }, { 1, 0, 0, 0 }, { 0, 0.5, 0.5, 0 } });
        FiniteDifference(x => tf.SoftmaxCrossEntropyWithLogits(labels, x), Logits, [3, 4], 3);
    }

    [Fact]
    public void SigmoidCrossEntropyWithLogits()
    {
        var labels = tf.Constant(new double[] { 0, 1, 0.5, 1, 0, 0.2, 1, 0, 1, 0, 0.3, 1 });
        FiniteDifference(x => tf.SigmoidCrossEntropyWithLogits(labels, x), Logits, [12], 12);
    }

    [Fact]
    public void FusedSoftmaxCrossEntropyMatchesTheComposedFormula()
    {
        var logits = tf.Constant(Logits, DType.Float64, [3, 4]);
        var labels = tf.Constant(new long[] { 2, 0, 3 });
        var composed = -tf.ReduceSum(tf.OneHot(labels, 4, dtype: DType.Float64) * tf.LogSoftmax(logits), -1);
        Check.Close(composed.ToArray<double>(), tf.SparseSoftmaxCrossEntropyWithLogits(labels, logits).ToArray<double>(), 1e-12);
    }
}
