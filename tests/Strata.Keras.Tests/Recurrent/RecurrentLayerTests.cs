using Strata.Keras.Layers;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;

namespace Strata.Keras.Tests.Recurrent;

/// <summary>SimpleRNN, LSTM and GRU against the cell equations written out in double precision here, their
/// options (sequences, states, direction, statefulness, masks), gradients and a small training run.</summary>
public class RecurrentLayerTests
{
    private static double[] Rand(int seed, int n, double scale = 1)
    {
        var rng = new System.Random(seed);
        return Enumerable.Range(0, n).Select(_ => (rng.NextDouble() * 2 - 1) * scale).ToArray();
    }

    private static Tensor T64(double[] v, params int[] shape) => tf.Constant(v, dtype: DType.Float64, shape: new Shape(shape));

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>row · M for a row vector and a row-major matrix.</summary>
    private static double[] Times(double[] row, double[] m, int cols)
    {
        var r = new double[cols];
        for (int j = 0; j < cols; j++) for (int i = 0; i < row.Length; i++) r[j] += row[i] * m[i * cols + j];
        return r;
    }

    private const int B = 2, Tm = 3, F = 3, U = 2;
    private static readonly double[] X = Rand(1, B * Tm * F);

    private static double[] Step(int b, int t) => X.Skip((b * Tm + t) * F).Take(F).ToArray();

