using TorchSharp;
using static TorchSharp.torch;

namespace Strata.Bench.Workloads;

/// <summary>A 1×3 + 1×3 add, in µs: the cost of one eager op on a tiny tensor.</summary>
internal sealed class AddSmallWorkload : IWorkload
{
    public string Name => "add-small";

    public WorkloadResult Run(BenchContext ctx)
    {
        var a = tf.Constant(new[] { 1f, 2f, 3f }, shape: [1, 3]);
        var b = tf.Constant(new[] { 4f, 5f, 6f }, shape: [1, 3]);
        void StrataOp() => _ = a + b;

        using var ta = torch.tensor(new[] { 1f, 2f, 3f }, [1, 3]);
        using var tb = torch.tensor(new[] { 4f, 5f, 6f }, [1, 3]);
        void TorchOp()
        {
            using var c = ta + tb;
        }

        var (s, t) = Measure.Compare(ctx, StrataOp, TorchOp);
        return new WorkloadResult(s * 1e6, t * 1e6, "µs", HigherIsBetter: false, Measure.AllocBytesPerOp(StrataOp));
    }
}
