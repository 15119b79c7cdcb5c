using Strata.Keras.Layers;
using Strata.Keras.Optimizers;

namespace Strata.Keras.Tests.Activations;

/// <summary>Keras 3's activation names and keras.activations doors, and the ReLU, LeakyReLU, PReLU, ELU and Softmax
/// layers: values computed by hand, Keras's argument checks, and a PReLU that learns its slope.</summary>
public class ActivationLayerTests
{
    private static readonly Tensor X = tf.Constant(new float[] { -4, -1, -0.5f, 0, 0.5f, 2, 7 });

    [Theory]
    [InlineData("elu"), InlineData("selu"), InlineData("gelu"), InlineData("leaky_relu"), InlineData("relu6"), InlineData("silu"),
     InlineData("swish"), InlineData("hard_sigmoid"), InlineData("hard_silu"), InlineData("hard_swish"), InlineData("softplus"),
     InlineData("softsign"), InlineData("mish"), InlineData("exponential"), InlineData("log_softmax")]
    public void EveryKerasNameIsKnownAndNamedAsAsked(string name)
    {
        var a = Activation.Get(name);
        Assert.Equal(name, a.Name);
        Assert.Contains(name, Activation.KnownNames);
        Assert.Equal(X.Shape, a.Invoke(X).Shape);
        Assert.Equal(name, Activation.Get(name.ToUpperInvariant()).Name);
    }

    [Fact]
    public void NamesGiveKerasValues()
    {
        double[] x = [-4, -1, -0.5, 0, 0.5, 2, 7];
        double[] Map(Func<double, double> f) => x.Select(f).ToArray();
        double HardSigmoid(double v) => Math.Clamp(v + 3, 0, 6) / 6;
        Check.Close(Map(v => v > 0 ? v : 0.2 * v), Check.Values(Activation.Get("leaky_relu").Invoke(X)), 1e-6); // negative_slope 0.2
        Check.Close(Map(v => Math.Clamp(v, 0, 6)), Check.Values(Activation.Get("relu6").Invoke(X)), 1e-6);
        Check.Close(Map(v => v > 0 ? v : Math.Exp(v) - 1), Check.Values(Activation.Get("elu").Invoke(X)), 1e-6);
        Check.Close(Map(HardSigmoid), Check.Values(Activation.Get("hard_sigmoid").Invoke(X)), 1e-6);
        Check.Close(Map(v => v * HardSigmoid(v)), Check.Values(Activation.Get("hard_silu").Invoke(X)), 1e-6);
        Check.Close(Map(v => v / (1 + Math.Exp(-v))), Check.Values(Activation.Get("swish").Invoke(X)), 1e-6);
        Check.Close(Map(v => v / (1 + Math.Abs(v))), Check.Values(Activation.Get("softsign").Invoke(X)), 1e-6);
        Check.Close(Map(v => v * Math.Tanh(Math.Log(1 + Math.Exp(v)))), Check.Values(Activation.Get("mish").Invoke(X)), 1e-6);
        // gelu(1) = Φ(1) = 0.8413447460685429 (exact form by default).
        Assert.Equal(0.8413447460685429, Check.Values(Activation.Get("gelu").Invoke(tf.Constant(new[] { 1.0 }, DType.Float64)))[0], 1e-14);
    }

