using System.Globalization;

namespace Strata.Distributed.Tests;

/// <summary>
/// Real MPI jobs of the worker program (tests/Strata.Distributed.Worker): collectives, the equivalence of 2 ranks with
/// per-rank batch 16 and 1 rank with batch 32, and failures that must stop the job. One class, so the jobs run one
/// after another (each takes a second or two).
/// </summary>
public sealed class MultiProcessTests
{
    [Theory]
    [InlineData(MpiRun.OpenMpi)]
    [InlineData(MpiRun.Mpich)]
    public void Collectives_agree_on_two_ranks(string launcher)
    {
        var r = MpiRun.Run(launcher, 2, "collectives");
        Assert.True(r.ExitCode == 0, r.Output);
        Assert.Contains("collectives ok on rank 0 of 2", r.Output);
        Assert.Contains("collectives ok on rank 1 of 2", r.Output);
        Assert.Contains(launcher == MpiRun.OpenMpi ? "Open MPI" : "MPICH", r.Output);
    }

    // 640 samples, global batch 32: 20 steps. 650 leaves a last batch of 10 (5 + 5); 641 one of 1, so rank 1's share
    // of it is empty and it joins the all-reduce with zeros.
    // Hidden width 16: every gradient goes into one fused bucket; 8192: the first kernel (65,536 floats) is reduced on
    // its own, straight from its buffer (scaled after the sum when the ranks' shares are equal, before it when not: 641).
    [Theory]
    [InlineData("sgd", 640, 16)]
    [InlineData("adam", 640, 16)]
    [InlineData("sgd", 650, 16)]
    [InlineData("adam", 641, 16)]
    [InlineData("sgd", 640, 8192)]
    [InlineData("adam", 641, 8192)]
    public void Two_ranks_of_batch_16_train_as_one_process_of_batch_32(string optimizer, int samples, int hidden)
    {
        var (oneWeights, oneLog) = Train(1, optimizer, samples, hidden);
        var (twoWeights, twoLog) = Train(2, optimizer, samples, hidden);
        Assert.Equal(oneWeights.Length, twoWeights.Length);
        // Only the order of summation differs (two half-batch sums added, against one sum): relative to the scale of the
        // weights, the final values agree to float32 rounding.
        double scale = oneWeights.Max(v => Math.Abs((double)v));
        double worst = oneWeights.Zip(twoWeights, (a, b) => Math.Abs((double)a - b)).Max();
        Assert.True(worst <= 1e-5 * scale, $"max |difference| {worst:E3} against max |weight| {scale:F4}");
        Assert.Contains("replicas-agree True", twoLog);
        // The logged loss and accuracy are of the whole epoch, the same in both runs up to rounding.
        Assert.Equal(Field(oneLog, "loss"), Field(twoLog, "loss"), 1e-6);
        Assert.Equal(Field(oneLog, "accuracy"), Field(twoLog, "accuracy"), 1e-9);
        Assert.Equal(Field(oneLog, "steps"), Field(twoLog, "steps"));
    }

    [Fact]
    public void A_custom_training_loop_averages_gradients_in_the_optimizer()
    {
        var one = Custom(1);
        var two = Custom(2);
        double scale = one.Max(v => Math.Abs((double)v));
        double worst = one.Zip(two, (a, b) => Math.Abs((double)a - b)).Max();
        Assert.True(worst <= 1e-5 * scale, $"max |difference| {worst:E3} against max |weight| {scale:F4}");
    }

    private static float[] Custom(int processes)
    {
        string path = Path.Combine(Path.GetTempPath(), $"strata-mpi-{Guid.NewGuid():N}.bin");
        try
        {
            var r = MpiRun.Run(MpiRun.OpenMpi, processes, "custom", path);
            Assert.True(r.ExitCode == 0, r.Output);
            return ReadWeights(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static float[] ReadWeights(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var weights = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, weights, 0, bytes.Length);
        return weights;
    }

    [Fact]
    public void Ranks_that_start_from_different_seeds_train_rank_0s_model()
    {
        string path = Path.Combine(Path.GetTempPath(), $"strata-mpi-{Guid.NewGuid():N}.bin");
        var r = MpiRun.Run(MpiRun.OpenMpi, 2, "train", "adam", "640", "32", path, "--hidden", "8192", "--unseeded");
        File.Delete(path);
        Assert.True(r.ExitCode == 0, r.Output);
        Assert.Contains("replicas-agree True", r.Output);
    }

    [Fact]
    public void Only_rank_0_writes_checkpoints()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"strata-mpi-ckpt-{Guid.NewGuid():N}");
        try
        {
            var r = MpiRun.Run(MpiRun.OpenMpi, 2, "checkpoint", dir);
            Assert.True(r.ExitCode == 0, r.Output);
            Assert.Contains("rank 0 wrote 2 checkpoint(s)", r.Output);
            Assert.Contains("rank 1 wrote 0 checkpoint(s)", r.Output);
            Assert.Equal(["ckpt_01.weights.h5", "ckpt_02.weights.h5"], Directory.GetFiles(dir).Select(Path.GetFileName).Order());
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_callback_that_stops_training_on_one_rank_stops_every_rank()
    {
        var r = MpiRun.Run(MpiRun.OpenMpi, 2, "stop", "1");
        Assert.True(r.ExitCode == 0, r.Output);
        Assert.Contains("rank 0 stopped after 4 steps", r.Output);
        Assert.Contains("rank 1 stopped after 4 steps", r.Output);
    }

    [Theory]
    [InlineData(MpiRun.OpenMpi, "throw")]
    [InlineData(MpiRun.OpenMpi, "kill")]
    [InlineData(MpiRun.Mpich, "throw")]
    [InlineData(MpiRun.Mpich, "kill")]
    public void A_failing_rank_stops_the_job_within_30_seconds(string launcher, string how)
    {
        // The training would run 1000 epochs: only the failure can end it early.
        var r = MpiRun.RunWithin(launcher, 2, TimeSpan.FromSeconds(60), how, "1");
        Assert.False(r.TimedOut, $"the job was still running after 60 s:\n{r.Output}");
        Assert.True(r.Elapsed < TimeSpan.FromSeconds(30), $"the job took {r.Elapsed.TotalSeconds:F1} s to stop:\n{r.Output}");
        Assert.NotEqual(0, r.ExitCode);
        if (how == "throw") Assert.Contains("rank 1 of 2 failed, aborting all ranks: a training step threw InvalidOperationException", r.Output);
        else if (launcher == MpiRun.OpenMpi) Assert.Contains("process rank 1", r.Output); // mpirun's report of the killed rank
        else Assert.Contains("signal 9", r.Output);                                         // MPICH's hydra names its PID and signal
    }

    private static (float[] Weights, string Log) Train(int processes, string optimizer, int samples, int hidden)
    {
        string path = Path.Combine(Path.GetTempPath(), $"strata-mpi-{Guid.NewGuid():N}.bin");
        try
        {
            var r = MpiRun.Run(MpiRun.OpenMpi, processes, "train", optimizer, samples.ToString(CultureInfo.InvariantCulture), "32", path,
                "--hidden", hidden.ToString(CultureInfo.InvariantCulture));
            Assert.True(r.ExitCode == 0, r.Output);
            return (ReadWeights(path), r.Output.Split('\n').Single(l => l.StartsWith("replicas ", StringComparison.Ordinal)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static double Field(string log, string name)
    {
        var parts = log.Trim().Split(' ');
        return double.Parse(parts[Array.IndexOf(parts, name) + 1], CultureInfo.InvariantCulture);
    }
}
