using Strata.Keras.Layers;

namespace Strata.Keras.Tests.Recurrent;

/// <summary>
/// The LSTM layer's fused kernel (tf.LstmSequence: the whole sequence forward and backward through time in one op)
/// against the cell stepped one time step at a time by RNN(LSTMCell), whose equations and float64 gradients the other
/// recurrent tests check: the same weights give the same outputs, states and gradients. Plus the op's own
/// finite-difference check in float32 and its refusal of second derivatives.
/// </summary>
public class FusedLstmTests
{
    private static Tensor Rand(int seed, params int[] shape)
    {
        var rng = new System.Random(seed);
        int n = shape.Aggregate(1, (p, d) => p * d);
        return tf.Constant(Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray(), shape: new Shape(shape));
    }

    private static float[] Values(Tensor t) => t.ToArray<float>();

    private static void Near(Tensor expected, Tensor actual, string what)
    {
        var (e, a) = (Values(expected), Values(actual));
        Assert.Equal(e.Length, a.Length);
        double scale = Math.Max(1e-3, e.Max(v => Math.Abs((double)v)));
        for (int i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(e[i] - a[i]) <= 2e-5 * scale, $"{what}[{i}]: stepped {e[i]}, fused {a[i]}");
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void The_fused_kernel_equals_the_stepped_cell(bool returnSequences, bool goBackwards)
    {
        const int batch = 3, time = 5, features = 4, units = 6;
        var x = Rand(1, batch, time, features);
        var h0 = Rand(2, batch, units);
        var c0 = Rand(3, batch, units);
        var fused = new LSTM(units, returnSequences: returnSequences, goBackwards: goBackwards);
        var stepped = new RNN(new LSTMCell(units), returnSequences: returnSequences, goBackwards: goBackwards);
        fused.EnsureBuilt(x.Shape);
        stepped.EnsureBuilt(x.Shape);
        // Non-trivial weights everywhere (the bias too), the same on both.
        var weights = fused.Weights.Select((w, i) => Rand(10 + i, w.Shape.ToArray())).ToArray();
        for (int i = 0; i < weights.Length; i++)
        {
            fused.Weights[i].Assign(weights[i]);
            stepped.Weights[i].Assign(weights[i]);
        }

        (Tensor Output, Tensor[] States, Tensor?[] Grads) Run(RNN layer)
        {
            using var tape = new GradientTape(persistent: true);
            tape.Watch(x);
            tape.Watch(h0);
            tape.Watch(c0);
            var (output, states) = layer.CallWithStates(x, [h0, c0], training: true);
            // A loss that reads the output and both final states, each with its own weights.
            var loss = tf.ReduceSum(output * Rand(20, output.Shape.ToArray())) + tf.ReduceSum(states[0] * Rand(21, batch, units))
                       + tf.ReduceSum(states[1] * Rand(22, batch, units));
            var grads = tape.Gradient(loss, [x, h0, c0, .. layer.Weights]);
            return (output, states, grads.ToArray());
        }

        var s = Run(stepped);
        var f = Run(fused);
        Near(s.Output, f.Output, "output");
        Near(s.States[0], f.States[0], "h");
        Near(s.States[1], f.States[1], "c");
        string[] names = ["dx", "dh0", "dc0", "dkernel", "drecurrent_kernel", "dbias"];
        for (int i = 0; i < names.Length; i++) Near(s.Grads[i]!, f.Grads[i]!, names[i]);
    }

    [Fact]
    public void LstmSequence_gradients_match_finite_differences()
    {
        const int batch = 2, time = 4, units = 3;
        var projected = Rand(5, batch, time, 4 * units);
        var u = Rand(6, units, 4 * units);
        var h0 = Rand(7, batch, units);
        var c0 = Rand(8, batch, units);
        var w = Rand(9, batch, time, 2 * units);
        Tensor?[] grads;
        using (var tape = new GradientTape())
        {
            foreach (var t in new[] { projected, u, h0, c0 }) tape.Watch(t);
            grads = tape.Gradient(tf.ReduceSum(tf.LstmSequence(projected, u, h0, c0, reverse: true) * w), [projected, u, h0, c0]).ToArray();
        }
        var inputs = new[] { projected, u, h0, c0 };
        for (int which = 0; which < inputs.Length; which++)
        {
            var values = Values(inputs[which]);
            var analytic = Values(grads[which]!);
            for (int j = 0; j < values.Length; j++)
            {
                double L(float d)
                {
                    var moved = (float[])values.Clone();
                    moved[j] += d;
                    var args = (Tensor[])inputs.Clone();
                    args[which] = tf.Constant(moved, shape: inputs[which].Shape);
                    return tf.ReduceSum(tf.Cast(tf.LstmSequence(args[0], args[1], args[2], args[3], reverse: true) * w, DType.Float64)).Item<double>();
                }
                const float e = 1e-2f;
                double numeric = (L(e) - L(-e)) / (2 * e);
                Assert.True(Math.Abs(numeric - analytic[j]) <= 2e-3 * (1 + Math.Abs(numeric)),
                    $"input {which} element {j}: tape {analytic[j]}, finite difference {numeric}");
            }
        }
    }

    [Fact]
    public void Second_derivatives_through_the_fused_kernel_are_refused_with_the_way_out()
    {
        var x = Rand(1, 2, 3, 2);
        var lstm = new LSTM(3);
        lstm.EnsureBuilt(x.Shape);
        using var outer = new GradientTape();
        outer.Watch(x);
        using var inner = new GradientTape();
        inner.Watch(x);
        var y = tf.ReduceSum(lstm.Apply(x));
        var e = Assert.Throws<InvalidArgumentError>(() => inner.Gradient(y, x));
        Assert.Contains("LstmSequence: the fused LSTM kernel's gradient has no gradient itself", e.Message);
        Assert.Contains("RNN(new LSTMCell(units))", e.Message);
    }

    [Fact]
    public void A_stateful_LSTM_in_a_Sequential_keeps_no_state_from_the_build_probe()
    {
        // The lab's model: Sequential builds its layers on a placeholder batch of 1, which is no batch to carry.
        var model = new Strata.Keras.Models.Sequential([new Embedding(10, 4), new LSTM(5, returnSequences: true, stateful: true), new Dense(10)]);
        var x = tf.Constant(new int[,] { { 1, 2, 3 }, { 4, 5, 6 }, { 7, 8, 9 } });
        Assert.Equal(new Shape(3, 3, 10), model.Apply(x).Shape);
        Assert.Equal(new Shape(3, 3, 10), model.Apply(x).Shape);   // the carried states are of batch 3 now
    }

    [Fact]
    public void A_stateful_fused_LSTM_carries_its_states_across_batches()
    {
        var x = Rand(4, 2, 6, 3);
        var whole = new LSTM(5);
        whole.EnsureBuilt(x.Shape);
        var stateful = new LSTM(5, stateful: true);
        stateful.EnsureBuilt(x.Shape);
        stateful.SetWeights(whole.GetWeights());
        stateful.Apply(x[.., ..3]);
        Near(whole.Apply(x), stateful.Apply(x[.., 3..]), "after two halves");
        stateful.ResetStates();
        Near(whole.Apply(x[.., 3..]), stateful.Apply(x[.., 3..]), "after a reset");
    }
}
