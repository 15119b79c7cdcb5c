using Strata.Keras.Layers;
using Strata.Keras.Losses;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace Strata.Bench.Workloads;

/// <summary>
/// One training epoch of the Fashion-MNIST sample's model (Flatten 28×28 → Dense 128 relu → Dense 10, Adam,
/// sparse categorical cross-entropy from logits, batch 32, shuffled): 60,000 images, 1,875 steps, in seconds.
/// Strata trains through <c>Model.Fit</c>; TorchSharp through the usual loop (Linear/ReLU/Linear, Adam with
/// Keras's epsilon, cross_entropy, backward, step), each step in a dispose scope. Uses the real data when it
/// is installed (scripts/install-fashion-mnist.sh), otherwise random images of the same shape (said on stderr).
/// </summary>
internal sealed class MlpEpochWorkload : IWorkload
{
    private const int BatchSize = 32;

    public string Name => "mlp-epoch";

    public WorkloadResult Run(BenchContext ctx)
    {
        var (images, labels) = TrainingData.FashionMnist(Name);
        int n = images.Shape[0];

        tf.random.SetSeed(1);
        var model = new Sequential([new Flatten(inputShape: [28, 28]), new Dense(128, activation: "relu"), new Dense(10)]);
        model.Compile(optimizer: new Adam(), loss: new SparseCategoricalCrossentropy(fromLogits: true));
        void StrataEpoch() => model.Fit(images, labels, batchSize: BatchSize, epochs: 1, verbose: 0);

        var flat = images.ToArray<float>();
        var labelValues = tf.Cast(labels, DType.Int64).ToArray<long>();
        using var tImages = torch.tensor(flat, [n, 784]);
        using var tLabels = torch.tensor(labelValues, [n]);
        var net = torch.nn.Sequential(
            ("fc1", torch.nn.Linear(784, 128)), ("relu", torch.nn.ReLU()), ("fc2", torch.nn.Linear(128, 10)));
        var optimizer = torch.optim.Adam(net.parameters(), lr: 1e-3, eps: 1e-7);
        var generator = new torch.Generator(1);
        void TorchEpoch()
        {
            using var perm = torch.randperm(n, generator: generator);
            for (int start = 0; start < n; start += BatchSize)
            {
                using var scope = torch.NewDisposeScope();
                var idx = perm.slice(0, start, Math.Min(start + BatchSize, n), 1);
                var xb = tImages.index_select(0, idx);
                var yb = tLabels.index_select(0, idx);
                optimizer.zero_grad();
                var loss = torch.nn.functional.cross_entropy(net.forward(xb), yb);
                loss.backward();
                optimizer.step();
            }
        }

        // An epoch is long enough to time on its own: one warm-up epoch, then the median of three.
        var quick = new BenchContext { Threads = ctx.Threads, SampleSeconds = 0, Samples = 3 };
        var (s, t) = Measure.Compare(quick, StrataEpoch, TorchEpoch);
        return new WorkloadResult(s, t, "s", HigherIsBetter: false);
    }
}
