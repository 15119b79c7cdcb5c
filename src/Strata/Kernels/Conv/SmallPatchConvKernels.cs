using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Strata.Kernels.Conv;

/// <summary>
/// The forward convolution of a layer whose patch is tiny (a first layer's one or three channels: K = 9 or 27 values
/// for 3x3), computed directly: a block of output lines gathers its patches (at most a few KiB, in L1), and each
/// group of four output pixels accumulates its O outputs from the K patch values and the filter's K rows, which stay
/// in L1 as well. Through the implicit GEMM such a layer ran at ~12 GFLOP/s (Fashion-MNIST's first layer, batch 256:
/// ~5 ms for 0.1 GFLOP): a product with an inner dimension of 9 spends its time packing and storing, not multiplying,
/// while here the output is written once, straight from registers.
/// </summary>
internal static class SmallPatchConvKernels
{
    /// <summary>The largest patch (K = KD·KH·KW·C) taken here; larger ones are a real product for the GEMM.</summary>
    public const int MaxPatch = 32;

    /// <summary>Output pixels whose patches are gathered at once (rounded down to whole output lines where a line is
    /// shorter, so that the gather copies line by line).</summary>
    private const int BlockPixels = 128;

    public static bool Applies<T>(ConvGeometry g) where T : unmanaged =>
        typeof(T) == typeof(float) && g.Groups == 1 && g.K <= MaxPatch && g.O >= Vector<float>.Count;

    /// <summary>y = conv(x, w) with w as [K, O]: y overwritten.</summary>
    public static void Forward(ConvGeometry g, float[] x, float[] w, float[] y)
    {
        int rows = g.N * g.OutPixels;
        int blockRows = g.OW <= BlockPixels ? BlockPixels / g.OW * g.OW : BlockPixels, blocks = (rows + blockRows - 1) / blockRows;
        double flopsPerBlock = 2.0 * blockRows * g.K * g.O;
        int minBlocks = (int)Math.Clamp(Math.Ceiling(ConvKernels.MinFlopsPerThread / flopsPerBlock), 1, int.MaxValue);
        Parallelism.ForRanges(blocks, minBlocks, (b0, b1) =>
        {
            Span<float> patches = stackalloc float[(blockRows + 3) * g.K];
            for (int b = b0; b < b1; b++)
            {
                int r0 = b * blockRows, r1 = Math.Min(rows, r0 + blockRows);
                ConvPatches.Gather<float>(g, x, r0, r1, 0, patches);
                // The rows past r1 (up to three) are padding for the last group of four: zeros, never stored.
                patches.Slice((r1 - r0) * g.K, 3 * g.K).Clear();
                for (int r = r0; r < r1; r += 4)
                    FourPixels(patches.Slice((r - r0) * g.K), w, y.AsSpan(r * g.O), g.K, g.O, Math.Min(4, r1 - r));
            }
        }, align: 1);
    }

    /// <summary>Outputs of <paramref name="count"/> (1 to 4) consecutive pixels: y[i, o] = Σ_k p[i, k]·w[k, o].</summary>
    private static void FourPixels(ReadOnlySpan<float> p, ReadOnlySpan<float> w, Span<float> y, int k, int o, int count)
    {
        int lanes = Vector<float>.Count, j = 0;
        ref float wr = ref MemoryMarshal.GetReference(w);
        ref float pr = ref MemoryMarshal.GetReference(p);
        for (; j <= o - lanes; j += lanes)
        {
            Vector<float> a0 = default, a1 = default, a2 = default, a3 = default;
            for (int t = 0; t < k; t++)
            {
                var wv = Vector.LoadUnsafe(ref wr, (nuint)(t * o + j));
                a0 = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref pr, t)), wv, a0);
                a1 = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref pr, k + t)), wv, a1);
                a2 = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref pr, 2 * k + t)), wv, a2);
                a3 = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref pr, 3 * k + t)), wv, a3);
            }
            a0.CopyTo(y.Slice(j));
            if (count > 1) a1.CopyTo(y.Slice(o + j));
            if (count > 2) a2.CopyTo(y.Slice(2 * o + j));
            if (count > 3) a3.CopyTo(y.Slice(3 * o + j));
        }
        for (; j < o; j++)   // the channels past the last full vector
            for (int i = 0; i < count; i++)
            {
                float sum = 0;
                for (int t = 0; t < k; t++) sum += p[i * k + t] * w[t * o + j];
                y[i * o + j] = sum;
            }
    }
}
