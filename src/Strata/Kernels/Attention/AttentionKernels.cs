using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Strata.Kernels;

/// <summary>
/// Fused scaled dot-product attention on spans, one head (one leading index) at a time:
/// <c>O = softmax(Q·Kᵀ·scale + mask) · V</c> for Q (tq, d), K (tk, d), V (tk, dv).
/// <para>The forward pass works in blocks of query rows. Each block computes its scores with one product
/// (GEMM), masks them, and runs one fused pass per row (max, exp, sum, normalise), then multiplies by V. With a
/// causal mask (query i sees keys j ≤ i, Keras's lower-triangular mask) a block of rows [i0, i1) needs only the
/// keys [0, i1): the masked upper half of both products is never computed.</para>
/// <para>Memory-lean backward: the forward pass keeps only its output and one log-sum-exp per query row, not the
/// (tq, tk) probabilities. The backward pass recomputes a block's probabilities from Q, K and the log-sum-exp
/// (a scratch buffer of one block per thread, reused across heads) and gives dQ, dK, dV with four products per
/// block: dP = dO·Vᵀ, dS = P∘(dP − rowsum(dO∘O))·scale, dQ = dS·K, dK += dSᵀ·Q, dV += Pᵀ·dO.</para>
/// A query row whose keys are all masked has no distribution: its output is zero and so are its gradients (the
/// flash-attention convention; its log-sum-exp is −∞).
/// </summary>
internal static class AttentionKernels
{
    /// <summary>Rows per block with a causal mask (the granularity at which the upper triangle is skipped).</summary>
    internal static int CausalBlockRows = 64;

    /// <summary>The geometry of one call: <see cref="Heads"/> independent (tq, tk) problems.</summary>
    internal readonly record struct Geometry(int Heads, int Tq, int Tk, int D, int Dv, bool Causal)
    {
        public int BlockRows => Causal ? Math.Min(Tq, CausalBlockRows) : Math.Max(1, Math.Min(Tq, (1 << 20) / Math.Max(1, Tk)));

        /// <summary>The number of keys rows [i0, i1) may see.</summary>
        public int Keys(int i1) => Causal ? Math.Min(Tk, i1) : Tk;
    }

    /// <summary>A boolean mask (true = attend) of rows of <c>tk</c> entries: head h's row i is at
    /// <c>HeadOffset[h] + (RowsPerHead == 1 ? 0 : i) * tk</c>.</summary>
    internal sealed record Mask(bool[] Values, long[] HeadOffset, int RowsPerHead);

