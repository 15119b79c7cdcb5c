using Strata.Datasets;
using Strata.Keras.Layers;
using Strata.Keras.Losses;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace Strata.Bench.Workloads;

/// <summary>
/// One training epoch of samples/FashionMnistCnn's model (Conv2D 32 3×3 relu → MaxPool 2 → Conv2D 64 3×3 relu →
/// MaxPool 2 → Flatten → Dense 128 relu → Dense 10; Adam, sparse categorical cross-entropy from logits, batch 32,
/// shuffled): 60,000 images, 1,875 steps, in seconds. Strata trains through <c>Model.Fit</c> on NHWC images;
/// TorchSharp through the usual loop on NCHW images (Conv2d/MaxPool2d/Linear, Adam with Keras's epsilon), each
/// step in a dispose scope. Real data when installed, random images of the same shape otherwise (said on stderr).
/// </summary>
internal sealed class CnnEpochWorkload : IWorkload
{
    private const int BatchSize = 32;

    public string Name => "cnn-epoch";

    public WorkloadResult Run(BenchContext ctx)
    {
        var (images, labels) = LoadTrainingSet();
        int n = images.Shape[0];
        var nhwc = tf.Reshape(images, [n, 28, 28, 1]);

        tf.random.SetSeed(1);
        var model = new Sequential([
            new Conv2D(32, 3, activation: "relu", inputShape: [28, 28, 1]), new MaxPooling2D(2),
            new Conv2D(64, 3, activation: "relu"), new MaxPooling2D(2),
            new Flatten(), new Dense(128, activation: "relu"), new Dense(10)]);
        model.Compile(optimizer: new Adam(), loss: new SparseCategoricalCrossentropy(fromLogits: true));
        void StrataEpoch() => model.Fit(nhwc, labels, batchSize: BatchSize, epochs: 1, verbose: 0);

        // One channel: NHWC and NCHW hold the same values in the same order.
        var flat = images.ToArray<float>();
        var labelValues = tf.Cast(labels, DType.Int64).ToArray<long>();
        using var tImages = torch.tensor(flat, [n, 1, 28, 28]);
        using var tLabels = torch.tensor(labelValues, [n]);
        var net = torch.nn.Sequential(
            ("conv1", torch.nn.Conv2d(1, 32, 3)), ("relu1", torch.nn.ReLU()), ("pool1", torch.nn.MaxPool2d(2)),
            ("conv2", torch.nn.Conv2d(32, 64, 3)), ("relu2", torch.nn.ReLU()), ("pool2", torch.nn.MaxPool2d(2)),
            ("flatten", torch.nn.Flatten()), ("fc1", torch.nn.Linear(64 * 5 * 5, 128)), ("relu3", torch.nn.ReLU()),
            ("fc2", torch.nn.Linear(128, 10)));
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

        // An epoch is long enough to time on its own: warm-up, then the median of three.
        var quick = new BenchContext { Threads = ctx.Threads, SampleSeconds = 0, Samples = 3 };
        var (s, t) = Measure.Compare(quick, StrataEpoch, TorchEpoch);
        return new WorkloadResult(s, t, "s", HigherIsBetter: false);
    }

    private static (Tensor images, Tensor labels) LoadTrainingSet()
    {
        try
        {
            var (train, _) = FashionMnist.LoadData();
            return (Images.ToFloat01(train.images), train.labels);
        }
        catch (DatasetNotFoundError)
        {
            Console.Error.WriteLine("cnn-epoch: Fashion-MNIST is not installed; timing random images of the same shape.");
            return (tf.random.Uniform([60_000, 28, 28], seed: 1),
                    tf.Cast(tf.random.Uniform([60_000], 0, 10, seed: 2), DType.UInt8));
        }
    }
}
