using System.Numerics;
using System.Numerics.Tensors;

namespace Strata.Kernels;

/// <summary>
/// A whole LSTM sequence in one pass (Keras's gates i, f, c, o; sigmoid gates, tanh cell), forward and backward through
/// time, on float32 spans. The input projection x·W + b of every step is given (one GEMM before the loop); a step adds
/// h·U and runs one fused gate pass. Backward, each step makes one product (dz·Uᵀ) and the recurrent kernel's gradient
/// is one product over all steps at the end (Hprevᵀ·dZ) instead of one per step. U (and Uᵀ for the backward pass) is
/// packed for the micro-kernels once per pass (<see cref="PrepackedMatrix"/>): a small batch times a 4·units-wide kernel
/// would otherwise be packed again at every step, three passes over 16 MB where the product needs one.
/// Layouts, all row-major: projected (B, T, 4U) in time order; the packed states P (B, T, 2U) = [h | c] and the gate
/// activations A (B, T, 4U) = [i | f | g | o] in processing order (reversed time with goBackwards).
/// </summary>
internal static class LstmKernels
{
    public static void Forward(ReadOnlySpan<float> projected, ReadOnlySpan<float> u, ReadOnlySpan<float> h0, ReadOnlySpan<float> c0,
        int batch, int time, int units, bool reverse, Span<float> p, Span<float> a)
    {
        int g4 = 4 * units;
        var recurrent = new PrepackedMatrix(u, units, g4);
        var hPrev = new float[batch * units];
        var z = new float[batch * g4];
        var tanhC = new float[units];
        h0.CopyTo(hPrev);
        for (int k = 0; k < time; k++)
        {
            int t = reverse ? time - 1 - k : k;
            recurrent.Multiply(batch, hPrev, z);
            for (int b = 0; b < batch; b++)
            {
                var zb = z.AsSpan(b * g4, g4);
                TensorPrimitives.Add(zb, projected.Slice((b * time + t) * g4, g4), zb);
                TensorPrimitives.Sigmoid(zb[..(2 * units)], zb[..(2 * units)]);
                TensorPrimitives.Tanh(zb.Slice(2 * units, units), zb.Slice(2 * units, units));
                TensorPrimitives.Sigmoid(zb[(3 * units)..], zb[(3 * units)..]);
                Span<float> i = zb[..units], f = zb.Slice(units, units), g = zb.Slice(2 * units, units), o = zb[(3 * units)..];
                var cPrev = k == 0 ? c0.Slice(b * units, units) : p.Slice(((b * time + k - 1) * 2 + 1) * units, units);
                var hc = p.Slice((b * time + k) * 2 * units, 2 * units);
                Span<float> h = hc[..units], c = hc[units..];
                TensorPrimitives.Multiply(f, cPrev, c);
                TensorPrimitives.FusedMultiplyAdd(i, g, c, c);
                TensorPrimitives.Tanh(c, tanhC);
                TensorPrimitives.Multiply(o, tanhC, h);
                h.CopyTo(hPrev.AsSpan(b * units, units));
                zb.CopyTo(a.Slice((b * time + k) * g4, g4));
            }
        }
    }

