using System.Diagnostics;
using System.Globalization;
using Strata.Distributed;
using Strata.Keras.Layers;
using Strata.Keras.Losses;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;
using Strata.Kernels;

namespace Strata.Bench.Workloads;

/// <summary>
/// The mlp-epoch model and data trained by <c>mpirun -np 2</c> processes of one thread each under
/// MultiWorkerMirroredStrategy, against one process of one thread (the peer column, "strata-1proc") in the same run:
/// seconds per epoch of 60,000 images, so the speedup is the throughput ratio. Each side is a child job of this bench
/// (<c>mpirun -np P … --child mlp-epoch-mpi:&lt;perReplicaBatch&gt;</c>, one core per rank, Open MPI's default binding):
/// two warm-up epochs (the JIT has promoted the hot methods by then), a barrier, one timed epoch; three jobs per side, alternating, and the median. Both sides use the
/// same per-replica batch, as TensorFlow's guides scale a global batch (per-replica batch × replicas): 32 per replica.
/// Needs Open MPI (scripts/install-mpi.sh).
/// </summary>
internal sealed class MlpEpochMpiWorkload(string name, int perReplicaBatch) : IWorkload
{
    public const string ChildPrefix = "mlp-epoch-mpi:";
    private const int WarmupEpochs = 2, Runs = 3;

    public string Name => name;

    public string Peer => "strata-1proc";

    public WorkloadResult Run(BenchContext ctx)
    {
        var two = new List<double>();
        var one = new List<double>();
        for (int r = 0; r < Runs; r++)
        {
            two.Add(RunJob(2));
            one.Add(RunJob(1));
        }
        return new WorkloadResult(two.Order().ElementAt(Runs / 2), one.Order().ElementAt(Runs / 2), "s", HigherIsBetter: false);
    }

    private double RunJob(int processes)
    {
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path to start the bench");
        var psi = new ProcessStartInfo("mpirun") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var a in new[] { "-np", processes.ToString(CultureInfo.InvariantCulture), self }) psi.ArgumentList.Add(a);
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") psi.ArgumentList.Add(typeof(MlpEpochMpiWorkload).Assembly.Location);
        foreach (var a in new[] { "--child", ChildPrefix + perReplicaBatch.ToString(CultureInfo.InvariantCulture), "--threads", "1" })
            psi.ArgumentList.Add(a);
        psi.Environment["OMPI_ALLOW_RUN_AS_ROOT"] = "1";
        psi.Environment["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1";
        psi.Environment["TERM"] = "dumb";
        Process job;
        try
        {
            job = Process.Start(psi) ?? throw new InvalidOperationException("mpirun did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{name}: mpirun is not installed (bash scripts/install-mpi.sh).", e);
        }
        using (job)
        {
            string output = job.StandardOutput.ReadToEnd();
            job.WaitForExit();
            var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("seconds ", StringComparison.Ordinal));
            if (job.ExitCode != 0 || line is null || !double.TryParse(line[8..], CultureInfo.InvariantCulture, out double seconds))
                throw new InvalidOperationException($"{name}: the {processes}-process job exited with {job.ExitCode} and printed '{output.Trim()}'.");
            return seconds;
        }
    }

    /// <summary>One rank's work in a child job; rank 0 prints "seconds &lt;epoch seconds&gt;".</summary>
    public static int RunRank(int perReplicaBatch)
    {
        Parallelism.MaxThreads = 1;
        var (images, labels) = TrainingData.FashionMnist("mlp-epoch-mpi");
        var strategy = tf.distribute.MultiWorkerMirroredStrategy();
        int batch = perReplicaBatch * strategy.NumReplicasInSync;
        tf.random.SetSeed(1);
        Sequential model;
        using (strategy.Scope())
        {
            model = new Sequential([new Flatten(inputShape: [28, 28]), new Dense(128, activation: "relu"), new Dense(10)]);
            model.Compile(optimizer: new Adam(), loss: new SparseCategoricalCrossentropy(fromLogits: true));
        }
        model.Fit(images, labels, batchSize: batch, epochs: WarmupEpochs, verbose: 0);
        strategy.Communicator.Barrier();
        var clock = Stopwatch.StartNew();
        model.Fit(images, labels, batchSize: batch, epochs: 1, verbose: 0);
        strategy.Communicator.Barrier();
        if (strategy.IsChief) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seconds {clock.Elapsed.TotalSeconds:R}"));
        return 0;
    }
}