    [Fact]
    public void KerasActivationsDoorsAndReluOptions()
    {
        var x = tf.Constant(new double[] { -3, -1, 0.5, 1.5, 8 }, DType.Float64);
        Assert.Equal([0, 0, 0.5, 1.5, 8], keras.activations.Relu(x).ToArray<double>());
        Assert.Equal([-0.3, -0.1, 0.5, 1.5, 8], keras.activations.Relu(x, negativeSlope: 0.1).ToArray<double>(), new Tol(1e-15));
        Assert.Equal([0, 0, 0.5, 1.5, 6], keras.activations.Relu(x, maxValue: 6).ToArray<double>());
        Assert.Equal([0, 0, 0.5, 1, 1], keras.activations.Relu(x, maxValue: 1).ToArray<double>());
        // threshold 1: x kept above it, else 0; the slope applies to (threshold - x) below it (Keras's composition).
        Assert.Equal([0, 0, 0, 1.5, 8], keras.activations.Relu(x, threshold: 1).ToArray<double>());
        Assert.Equal([-0.8, -0.4, -0.1, 1.5, 5], keras.activations.Relu(x, 0.2, 5, 1).ToArray<double>(), new Tol(1e-15));
        Assert.Equal(tf.LeakyRelu(x, 0.2).ToArray<double>(), keras.activations.LeakyRelu(x).ToArray<double>());
        Assert.Equal(tf.Elu(x, 2).ToArray<double>(), keras.activations.Elu(x, 2).ToArray<double>());
        Assert.Equal(tf.Gelu(x, true).ToArray<double>(), keras.activations.Gelu(x, true).ToArray<double>());
        foreach (var (door, op) in new (Func<Tensor, Tensor>, Func<Tensor, Tensor>)[]
                 {
                     (keras.activations.Sigmoid, tf.Sigmoid), (keras.activations.Tanh, tf.Tanh), (keras.activations.Exponential, tf.Exp),
                     (x => keras.activations.Softmax(x), x => tf.Softmax(x)), (x => keras.activations.LogSoftmax(x), x => tf.LogSoftmax(x)),
                     (keras.activations.Softplus, tf.Softplus), (keras.activations.Softsign, tf.Softsign), (keras.activations.Selu, tf.Selu),
                     (keras.activations.Relu6, tf.Relu6), (keras.activations.Silu, tf.Swish), (keras.activations.Swish, tf.Swish),
                     (keras.activations.HardSigmoid, tf.HardSigmoid), (keras.activations.HardSilu, tf.HardSwish),
                     (keras.activations.HardSwish, tf.HardSwish), (keras.activations.Mish, tf.Mish), (keras.activations.Linear, v => v),
                 })
            Assert.Equal(op(x).ToArray<double>(), door(x).ToArray<double>());
        Assert.Equal("mish", keras.activations.Get("mish").Name);
    }

    [Fact]
    public void ReluLayerAppliesItsOptionsAndChecksThem()
    {
        var x = tf.Constant(new float[] { -2, 0.5f, 3, 9 });
        Assert.Equal([0f, 0.5f, 3, 6], new ReLU(maxValue: 6).Apply(x).ToArray<float>());
        Assert.Equal([-0.2f, 0.5f, 3, 9], new ReLU(negativeSlope: 0.1).Apply(x).ToArray<float>());
        Assert.Equal("ReLU", new ReLU().ClassName);
        Assert.Contains("max_value of a ReLU layer cannot be a negative value", Assert.Throws<InvalidArgumentError>(() => new ReLU(maxValue: -1)).Message);
        Assert.Contains("negative_slope", Assert.Throws<InvalidArgumentError>(() => new ReLU(negativeSlope: -0.1)).Message);
        Assert.Contains("threshold", Assert.Throws<InvalidArgumentError>(() => new ReLU(threshold: -1)).Message);
    }

    [Fact]
    public void LeakyReluAndEluLayersUseKeras3Defaults()
    {
        var x = tf.Constant(new float[] { -2, 1 });
        Assert.Equal([-0.6f, 1], new LeakyReLU().Apply(x).ToArray<float>()); // negative_slope 0.3
        Assert.Equal(0.3, new LeakyReLU().NegativeSlope);
        Assert.Contains("cannot be None or negative", Assert.Throws<InvalidArgumentError>(() => new LeakyReLU(-1)).Message);
        Check.Close([Math.Exp(-2) - 1, 1], Check.Values(new ELU().Apply(x)), 1e-6);
        Check.Close([0.5 * (Math.Exp(-2) - 1), 1], Check.Values(new ELU(0.5).Apply(x)), 1e-6);
    }

