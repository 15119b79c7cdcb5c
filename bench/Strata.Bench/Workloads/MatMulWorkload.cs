using Strata.Kernels;
using TorchSharp;
using static TorchSharp.torch;

namespace Strata.Bench.Workloads;

/// <summary>Square float32 matrix product C = A·B of size <c>n</c>, in GFLOP/s (2n³ flops per product).
/// Strata: <see cref="Gemm.Sgemm"/> on float[] (the kernel tf.MatMul calls) into a preallocated C.
/// TorchSharp: <c>torch.mm</c> on contiguous CPU tensors, each result disposed at once.</summary>
internal sealed class MatMulWorkload(int n) : IWorkload
{
    public string Name => $"matmul-{n}";

    public bool ReportsPeakPercent => true;

    public WorkloadResult Run(BenchContext ctx)
    {
        double flops = 2.0 * n * n * n;
        var rng = new Random(42);
        var a = new float[n * n];
        var b = new float[n * n];
        var c = new float[n * n];
        for (int i = 0; i < a.Length; i++) { a[i] = (float)(rng.NextDouble() - 0.5); b[i] = (float)(rng.NextDouble() - 0.5); }

        void StrataOp() => Gemm.Sgemm(false, false, n, n, n, a, b, c);
        double strataSeconds = Measure.SecondsPerOp(ctx, StrataOp);
        double alloc = Measure.AllocBytesPerOp(StrataOp, n >= 1024 ? 2 : 16);

        using var ta = torch.tensor(a, [n, n]);
        using var tb = torch.tensor(b, [n, n]);
        double torchSeconds = Measure.SecondsPerOp(ctx, () =>
        {
            using var tc = torch.mm(ta, tb);
        });

        // Guard against comparing a wrong result: spot-check one element of each side.
        using (var tc = torch.mm(ta, tb))
        {
            float t00 = tc[0, 0].item<float>();
            if (Math.Abs(t00 - c[0]) > 1e-3f * (1 + Math.Abs(t00)))
                throw new InvalidOperationException($"{Name}: Strata C[0,0] = {c[0]}, TorchSharp {t00}");
        }

        return new WorkloadResult(flops / strataSeconds / 1e9, flops / torchSeconds / 1e9, "GFLOP/s", HigherIsBetter: true, alloc);
    }
}
