using Strata.Kernels;
using TorchSharp;
using static TorchSharp.torch;

namespace Strata.Bench.Workloads;

/// <summary>A float32 matrix product C = op(A)·op(B) (C is m x n, inner size k), reported in GFLOP/s
/// (2mnk flops per product), or in ns per product for tiny shapes.
/// Strata: <see cref="Gemm.Sgemm"/> on float[] (the kernel tf.MatMul calls) into a preallocated C.
/// TorchSharp: <c>torch.mm</c> on contiguous CPU tensors, a transposed operand passed as the <c>.t()</c>
/// view (so that libtorch's BLAS also reads it in place), each result disposed at once.</summary>
internal sealed class MatMulWorkload : IWorkload
{
    private readonly int _m, _n, _k;
    private readonly bool _transA, _transB, _perOpTime;

    /// <summary>Square n x n times n x n, in GFLOP/s.</summary>
    public MatMulWorkload(int n) : this($"matmul-{n}", n, n, n) { }

    public MatMulWorkload(string name, int m, int n, int k, bool transA = false, bool transB = false, bool perOpTime = false)
    {
        Name = name;
        (_m, _n, _k, _transA, _transB, _perOpTime) = (m, n, k, transA, transB, perOpTime);
    }

    public string Name { get; }

    public bool ReportsPeakPercent => !_perOpTime;

    public WorkloadResult Run(BenchContext ctx)
    {
        int m = _m, n = _n, k = _k;
        bool ta = _transA, tb = _transB;
        double flops = 2.0 * m * n * k;
        var rng = new Random(42);
        var a = new float[m * k];
        var b = new float[k * n];
        var c = new float[m * n];
        for (int i = 0; i < a.Length; i++) a[i] = (float)(rng.NextDouble() - 0.5);
        for (int i = 0; i < b.Length; i++) b[i] = (float)(rng.NextDouble() - 0.5);

        void StrataOp() => Gemm.Sgemm(ta, tb, m, n, k, a, b, c);

        // Storage shapes: A is (m x k), or (k x m) when transposed; B is (k x n), or (n x k).
        using var ta0 = torch.tensor(a, ta ? [k, m] : [m, k]);
        using var tb0 = torch.tensor(b, tb ? [n, k] : [k, n]);
        using var opA = ta ? ta0.t() : ta0.alias();
        using var opB = tb ? tb0.t() : tb0.alias();
        void TorchOp()
        {
            using var tc = torch.mm(opA, opB);
        }

        var (strataSeconds, torchSeconds) = Measure.Compare(ctx, StrataOp, TorchOp);
        double alloc = Measure.AllocBytesPerOp(StrataOp, flops > 1e9 ? 2 : 16);

        // Guard against comparing a wrong result: check the first and last elements of both sides.
        using (var tc = torch.mm(opA, opB))
        {
            var flat = tc.contiguous().data<float>().ToArray();
            foreach (int i in new[] { 0, m * n - 1 })
                if (Math.Abs(flat[i] - c[i]) > 1e-3f * (1 + Math.Abs(flat[i])))
                    throw new InvalidOperationException($"{Name}: Strata C[{i}] = {c[i]}, TorchSharp {flat[i]}");
        }

        return _perOpTime
            ? new WorkloadResult(strataSeconds * 1e9, torchSeconds * 1e9, "ns", HigherIsBetter: false, alloc)
            : new WorkloadResult(flops / strataSeconds / 1e9, flops / torchSeconds / 1e9, "GFLOP/s", HigherIsBetter: true, alloc);
    }
}
