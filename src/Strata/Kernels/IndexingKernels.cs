using System.Numerics;
using System.Numerics.Tensors;

namespace Strata.Kernels;

/// <summary>
/// Slice-wise gathers and scatters: gather_nd / scatter_nd move whole slices addressed by index tuples, and the
/// batched gather moves rows of [batch, outer, n, inner] arrays. Scatters add (for gradients and scatter_nd) or
/// overwrite (tensor_scatter_nd_update); they dispatch on the element type.
/// </summary>
internal static class IndexingKernels
{
    /// <summary>The flat element offset of each index tuple (the last axis of <paramref name="indices"/>, of
    /// length k) into an array of <paramref name="dims"/>, in units of the slice below the first k dims; an
    /// out-of-range tuple is reported as TensorFlow does.</summary>
    public static long[] SliceOffsets(long[] indices, int k, ReadOnlySpan<int> dims, string op, string target)
    {
        int count = k == 0 ? 0 : indices.Length / k;
        var offsets = new long[count];
        for (int t = 0; t < count; t++)
        {
            long off = 0;
            for (int d = 0; d < k; d++)
            {
                long i = indices[t * k + d];
                if (i < 0 || i >= dims[d])
                    throw new InvalidArgumentError(
                        $"{op}: indices[{t}] = [{string.Join(", ", indices.AsSpan(t * k, k).ToArray())}] does not index into {target}.");
                off = off * dims[d] + i;
            }
            offsets[t] = off;
        }
        return offsets;
    }

    /// <summary>dst[t, :] = src[offsets[t] * slice .. + slice].</summary>
    public static void GatherSlices(Array src, Array dst, long[] offsets, int slice)
    {
        for (int t = 0; t < offsets.Length; t++) Array.Copy(src, offsets[t] * slice, dst, (long)t * slice, slice);
    }

    /// <summary>dst[offsets[t] * slice ..] = src[t, :] (last write wins), or += when <paramref name="add"/>.</summary>
    public static void ScatterSlices(Array src, Array dst, long[] offsets, int slice, bool add)
    {
        if (!add) { for (int t = 0; t < offsets.Length; t++) Array.Copy(src, (long)t * slice, dst, offsets[t] * slice, slice); return; }
        switch (dst)
        {
            case float[] d: AddSlices((float[])src, d, offsets, slice); break;
            case double[] d: AddSlices((double[])src, d, offsets, slice); break;
            case int[] d: AddSlices((int[])src, d, offsets, slice); break;
            case long[] d: AddSlices((long[])src, d, offsets, slice); break;
            case byte[] d: AddSlices((byte[])src, d, offsets, slice); break;
            default: throw new UnsupportedDTypeError("Scatter: adding bool values is not supported.");
        }
    }

    private static void AddSlices<T>(T[] src, T[] dst, long[] offsets, int slice) where T : unmanaged, INumber<T>
    {
        for (int t = 0; t < offsets.Length; t++)
        {
            var d = dst.AsSpan((int)(offsets[t] * slice), slice);
            TensorPrimitives.Add(d, src.AsSpan(t * slice, slice), d);
        }
    }

    /// <summary>Batched gather: out[b, m, j, :] = params[b, m, idx[b, j], :], params as [batch, outer, n, inner],
    /// idx as [batch, m] (m per batch).</summary>
    public static void GatherBatched(Array src, Array dst, int batch, int outer, int n, int inner, long[] idx)
    {
        int m = batch == 0 ? 0 : idx.Length / batch;
        for (int b = 0; b < batch; b++)
            for (int o = 0; o < outer; o++)
                for (int j = 0; j < m; j++)
                    Array.Copy(src, (((long)b * outer + o) * n + idx[b * m + j]) * inner, dst, (((long)b * outer + o) * m + j) * inner, inner);
    }

    /// <summary>The adjoint of <see cref="GatherBatched"/>: dst (zeroed) [b, o, idx[b, j], :] += src[b, o, j, :].</summary>
    public static void ScatterAddBatched(Array src, Array dst, int batch, int outer, int n, int inner, long[] idx)
    {
        int m = batch == 0 ? 0 : idx.Length / batch;
        var offsets = new long[batch * outer * m];
        var srcOrder = 0;
        for (int b = 0; b < batch; b++)
            for (int o = 0; o < outer; o++)
                for (int j = 0; j < m; j++)
                    offsets[srcOrder++] = ((long)b * outer + o) * n + idx[b * m + j];
        ScatterSlices(src, dst, offsets, inner, add: true);
    }

    /// <summary>The coordinates of the true (non-zero) elements in row-major order, as [count, rank].</summary>
    public static long[] NonZeroCoordinates(bool[] mask, ReadOnlySpan<int> dims, out int count)
    {
        count = 0;
        foreach (var v in mask) if (v) count++;
        int r = dims.Length;
        var coords = new long[(long)count * r];
        var strides = ArrayKernels.Strides(dims.ToArray());
        int row = 0;
        for (int i = 0; i < mask.Length; i++)
        {
            if (!mask[i]) continue;
            int rest = i;
            for (int d = 0; d < r; d++) { coords[row * r + d] = rest / strides[d]; rest %= strides[d]; }
            row++;
        }
        return coords;
    }
    /// <summary>Index tuples of length k, in <paramref name="batch"/> groups of <paramref name="perBatch"/>, each prefixed with its group's
    /// number: (b, i0, …, ik-1).</summary>
    public static long[] PrefixBatchIndex(long[] indices, int batch, int perBatch, int k)
    {
        var result = new long[(long)batch * perBatch * (k + 1)];
        for (int g = 0; g < batch; g++)
            for (int t = 0; t < perBatch; t++)
            {
                int src = (g * perBatch + t) * k, dst = (g * perBatch + t) * (k + 1);
                result[dst] = g;
                Array.Copy(indices, src, result, dst + 1, k);
            }
        return result;
    }
}