    /// <summary>Gradients of the sequence from dP (the gradient of every step's [h | c]): dProjected (B, T, 4U) in time
    /// order, dU (U, 4U), dh0 and dc0 (B, U).</summary>
    public static void Backward(ReadOnlySpan<float> dp, ReadOnlySpan<float> p, ReadOnlySpan<float> a, ReadOnlySpan<float> u,
        ReadOnlySpan<float> h0, ReadOnlySpan<float> c0, int batch, int time, int units, bool reverse,
        Span<float> dProjected, Span<float> du, Span<float> dh0, Span<float> dc0)
    {
        int g4 = 4 * units;
        var recurrentT = new PrepackedMatrix(u, g4, units, transposed: true);   // Uᵀ (4U, U), for dh = dz·Uᵀ
        var dz = GC.AllocateUninitializedArray<float>(batch * time * g4);        // dZ in processing order (all written)
        var hPrev = GC.AllocateUninitializedArray<float>(batch * time * units);  // the h each step started from
        var dhNext = new float[batch * units];
        var dcNext = new float[batch * units];
        var dzStep = new float[batch * g4];
        var tanhC = new float[units];
        for (int k = time - 1; k >= 0; k--)
        {
            for (int b = 0; b < batch; b++)
            {
                int row = b * time + k;
                var gates = a.Slice(row * g4, g4);
                ReadOnlySpan<float> i = gates[..units], f = gates.Slice(units, units), g = gates.Slice(2 * units, units), o = gates[(3 * units)..];
                var c = p.Slice((row * 2 + 1) * units, units);
                var cPrev = k == 0 ? c0.Slice(b * units, units) : p.Slice(((row - 1) * 2 + 1) * units, units);
                var dhc = dp.Slice(row * 2 * units, 2 * units);
                var dh = dhNext.AsSpan(b * units, units);
                var dc = dcNext.AsSpan(b * units, units);
                TensorPrimitives.Add(dh, dhc[..units], dh);       // dh = dH[k] + dz_{k+1}·Uᵀ
                TensorPrimitives.Add(dc, dhc[units..], dc);       // dc = dC[k] + f_{k+1}·dc_{k+1}
                TensorPrimitives.Tanh(c, tanhC);
                GateGradients(i, f, g, o, cPrev, tanhC, dh, dc, dzStep.AsSpan(b * g4, g4));   // dc becomes f·dc
                dzStep.AsSpan(b * g4, g4).CopyTo(dz.AsSpan(row * g4, g4));
                var hp = k == 0 ? h0.Slice(b * units, units) : p.Slice((row - 1) * 2 * units, units);
                hp.CopyTo(hPrev.AsSpan(row * units, units));
            }
            recurrentT.Multiply(batch, dzStep, dhNext);
        }
        dhNext.CopyTo(dh0);
        dcNext.CopyTo(dc0);
        // dU = Σ_k hPrev_kᵀ · dz_k: one product over all B·T rows.
        Gemm.Sgemm(transA: true, transB: false, units, g4, batch * time, hPrev, dz, du);
        for (int b = 0; b < batch; b++)
            for (int k = 0; k < time; k++)
            {
                int t = reverse ? time - 1 - k : k;
                dz.AsSpan((b * time + k) * g4, g4).CopyTo(dProjected.Slice((b * time + t) * g4, g4));
            }
    }

    /// <summary>One step's gate gradients for one batch row: dz = [dc·g·i(1−i), dc·c_prev·f(1−f), dc·i·(1−g²), dh·tanh(c)·o(1−o)]
    /// with dc += dh·o·(1−tanh²c) first; on return dc holds f·dc, the gradient that flows to c_prev.</summary>
    private static void GateGradients(ReadOnlySpan<float> i, ReadOnlySpan<float> f, ReadOnlySpan<float> g, ReadOnlySpan<float> o,
        ReadOnlySpan<float> cPrev, ReadOnlySpan<float> tanhC, ReadOnlySpan<float> dh, Span<float> dc, Span<float> dz)
    {
        int units = i.Length, j = 0;
        var one = Vector<float>.One;
        for (; j <= units - Vector<float>.Count; j += Vector<float>.Count)
        {
            var vi = new Vector<float>(i[j..]); var vf = new Vector<float>(f[j..]);
            var vg = new Vector<float>(g[j..]); var vo = new Vector<float>(o[j..]);
            var tc = new Vector<float>(tanhC[j..]); var vdh = new Vector<float>(dh[j..]);
            var vdc = new Vector<float>(dc[j..]) + vdh * vo * (one - tc * tc);
            (vdc * vg * vi * (one - vi)).CopyTo(dz[j..]);
            (vdc * new Vector<float>(cPrev[j..]) * vf * (one - vf)).CopyTo(dz[(units + j)..]);
            (vdc * vi * (one - vg * vg)).CopyTo(dz[(2 * units + j)..]);
            (vdh * tc * vo * (one - vo)).CopyTo(dz[(3 * units + j)..]);
            (vdc * vf).CopyTo(dc[j..]);
        }
        for (; j < units; j++)
        {
            float tc = tanhC[j], dcj = dc[j] + dh[j] * o[j] * (1 - tc * tc);
            dz[j] = dcj * g[j] * i[j] * (1 - i[j]);
            dz[units + j] = dcj * cPrev[j] * f[j] * (1 - f[j]);
            dz[2 * units + j] = dcj * i[j] * (1 - g[j] * g[j]);
            dz[3 * units + j] = dh[j] * tc * o[j] * (1 - o[j]);
            dc[j] = dcj * f[j];
        }
    }
}
