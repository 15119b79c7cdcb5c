using System.Diagnostics;
using System.Globalization;
using Strata.Keras.Layers;
using Strata.Keras.Losses;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;
using Strata.Kernels;
using TorchSharp;
using static TorchSharp.torch;

namespace Strata.Bench.Workloads;

/// <summary>
/// One training epoch of samples/FashionMnistCnn's model (Conv2D 32 3×3 relu → MaxPool 2 → Conv2D 64 3×3 relu →
/// MaxPool 2 → Flatten → Dense 128 relu → Dense 10; Adam, sparse categorical cross-entropy from logits, batch 32,
/// shuffled): 60,000 images, 1,875 steps, in seconds, with each side's peak working set. Each side runs in a child
/// process of its own (the same bench, <c>--child cnn-epoch:strata|torchsharp</c>), because a peak working set is a
/// whole process's: libtorch's libraries alone would be counted against Strata otherwise. In each child: 100 steps of
/// warm-up, then one timed epoch; three children per side, alternating, and the median. Strata trains through <c>Model.Fit</c> on NHWC images; TorchSharp through its usual
/// loop on NCHW images (libtorch's native layout), Adam with Keras's epsilon.
/// </summary>
internal sealed class CnnEpochWorkload : IWorkload
{
    public const string ChildPrefix = "cnn-epoch:";
    private const int BatchSize = 32, WarmupSteps = 100;

    public string Name => "cnn-epoch";

    /// <summary>Children per side, alternating, so that both see the same machine (one epoch of libtorch on two threads
    /// read 9.2 to 13.3 s from run to run here); the median is reported, and the largest peak.</summary>
    private const int Runs = 3;

    public WorkloadResult Run(BenchContext ctx)
    {
        var strata = new List<(double Seconds, double PeakMiB)>();
        var torch = new List<(double Seconds, double PeakMiB)>();
        for (int r = 0; r < Runs; r++)
        {
            strata.Add(RunChild("strata", ctx.Threads));
            torch.Add(RunChild("torchsharp", ctx.Threads));
        }
        static double Median(List<(double Seconds, double PeakMiB)> runs) => runs.Select(x => x.Seconds).Order().ElementAt(runs.Count / 2);
        return new WorkloadResult(Median(strata), Median(torch), "s", HigherIsBetter: false)
        {
            StrataPeakMiB = strata.Max(x => x.PeakMiB),
            TorchPeakMiB = torch.Max(x => x.PeakMiB),
        };
    }

    /// <summary>Starts this bench again as <c>--child cnn-epoch:&lt;side&gt;</c> and reads its "seconds peakMiB" line.</summary>
    private static (double Seconds, double PeakMiB) RunChild(string side, int threads)
    {
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path to start the bench");
        var psi = new ProcessStartInfo(self) { UseShellExecute = false, RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") psi.ArgumentList.Add(typeof(CnnEpochWorkload).Assembly.Location);
        foreach (var a in new[] { "--child", ChildPrefix + side, "--threads", threads.ToString(CultureInfo.InvariantCulture) })
            psi.ArgumentList.Add(a);
        using var child = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {self}");
        string output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        var fields = output.Trim().Split(' ');
        if (child.ExitCode != 0 || fields.Length != 2
            || !double.TryParse(fields[0], CultureInfo.InvariantCulture, out double seconds)
            || !double.TryParse(fields[1], CultureInfo.InvariantCulture, out double peak))
            throw new InvalidOperationException($"cnn-epoch: the {side} child exited with {child.ExitCode} and printed '{output.Trim()}'.");
        return (seconds, peak);
    }

    /// <summary>The child's work: one side's warm-up and timed epoch; prints "seconds peakMiB".</summary>
    public static int RunSide(string side, int threads)
    {
        var (images, labels) = TrainingData.FashionMnist("cnn-epoch");
        double seconds = side switch
        {
            "strata" => StrataEpoch(images, labels, threads),
            "torchsharp" => TorchEpoch(images, labels, threads),
            _ => throw new ArgumentException($"cnn-epoch: unknown side '{side}' (strata or torchsharp)"),
        };
        double peakMiB = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{seconds:R} {peakMiB:F1}"));
        return 0;
    }

    private static double StrataEpoch(Tensor images, Tensor labels, int threads)
    {
        Parallelism.MaxThreads = threads;
        var x = tf.Reshape(images, [-1, 28, 28, 1]);
        tf.random.SetSeed(1);
        var model = new Sequential([
            new Conv2D(32, 3, activation: "relu", inputShape: [28, 28, 1]),
            new MaxPooling2D(2),
            new Conv2D(64, 3, activation: "relu"),
            new MaxPooling2D(2),
            new Flatten(),
            new Dense(128, activation: "relu"),
            new Dense(10),
        ]);
        model.Compile(optimizer: new Adam(), loss: new SparseCategoricalCrossentropy(fromLogits: true));
        var warmX = tf.Slice(x, [0, 0, 0, 0], [WarmupSteps * BatchSize, -1, -1, -1]);
        var warmY = tf.Slice(labels, [0], [WarmupSteps * BatchSize]);
        model.Fit(warmX, warmY, batchSize: BatchSize, epochs: 1, verbose: 0);
        var clock = Stopwatch.StartNew();
        model.Fit(x, labels, batchSize: BatchSize, epochs: 1, verbose: 0);
        return clock.Elapsed.TotalSeconds;
    }

    private static double TorchEpoch(Tensor images, Tensor labels, int threads)
    {
        torch.set_num_threads(threads);
        int n = images.Shape[0];
        using var tImages = torch.tensor(images.ToArray<float>(), [n, 1, 28, 28]);
        using var tLabels = torch.tensor(tf.Cast(labels, DType.Int64).ToArray<long>(), [n]);
        torch.manual_seed(1);
        var net = torch.nn.Sequential(
            ("conv1", torch.nn.Conv2d(1, 32, 3)), ("relu1", torch.nn.ReLU()), ("pool1", torch.nn.MaxPool2d(2)),
            ("conv2", torch.nn.Conv2d(32, 64, 3)), ("relu2", torch.nn.ReLU()), ("pool2", torch.nn.MaxPool2d(2)),
            ("flatten", torch.nn.Flatten()),
            ("fc1", torch.nn.Linear(64 * 5 * 5, 128)), ("relu3", torch.nn.ReLU()), ("fc2", torch.nn.Linear(128, 10)));
        var optimizer = torch.optim.Adam(net.parameters(), lr: 1e-3, eps: 1e-7);
        var generator = new torch.Generator(1);
        void Steps(int count)
        {
            using var perm = torch.randperm(n, generator: generator);
            for (int start = 0, step = 0; start < n && step < count; start += BatchSize, step++)
            {
                using var scope = torch.NewDisposeScope();
                var idx = perm.slice(0, start, Math.Min(start + BatchSize, n), 1);
                optimizer.zero_grad();
                var loss = torch.nn.functional.cross_entropy(net.forward(tImages.index_select(0, idx)), tLabels.index_select(0, idx));
                loss.backward();
                optimizer.step();
            }
        }
        Steps(WarmupSteps);
        var clock = Stopwatch.StartNew();
        Steps(int.MaxValue);
        return clock.Elapsed.TotalSeconds;
    }
}
