using TorchSharp;
using static TorchSharp.torch;

namespace Strata.Bench.Workloads;

/// <summary>softplus over 1M float32 values (spread over both thresholds), in ms per call: Strata's tf.Softplus (the
/// blocked, vectorised, threaded kernel) against torch.nn.functional.softplus, each result dropped or disposed at once.</summary>
internal sealed class SoftplusWorkload : IWorkload
{
    private const int N = 1 << 20;

    public string Name => "softplus-1m";

    public WorkloadResult Run(BenchContext ctx)
    {
        var rng = new Random(42);
        var data = new float[N];
        for (int i = 0; i < N; i++) data[i] = (float)(rng.NextDouble() * 60 - 30);
        var x = tf.Constant(data);
        void StrataOp() => _ = tf.Softplus(x);

        using var tx = torch.tensor(data);
        void TorchOp()
        {
            using var ty = torch.nn.functional.softplus(tx);
        }

        // Guard against comparing a wrong result: both sides agree on a few elements.
        var ours = tf.Softplus(x).ToArray<float>();
        using (var theirs = torch.nn.functional.softplus(tx))
        {
            var flat = theirs.data<float>().ToArray();
            foreach (int i in new[] { 0, N / 2, N - 1 })
                if (Math.Abs(flat[i] - ours[i]) > 1e-5f * (1 + Math.Abs(flat[i])))
                    throw new InvalidOperationException($"{Name}: Strata y[{i}] = {ours[i]}, TorchSharp {flat[i]}");
        }

        var (s, t) = Measure.Compare(ctx, StrataOp, TorchOp);
        return new WorkloadResult(s * 1e3, t * 1e3, "ms", HigherIsBetter: false, Measure.AllocBytesPerOp(StrataOp, 4));
    }
}
