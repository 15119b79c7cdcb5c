using Strata.Keras.Losses;
using Strata.Keras.Metrics;
using Strata.Keras.Optimizers;

namespace Strata.Keras.Tests;

/// <summary>Every Keras name that Loss.Get, Metric.Get, Optimizer.Get and Activation.Get know gives the object
/// Keras gives for it (its class, Keras 3 defaults, and a value computed by hand), and null names are refused.</summary>
public class LookupByNameTests
{
    [Theory]
    [InlineData("sgd", typeof(SGD), "SGD", 0.01)]
    [InlineData("adam", typeof(Adam), "adam", 0.001)]
    [InlineData("adamw", typeof(AdamW), "adamw", 0.001)]
    [InlineData("rmsprop", typeof(RMSprop), "rmsprop", 0.001)]
    [InlineData("adagrad", typeof(Adagrad), "adagrad", 0.001)]
    [InlineData("adamax", typeof(Adamax), "adamax", 0.001)]
    [InlineData("nadam", typeof(Nadam), "nadam", 0.001)]
    [InlineData("Adam", typeof(Adam), "adam", 0.001)]
    public void OptimizersByNameHaveKerasDefaults(string name, Type type, string kerasName, double learningRate)
    {
        var o = Optimizer.Get(name);
        Assert.IsType(type, o);
        Assert.Equal(kerasName, o.Name);
        Assert.Equal(learningRate, o.LearningRate);
        Assert.Equal(0, o.Iterations);
        Assert.False(o.Built);
    }

    [Fact]
    public void OptimizersByNameTakeTheirFirstStepAsKerasDoes()
    {
        // One step on w = 1 with gradient 1 (Keras 3's update rules, first step, default hyper-parameters).
        double Step(string name)
        {
            var w = new Variable(tf.Constant(new float[] { 1 }));
            Optimizer.Get(name).ApplyGradients([tf.Constant(new float[] { 1 })], [w]);
            return Check.Values(w)[0];
        }
        Check.Close(0.99, Step("sgd"), 1e-7);
        Check.Close(0.999, Step("adam"), 1e-6);
        Check.Close(1 - 0.004 * 0.001 - 0.001, Step("adamw"), 1e-6); // decoupled decay (0.004) first
        Check.Close(1 - 0.001 / Math.Sqrt(0.1), Step("rmsprop"), 1e-6); // v = 0.1 g²
        Check.Close(1 - 0.001 / Math.Sqrt(1.1), Step("adagrad"), 1e-6); // accumulator 0.1 + g²
        Check.Close(0.999, Step("adamax"), 1e-6); // lr / (1 - 0.9) · m / u = 0.01 · 0.1
        Assert.Equal(0.004, ((AdamW)Optimizer.Get("adamw")).WeightDecay);
    }