    [Fact]
    public void SoftmaxLayerTakesAnAxisAndAMask()
    {
        var x = tf.Constant(new float[,] { { 1, 2, 3 }, { 1, 1, 1 } });
        Check.Close([0.09003057, 0.24472847, 0.66524096, 1 / 3.0, 1 / 3.0, 1 / 3.0], Check.Values(new Softmax().Apply(x)), 1e-6);
        Check.Close([0.5, 0.7310586, 0.8807971, 0.5, 0.2689414, 0.1192029], Check.Values(new Softmax(axis: 0).Apply(x)), 1e-6);
        // Masked positions get no probability; a fully masked row gives zeros.
        var mask = tf.Constant(new[,] { { true, false, true }, { false, false, false } });
        Check.Close([0.11920292, 0, 0.88079708, 0, 0, 0], Check.Values(new Softmax().Call(x, mask)), 1e-6);
        var numeric = tf.Constant(new float[,] { { 1, 0, 1 }, { 0, 0, 0 } });
        Check.Close([0.11920292, 0, 0.88079708, 0, 0, 0], Check.Values(new Softmax().Call(x, numeric)), 1e-6);
        Assert.Equal(Check.Values(new Softmax().Apply(x)), Check.Values(new Softmax().Call(x, null)));
    }

    [Fact]
    public void PReluHasOneAlphaPerPositionOrSharedAxes()
    {
        var layer = new PReLU();
        var y = layer.Apply(tf.Constant(new float[2, 4, 3]));
        Assert.Equal(new Shape(4, 3), layer.Alpha!.Shape);
        Assert.Equal(new Shape(2, 4, 3), y.Shape);
        Assert.Equal(12, layer.CountParams());
        var shared = new PReLU(sharedAxes: [1]);
        shared.Apply(tf.Constant(new float[2, 4, 3]));
        Assert.Equal(new Shape(1, 3), shared.Alpha!.Shape);
        Assert.Contains("shared axis 3", Assert.Throws<InvalidArgumentError>(() => new PReLU(sharedAxes: [3]).Apply(tf.Constant(new float[2, 4, 3]))).Message);
        Assert.Contains("shared axis 0", Assert.Throws<InvalidArgumentError>(() => new PReLU(sharedAxes: [0]).Build(new Shape(2, 3))).Message);
        Assert.Contains("rank >= 2", Assert.Throws<InvalidArgumentError>(() => new PReLU().Build(new Shape(4))).Message);
        Assert.Contains("must be known", Assert.Throws<InvalidArgumentError>(() => new PReLU().Build(new Shape(-1, -1, 3))).Message);
        new PReLU(sharedAxes: [1]).Build(new Shape(-1, -1, 3)); // an unknown axis is fine when it is shared
        // Called directly, it builds itself.
        var direct = new PReLU();
        Assert.Equal([0f, 2], direct.Call(tf.Constant(new float[,] { { -1, 2 } })).ToArray<float>());
        Assert.NotNull(direct.Alpha);
        // Built for (…, 4, 3), it refuses another feature shape.
        Assert.ThrowsAny<Exception>(() => layer.Apply(tf.Constant(new float[2, 5, 3])));
    }

    [Fact]
    public void PReluComputesAndLearnsItsSlope()
    {
        var layer = new PReLU(alphaInitializer: new Initializers.Constant(0.5));
        var x = tf.Constant(new float[,] { { -2, 3 }, { -1, -4 } });
        Assert.Equal([-1f, 3, -0.5f, -2], layer.Apply(x).ToArray<float>());
        // Fit y = prelu(x) with slopes 0.25 and 0.1 from 0.5: plain gradient descent on the mean squared error.
        var target = tf.Constant(new float[,] { { -0.5f, 3 }, { -0.25f, -0.4f } });
        var sgd = new SGD(0.1);
        for (int step = 0; step < 150; step++)
        {
            using var tape = new GradientTape();
            var loss = tf.ReduceMean(tf.Square(layer.Apply(x) - target));
            var grads = tape.Gradient(loss, layer.TrainableWeights.ToArray());
            sgd.ApplyGradients(grads!, layer.TrainableWeights.ToArray());
        }
        Check.Close([0.25, 0.1], Check.Values(layer.Alpha!), 1e-3);
    }

    private sealed class Tol(double tol) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tol * (1 + Math.Abs(b));
        public int GetHashCode(double v) => 0;
    }
}
