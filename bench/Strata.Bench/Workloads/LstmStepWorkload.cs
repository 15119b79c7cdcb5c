using Strata.Keras.Layers;
using Strata.Keras.Losses;
using Strata.Keras.Optimizers;
using TorchSharp;
using static TorchSharp.torch;
using TorchTensor = TorchSharp.torch.Tensor;

namespace Strata.Bench.Workloads;

/// <summary>
/// <c>lstm-step</c>: one training iteration of MIT Lab 1 Part 2's music model at the lab's batch 8 × sequence 100, in ms:
/// Embedding (83 → 256) → LSTM 1024 (every step's output) → Dense 83, sparse categorical cross-entropy from logits,
/// gradients of every weight and an Adam (5e-3) step (~25.6 GFLOP). Strata: its Keras layers under a GradientTape as
/// the lab's custom loop does (the LSTM on its fused kernel); TorchSharp: <c>nn.Embedding</c>, <c>nn.LSTM</c>
/// (batch first), <c>nn.Linear</c>, <c>cross_entropy</c>, <c>backward</c>, <c>Adam.step</c>. Both start from the same
/// weights and take the same batch; their first losses are checked to agree.
/// </summary>
internal sealed class LstmStepWorkload : IWorkload
{
    private const int Vocab = 83, EmbeddingDim = 256, Units = 1024, Batch = 8, Steps = 100;

    public string Name => "lstm-step";

    public WorkloadResult Run(BenchContext ctx)
    {
        var rng = new Random(7);
        var ids = new int[Batch * Steps];
        var next = new int[Batch * Steps];
        for (int i = 0; i < ids.Length; i++) (ids[i], next[i]) = (rng.Next(Vocab), rng.Next(Vocab));
        var x = tf.Constant(ids, shape: new Shape(Batch, Steps));
        var y = tf.Constant(next, shape: new Shape(Batch, Steps));

        tf.random.SetSeed(1);
        var embedding = new Embedding(Vocab, EmbeddingDim);
        var lstm = new LSTM(Units, returnSequences: true);
        var dense = new Dense(Vocab);
        using (GradientTape.PauseAll()) dense.Apply(lstm.Apply(embedding.Apply(x)));
        var weights = new Layer[] { embedding, lstm, dense }.SelectMany(l => l.TrainableWeights).ToList();
        var loss = new SparseCategoricalCrossentropy(fromLogits: true);
        var adam = new Adam(learningRate: 5e-3);
        double strataLoss = 0;
        void StrataStep()
        {
            using var tape = new GradientTape();
            var value = loss.Call(y, dense.Apply(lstm.Apply(embedding.Apply(x))));
            var grads = tape.Gradient(value, weights);
            adam.ApplyGradients(grads, weights);
            strataLoss = value.Item<float>();
            Kernels.BufferPool.Return(grads);
        }

        // TorchSharp from the same weights: torch's LSTM has Keras's gate order (i, f, g, o); its weights are the
        // transposed Keras kernels, and its two biases add (the recurrent one is left at zero).
        var tEmbedding = nn.Embedding(Vocab, EmbeddingDim);
        var tLstm = nn.LSTM(EmbeddingDim, Units, batchFirst: true);
        var tDense = nn.Linear(Units, Vocab);
        using (torch.no_grad())
        {
            static TorchTensor T(Variable v, params long[] shape) => torch.tensor(v.ToArray<float>(), shape);
            tEmbedding.weight!.copy_(T(embedding.Weights[0], Vocab, EmbeddingDim));
            var lw = lstm.Weights;
            foreach (var (name, p) in tLstm.named_parameters())
            {
                if (name == "weight_ih_l0") p.copy_(T(lw[0], EmbeddingDim, 4 * Units).t());
                else if (name == "weight_hh_l0") p.copy_(T(lw[1], Units, 4 * Units).t());
                else if (name == "bias_ih_l0") p.copy_(T(lw[2], 4 * Units));
                else if (name == "bias_hh_l0") p.zero_();
            }
            tDense.weight!.copy_(T(dense.Weights[0], Units, Vocab).t());
            tDense.bias!.copy_(T(dense.Weights[1], Vocab));
        }
        var parameters = tEmbedding.parameters().Concat(tLstm.parameters()).Concat(tDense.parameters()).ToList();
        var optimizer = torch.optim.Adam(parameters, lr: 5e-3, eps: 1e-7);
        using var tx = torch.tensor(ids.Select(v => (long)v).ToArray(), [Batch, Steps]);
        using var ty = torch.tensor(next.Select(v => (long)v).ToArray(), [Batch * Steps]);
        double torchLoss = 0;
        void TorchStep()
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            var (h, _, _) = tLstm.call(tEmbedding.call(tx));
            var logits = tDense.call(h).reshape(Batch * Steps, Vocab);
            var value = nn.functional.cross_entropy(logits, ty);
            value.backward();
            optimizer.step();
            torchLoss = value.item<float>();
        }

        StrataStep();
        TorchStep();
        if (Math.Abs(strataLoss - torchLoss) > 1e-3 * Math.Abs(torchLoss))
            throw new InvalidOperationException($"lstm-step: Strata's first loss is {strataLoss}, TorchSharp's {torchLoss}.");
        var (s, t) = Measure.Compare(ctx, StrataStep, TorchStep);
        return new WorkloadResult(s * 1e3, t * 1e3, "ms", HigherIsBetter: false);
    }
}
