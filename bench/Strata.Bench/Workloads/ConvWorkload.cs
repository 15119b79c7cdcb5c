using Strata.Kernels.Conv;
using TorchSharp;
using TTensor = TorchSharp.torch.Tensor;

namespace Strata.Bench.Workloads;

/// <summary>
/// A float32 conv2d layer's work, in GFLOP/s (2·N·OH·OW·KH·KW·C·O flops per pass; the backward pass counts twice
/// that: input gradient and filter gradient). Forward: Strata <c>tf.Conv2D</c> on NHWC tensors; TorchSharp
/// <c>torch.nn.functional.conv2d</c> on NCHW (libtorch's natural layout), each result disposed at once. Backward:
/// Strata's input-gradient and filter-gradient ops (what the tape runs for a Conv2D); TorchSharp
/// <c>torch.autograd.grad</c> of one recorded forward (graph retained) for the input and the weight.
/// </summary>
internal sealed class ConvWorkload : IWorkload
{
    private readonly int _n, _h, _w, _c, _o, _k;
    private readonly string _padding;
    private readonly bool _backward;

    public ConvWorkload(bool backward, int n, int h, int w, int c, int o, int k, string padding)
    {
        (_backward, _n, _h, _w, _c, _o, _k, _padding) = (backward, n, h, w, c, o, k, padding);
        Name = $"conv2d-{(backward ? "bwd" : "fwd")}-{n}x{h}x{w}x{c}-{o}-{k}x{k}-{padding.ToLowerInvariant()}";
    }

    public string Name { get; }

    public bool ReportsPeakPercent => true;

    public WorkloadResult Run(BenchContext ctx)
    {
        var rng = new Random(42);
        float[] Random(int count)
        {
            var v = new float[count];
            for (int i = 0; i < v.Length; i++) v[i] = (float)(rng.NextDouble() - 0.5);
            return v;
        }
        var g = tf.ConvGeometryOf("Conv2D", 2, new Shape(_n, _h, _w, _c), new Shape(_k, _k, _c, _o), null, null, _padding);
        int oh = g.OH, ow = g.OW;
        double flops = 2.0 * _n * oh * ow * _k * _k * _c * _o * (_backward ? 2 : 1);

        var xs = Random(_n * _h * _w * _c);
        var ws = Random(_k * _k * _c * _o);
        var dys = Random(_n * oh * ow * _o);
        var x = tf.Constant(xs, shape: new Shape(_n, _h, _w, _c));
        var w = tf.Constant(ws, shape: new Shape(_k, _k, _c, _o));
        var dy = tf.Constant(dys, shape: new Shape(_n, oh, ow, _o));
        string padding = _padding;
        Action strataOp = _backward
            ? () => { tf.ConvBackpropInput(g, w, dy); tf.ConvBackpropFilter(g, x, dy); }
            : () => tf.Conv2D(x, w, 1, padding);

        // The same values in torch's layouts: NCHW input, [O, C, KH, KW] weight.
        using var tx = torch.tensor(xs, [_n, _h, _w, _c]).permute(0, 3, 1, 2).contiguous().requires_grad_(_backward);
        using var tw = torch.tensor(ws, [_k, _k, _c, _o]).permute(3, 2, 0, 1).contiguous().requires_grad_(_backward);
        using var tdy = torch.tensor(dys, [_n, oh, ow, _o]).permute(0, 3, 1, 2).contiguous();
        long pad = padding == "SAME" ? (_k - 1) / 2 : 0;
        TTensor TorchConv() => torch.nn.functional.conv2d(tx, tw, padding: [pad, pad]);
        using var recorded = _backward ? TorchConv() : null;
        Action torchOp = _backward
            ? () =>
            {
                var grads = torch.autograd.grad([recorded!], [tx, tw], [tdy], retain_graph: true);
                foreach (var t in grads) t.Dispose();
            }
            : () => { using var y = TorchConv(); };

        Check(x, w, dy, g, tx, tw, tdy, TorchConv);
        var (strataSeconds, torchSeconds) = Measure.Compare(ctx, strataOp, torchOp);
        double alloc = Measure.AllocBytesPerOp(strataOp, 2);
        return new WorkloadResult(flops / strataSeconds / 1e9, flops / torchSeconds / 1e9, "GFLOP/s", HigherIsBetter: true, alloc);
    }

    /// <summary>Guards against timing a wrong result: the two sides' sums must agree (forward output, or both gradients).</summary>
    private void Check(Tensor x, Tensor w, Tensor dy, ConvGeometry g, TTensor tx, TTensor tw, TTensor tdy, Func<TTensor> torchConv)
    {
        void Same(string what, double strata, double torchValue)
        {
            if (Math.Abs(strata - torchValue) > 1e-2 * (1 + Math.Abs(torchValue)))
                throw new InvalidOperationException($"{Name}: {what} sums differ: Strata {strata}, TorchSharp {torchValue}");
        }
        static double SumSquares(Tensor t) => t.ToArray<float>().Sum(v => (double)v * v);
        if (!_backward)
        {
            using var y = torchConv();
            Same("output", SumSquares(tf.Conv2D(x, w, 1, _padding)), y.square().sum().item<float>());
            return;
        }
        using var recorded = torchConv();
        var grads = torch.autograd.grad([recorded], [tx, tw], [tdy]);
        Same("input gradient", SumSquares(tf.ConvBackpropInput(g, w, dy)), grads[0].square().sum().item<float>());
        Same("filter gradient", SumSquares(tf.ConvBackpropFilter(g, x, dy)), grads[1].square().sum().item<float>());
        foreach (var t in grads) t.Dispose();
    }
}
