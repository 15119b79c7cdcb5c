using Strata.Keras.Layers;
using TorchSharp;
using static TorchSharp.torch;
using TorchTensor = TorchSharp.torch.Tensor;

namespace Strata.Bench.Workloads;

/// <summary>
/// <c>attention-block</c>: one pre-norm Transformer decoder block, forward and backward, in ms per step: x (16, 256, 256)
/// → LayerNormalization → causal MultiHeadAttention (8 heads of 32) → residual → LayerNormalization → Dense 1024 GELU →
/// Dense 256 → residual; loss mean(y²), gradients of every weight (~22.5 GFLOP). Strata: its Keras layers under a
/// GradientTape (the heads on <c>tf.ScaledDotProductAttention</c>); TorchSharp: the same block written with
/// <c>layer_norm</c>, <c>linear</c>, <c>scaled_dot_product_attention(is_causal: true)</c> and <c>gelu</c>, gradients by
/// <c>torch.autograd.grad</c>. Both sides start from the same weights, and their losses are checked to agree.
/// </summary>
internal sealed class AttentionBlockWorkload : IWorkload
{
    private const int B = 16, T = 256, D = 256, H = 8, Hd = D / H, F = 4 * D;

    public string Name => "attention-block";

    public WorkloadResult Run(BenchContext ctx)
    {
        tf.random.SetSeed(3);
        var rng = new Random(5);
        var xs = new float[B * T * D];
        for (int i = 0; i < xs.Length; i++) xs[i] = (float)(rng.NextDouble() * 2 - 1);
        var x = tf.Constant(xs, shape: new Shape(B, T, D));

        var ln1 = new LayerNormalization(epsilon: 1e-5);
        var mha = new MultiHeadAttention(H, Hd);
        var ln2 = new LayerNormalization(epsilon: 1e-5);
        var fc1 = new Dense(F, activation: "gelu");
        var fc2 = new Dense(D);
        Tensor Forward()
        {
            var h = ln1.Apply(x);
            var x2 = x + mha.Call(h, h, useCausalMask: true);
            return x2 + fc2.Apply(fc1.Apply(ln2.Apply(x2)));
        }
        using (GradientTape.PauseAll()) Forward();
        var weights = new[] { (Layer)ln1, mha, ln2, fc1, fc2 }.SelectMany(l => l.TrainableWeights).ToArray();
        double strataLoss = 0;
        void StrataStep()
        {
            using var tape = new GradientTape();
            var y = Forward();
            var loss = tf.ReduceMean(tf.Square(y));
            var grads = tape.Gradient(loss, weights);
            strataLoss = loss.Item<float>();
            _ = grads;
        }

        // TorchSharp: the same weights (a Keras kernel (in, …, out) is a torch weight (out, in)ᵀ).
        var dispose = new List<TorchTensor>();
        TorchTensor P(TorchTensor t) { var p = t.requires_grad_(true); dispose.Add(p); return p; }
        TorchTensor Kernel(Variable v, int rows) => P(torch.tensor(v.ToArray<float>(), [rows, v.Size / rows]).t().contiguous());
        TorchTensor Vec(Variable? v, int n) => P(v is null ? torch.zeros(n) : torch.tensor(v.ToArray<float>(), [n]));
        var mw = mha.Weights;
        var g1 = Vec(ln1.Gamma, D); var b1 = Vec(ln1.Beta, D);
        var wq = Kernel(mw[0], D); var bq = Vec(mw[1], D);
        var wk = Kernel(mw[2], D); var bk = Vec(mw[3], D);
        var wv = Kernel(mw[4], D); var bv = Vec(mw[5], D);
        var wo = Kernel(mw[6], D); var bo = Vec(mw[7], D);
        var g2 = Vec(ln2.Gamma, D); var b2 = Vec(ln2.Beta, D);
        var w1 = Kernel(fc1.Kernel!, D); var c1 = Vec(fc1.Bias, F);
        var w2 = Kernel(fc2.Kernel!, F); var c2 = Vec(fc2.Bias, D);
        var parameters = new[] { g1, b1, wq, bq, wk, bk, wv, bv, wo, bo, g2, b2, w1, c1, w2, c2 };
        using var tx = torch.tensor(xs, [B, T, D]);
        double torchLoss = 0;
        void TorchStep()
        {
            using var scope = torch.NewDisposeScope();
            var h = nn.functional.layer_norm(tx, [D], g1, b1, 1e-5);
            TorchTensor Heads(TorchTensor w, TorchTensor b) => nn.functional.linear(h, w, b).view(B, T, H, Hd).transpose(1, 2);
            var a = nn.functional.scaled_dot_product_attention(Heads(wq, bq), Heads(wk, bk), Heads(wv, bv), null, 0.0, true);
            var x2 = tx + nn.functional.linear(a.transpose(1, 2).reshape(B, T, D), wo, bo);
            var m = nn.functional.linear(nn.functional.gelu(nn.functional.linear(nn.functional.layer_norm(x2, [D], g2, b2, 1e-5), w1, c1)), w2, c2);
            var y = x2 + m;
            var loss = (y * y).mean();
            var grads = torch.autograd.grad([loss], parameters);
            torchLoss = loss.item<float>();
            foreach (var g in grads) g.Dispose();
        }

        StrataStep();
        TorchStep();
        if (Math.Abs(strataLoss - torchLoss) > 1e-3 * Math.Abs(torchLoss))
            throw new InvalidOperationException($"attention-block: Strata's loss is {strataLoss}, TorchSharp's {torchLoss}.");
        var (s, t) = Measure.Compare(ctx, StrataStep, TorchStep);
        foreach (var p in dispose) p.Dispose();
        return new WorkloadResult(s * 1e3, t * 1e3, "ms", HigherIsBetter: false);
    }
}