    public static void Forward<T>(in Geometry g, T[] q, T[] k, T[] v, Mask? mask, T scale, T[] o, T[] lse)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var geo = g;
        Parallelism.ForRanges(g.Heads, 1, (h0, h1) =>
        {
            var s = new T[geo.BlockRows * geo.Tk];
            for (int h = h0; h < h1; h++) ForwardHead(geo, h, q, k, v, mask, scale, o, lse, s);
        }, align: 1);
    }

    private static void ForwardHead<T>(in Geometry g, int h, T[] q, T[] k, T[] v, Mask? mask, T scale, T[] o, T[] lse, T[] s)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int tq = g.Tq, tk = g.Tk, d = g.D, dv = g.Dv, br = g.BlockRows;
        var qh = q.AsSpan(h * tq * d, tq * d);
        var kh = k.AsSpan(h * tk * d, tk * d);
        var vh = v.AsSpan(h * tk * dv, tk * dv);
        var oh = o.AsSpan(h * tq * dv, tq * dv);
        var lh = lse.AsSpan(h * tq, tq);
        for (int i0 = 0; i0 < tq; i0 += br)
        {
            int rows = Math.Min(br, tq - i0), c = g.Keys(i0 + rows);
            var sb = s.AsSpan(0, rows * c);
            Mm(false, true, rows, c, d, qh.Slice(i0 * d, rows * d), kh[..(c * d)], sb);
            for (int r = 0; r < rows; r++)
            {
                var row = sb.Slice(r * c, c);
                Prepare(g, mask, h, i0 + r, row, scale);
                T max = TensorPrimitives.Max<T>(row);
                if (T.IsNegativeInfinity(max)) { row.Clear(); lh[i0 + r] = T.NegativeInfinity; continue; }
                TensorPrimitives.Subtract(row, max, row);
                TensorPrimitives.Exp<T>(row, row);
                T sum = TensorPrimitives.Sum<T>(row);
                TensorPrimitives.Multiply(row, T.One / sum, row);
                lh[i0 + r] = max + T.Log(sum);
            }
            Mm(false, false, rows, dv, c, sb, vh[..(c * dv)], oh.Slice(i0 * dv, rows * dv));
        }
    }

    /// <summary>Scales a row of scores and sets its masked entries (and, causally, those after the row's own
    /// index) to −∞.</summary>
    private static void Prepare<T>(in Geometry g, Mask? mask, int h, int i, Span<T> row, T scale)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        TensorPrimitives.Multiply(row, scale, row);
        if (g.Causal && i + 1 < row.Length) row[(i + 1)..].Fill(T.NegativeInfinity);
        if (mask is null) return;
        var m = mask.Values.AsSpan((int)(mask.HeadOffset[h] + (mask.RowsPerHead == 1 ? 0 : (long)i * g.Tk)), row.Length);
        for (int j = 0; j < row.Length; j++)
            if (!m[j]) row[j] = T.NegativeInfinity;
    }

    public static void Backward<T>(in Geometry g, T[] q, T[] k, T[] v, Mask? mask, T scale, T[] o, T[] lse, T[] dO,
        T[] dq, T[] dk, T[] dvOut) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var geo = g;
        Parallelism.ForRanges(g.Heads, 1, (h0, h1) =>
        {
            int br = geo.BlockRows;
            var p = new T[br * geo.Tk];
            var dp = new T[br * geo.Tk];
            var tmp = new T[geo.Tk * Math.Max(geo.D, geo.Dv)];
            var delta = new T[br];
            for (int h = h0; h < h1; h++) BackwardHead(geo, h, q, k, v, mask, scale, o, lse, dO, dq, dk, dvOut, p, dp, tmp, delta);
        }, align: 1);
    }

    private static void BackwardHead<T>(in Geometry g, int h, T[] q, T[] k, T[] v, Mask? mask, T scale, T[] o, T[] lse, T[] dO,
        T[] dq, T[] dk, T[] dvOut, T[] p, T[] dp, T[] tmp, T[] delta) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int tq = g.Tq, tk = g.Tk, d = g.D, dv = g.Dv, br = g.BlockRows;
        var qh = q.AsSpan(h * tq * d, tq * d);
        var kh = k.AsSpan(h * tk * d, tk * d);
        var vh = v.AsSpan(h * tk * dv, tk * dv);
        var oh = o.AsSpan(h * tq * dv, tq * dv);
        var gh = dO.AsSpan(h * tq * dv, tq * dv);
        var lh = lse.AsSpan(h * tq, tq);
        var dqh = dq.AsSpan(h * tq * d, tq * d);
        var dkh = dk.AsSpan(h * tk * d, tk * d);
        var dvh = dvOut.AsSpan(h * tk * dv, tk * dv);
        dkh.Clear();
        dvh.Clear();
        // The last block sees the most keys; going from it backwards, each block adds into a prefix of dK and dV.
        int blocks = (tq + br - 1) / br;
        for (int b = blocks - 1; b >= 0; b--)
        {
            int i0 = b * br, rows = Math.Min(br, tq - i0), c = g.Keys(i0 + rows);
            var pb = p.AsSpan(0, rows * c);
            var dpb = dp.AsSpan(0, rows * c);
            var qb = qh.Slice(i0 * d, rows * d);
            var gb = gh.Slice(i0 * dv, rows * dv);
            Mm(false, true, rows, c, d, qb, kh[..(c * d)], pb);
            Mm(false, true, rows, c, dv, gb, vh[..(c * dv)], dpb);
            for (int r = 0; r < rows; r++)
            {
                var row = pb.Slice(r * c, c);
                var drow = dpb.Slice(r * c, c);
                T l = lh[i0 + r];
                if (T.IsNegativeInfinity(l)) { row.Clear(); drow.Clear(); continue; }
                Prepare(g, mask, h, i0 + r, row, scale);
                TensorPrimitives.Subtract(row, l, row);
                TensorPrimitives.Exp<T>(row, row);
                // dS = P ∘ (dP − Σ dO∘O) · scale, written over dP.
                T di = TensorPrimitives.Dot<T>(gb.Slice(r * dv, dv), oh.Slice((i0 + r) * dv, dv));
                TensorPrimitives.Subtract(drow, di, drow);
                TensorPrimitives.Multiply(drow, row, drow);
                TensorPrimitives.Multiply(drow, scale, drow);
            }
            Mm(false, false, rows, d, c, dpb, kh[..(c * d)], dqh.Slice(i0 * d, rows * d));
            var tk_ = tmp.AsSpan(0, c * d);
            Mm(true, false, c, d, rows, dpb, qb, tk_);
            TensorPrimitives.Add(dkh[..(c * d)], tk_, dkh[..(c * d)]);
            var tv = tmp.AsSpan(0, c * dv);
            Mm(true, false, c, dv, rows, pb, gb, tv);
            TensorPrimitives.Add(dvh[..(c * dv)], tv, dvh[..(c * dv)]);
        }
    }

    /// <summary>One single-threaded product (the heads are already spread over the threads).</summary>
    private static void Mm<T>(bool ta, bool tb, int m, int n, int kk, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
            Gemm.Sgemm(ta, tb, m, n, kk, MemoryMarshal.Cast<T, float>(a), MemoryMarshal.Cast<T, float>(b), MemoryMarshal.Cast<T, float>(c), 1);
        else
            Gemm.Dgemm(ta, tb, m, n, kk, MemoryMarshal.Cast<T, double>(a), MemoryMarshal.Cast<T, double>(b), MemoryMarshal.Cast<T, double>(c), 1);
    }
}