    [Fact]
    public void LstmAgainstItsEquations()
    {
        double[] w = Rand(2, F * 4 * U, 0.5), u = Rand(3, U * 4 * U, 0.5), bias = Rand(4, 4 * U, 0.5);
        var lstm = new LSTM(U, returnSequences: true, dtype: DType.Float64);
        lstm.EnsureBuilt(new Shape(B, Tm, F));
        lstm.SetWeights([T64(w, F, 4 * U), T64(u, U, 4 * U), T64(bias, 4 * U)]);
        var y = lstm.Apply(T64(X, B, Tm, F)).ToArray<double>();
        for (int b = 0; b < B; b++)
        {
            double[] h = new double[U], c = new double[U];
            for (int t = 0; t < Tm; t++)
            {
                var zx = Times(Step(b, t), w, 4 * U);
                var zh = Times(h, u, 4 * U);
                var z = zx.Select((v, j) => v + zh[j] + bias[j]).ToArray();
                for (int j = 0; j < U; j++)
                {
                    double i = Sigmoid(z[j]), f = Sigmoid(z[U + j]), g = Math.Tanh(z[2 * U + j]), o = Sigmoid(z[3 * U + j]);
                    c[j] = f * c[j] + i * g;
                    h[j] = o * Math.Tanh(c[j]);
                }
                for (int j = 0; j < U; j++) Check.Close(h[j], y[(b * Tm + t) * U + j], 1e-12, $"b{b} t{t} unit {j}");
            }
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void GruAgainstItsEquations(bool resetAfter)
    {
        double[] w = Rand(5, F * 3 * U, 0.5), u = Rand(6, U * 3 * U, 0.5), bias = Rand(7, (resetAfter ? 2 : 1) * 3 * U, 0.5);
        var gru = new GRU(U, resetAfter: resetAfter, dtype: DType.Float64);
        gru.EnsureBuilt(new Shape(B, Tm, F));
        gru.SetWeights([T64(w, F, 3 * U), T64(u, U, 3 * U), resetAfter ? T64(bias, 2, 3 * U) : T64(bias, 3 * U)]);
        var y = gru.Apply(T64(X, B, Tm, F)).ToArray<double>();
        for (int b = 0; b < B; b++)
        {
            var h = new double[U];
            for (int t = 0; t < Tm; t++)
            {
                var x = Times(Step(b, t), w, 3 * U).Select((v, j) => v + bias[j]).ToArray();
                var next = new double[U];
                if (resetAfter)
                {
                    var inner = Times(h, u, 3 * U).Select((v, j) => v + bias[3 * U + j]).ToArray();
                    for (int j = 0; j < U; j++)
                    {
                        double z = Sigmoid(x[j] + inner[j]), r = Sigmoid(x[U + j] + inner[U + j]);
                        double cand = Math.Tanh(x[2 * U + j] + r * inner[2 * U + j]);
                        next[j] = z * h[j] + (1 - z) * cand;
                    }
                }
                else
                {
                    var zr = Times(h, u, 3 * U);
                    var r = new double[U];
                    var z = new double[U];
                    for (int j = 0; j < U; j++) { z[j] = Sigmoid(x[j] + zr[j]); r[j] = Sigmoid(x[U + j] + zr[U + j]); }
                    var rh = h.Select((v, j) => r[j] * v).ToArray();
                    var hh = Times(rh, u, 3 * U);
                    for (int j = 0; j < U; j++) next[j] = z[j] * h[j] + (1 - z[j]) * Math.Tanh(x[2 * U + j] + hh[2 * U + j]);
                }
                h = next;
            }
            for (int j = 0; j < U; j++) Check.Close(h[j], y[b * U + j], 1e-12, $"b{b} unit {j}");
        }
    }

    [Fact]
    public void SimpleRnnAgainstItsEquationAndShapes()
    {
        double[] w = Rand(8, F * U), u = Rand(9, U * U), bias = Rand(10, U);
        var rnn = new SimpleRNN(U, dtype: DType.Float64);
        rnn.EnsureBuilt(new Shape(B, Tm, F));
        rnn.SetWeights([T64(w, F, U), T64(u, U, U), T64(bias, U)]);
        var y = rnn.Apply(T64(X, B, Tm, F)).ToArray<double>();
        var h = new double[U];
        for (int t = 0; t < Tm; t++)
        {
            var zx = Times(Step(0, t), w, U);
            var zh = Times(h, u, U);
            h = zx.Select((v, j) => Math.Tanh(v + zh[j] + bias[j])).ToArray();
        }
        Check.Close(h, y[..U], 1e-12);
        Assert.Equal(new Shape(B, U), rnn.Apply(T64(X, B, Tm, F)).Shape);
        Assert.Equal(new Shape(1, 4), new LSTM(4).Apply(tf.Ones([1, 5, 2])).Shape);
        Assert.Equal(new Shape(1, 5, 4), new LSTM(4, returnSequences: true).Apply(tf.Ones([1, 5, 2])).Shape);
        // Keras's weight layouts: LSTM (in, 4u), (u, 4u), (4u); GRU's reset_after bias (2, 3u).
        var lstm = new LSTM(4);
        lstm.Apply(tf.Ones([1, 5, 2]));
        Assert.Equal([new Shape(2, 16), new Shape(4, 16), new Shape(16)], lstm.Weights.Select(v => v.Shape));
        Assert.Equal(new float[] { 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0 }, lstm.Weights[2].ToArray<float>()); // unit_forget_bias
        var gru = new GRU(3);
        gru.Apply(tf.Ones([1, 5, 2]));
        Assert.Equal(new Shape(2, 9), gru.Weights[2].Shape);
        Assert.Equal(4 * (2 * 4 + 4 * 4 + 4), lstm.CountParams());
    }

    [Fact]
    public void ReturnStateGoBackwardsAndInitialStates()
    {
        var x = T64(X, B, Tm, F);
        var lstm = new LSTM(U, dtype: DType.Float64);
        var (output, states) = lstm.CallWithStates(x);
        Assert.Equal(2, states.Length);
        Assert.Equal(output.ToArray<double>(), states[0].ToArray<double>());     // the last output is h
        // Backwards over x equals forwards over x reversed in time.
        var back = new LSTM(U, goBackwards: true, dtype: DType.Float64);
        back.EnsureBuilt(x.Shape);
        back.SetWeights(lstm.GetWeights());
        var reversed = x[.., TensorIndex.Slice(null, null, -1)];
        Check.Close(lstm.Apply(reversed).ToArray<double>(), back.Apply(x).ToArray<double>(), 1e-12);
        // Continuing from the returned states equals running the whole sequence at once.
        var first = x[.., ..2];
        var rest = x[.., 2..];
        var (_, mid) = lstm.CallWithStates(first);
        var (end, _) = lstm.CallWithStates(rest, initialState: mid);
        Check.Close(output.ToArray<double>(), end.ToArray<double>(), 1e-12);
        var e = Assert.Throws<InvalidArgumentError>(() => lstm.CallWithStates(x, initialState: [mid[0]]));
        Assert.Contains("2 state(s) but 1", e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => lstm.CallWithStates(x, initialState: [tf.Zeros([B, 3], DType.Float64), mid[1]]));
        Assert.Contains($"must have shape ({B}, {U})", e.Message);
    }

    [Fact]
    public void StatefulCarriesStatesUntilReset()
    {
        var x = T64(X, B, Tm, F);
        var whole = new GRU(U, dtype: DType.Float64);
        var full = whole.Apply(x).ToArray<double>();
        var stateful = new GRU(U, stateful: true, dtype: DType.Float64);
        stateful.EnsureBuilt(x.Shape);
        stateful.SetWeights(whole.GetWeights());
        stateful.Apply(x[.., ..1]);
        var continued = stateful.Apply(x[.., 1..]).ToArray<double>();
        Check.Close(full, continued, 1e-12);
        stateful.ResetStates();
        Check.Close(whole.Apply(x[.., 1..]).ToArray<double>(), stateful.Apply(x[.., 1..]).ToArray<double>(), 1e-12);
        var e = Assert.Throws<InvalidArgumentError>(() => stateful.Apply(tf.Zeros([B + 1, 2, F], DType.Float64)));
        Assert.Contains("ResetStates", e.Message);
    }

    [Fact]
    public void AStatefulLayerInASequentialTakesItsFirstBatchAsIs()
    {
        // Sequential builds on the first call by a symbolic pass on stand-in zeros of batch 1: a stateful layer must
        // not carry states from them (Lab 1 Part 2's first call has a batch of 32).
        var model = new Sequential([new Embedding(10, 4), new LSTM(U, returnSequences: true, stateful: true), new Dense(10)]);
        var y = model.Apply(tf.Zeros([B + 1, Tm], DType.Int64));
        Assert.Equal(new Shape(B + 1, Tm, 10), y.Shape);
        Assert.Equal(new Shape(B + 1, Tm, 10), model.Apply(tf.Ones([B + 1, Tm], DType.Int64)).Shape);   // carried
    }

    [Fact]
    public void MaskedStepsKeepTheStates()
    {
        // Sequence 0 has 3 valid steps, sequence 1 only 2: its result must equal the 2-step run of it.
        var x = T64(X, B, Tm, F);
        var lstm = new LSTM(U, returnSequences: true, dtype: DType.Float64);
        var mask = tf.Constant(new[] { true, true, true, true, true, false }, shape: new Shape(B, Tm));
        var (masked, states) = lstm.CallWithStates(x, mask: mask);
        var (shortRun, shortStates) = lstm.CallWithStates(x[1..2, ..2]);
        var m = masked.ToArray<double>();
        var s = shortRun.ToArray<double>();
        Check.Close(s[U..(2 * U)], m[(Tm * U + U)..(Tm * U + 2 * U)], 1e-12);   // step 1 of sequence 1
        Check.Close(s[U..(2 * U)], m[(Tm * U + 2 * U)..], 1e-12);               // the masked step repeats it
        Check.Close(shortStates[1].ToArray<double>(), states[1].ToArray<double>()[U..], 1e-12);
        var e = Assert.Throws<InvalidArgumentError>(() => lstm.CallWithStates(x, mask: tf.Constant(new[] { true, false })));
        Assert.Contains("mask must be bool of shape", e.Message);
    }

    [Fact]
    public void GradientsMatchFiniteDifferences()
    {
        var x = FiniteDifferences.Rand(11, 1, 3, 2);
        var lstm = new LSTM(2, returnSequences: true, dtype: DType.Float64);
        lstm.EnsureBuilt(x.Shape);
        FiniteDifferences.Check(v => lstm.Apply(v), x);
        var gru = new GRU(2, dtype: DType.Float64);
        FiniteDifferences.Check(v => gru.Apply(v), x);
        var rnn = new SimpleRNN(2, dtype: DType.Float64);
        FiniteDifferences.Check(v => rnn.Apply(v), x);
        // Initial states get gradients too.
        var h0 = FiniteDifferences.Rand(12, 1, 2);
        FiniteDifferences.Check(h => lstm.CallWithStates(x, initialState: [h, h * 0.5]).Output, h0);
        // And the kernels: the tape's gradient of the recurrent kernel against a finite difference of one entry.
        Tensor? g;
        using (var tape = new GradientTape()) g = tape.Gradient(tf.ReduceSum(lstm.Apply(x)), lstm.Weights[1]);
        var rk = (Variable)lstm.Weights[1];
        var original = rk.ToArray<double>();
        double Loss(double delta)
        {
            var moved = (double[])original.Clone();
            moved[3] += delta;
            rk.Assign(tf.Constant(moved, dtype: DType.Float64, shape: rk.Shape));
            return tf.ReduceSum(lstm.Apply(x)).Item<double>();
        }
        double numeric = (Loss(1e-6) - Loss(-1e-6)) / 2e-6;
        rk.Assign(tf.Constant(original, dtype: DType.Float64, shape: rk.Shape));
        Check.Close(numeric, g!.ToArray<double>()[3], 1e-6);
    }

    [Fact]
    public void AnLstmLearnsTheSignOfASum()
    {
        tf.random.SetSeed(3);
        var x = tf.random.Uniform([64, 6, 1], -1, 1, seed: 4);
        var y = tf.Cast(tf.Greater(tf.ReduceSum(x, [1]), Tensor.Scalar(0, DType.Float32)), DType.Float32);
        var model = new Sequential([new LSTM(8, inputShape: [6, 1]), new Dense(1, activation: "sigmoid")]);
        model.Compile(optimizer: new Adam(learningRate: 0.02), loss: "binary_crossentropy", metrics: ["accuracy"]);
        var history = model.Fit(x, y, batchSize: 16, epochs: 30, verbose: 0);
        Assert.True(history.history["loss"][^1] < 0.5 * history.history["loss"][0],
            $"loss went from {history.history["loss"][0]} to {history.history["loss"][^1]}");
    }

    [Fact]
    public void BadInputNamesTheLayer()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => new LSTM(3).Apply(tf.Ones([2, 3])));
        Assert.Contains("ndim=3", e.Message);
        Assert.Throws<InvalidArgumentError>(() => new GRU(0));
        Assert.Throws<InvalidArgumentError>(() => new SimpleRNN(2, dropout: 1.5));
        e = Assert.Throws<InvalidArgumentError>(() => new LSTMCell(2).Apply(tf.Ones([1, 2])));
        Assert.Contains("is a cell", e.Message);
    }

    [Fact]
    public void DropoutOnlyInTrainingAndSeeded()
    {
        var x = tf.Ones([2, 4, 3]);
        var a = new LSTM(3, dropout: 0.5, recurrentDropout: 0.5, seed: 1);
        var inference = a.Apply(x).ToArray<float>();
        Assert.Equal(inference, a.Apply(x, training: false).ToArray<float>());
        var trained = a.Apply(x, training: true).ToArray<float>();
        Assert.NotEqual(inference, trained);
        var b = new LSTM(3, dropout: 0.5, recurrentDropout: 0.5, seed: 1);
        b.EnsureBuilt(x.Shape);
        b.SetWeights(a.GetWeights());
        Assert.Equal(trained, b.Apply(x, training: true).ToArray<float>());   // same seed, same masks
    }
}
