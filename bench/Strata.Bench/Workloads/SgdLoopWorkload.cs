using TorchSharp;
using static TorchSharp.torch;

namespace Strata.Bench.Workloads;

/// <summary>
/// The seed lab's SGD minimisation of (x - 4)^2: 500 steps, each recording the loss on a tape, taking the
/// gradient, assigning x - lr·grad and reading x back to the host (the lab appends it to its history).
/// Reported in µs per step. TorchSharp does the same with autograd: backward, an update under no_grad,
/// zeroing the gradient, and <c>item()</c>, disposing each temporary as TorchSharp code must.
/// </summary>
internal sealed class SgdLoopWorkload : IWorkload
{
    private const int Steps = 500;
    private const float LearningRate = 1e-2f;

    public string Name => "sgd-loop";

    public WorkloadResult Run(BenchContext ctx)
    {
        float strataLast = 0, torchLast = 0;

        void StrataLoop()
        {
            var x = tf.Variable(new[] { tf.Constant(new[] { -1.1771784f }) });
            for (int i = 0; i < Steps; i++)
            {
                Tensor? grad;
                using (var tape = new GradientTape())
                {
                    var loss = tf.Pow(x - 4, 2);
                    grad = tape.Gradient(loss, x);
                }
                x.Assign(x - LearningRate * grad!);
                strataLast = x.Numpy()[0].Item<float>();
            }
        }

        void TorchLoop()
        {
            using var x = torch.tensor(new[] { -1.1771784f }, [1, 1]).requires_grad_(true);
            for (int i = 0; i < Steps; i++)
            {
                // Each temporary disposed as soon as it is dead (cheaper than a dispose scope per step).
                using (var diff = x - 4)
                using (var sq = diff.pow(2))
                using (var loss = sq.sum())
                    loss.backward();
                using (torch.no_grad())
                {
                    using var step = x.grad!.mul(LearningRate);
                    x.sub_(step);
                    x.grad!.zero_();
                }
                torchLast = x.item<float>();
            }
        }

        var (s, t) = Measure.Compare(ctx, StrataLoop, TorchLoop);
        if (Math.Abs(strataLast - torchLast) > 1e-3f)
            throw new InvalidOperationException($"{Name}: Strata ends at x = {strataLast}, TorchSharp at {torchLast}.");
        double alloc = Measure.AllocBytesPerOp(StrataLoop, 2) / Steps;
        return new WorkloadResult(s / Steps * 1e6, t / Steps * 1e6, "µs", HigherIsBetter: false, alloc);
    }
}
