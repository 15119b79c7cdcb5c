using Strata.Keras.Engine;
using Strata.Keras.Layers;
using Strata.Keras.Losses;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;

// Not "…Tests.Attention": that namespace would shadow the Attention layer.
namespace Strata.Keras.Tests.AttentionLayers;

/// <summary>MultiHeadAttention, Attention, AdditiveAttention and the position embeddings: forward passes against
/// attention written out in double loops here, Keras's weight names and shapes, masks (padding and causal) and how
/// they propagate, gradients against finite differences, bad input, and a small training run each.</summary>
public class AttentionLayerTests
{
    private static double[] Rand(int seed, int n, double scale = 1)
    {
        var rng = new System.Random(seed);
        return Enumerable.Range(0, n).Select(_ => (rng.NextDouble() * 2 - 1) * scale).ToArray();
    }

    private static Tensor F32(double[] v, params int[] shape) => tf.Cast(tf.Constant(v, dtype: DType.Float64, shape: new Shape(shape)), DType.Float32);

    private static double[] D(Tensor t) => tf.Cast(t, DType.Float64).ToArray<double>();

    private static void Close(double[] expected, double[] actual, double tol = 1e-5)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tol * (1 + Math.Abs(expected[i])), $"element {i}: expected {expected[i]}, got {actual[i]}");
    }

    /// <summary>Sets every weight of <paramref name="layer"/> to fixed random values (biases too, so they are checked).</summary>
    private static void Randomize(Layer layer, int seed)
    {
        var values = layer.Weights.Select((w, i) => F32(Rand(seed + i, w.Size, 0.5), w.Shape.ToArray())).ToArray();
        layer.SetWeights(values);
    }

    /// <summary>Keras's MHA in loops: projections, per-head softmax(q·k/√H) (masked keys excluded), output projection.</summary>
    private static double[] NaiveMha(MultiHeadAttention mha, double[] x, double[] y, int b, int t, int s, int d, Func<int, int, int, bool>? allowed)
    {
        var w = mha.Weights.Select(D).ToArray();
        double[] wq = w[0], bq = w[1], wk = w[2], bk = w[3], wv = w[4], bv = w[5], wo = w[6], bo = w[7];
        int n = mha.NumHeads, h = mha.KeyDim, hv = mha.ValueDim, e = mha.Weights[6].Shape[2];
        double[] Proj(double[] inp, int steps, double[] k, double[] bias, int dim)
        {
            var r = new double[b * steps * n * dim];
            for (int i = 0; i < b * steps; i++)
                for (int a = 0; a < n * dim; a++)
                {
                    double sum = bias[a];
                    for (int c = 0; c < d; c++) sum += inp[i * d + c] * k[c * n * dim + a];
                    r[i * n * dim + a] = sum;
                }
            return r;
        }
        var q = Proj(x, t, wq, bq, h);
        var kk = Proj(y, s, wk, bk, h);
        var v = Proj(y, s, wv, bv, hv);
        var o = new double[b * t * n * hv];
        for (int bb = 0; bb < b; bb++)
            for (int head = 0; head < n; head++)
                for (int i = 0; i < t; i++)
                {
                    var p = new double[s];
                    double max = double.NegativeInfinity;
                    for (int j = 0; j < s; j++)
                    {
                        if (allowed is not null && !allowed(bb, i, j)) { p[j] = double.NegativeInfinity; continue; }
                        double dot = 0;
                        for (int c = 0; c < h; c++) dot += q[((bb * t + i) * n + head) * h + c] * kk[((bb * s + j) * n + head) * h + c];
                        p[j] = dot / Math.Sqrt(h);
                        max = Math.Max(max, p[j]);
                    }
                    double z = 0;
                    for (int j = 0; j < s; j++) z += p[j] = Math.Exp(p[j] - max);
                    for (int j = 0; j < s; j++)
                        for (int c = 0; c < hv; c++) o[((bb * t + i) * n + head) * hv + c] += p[j] / z * v[((bb * s + j) * n + head) * hv + c];
                }
        var outp = new double[b * t * e];
        for (int i = 0; i < b * t; i++)
            for (int f = 0; f < e; f++)
            {
                double sum = bo[f];
                for (int a = 0; a < n * hv; a++) sum += o[i * n * hv + a] * wo[a * e + f];
                outp[i * e + f] = sum;
            }
        return outp;
    }

    [Fact]
    public void MultiHeadAttentionMatchesLoopsAndHasKerasWeights()
    {
        int b = 2, t = 4, s = 6, d = 5;
        var mha = new MultiHeadAttention(numHeads: 2, keyDim: 3, valueDim: 4);
        var xv = Rand(1, b * t * d);
        var yv = Rand(2, b * s * d);
        var x = F32(xv, b, t, d);
        var y = F32(yv, b, s, d);
        var out0 = mha.Call(x, y);
        Assert.Equal(new Shape(b, t, d), out0.Shape);
        Assert.Equal(["query/kernel", "query/bias", "key/kernel", "key/bias", "value/kernel", "value/bias", "attention_output/kernel", "attention_output/bias"],
            mha.Weights.Select(w => w.Name.Split(':')[0]).ToArray());
        Assert.Equal([new Shape(5, 2, 3), new Shape(2, 3), new Shape(5, 2, 3), new Shape(2, 3), new Shape(5, 2, 4), new Shape(2, 4), new Shape(2, 4, 5), new Shape(5)],
            mha.Weights.Select(w => w.Shape).ToArray());
        Randomize(mha, 10);
        Close(NaiveMha(mha, xv, yv, b, t, s, d, null), D(mha.Call(x, y)));
        // The explicit path (scores returned) gives the same output, and scores that sum to 1.
        var (o2, scores) = mha.CallWithScores(x, y);
        Close(D(mha.Call(x, y)), D(o2));
        Assert.Equal(new Shape(b, 2, t, s), scores.Shape);
        Close(Enumerable.Repeat(1.0, b * 2 * t).ToArray(), D(tf.ReduceSum(scores, [-1])));
        // An attention mask (batch, T, S).
        var mv = Enumerable.Range(0, b * t * s).Select(i => (i * 7 % 5) != 0 || i % s == 0).ToArray();
        var mask = tf.Constant(mv, shape: new Shape(b, t, s));
        Close(NaiveMha(mha, xv, yv, b, t, s, d, (bb, i, j) => mv[(bb * t + i) * s + j]), D(mha.Call(x, y, attentionMask: mask)));
        // output_shape.
        var wide = new MultiHeadAttention(2, 3, outputShape: [7]);
        Assert.Equal(new Shape(b, t, 7), wide.Call(x, y).Shape);
    }

    [Fact]
    public void CausalMaskLeaksNothingFromTheFuture()
    {
        int b = 1, t = 6, d = 8;
        var mha = new MultiHeadAttention(2, 4);
        var xv = Rand(3, b * t * d);
        var x = F32(xv, b, t, d);
        mha.Call(x, x);
        Randomize(mha, 20);
        var y0 = D(mha.Call(x, x, useCausalMask: true));
        Close(NaiveMha(mha, xv, xv, b, t, t, d, (_, i, j) => j <= i), y0);
        var moved = (double[])xv.Clone();
        for (int c = 0; c < d; c++) moved[4 * d + c] += 3;   // perturb step 4
        var y1 = D(mha.Call(F32(moved, b, t, d), F32(moved, b, t, d), useCausalMask: true));
        for (int i = 0; i < 4 * d; i++) Assert.Equal(y0[i], y1[i]);
        Assert.NotEqual(y0[4 * d], y1[4 * d]);
        // The explicit path's causal mask agrees and puts no weight on the future.
        var (o, scores) = mha.CallWithScores(x, x, useCausalMask: true);
        Close(y0, D(o));
        var sv = D(scores);
        for (int h = 0; h < 2; h++)
            for (int i = 0; i < t; i++)
                for (int j = i + 1; j < t; j++) Assert.True(sv[(h * t + i) * t + j] < 1e-30);
    }

    [Fact]
    public void PaddedAndUnpaddedSequencesAgreeOnValidSteps()
    {
        // Embedding(maskZero) → MultiHeadAttention self-attention → GlobalAveragePooling1D, and → LSTM: the padding mask
        // rides on the tensors, so a sequence padded with zeros gives the same results for its valid steps.
        tf.random.SetSeed(4);
        var emb = new Embedding(10, 8, maskZero: true);
        var mha = new MultiHeadAttention(2, 4);
        var pool = new GlobalAveragePooling1D();
        var lstm = new LSTM(3);
        var shortIds = tf.Constant(new[,] { { 3, 5, 2 } });
        var longIds = tf.Constant(new[,] { { 3, 5, 2, 0, 0 } });
        Tensor[] Run(Tensor ids)
        {
            var e = emb.Apply(ids);
            Assert.NotNull(KerasMasks.Get(e));
            var a = mha.Apply([e, e]);
            Assert.NotNull(KerasMasks.Get(a));
            return [a, pool.Apply(a), lstm.Apply(e), mha.Call(e, e, useCausalMask: true)];
        }
        var r1 = Run(shortIds);
        var r2 = Run(longIds);
        Close(D(r1[0]), D(r2[0][.., ..3]), 1e-6);
        Close(D(r1[1]), D(r2[1]), 1e-6);
        Close(D(r1[2]), D(r2[2]), 1e-6);
        Close(D(r1[3]), D(r2[3][.., ..3]), 1e-6);
        Assert.Equal(new[] { true, true, true, false, false }, KerasMasks.Get(emb.Apply(longIds))!.ToArray<bool>());
        // The mask also goes through layers that only pass it on: Embedding → Dense → LayerNormalization → LSTM.
        Layer[] chain = [new Embedding(10, 4, maskZero: true), new Dense(4), new LayerNormalization(), new LSTM(2)];
        Tensor Chain(Tensor ids) { var h = ids; foreach (var l in chain) h = l.Apply(h); return h; }
        Close(D(Chain(shortIds)), D(Chain(longIds)), 1e-6);
    }

    [Fact]
    public void MaskingLayerMarksAndZeroesPaddingSteps()
    {
        var x = tf.Constant(new float[] { 1, 2, 0, 0, 3, 0, 0, 0 }, shape: new Shape(1, 4, 2));
        var m = new Masking();
        var y = m.Apply(x);
        Assert.Equal(new[] { true, false, true, false }, KerasMasks.Get(y)!.ToArray<bool>());
        var pooled = new GlobalAveragePooling1D().Apply(y);
        Close([2, 1], D(pooled));
        var pad = new Masking(maskValue: 1.0);
        var y2 = pad.Apply(tf.Constant(new float[] { 1, 1, 2, 1 }, shape: new Shape(1, 2, 2)));
        Close([0, 0, 2, 1], D(y2));
    }

    [Fact]
    public void GradientsMatchFiniteDifferences()
    {
        // float32 layers: central differences with a step of 1e-2 and a loose tolerance; the op itself is checked in float64.
        int b = 2, t = 3, d = 4;
        var mha = new MultiHeadAttention(2, 2);
        var x = F32(Rand(5, b * t * d), b, t, d);
        mha.Call(x, x);
        Randomize(mha, 30);
        var w = F32(Rand(6, b * t * d), b, t, d);
        double Loss(Tensor input) => tf.ReduceSum(mha.Call(input, input, useCausalMask: true) * w).Item<float>();
        Tensor?[] grads;
        using (var tape = new GradientTape())
        {
            tape.Watch(x);
            var l = tf.ReduceSum(mha.Call(x, x, useCausalMask: true) * w);
            grads = tape.Gradient(l, [x, mha.Weights[0], mha.Weights[5], mha.Weights[6]]);
        }
        var gx = D(grads[0]!);
        var xv = D(x);
        for (int j = 0; j < xv.Length; j++)
        {
            var p = (double[])xv.Clone(); p[j] += 1e-2;
            var m = (double[])xv.Clone(); m[j] -= 1e-2;
            double num = (Loss(F32(p, b, t, d)) - Loss(F32(m, b, t, d))) / 2e-2;
            Assert.True(Math.Abs(num - gx[j]) <= 2e-2 * (1 + Math.Abs(num)), $"input {j}: tape {gx[j]}, finite difference {num}");
        }
        for (int g = 1; g < 4; g++)
        {
            var variable = mha.Weights[g == 1 ? 0 : g == 2 ? 5 : 6];
            var gv = D(grads[g]!);
            var v0 = variable.Value();
            var vv = D(v0);
            for (int j = 0; j < vv.Length; j += 3)
            {
                var p = (double[])vv.Clone(); p[j] += 1e-2;
                variable.Assign(F32(p, variable.Shape.ToArray()));
                double lp = Loss(x);
                p[j] -= 2e-2;
                variable.Assign(F32(p, variable.Shape.ToArray()));
                double lm = Loss(x);
                variable.Assign(v0);
                double num = (lp - lm) / 2e-2;
                Assert.True(Math.Abs(num - gv[j]) <= 2e-2 * (1 + Math.Abs(num)), $"{variable.Name} {j}: tape {gv[j]}, finite difference {num}");
            }
        }
    }

    /// <summary>Float32 central differences (step 1e-2) of ReduceSum(f() · W) w.r.t. each element of each variable.</summary>
    private static void CheckVariables(Func<Tensor> f, params Variable[] variables)
    {
        var y0 = f();
        var w = F32(Rand(77, y0.Size), y0.Shape.ToArray());
        double Loss() => tf.ReduceSum(f() * w).Item<float>();
        Tensor?[] grads;
        using (var tape = new GradientTape())
        {
            foreach (var v in variables) tape.Watch(v);
            grads = tape.Gradient(tf.ReduceSum(f() * w), variables);
        }
        for (int k = 0; k < variables.Length; k++)
        {
            var variable = variables[k];
            Assert.NotNull(grads[k]);
            var g = D(grads[k]!);
            var v0 = variable.Value();
            var vv = D(v0);
            for (int j = 0; j < vv.Length; j++)
            {
                var p = (double[])vv.Clone(); p[j] += 1e-2;
                variable.Assign(F32(p, variable.Shape.ToArray()));
                double lp = Loss();
                p[j] -= 2e-2;
                variable.Assign(F32(p, variable.Shape.ToArray()));
                double lm = Loss();
                variable.Assign(v0);
                double num = (lp - lm) / 2e-2;
                Assert.True(Math.Abs(num - g[j]) <= 2e-2 * (1 + Math.Abs(num)), $"{variable.Name} {j}: tape {g[j]}, finite difference {num}");
            }
        }
    }

    [Theory]
    [InlineData("dot")]
    [InlineData("concat")]
    [InlineData("additive")]
    public void AttentionGradientsMatchFiniteDifferences(string mode)
    {
        int b = 2, tq = 3, tv = 4, d = 3;
        var q = new Variable(F32(Rand(50, b * tq * d), b, tq, d));
        var v = new Variable(F32(Rand(51, b * tv * d), b, tv, d));
        var k = new Variable(F32(Rand(52, b * tv * d), b, tv, d));
        Attention layer = mode == "additive" ? new AdditiveAttention() : new Attention(useScale: true, scoreMode: mode);
        var vmask = tf.Constant(new[] { true, true, false, true, true, false, true, true }, shape: new Shape(b, tv));
        Tensor F() => layer.Call(q, v, k, useCausalMask: mode == "dot", valueMask: vmask);
        F();
        Randomize(layer, 60);
        CheckVariables(F, [q, v, k, .. layer.TrainableWeights]);
    }

    [Fact]
    public void PositionEmbeddingGradientsMatchFiniteDifferences()
    {
        var tp = new TokenAndPositionEmbedding(6, 4, 3);
        var ids = tf.Constant(new[,] { { 1, 2, 0, 2 }, { 5, 5, 1, 0 } });
        Tensor F() => tf.Square(tp.Apply(ids));
        F();
        CheckVariables(F, [.. tp.TrainableWeights]);
    }

    [Fact]
    public void BadInputGivesClearErrors()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => new MultiHeadAttention(2, 0));
        Assert.Contains("key_dim", e.Message);
        Assert.Contains("0", e.Message);
        var mha = new MultiHeadAttention(2, 2, name: "mha_bad");
        e = Assert.Throws<InvalidArgumentError>(() => mha.Call(tf.Zeros([2, 4]), tf.Zeros([2, 4])));
        Assert.Contains("mha_bad", e.Message);
        Assert.Contains("(2, 4)", e.Message);
        var x = tf.Zeros([2, 3, 4]);
        e = Assert.Throws<InvalidArgumentError>(() => mha.Call(x, x, attentionMask: tf.Ones([2, 3, 5], DType.Bool)));
        Assert.Contains("mha_bad", e.Message);
        Assert.Contains("(2, 3, 5)", e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => mha.Call(x, tf.Zeros([2, 5, 4]), tf.Zeros([2, 6, 4])));
        Assert.Contains("value_shape=(2, 5, 4)", e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => mha.Call(tf.Zeros([2, 3, 6]), tf.Zeros([2, 3, 6])));
        Assert.Contains("(2, 3, 6)", e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => mha.Call(x, x, queryMask: tf.Ones([2, 4], DType.Bool)));
        Assert.Contains("(2, 3)", e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => new Attention(scoreMode: "add"));
        Assert.Contains("score_mode=add", e.Message);
        var att = new Attention(name: "att_bad");
        e = Assert.Throws<InvalidArgumentError>(() => att.Apply([x]));
        e = Assert.Throws<InvalidArgumentError>(() => att.Call(tf.Zeros([3, 4]), x));
        Assert.Contains("att_bad", e.Message);
        Assert.Contains("(3, 4)", e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => att.Call(x, x, valueMask: tf.Ones([2, 2], DType.Bool)));
        Assert.Contains("(2, 3)", e.Message);
        Assert.Throws<InvalidArgumentError>(() => new PositionEmbedding(4).Apply(tf.Zeros([1, 5, 2])));
    }

    [Theory]
    [InlineData("dot", false)]
    [InlineData("dot", true)]
    [InlineData("concat", true)]
    [InlineData("additive", true)]
    public void AttentionLayersMatchLoops(string mode, bool useScale)
    {
        int b = 2, tq = 3, tv = 4, d = 3;
        var qv = Rand(7, b * tq * d);
        var vv = Rand(8, b * tv * d);
        var kv = Rand(9, b * tv * d);
        Attention layer = mode == "additive" ? new AdditiveAttention(useScale) : new Attention(useScale, mode);
        var q = F32(qv, b, tq, d);
        var v = F32(vv, b, tv, d);
        var k = F32(kv, b, tv, d);
        layer.Call(q, v, k);
        if (layer.Weights.Count > 0) Randomize(layer, 40);
        var scale = layer.Scale is null ? null : D(layer.Scale);
        double cw = layer.ConcatScoreWeight is null ? 1 : D(layer.ConcatScoreWeight)[0];
        var vmask = new[] { true, true, false, true, true, false, false, true };
        var qmask = new[] { true, false, true, true, true, false };
        var expected = new double[b * tq * d];
        for (int bb = 0; bb < b; bb++)
            for (int i = 0; i < tq; i++)
            {
                var s = new double[tv];
                for (int j = 0; j < tv; j++)
                {
                    double sc = 0;
                    for (int c = 0; c < d; c++)
                    {
                        double qc = qv[(bb * tq + i) * d + c], kc = kv[(bb * tv + j) * d + c];
                        sc += mode switch
                        {
                            "dot" => qc * kc,
                            "concat" => Math.Tanh(scale![0] * (qc + kc)),
                            _ => (scale is null ? 1 : scale[c]) * Math.Tanh(qc + kc),
                        };
                    }
                    if (mode == "dot" && scale is not null) sc *= scale[0];
                    if (mode == "concat") sc *= cw;
                    s[j] = vmask[bb * tv + j] ? sc : sc - 1e9;
                }
                double max = s.Max(), z = 0;
                for (int j = 0; j < tv; j++) z += s[j] = Math.Exp(s[j] - max);
                for (int j = 0; j < tv; j++)
                    for (int c = 0; c < d; c++)
                        expected[(bb * tq + i) * d + c] += qmask[bb * tq + i] ? s[j] / z * vv[(bb * tv + j) * d + c] : 0;
            }
        var y = layer.Call(q, v, k, queryMask: tf.Constant(qmask, shape: new Shape(b, tq)), valueMask: tf.Constant(vmask, shape: new Shape(b, tv)));
        Close(expected, D(y));
        Assert.Equal(qmask, KerasMasks.Get(y)!.ToArray<bool>());
        var (_, w) = layer.CallWithScores(q, v, k, useCausalMask: true);
        var wv = D(w);
        for (int bb = 0; bb < b; bb++)
            for (int i = 0; i < tq; i++)
                for (int j = i + 1; j < tv; j++) Assert.True(wv[(bb * tq + i) * tv + j] < 1e-6);
    }

    /// <summary>Every position must output the class of the sequence's first token: only attention can see it.</summary>
    private sealed class FirstTokenModel : Model
    {
        private readonly TokenAndPositionEmbedding _emb = new(6, 5, 16);
        private readonly Layer _attention;
        private readonly Dense _head = new(6);

        public FirstTokenModel(Layer attention) => _attention = attention;

        public override Tensor Call(Tensor inputs) => Call(inputs, training: false);

        public override Tensor Call(Tensor inputs, bool? training)
        {
            var x = _emb.Apply(inputs);
            var a = _attention is MultiHeadAttention m ? m.Call(x, x, useCausalMask: true, training: training) : _attention.Apply([x, x], training);
            return _head.Apply(tf.Add(x, a));
        }
    }

    [Theory]
    [InlineData("mha")]
    [InlineData("attention")]
    [InlineData("additive")]
    public void TinyTrainingRunLearnsToAttend(string kind)
    {
        tf.random.SetSeed(7);
        var rng = new System.Random(3);
        int n = 256;
        var xs = new int[n * 5];
        var ys = new int[n * 5];
        for (int i = 0; i < n; i++)
            for (int t = 0; t < 5; t++)
            {
                xs[i * 5 + t] = rng.Next(6);
                ys[i * 5 + t] = xs[i * 5];
            }
        Layer attention = kind switch
        {
            "mha" => new MultiHeadAttention(2, 8),
            "attention" => new Attention(useScale: true),
            _ => new AdditiveAttention(),
        };
        var model = new FirstTokenModel(attention);
        model.Compile(new Adam(learningRate: 0.02), new SparseCategoricalCrossentropy(fromLogits: true));
        var x = tf.Constant(xs, shape: new Shape(n, 5));
        var y = tf.Constant(ys, shape: new Shape(n, 5));
        var history = model.Fit(x, y, batchSize: 32, epochs: 30, verbose: 0);
        var loss = history["loss"];
        Assert.True(loss[^1] < 0.3 * loss[0], $"{kind}: loss {loss[0]} → {loss[^1]}");
    }

    [Fact]
    public void WeightsFileUsesKerasGroupsAndRoundTrips()
    {
        // Keras 3 writes layers/multi_head_attention/query_dense/vars/0 (kernel), /1 (bias), … output_dense.
        tf.random.SetSeed(9);
        var model = new FirstTokenModel(new MultiHeadAttention(2, 4));
        var x = tf.Constant(new[,] { { 1, 2, 3, 4, 5 } });
        var y0 = model.Apply(x).ToArray<float>();
        var groups = Strata.Keras.Saving.KerasWeightsLayout.Plan(model).Where(p => p.Vars.Count > 0).Select(p => p.Path).ToArray();
        Assert.Contains("/layers/multi_head_attention/query_dense/vars", groups);
        Assert.Contains("/layers/multi_head_attention/key_dense/vars", groups);
        Assert.Contains("/layers/multi_head_attention/value_dense/vars", groups);
        Assert.Contains("/layers/multi_head_attention/output_dense/vars", groups);
        var path = Path.Combine(Path.GetTempPath(), $"strata-mha-{Guid.NewGuid():N}.weights.h5");
        try
        {
            model.SaveWeights(path);
            var other = new FirstTokenModel(new MultiHeadAttention(2, 4));
            other.Apply(x);
            other.LoadWeights(path);
            Assert.Equal(y0, other.Apply(x).ToArray<float>());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FunctionalModelWithMaskingAndAttentionSavesAndLoads(bool additive)
    {
        using var dir = new Strata.Keras.Tests.Saving.TempDir();
        keras.SetRandomSeed(12);
        var q = keras.Input([3, 4], name: "q");
        var v = keras.Input([5, 4], name: "v");
        var masked = new Masking(name: "pad").Apply(v);
        Layer att = additive ? new AdditiveAttention(name: "att") : new Attention(useScale: true, scoreMode: "concat", name: "att");
        var model = new Model([q, v], [att.Apply([q, masked])], name: "attn");
        var qv = F32(Rand(70, 2 * 3 * 4), 2, 3, 4);
        var vvals = Rand(71, 2 * 5 * 4);
        for (int c = 0; c < 4; c++) vvals[(0 * 5 + 4) * 4 + c] = 0;   // a padding step
        var vv = F32(vvals, 2, 5, 4);
        var y0 = model.Apply([qv, vv]).ToArray<float>();
        model.Save(dir.File("a.keras"));
        var loaded = keras.models.LoadModel(dir.File("a.keras"));
        Assert.Equal(y0, loaded.Apply([qv, vv]).ToArray<float>());
        // Masking marks the all-zero step of the first sample as padding.
        Assert.Equal(new[] { true, true, true, true, false }, KerasMasks.Get(new Masking().Apply(vv))!.ToArray<bool>()[..5]);
    }

    [Fact]
    public void PositionEmbeddingsAddAVectorPerPosition()
    {
        var pe = new PositionEmbedding(6);
        var x = tf.Zeros([2, 4, 3]);
        var y = pe.Apply(x);
        Assert.Equal(new Shape(2, 4, 3), y.Shape);
        var e = D(pe.Embeddings!);
        Close(e[..12], D(y[0]));
        Close(e[3..15], D(pe.Call(x, startIndex: 1)[1]));
        var tp = new TokenAndPositionEmbedding(5, 4, 3, maskZero: true);
        var ids = tf.Constant(new[,] { { 1, 2, 0 } });
        var out0 = tp.Apply(ids);
        Assert.Equal(new Shape(1, 3, 3), out0.Shape);
        Assert.Equal(new[] { true, true, false }, KerasMasks.Get(out0)!.ToArray<bool>());
        Tensor? g;
        using (var tape = new GradientTape())
            g = tape.Gradient(tf.ReduceSum(tf.Square(pe.Apply(x))), pe.Embeddings!);
        Assert.NotNull(g);
        Close(e[..12].Select(v => 4 * v).Concat(new double[6]).ToArray(), D(g!));
    }
}
