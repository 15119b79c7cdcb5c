using Strata.Keras.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace Strata.Bench.Workloads;

/// <summary>The lab's Dense 2→3 sigmoid layer applied to one 1×2 input (per-call overhead is everything),
/// in µs per forward. TorchSharp: <c>nn.Linear(2, 3)</c> then <c>sigmoid</c>, results disposed.</summary>
internal sealed class DenseTinyWorkload : IWorkload
{
    public string Name => "dense-tiny";

    public WorkloadResult Run(BenchContext ctx)
    {
        var dense = new Dense(3, activation: "sigmoid");
        var x = tf.Constant(new[,] { { 1, 2.0 } });
        dense.Apply(x);
        void StrataOp() => dense.Apply(x);

        using var linear = torch.nn.Linear(2, 3);
        using var tx = torch.tensor(new[] { 1f, 2f }, [1, 2]);
        void TorchOp()
        {
            using var z = linear.forward(tx);
            using var y = torch.sigmoid(z);
        }

        var (s, t) = Measure.Compare(ctx, StrataOp, TorchOp);
        return new WorkloadResult(s * 1e6, t * 1e6, "µs", HigherIsBetter: false, Measure.AllocBytesPerOp(StrataOp));
    }
}
