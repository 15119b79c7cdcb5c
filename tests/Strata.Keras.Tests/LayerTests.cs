using Strata.Keras.Initializers;
using Strata.Keras.Layers;
using Strata.Keras.Models;

namespace Strata.Keras.Tests;

/// <summary>The Layer contract the MIT lab relies on: Build/AddWeight/Call, lazy building, weight tracking.</summary>
public class LayerTests
{
    /// <summary>The lab's OurDenseLayer, verbatim in shape.</summary>
    private sealed class OurDenseLayer(int units) : Layer
    {
        public Variable W = null!;
        public Variable b = null!;
        public int BuildCalls;

        public override void Build(Shape inputShape)
        {
            BuildCalls++;
            W = AddWeight("weight", shape: [inputShape[-1], units]);
            b = AddWeight("bias", shape: [1, units]);
        }

        public override Tensor Call(Tensor x) => tf.Sigmoid(tf.MatMul(x, W) + b);
    }

    private sealed class IdentityModel(int units) : Model
    {
        private readonly Dense _dense = new(units, activation: "sigmoid");

        public Tensor Call(Tensor inputs, bool isidentity = false)
        {
            var x = _dense.Apply(inputs);
            return isidentity ? inputs : x;
        }

        public override Tensor Call(Tensor inputs) => Call(inputs, isidentity: false);
    }

    private static readonly Tensor X = tf.Constant(new[,] { { 1, 2.0 } });

    [Fact]
    public void BuildThenCallAsInTheLab()
    {
        tf.random.SetSeed(1);
        var layer = new OurDenseLayer(3);
        layer.Build([1, 2]);
        var y = layer.Call(X);
        Assert.Equal(new Shape(1, 3), y.Shape);
        Assert.Equal(new Shape(2, 3), layer.W.Shape);
        Assert.Equal(new Shape(1, 3), layer.b.Shape);
        // add_weight's default initializer for floats is glorot_uniform: limit sqrt(6 / (2 + 3)).
        double limit = Math.Sqrt(6.0 / 5);
        Assert.All(layer.W.ToArray<float>(), w => Assert.InRange(w, -limit, limit));
        // The expected output from the weights by hand, in double: sigmoid(x·W + b) for x = (1, 2).
        float[] w = layer.W.ToArray<float>(), bias = layer.b.ToArray<float>(), actual = y.ToArray<float>();
        for (int j = 0; j < 3; j++)
        {
            double z = 1.0 * w[j] + 2.0 * w[3 + j] + bias[j];
            Assert.Equal(1 / (1 + Math.Exp(-z)), actual[j], 6);
        }
        Assert.Equal(2, layer.TrainableWeights.Count);
        Assert.StartsWith("our_dense_layer", layer.Name); // Keras's snake_case of the class name
        Assert.Equal([$"{layer.Name}/weight", $"{layer.Name}/bias"], layer.Weights.Select(w => w.Name));
    }

    [Fact]
    public void ApplyBuildsOnceFromTheFirstInput()
    {
        var layer = new OurDenseLayer(4);
        Assert.False(layer.Built);
        layer.Apply(X);
        layer.Apply(X);
        Assert.True(layer.Built);
        Assert.Equal(1, layer.BuildCalls);
        Assert.Equal(new Shape(1, 2), layer.BuildInputShape);
    }

    [Fact]
    public void ApplyAfterADirectBuildKeepsTheWeights()
    {
        var layer = new OurDenseLayer(3);
        layer.Build([1, 2]);
        var w = layer.W;
        layer.Apply(X);
        Assert.Same(w, layer.W);
        Assert.Equal(1, layer.BuildCalls);
    }

    [Fact]
    public void SameSeedGivesTheSameWeights()
    {
        tf.random.SetSeed(7);
        var a = new Dense(3);
        a.Apply(X);
        tf.random.SetSeed(7);
        var b = new Dense(3);
        b.Apply(X);
        Assert.Equal(a.Kernel!.ToArray<float>(), b.Kernel!.ToArray<float>());
        Assert.All(a.Bias!.ToArray<float>(), v => Assert.Equal(0f, v)); // bias_initializer zeros
    }

    [Fact]
    public void DenseActivationByNameOrDelegateAgree()
    {
        var byName = new Dense(3, activation: "sigmoid", kernelInitializer: "ones");
        var byDelegate = new Dense(3, activation: tf.Sigmoid, kernelInitializer: new Ones());
        Assert.Equal(byName.Apply(X).ToArray<float>(), byDelegate.Apply(X).ToArray<float>());
        // x·1 = 3 for every unit, then sigmoid.
        Assert.All(byName.Apply(X).ToArray<float>(), v => Assert.Equal(1 / (1 + MathF.Exp(-3)), v, 6));
    }

