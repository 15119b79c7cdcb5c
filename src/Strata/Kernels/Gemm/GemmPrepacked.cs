using System.Runtime.CompilerServices;

namespace Strata.Kernels;

/// <summary>
/// A right-hand matrix packed once into the micro-kernels' panel layout, for products that reuse it many times with a
/// small left-hand side: an LSTM multiplies the same recurrent kernel (units × 4·units, 16 MB at 1024 units) by a
/// batch of 8 states at every time step, where <see cref="Gemm.Sgemm(bool, bool, int, int, int, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
/// would pack it again each time (two passes over 16 MB for a product that reads it once). Blocks of
/// <see cref="Gemm.KC"/> rows, each as NR-wide panels (kc × NR floats, the last one zero-padded), in order, so a product
/// streams the matrix once. Vector512 and Vector256 only; elsewhere <see cref="Multiply"/> calls Sgemm on the original.
/// </summary>
internal sealed unsafe class PrepackedMatrix
{
    private readonly float[]? _original;  // row-major (K × N): the fallback's operand, kept only where it is used
    private readonly float[]? _packed;

    public int K { get; }
    public int N { get; }
    private readonly int _nr, _kcMax, _panels;
    private readonly Gemm.Isa _isa;

    /// <summary>Packs the K × N matrix <paramref name="b"/>, or with <paramref name="transposed"/> the transpose of the
    /// N × K matrix it holds (read in place: no transposed copy is made).</summary>
    public PrepackedMatrix(ReadOnlySpan<float> b, int k, int n, bool transposed = false)
    {
        K = k;
        N = n;
        _isa = Gemm.Path;
        if (_isa is not (Gemm.Isa.Vector512 or Gemm.Isa.Vector256) || k == 0 || n == 0)
        {
            _original = new float[k * n];
            if (!transposed) b[..(k * n)].CopyTo(_original);
            else
                for (int r = 0; r < k; r++)
                    for (int j = 0; j < n; j++) _original[r * n + j] = b[j * k + r];
            return;
        }
        _nr = _isa == Gemm.Isa.Vector512 ? (n > 16 ? 32 : 16) : 16;
        int kBlocks = Gemm.PackCeil(k, Math.Clamp(Gemm.KC, 16, 512));
        _kcMax = Gemm.PackCeil(k, kBlocks);
        _panels = Gemm.PackCeil(n, _nr);
        _packed = GC.AllocateUninitializedArray<float>(k * _panels * _nr);
        fixed (float* src = b, dst = _packed)
            for (int pc = 0; pc < k; pc += _kcMax)
                GemmPack.PackB(transposed, src, transposed ? k : n, pc, Math.Min(_kcMax, k - pc), 0, n, _nr, dst + (nint)pc * _panels * _nr);
    }

    /// <summary>c (m × N) = a (m × K) · this; columns split across threads when the product is large enough.</summary>
    public void Multiply(int m, ReadOnlySpan<float> a, Span<float> c)
    {
        if (a.Length < m * K || c.Length < m * N)
            throw new ArgumentException($"PrepackedMatrix: a has {a.Length} elements and c {c.Length} for m={m}, K={K}, N={N}.");
        if (_packed is null)
        {
            Gemm.Sgemm(false, false, m, N, K, a, _original, c);
            return;
        }
        fixed (float* pa = a, pc = c)
        {
            float* ap = pa, cp = pc;
            int threads = (int)Math.Min(Parallelism.MaxThreads, Math.Max(1.0, 2.0 * m * N * K / Gemm.MinFlopsPerThread));
            if (threads <= 1) Panels(m, ap, cp, 0, _panels);
            else Parallelism.ForRanges(_panels, Gemm.PackCeil(_panels, threads), (q0, q1) => Panels(m, ap, cp, q0, q1), align: 1);
        }
    }

    /// <summary>Panels [q0, q1) of the product on the calling thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Panels(int m, float* a, float* c, int q0, int q1)
    {
        int mr = _isa == Gemm.Isa.Vector512 ? 8 : 6;
        // PackA transposes A's rows in 8 × 8 blocks: with 6-row panels (Vector256) the last block's rows run 2 floats
        // past kc·mr, as into the GEMM's own buffers, which have the same slack.
        var aPack = stackalloc float[mr * _kcMax + 16];
        var tile = stackalloc float[mr * _nr];
        fixed (float* b = _packed)
            for (int pc = 0; pc < K; pc += _kcMax)
            {
                int kc = Math.Min(_kcMax, K - pc);
                bool acc = pc > 0;
                float* block = b + (nint)pc * _panels * _nr;
                for (int ir = 0; ir < m; ir += mr)
                {
                    int rows = Math.Min(mr, m - ir);
                    GemmPack.PackA(false, a, K, ir, rows, pc, kc, mr, aPack);
                    for (int q = q0; q < q1; q++)
                    {
                        int cols = Math.Min(_nr, N - q * _nr);
                        float* cq = c + (nint)ir * N + q * _nr;
                        float* bq = block + (nint)q * kc * _nr;
                        if (rows == mr && cols == _nr) Gemm.Kernel(_isa, false, mr, _nr, kc, aPack, mr, bq, _nr, cq, N, acc);
                        else
                        {
                            Gemm.Kernel(_isa, false, mr, _nr, kc, aPack, mr, bq, _nr, tile, _nr, false);
                            Gemm.MergeTile(tile, _nr, cq, N, rows, cols, acc);
                        }
                    }
                }
            }
    }
}
