using Strata.Keras.Layers;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;

namespace Strata.Keras.Tests.Recurrent;

/// <summary>Bidirectional and TimeDistributed against their definitions written with plain layers.</summary>
public class WrapperTests
{
    private static Tensor Rand(int seed, params int[] shape) => FiniteDifferences.Rand(seed, shape);

    [Fact]
    public void Bidirectional_concatenates_the_forward_run_and_the_time_ordered_backward_run()
    {
        var x = Rand(1, 2, 5, 3);
        var bi = new Bidirectional(new LSTM(4, returnSequences: true, dtype: DType.Float64));
        var y = bi.Apply(x);
        Assert.Equal(new Shape(2, 5, 8), y.Shape);
        Assert.True(bi.BackwardLayer.GoBackwards);
        Assert.Equal(2 * bi.ForwardLayer.CountParams(), bi.CountParams());
        // The forward half: an LSTM with the forward weights. The backward half: an LSTM reading the reversed
        // sequence with the backward weights, its outputs reversed back into time order.
        var forward = new LSTM(4, returnSequences: true, dtype: DType.Float64);
        forward.EnsureBuilt(x.Shape);
        forward.SetWeights(bi.ForwardLayer.GetWeights());
        var backward = new LSTM(4, returnSequences: true, dtype: DType.Float64);
        backward.EnsureBuilt(x.Shape);
        backward.SetWeights(bi.BackwardLayer.GetWeights());
        var reverse = TensorIndex.Slice(null, null, -1);
        var expected = tf.Concat([forward.Apply(x), backward.Apply(x[.., reverse])[.., reverse]], -1);
        Check.Close(expected.ToArray<double>(), y.ToArray<double>(), 1e-12);
    }

    [Theory]
    [InlineData("sum")]
    [InlineData("mul")]
    [InlineData("ave")]
    public void Bidirectional_merge_modes(string mode)
    {
        var x = Rand(2, 3, 4, 2);
        var bi = new Bidirectional(new GRU(3, dtype: DType.Float64), mergeMode: mode);
        var y = bi.Apply(x).ToArray<double>();
        var none = new Bidirectional(new GRU(3, dtype: DType.Float64), mergeMode: null, backwardLayer: bi.BackwardLayer);
        none.EnsureBuilt(x.Shape);
        none.ForwardLayer.SetWeights(bi.ForwardLayer.GetWeights());
        var (f, b) = none.CallBoth(x);
        var (fv, bv) = (f.ToArray<double>(), b.ToArray<double>());
        var expected = fv.Zip(bv, (p, q) => mode == "sum" ? p + q : mode == "mul" ? p * q : (p + q) / 2).ToArray();
        Check.Close(expected, y, 1e-12);
        Assert.Throws<InvalidArgumentError>(() => none.Apply(x));
    }

    [Fact]
    public void Bidirectional_returns_both_layers_states_and_checks_its_arguments()
    {
        var x = Rand(3, 2, 4, 2);
        var bi = new Bidirectional(new LSTM(3, dtype: DType.Float64));
        var (output, states) = bi.CallWithStates(x);
        Assert.Equal(new Shape(2, 6), output.Shape);
        Assert.Equal(4, states.Length);   // forward h, c, backward h, c
        var e = Assert.Throws<InvalidArgumentError>(() => new Bidirectional(new LSTM(3), mergeMode: "max"));
        Assert.Contains("Invalid merge mode. Received: max", e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => new Bidirectional(new LSTM(3), backwardLayer: new LSTM(3)));
        Assert.Contains("opposite directions", e.Message);
    }

    [Fact]
    public void Bidirectional_weights_save_under_Keras_3s_attribute_names()
    {
        var model = new Sequential([new Bidirectional(new SimpleRNN(2), inputShape: [3, 2]), new Dense(1)]);
        var paths = Strata.Keras.Saving.KerasWeightsLayout.Plan(model).Where(p => p.Vars.Count > 0).Select(p => p.Path).ToArray();
        Assert.Equal(["/layers/bidirectional/forward_layer/cell/vars", "/layers/bidirectional/backward_layer/cell/vars", "/layers/dense/vars"], paths);
    }

    [Fact]
    public void Bidirectional_gradients_match_finite_differences()
    {
        var bi = new Bidirectional(new SimpleRNN(2, returnSequences: true, dtype: DType.Float64), mergeMode: "concat");
        FiniteDifferences.Check(x => bi.Apply(x), Rand(4, 2, 3, 2));
    }

    [Fact]
    public void A_bidirectional_LSTM_learns_which_end_of_the_sequence_is_larger()
    {
        tf.random.SetSeed(2);
        var x = tf.random.Normal([128, 6, 1]);
        var y = tf.Cast(tf.Greater(x[.., 0, 0], x[.., ^1, 0]), DType.Float32);
        var model = new Sequential([new Bidirectional(new LSTM(8), inputShape: [6, 1]), new Dense(1, activation: "sigmoid")]);
        model.Compile(new Adam(0.02), "binary_crossentropy", ["accuracy"]);
        var history = model.Fit(x, y, batchSize: 32, epochs: 30, verbose: 0);
        Assert.True(history.history["accuracy"][^1] > 0.9, $"accuracy {history.history["accuracy"][^1]}");
    }

    [Fact]
    public void TimeDistributed_applies_the_same_layer_at_every_step()
    {
        var x = tf.Cast(Rand(5, 2, 4, 3), DType.Float32);
        var dense = new Dense(5, activation: "tanh");
        var td = new TimeDistributed(dense);
        var y = td.Apply(x);
        Assert.Equal(new Shape(2, 4, 5), y.Shape);
        for (int t = 0; t < 4; t++)
            Assert.Equal(dense.Apply(x[.., t]).ToArray<float>(), y[.., t].ToArray<float>());
        // The fold into the batch and back is differentiable (float64, through a weightless layer).
        var softmax = new TimeDistributed(new ActivationLayer("softmax"));
        FiniteDifferences.Check(v => softmax.Apply(v), Rand(6, 2, 4, 3));
        var e = Assert.Throws<InvalidArgumentError>(() => new TimeDistributed(new Dense(2)).Apply(tf.Ones([2, 3])));
        Assert.Contains("at least 3 dimensions", e.Message);
        var model = new Sequential([new TimeDistributed(new Dense(1), inputShape: [4, 3])]);
        Assert.Equal(["/layers/time_distributed/layer/vars"],
            Strata.Keras.Saving.KerasWeightsLayout.Plan(model).Where(p => p.Vars.Count > 0).Select(p => p.Path));
    }

    [Fact]
    public void A_TimeDistributed_Dense_trains()
    {
        tf.random.SetSeed(3);
        var x = tf.random.Normal([64, 5, 2]);
        var y = x[.., .., ..1] * 2.0f - x[.., .., 1..] ;
        var model = new Sequential([new TimeDistributed(new Dense(1), inputShape: [5, 2])]);
        model.Compile(new Adam(0.05), "mse");
        var history = model.Fit(x, y, batchSize: 16, epochs: 40, verbose: 0);
        Assert.True(history.history["loss"][^1] < 0.01, $"loss {history.history["loss"][^1]}");
    }
}
