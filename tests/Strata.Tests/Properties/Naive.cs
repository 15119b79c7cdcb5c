using System.Numerics;

namespace Strata.Tests.Properties;

/// <summary>
/// Reference implementations for the properties, written for clarity and independently of the engine: every
/// element is located by explicit multi-index arithmetic (no strides shared with the kernels, no dimension
/// merging, no Odometer), so a bug in the engine's broadcast plan or box copies cannot hide in both.
/// </summary>
internal static class Naive
{
    public static int Count(int[] dims)
    {
        int n = 1;
        foreach (var d in dims) n *= d;
        return n;
    }

    /// <summary>The multi-index of flat (row-major) position <paramref name="flat"/> in <paramref name="dims"/>.</summary>
    public static int[] Unravel(int flat, int[] dims)
    {
        var idx = new int[dims.Length];
        for (int i = dims.Length - 1; i >= 0; i--)
        {
            idx[i] = flat % dims[i];
            flat /= dims[i];
        }
        return idx;
    }

    /// <summary>The flat row-major position of a multi-index (Horner's rule over the dimensions).</summary>
    public static int Ravel(int[] idx, int[] dims)
    {
        int flat = 0;
        for (int i = 0; i < dims.Length; i++) flat = flat * dims[i] + idx[i];
        return flat;
    }

    /// <summary>NumPy's broadcast shape, or null when the shapes are incompatible.</summary>
    public static int[]? BroadcastShape(params int[][] shapes)
    {
        int r = shapes.Max(s => s.Length);
        var result = new int[r];
        for (int i = 0; i < r; i++)
        {
            int size = 1;
            foreach (var s in shapes)
            {
                int j = i - (r - s.Length);
                int d = j < 0 ? 1 : s[j];
                if (d == 1) continue;
                if (size != 1 && size != d) return null;
                size = d;
            }
            result[i] = size;
        }
        return result;
    }

    /// <summary>Flat position in an operand of shape <paramref name="dims"/> of the element broadcast to output
    /// multi-index <paramref name="outIdx"/>: dims are right-aligned and a size-1 dim always reads index 0.</summary>
    public static int BroadcastSource(int[] outIdx, int[] dims)
    {
        var idx = new int[dims.Length];
        int lead = outIdx.Length - dims.Length;
        for (int j = 0; j < dims.Length; j++) idx[j] = dims[j] == 1 ? 0 : outIdx[j + lead];
        return Ravel(idx, dims);
    }

    public static TOut[] Broadcast2<T, TOut>(T[] a, int[] da, T[] b, int[] db, int[] dout, Func<T, T, TOut> f)
    {
        var r = new TOut[Count(dout)];
        for (int k = 0; k < r.Length; k++)
        {
            var idx = Unravel(k, dout);
            r[k] = f(a[BroadcastSource(idx, da)], b[BroadcastSource(idx, db)]);
        }
        return r;
    }

    /// <summary>Maximum/minimum as TensorFlow computes them: NaN wins.</summary>
    public static T Max<T>(T a, T b) where T : INumber<T> => T.IsNaN(a) ? a : T.IsNaN(b) ? b : a >= b ? a : b;
    public static T Min<T>(T a, T b) where T : INumber<T> => T.IsNaN(a) ? a : T.IsNaN(b) ? b : a <= b ? a : b;

    /// <summary>Element values as doubles (exact for every dtype except int64 beyond 2^53).</summary>
    public static double[] AsDoubles(Tensor t) => t.DType switch
    {
        DType.Float32 => Array.ConvertAll(t.ToArray<float>(), v => (double)v),
        DType.Float64 => t.ToArray<double>(),
        DType.Int32 => Array.ConvertAll(t.ToArray<int>(), v => (double)v),
        DType.Int64 => Array.ConvertAll(t.ToArray<long>(), v => (double)v),
        DType.UInt8 => Array.ConvertAll(t.ToArray<byte>(), v => (double)v),
        _ => Array.ConvertAll(t.ToArray<bool>(), v => v ? 1.0 : 0.0),
    };

    /// <summary>The raw bits of every element, for exact comparisons of data movement (NaN payloads and -0 included).</summary>
    public static long[] Bits(Tensor t) => t.DType switch
    {
        DType.Float32 => Array.ConvertAll(t.ToArray<float>(), v => (long)BitConverter.SingleToInt32Bits(v)),
        DType.Float64 => Array.ConvertAll(t.ToArray<double>(), BitConverter.DoubleToInt64Bits),
        DType.Int32 => Array.ConvertAll(t.ToArray<int>(), v => (long)v),
        DType.Int64 => t.ToArray<long>(),
        DType.UInt8 => Array.ConvertAll(t.ToArray<byte>(), v => (long)v),
        _ => Array.ConvertAll(t.ToArray<bool>(), v => v ? 1L : 0L),
    };

    /// <summary>Transpose by explicit index permutation: out[i_0, …] = x[j] with j[perm[k]] = i_k.</summary>
    public static long[] Transpose(long[] x, int[] dims, int[] perm)
    {
        var outDims = perm.Select(p => dims[p]).ToArray();
        var r = new long[x.Length];
        for (int k = 0; k < r.Length; k++)
        {
            var o = Unravel(k, outDims);
            var src = new int[dims.Length];
            for (int i = 0; i < perm.Length; i++) src[perm[i]] = o[i];
            r[k] = x[Ravel(src, dims)];
        }
        return r;
    }

    public static long[] Slice(long[] x, int[] dims, int[] begin, int[] size)
    {
        var r = new long[Count(size)];
        for (int k = 0; k < r.Length; k++)
        {
            var o = Unravel(k, size);
            var src = new int[dims.Length];
            for (int i = 0; i < dims.Length; i++) src[i] = begin[i] + o[i];
            r[k] = x[Ravel(src, dims)];
        }
        return r;
    }

    /// <summary>The output multi-index of input multi-index <paramref name="idx"/> after reducing
    /// <paramref name="axes"/> (kept as 0 with keepDims, dropped without).</summary>
    public static int[] ReducedIndex(int[] idx, bool[] reduced, bool keepDims)
    {
        var r = new List<int>();
        for (int i = 0; i < idx.Length; i++)
            if (!reduced[i]) r.Add(idx[i]);
            else if (keepDims) r.Add(0);
        return r.ToArray();
    }

    public static int[] ReducedShape(int[] dims, bool[] reduced, bool keepDims)
    {
        var r = new List<int>();
        for (int i = 0; i < dims.Length; i++)
            if (!reduced[i]) r.Add(dims[i]);
            else if (keepDims) r.Add(1);
        return r.ToArray();
    }
}