    [Fact]
    public void NullNamesAreRefused()
    {
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => Optimizer.Get(null!)).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => Loss.Get(null!)).ParamName);
        Assert.StartsWith("Metric.Get: argument 'name' is null.", Assert.Throws<ArgumentNullException>(() => Metric.Get(null!)).Message);
    }

    [Theory]
    [InlineData("mse", typeof(Strata.Keras.Losses.MeanSquaredError), "mean_squared_error")]
    [InlineData("mean_squared_error", typeof(Strata.Keras.Losses.MeanSquaredError), "mean_squared_error")]
    [InlineData("mae", typeof(Strata.Keras.Losses.MeanAbsoluteError), "mean_absolute_error")]
    [InlineData("mean_absolute_error", typeof(Strata.Keras.Losses.MeanAbsoluteError), "mean_absolute_error")]
    [InlineData("binary_crossentropy", typeof(BinaryCrossentropy), "binary_crossentropy")]
    [InlineData("categorical_crossentropy", typeof(CategoricalCrossentropy), "categorical_crossentropy")]
    [InlineData("sparse_categorical_crossentropy", typeof(SparseCategoricalCrossentropy), "sparse_categorical_crossentropy")]
    [InlineData("huber", typeof(Huber), "huber_loss")]
    [InlineData("huber_loss", typeof(Huber), "huber_loss")]
    public void LossesByNameAreKerasClasses(string name, Type type, string kerasName)
    {
        var loss = Loss.Get(name);
        Assert.IsType(type, loss);
        Assert.Equal(kerasName, loss.Name);
        Assert.Equal("sum_over_batch_size", loss.Reduction);
    }

    [Fact]
    public void CrossentropiesByNameComputeKerasValues()
    {
        // Probabilities, not logits (from_logits=False is Keras's default): -mean(log 0.8, log 0.6) and -log 0.5.
        var bce = Loss.Get("binary_crossentropy").Call(tf.Constant(new float[,] { { 1, 0 } }), tf.Constant(new float[,] { { 0.8f, 0.4f } }));
        Check.Close((-Math.Log(0.8) - Math.Log(0.6)) / 2, Check.Values(bce)[0], 1e-6);
        var cce = Loss.Get("categorical_crossentropy").Call(tf.Constant(new float[,] { { 0, 1, 0 } }), tf.Constant(new float[,] { { 0.2f, 0.5f, 0.3f } }));
        Check.Close(-Math.Log(0.5), Check.Values(cce)[0], 1e-6);
        var huber = Loss.Get("huber").Call(tf.Constant(new float[] { 0, 0 }), tf.Constant(new float[] { 0.5f, 3 }));
        Check.Close((0.125 + 2.5) / 2, Check.Values(huber)[0], 1e-6); // ½·0.5², then 1·3 - ½
    }

    [Fact]
    public void LossesRefuseAnUnknownReduction()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => new Huber(reduction: "average"));
        Assert.Equal("Huber: unknown reduction 'average'. Known: sum_over_batch_size, mean, mean_with_sample_weight, sum, none.", e.Message);
    }

    [Theory]
    [InlineData("binary_accuracy", typeof(BinaryAccuracy))]
    [InlineData("categorical_accuracy", typeof(CategoricalAccuracy))]
    [InlineData("sparse_categorical_accuracy", typeof(SparseCategoricalAccuracy))]
    [InlineData("mse", typeof(Strata.Keras.Metrics.MeanSquaredError))]
    [InlineData("mean_squared_error", typeof(Strata.Keras.Metrics.MeanSquaredError))]
    [InlineData("mae", typeof(Strata.Keras.Metrics.MeanAbsoluteError))]
    [InlineData("precision", typeof(Precision))]
    [InlineData("recall", typeof(Recall))]
    public void MetricsByNameAreNamedByTheString(string name, Type type)
    {
        var m = Metric.Get(name);
        Assert.IsType(type, m);
        Assert.Equal(name, m.Name);
        Assert.Equal(0, m.Result());
    }

    [Fact]
    public void MetricsByNameComputeKerasValues()
    {
        double Result(string name, Tensor yTrue, Tensor yPred)
        {
            var m = Metric.Get(name);
            m.UpdateState(yTrue, yPred);
            return m.Result();
        }
        var labels = tf.Constant(new float[,] { { 1 }, { 0 }, { 1 }, { 0 } });
        var scores = tf.Constant(new float[,] { { 0.7f }, { 0.2f }, { 0.4f }, { 0.6f } });
        Check.Close(0.5, Result("binary_accuracy", labels, scores)); // 0.7 and 0.2 right, 0.4 and 0.6 wrong
        Check.Close(0.5, Result("precision", labels, scores)); // TP 1 (0.7), FP 1 (0.6)
        Check.Close(0.5, Result("recall", labels, scores)); // TP 1, FN 1 (0.4)
        Check.Close((0.09 + 0.04 + 0.36 + 0.36) / 4, Result("mse", labels, scores));
        Check.Close((0.3 + 0.2 + 0.6 + 0.6) / 4, Result("mae", labels, scores));
        var probs = tf.Constant(new float[,] { { 0.1f, 0.9f }, { 0.6f, 0.4f }, { 0.3f, 0.7f } });
        Check.Close(2.0 / 3, Result("categorical_accuracy", tf.Constant(new float[,] { { 0, 1 }, { 0, 1 }, { 0, 1 } }), probs));
        Check.Close(1.0 / 3, Result("sparse_categorical_accuracy", tf.Constant(new[] { 1, 1, 0 }), probs));
    }

    [Theory]
    [InlineData("linear")]
    [InlineData("none")]
    [InlineData(null)]
    public void LinearActivationsAreTheIdentity(string? name)
    {
        var a = Activation.Get(name);
        Assert.Equal("linear", a.ToString());
        Assert.Equal(new float[] { -2, 0.5f, 3 }, a.Invoke(tf.Constant(new float[] { -2, 0.5f, 3 })).ToArray<float>());
    }

    [Fact]
    public void ActivationsByNameComputeKerasValues()
    {
        var x = tf.Constant(new float[] { 1, 2, 3 });
        // log_softmax(x) = x - log(e + e² + e³) = x - 3.40760596
        Check.Close([-2.40760596, -1.40760596, -0.40760596], Check.Values(Activation.Get("log_softmax").Invoke(x)), 1e-6);
        Check.Close([Math.E, Math.E * Math.E, Math.Exp(3)], Check.Values(Activation.Get("exponential").Invoke(x)), 1e-6);
        Assert.Equal("exponential", ((Activation)"exponential").Name);
        Check.Close([Math.Log(1 + Math.E), Math.Log(1 + Math.Exp(2)), Math.Log(1 + Math.Exp(3))],
            Check.Values(Activation.Get("softplus").Invoke(x)), 1e-6);
    }

    [Fact]
    public void SoftplusDoesNotOverflowOrUnderflowWhereTensorFlowsDoesNot()
    {
        // tf.nn.softplus: x itself where e^x overflows float32 (above 88.7), e^x where 1 + e^x rounds to 1.
        var x = tf.Constant(new float[] { 100, 89, 20, 0, -20, -100 });
        var y = Activation.Get("softplus").Invoke(x).ToArray<float>();
        Assert.Equal(100f, y[0]);
        Assert.Equal(89f, y[1]);
        Assert.Equal(20f, y[2]);
        Assert.Equal((float)Math.Log(2), y[3], 1e-7f);
        Assert.Equal(1.0, y[4] / 2.0611536900435727e-09, 1e-6); // relative: e^-20 - e^-40/2
        Assert.InRange(y[5], 0f, 1e-40f);
        Assert.Equal(DType.Float32, Activation.Get("softplus").Invoke(x).DType);

        // Its gradient is the sigmoid, finite everywhere (0.5 at 0).
        var xs = tf.Constant(new float[] { 100, 0, -100 });
        using var tape = new GradientTape();
        tape.Watch(xs);
        var g = tape.Gradient(tf.ReduceSum(Activation.Get("softplus").Invoke(xs)), xs)!.ToArray<float>();
        Assert.Equal(1f, g[0]);
        Assert.Equal(0.5f, g[1], 1e-6f);
        Assert.InRange(g[2], 0f, 1e-40f);
    }

    [Fact]
    public void SoftplusKeepsFloat64()
    {
        var y = Activation.Get("softplus").Invoke(tf.Constant(new double[] { 800, 0, -800 }, DType.Float64));
        Assert.Equal(DType.Float64, y.DType);
        var v = y.ToArray<double>();
        Assert.Equal(800, v[0]);
        Assert.Equal(Math.Log(2), v[1], 1e-15);
        Assert.Equal(0, v[2]);
    }

    [Fact]
    public void UnknownActivationListsTheKnownOnes()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => Activation.Get("swish2"));
        Assert.Equal("Unknown activation 'swish2'. Known: linear, relu, sigmoid, tanh, softmax, log_softmax, exponential, softplus, " +
            "softsign, elu, selu, gelu, leaky_relu, relu6, silu, swish, hard_sigmoid, hard_silu, hard_swish, mish.", e.Message);
    }
}
