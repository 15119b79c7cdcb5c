using TorchSharp;
using static TorchSharp.torch;

namespace Strata.Bench.Workloads;

/// <summary>tf.ReduceLogSumExp over 1M float32 elements (the whole tensor) against <c>torch.logsumexp</c> on dim 0,
/// in µs per reduction: a memory-bandwidth workload (two passes over 4 MB).</summary>
internal sealed class LogSumExpWorkload : IWorkload
{
    private const int N = 1 << 20;

    public string Name => "reduce-logsumexp-1m";

    public WorkloadResult Run(BenchContext ctx)
    {
        var rng = new Random(42);
        var values = new float[N];
        for (int i = 0; i < N; i++) values[i] = (float)(rng.NextDouble() * 8 - 4);
        var x = tf.Constant(values);
        void StrataOp() => _ = tf.ReduceLogSumExp(x);

        using var tx = torch.tensor(values);
        void TorchOp()
        {
            using var r = torch.logsumexp(tx, 0);
        }

        // Guard against comparing a wrong result.
        double ours = tf.ReduceLogSumExp(x).Item<float>();
        using (var r = torch.logsumexp(tx, 0))
        {
            double theirs = r.item<float>();
            if (Math.Abs(ours - theirs) > 1e-4 * Math.Abs(theirs))
                throw new InvalidOperationException($"reduce-logsumexp-1m: Strata gives {ours}, TorchSharp {theirs}.");
        }

        var (s, t) = Measure.Compare(ctx, StrataOp, TorchOp);
        return new WorkloadResult(s * 1e6, t * 1e6, "µs", HigherIsBetter: false, Measure.AllocBytesPerOp(StrataOp));
    }
}