    [Fact]
    public void DenseUseBiasFalseHasNoBias()
    {
        var d = new Dense(5, useBias: false);
        d.Apply(X);
        Assert.Null(d.Bias);
        Assert.Single(d.TrainableWeights);
    }

    [Fact]
    public void BuildWithTheWrongRankNamesTheLayerAndShape()
    {
        var d = new Dense(3);
        var e = Assert.Throws<InvalidArgumentError>(() => d.Build([2]));
        Assert.Contains("Dense", e.Message);
        Assert.Contains("(2,)", e.Message);
        Assert.Contains("rank", e.Message);
    }

    [Fact]
    public void CallWithAnInputThatDoesNotFitTheKernel()
    {
        var d = new Dense(3);
        d.Apply(X);
        var e = Assert.Throws<InvalidArgumentError>(() => d.Apply(tf.Ones([1, 5])));
        // Keras 3's input-spec message: the kernel (2, 3) expects a last axis of 2.
        Assert.Equal($"Input 0 of layer \"{d.Name}\" is incompatible with the layer: expected axis -1 of input shape to have value 2, " +
            "but received input with shape (1, 5)", e.Message);
    }

    [Fact]
    public void UnknownActivationAndInitializerNamesAreRejected()
    {
        Assert.Contains("Unknown activation", Assert.Throws<InvalidArgumentError>(() => new Dense(3, activation: "sigmoidd")).Message);
        Assert.Contains("Unknown initializer", Assert.Throws<InvalidArgumentError>(() => new Dense(3, kernelInitializer: "glorot")).Message);
    }

    [Fact]
    public void SequentialBuildsLazilyAndTracksItsLayers()
    {
        var model = new Sequential();
        var dense = new Dense(3, activation: "sigmoid", useBias: true, biasInitializer: "zeros");
        model.Add(dense);
        Assert.False(model.Built);
        Assert.False(dense.Built);
        Assert.Empty(model.Weights);
        var y = model.Call(X);
        Assert.True(dense.Built);
        Assert.Same(dense, Assert.Single(model.Layers));
        Assert.Equal(new Shape(1, 3), y.Shape);
        Assert.Equal([dense.Kernel!, dense.Bias!], model.TrainableWeights);
        Assert.Equal(2, model.TrainableWeights.Count);
        Assert.Equal(2 * 3 + 3, model.CountParams());
    }

    [Fact]
    public void SubclassedModelExtraCallOverload()
    {
        var model = new IdentityModel(3);
        var activated = model.Call(X, false);
        var identity = model.Call(X, true);
        Assert.Equal(new Shape(1, 3), activated.Shape);
        Assert.Same(X, identity);
        Assert.Equal(2, model.TrainableWeights.Count); // the Dense held in a field is tracked
    }

    [Fact]
    public void FrozenLayerWeightsAreNonTrainable()
    {
        var model = new Sequential([new Dense(4), new Dense(2)]);
        model.Call(X);
        model.Layers[0].Trainable = false;
        Assert.Equal(model.Layers[1].Weights, model.TrainableWeights);
        Assert.Equal(model.Layers[0].Weights, model.NonTrainableWeights);
    }

    [Fact]
    public void GradientsFlowToEveryWeightOfTheLabModel()
    {
        tf.random.SetSeed(2);
        var layer = new OurDenseLayer(3);
        layer.Build([1, 2]);
        using var tape = new GradientTape();
        var loss = tf.ReduceSum(layer.Call(X));
        var grads = tape.Gradient(loss, layer.TrainableWeights.Cast<Tensor>().ToList());
        Assert.All(grads, g => Assert.NotNull(g));
        Assert.Equal(layer.W.Shape, grads[0]!.Shape);
        Assert.Equal(layer.b.Shape, grads[1]!.Shape);
        // By hand: with s_j = sigmoid(x·W + b)_j, d loss / d b_j = s_j (1 - s_j) and d loss / d W_ij = x_i s_j (1 - s_j).
        float[] w = layer.W.ToArray<float>(), b = layer.b.ToArray<float>();
        float[] dW = grads[0]!.ToArray<float>(), db = grads[1]!.ToArray<float>();
        double[] x = [1, 2];
        for (int j = 0; j < 3; j++)
        {
            double s = 1 / (1 + Math.Exp(-(x[0] * w[j] + x[1] * w[3 + j] + b[j])));
            Assert.Equal(s * (1 - s), db[j], 6);
            for (int i = 0; i < 2; i++) Assert.Equal(x[i] * s * (1 - s), dW[i * 3 + j], 6);
        }
    }
}
