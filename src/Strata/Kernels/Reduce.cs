using System.Numerics;
using System.Numerics.Tensors;

namespace Strata.Kernels;

internal enum ReduceKind { Sum, Max, Min, Prod }

/// <summary>
/// Reductions over a block of adjacent axes, seen as an [outer, reduced, inner] array: with inner == 1 each
/// output is one contiguous span (TensorPrimitives.Sum/Max/Min); otherwise whole inner rows are combined at once.
/// </summary>
internal static class Reduce
{
    public static Tensor Run(Tensor x, int[] sortedAxes, ReduceKind kind, string op)
    {
        // No axes (a scalar, or axis: []) reduces nothing, but the result must still be a new tensor: returning x
        // itself made the tape record an op whose output is its own input, so the gradient flowed through twice,
        // and for a variable it handed back the mutable variable.
        if (sortedAxes.Length == 0) return Tensor.FromBuffer((Array)x.Buffer.Clone(), x.Shape, x.DType);
        // Reduce one contiguous block of axes at a time, last block first so earlier axis numbers stay valid.
        var current = x;
        int end = sortedAxes.Length;
        while (end > 0)
        {
            int start = end - 1;
            while (start > 0 && sortedAxes[start - 1] == sortedAxes[start] - 1) start--;
            current = Block(current, sortedAxes[start], sortedAxes[end - 1], kind, op);
            end = start;
        }
        return current;
    }

    private static Tensor Block(Tensor x, int first, int last, ReduceKind kind, string op)
    {
        var dims = x.Shape.Dims;
        int outer = 1, r = 1, inner = 1;
        for (int i = 0; i < first; i++) outer *= dims[i];
        for (int i = first; i <= last; i++) r *= dims[i];
        for (int i = last + 1; i < dims.Length; i++) inner *= dims[i];

        var outDims = new List<int>();
        for (int i = 0; i < dims.Length; i++) if (i < first || i > last) outDims.Add(dims[i]);
        var y = Tensor.Empty(x.DType, Shape.Wrap(outDims.ToArray()));
        switch (x.DType)
        {
            case DType.Float32: Block<float>(x.Data<float>(), y.Data<float>(), outer, r, inner, kind); break;
            case DType.Float64: Block<double>(x.Data<double>(), y.Data<double>(), outer, r, inner, kind); break;
            case DType.Int32: Block<int>(x.Data<int>(), y.Data<int>(), outer, r, inner, kind); break;
            case DType.Int64: Block<long>(x.Data<long>(), y.Data<long>(), outer, r, inner, kind); break;
            case DType.UInt8: Block<byte>(x.Data<byte>(), y.Data<byte>(), outer, r, inner, kind); break;
            default: throw new UnsupportedDTypeError($"{op}: dtype {x.DType.Name()} is not supported.");
        }
        return y;
    }

    private static void Block<T>(T[] x, T[] y, int outer, int r, int inner, ReduceKind kind) where T : unmanaged, INumber<T>
    {
        // An empty reduced block gives TensorFlow's identity: 0 for sum, 1 for prod, and for max/min the lowest/highest
        // value of the dtype (-inf/+inf for floats). TensorPrimitives.Max/Min throw on an empty span.
        if (r == 0)
        {
            y.AsSpan().Fill(Identity<T>(kind));
            return;
        }
        if (inner == 1)
        {
            for (int o = 0; o < outer; o++)
            {
                var s = new ReadOnlySpan<T>(x, o * r, r);
                y[o] = kind switch
                {
                    ReduceKind.Sum => TensorPrimitives.Sum(s),
                    ReduceKind.Max => TensorPrimitives.Max(s),
                    ReduceKind.Min => TensorPrimitives.Min(s),
                    _ => TensorPrimitives.Product(s),
                };
            }
            return;
        }
        for (int o = 0; o < outer; o++)
        {
            var dst = new Span<T>(y, o * inner, inner);
            new ReadOnlySpan<T>(x, o * r * inner, inner).CopyTo(dst);
            for (int k = 1; k < r; k++)
            {
                var src = new ReadOnlySpan<T>(x, (o * r + k) * inner, inner);
                switch (kind)
                {
                    case ReduceKind.Sum: TensorPrimitives.Add(dst, src, dst); break;
                    case ReduceKind.Max: TensorPrimitives.Max(dst, src, dst); break;
                    case ReduceKind.Min: TensorPrimitives.Min(dst, src, dst); break;
                    default: TensorPrimitives.Multiply(dst, src, dst); break;
                }
            }
        }
    }

    /// <summary>The value a reduction of nothing gives (TensorFlow's reducer identities).</summary>
    internal static T Identity<T>(ReduceKind kind) where T : unmanaged, INumber<T> => kind switch
    {
        ReduceKind.Sum => T.Zero,
        ReduceKind.Prod => T.One,
        ReduceKind.Max => Lowest<T>(),
        _ => Highest<T>(),
    };

    private static T Lowest<T>() where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(float)) return T.CreateTruncating(float.NegativeInfinity);
        if (typeof(T) == typeof(double)) return T.CreateTruncating(double.NegativeInfinity);
        if (typeof(T) == typeof(int)) return T.CreateTruncating(int.MinValue);
        if (typeof(T) == typeof(long)) return T.CreateTruncating(long.MinValue);
        return T.Zero; // uint8
    }

    private static T Highest<T>() where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(float)) return T.CreateTruncating(float.PositiveInfinity);
        if (typeof(T) == typeof(double)) return T.CreateTruncating(double.PositiveInfinity);
        if (typeof(T) == typeof(int)) return T.CreateTruncating(int.MaxValue);
        if (typeof(T) == typeof(long)) return T.CreateTruncating(long.MaxValue);
        return T.CreateTruncating(byte.MaxValue);
    }

    /// <summary>Index of the max (or min) along one axis; ties go to the first, as TensorFlow does.</summary>
    public static Tensor ArgExtreme(Tensor x, int axis, bool max, DType outType)
    {
        var dims = x.Shape.Dims;
        int outer = 1, r = dims[axis], inner = 1;
        for (int i = 0; i < axis; i++) outer *= dims[i];
        for (int i = axis + 1; i < dims.Length; i++) inner *= dims[i];
        var outDims = new int[dims.Length - 1];
        dims[..axis].CopyTo(outDims);
        dims[(axis + 1)..].CopyTo(outDims.AsSpan(axis));
        var result = new long[outer * inner];
        var xd = tf.Cast(x, DType.Float64).Data<double>();
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                int best = 0;
                double bv = xd[o * r * inner + i];
                for (int k = 1; k < r; k++)
                {
                    double v = xd[(o * r + k) * inner + i];
                    if (double.IsNaN(bv)) break;
                    if (double.IsNaN(v) || (max ? v > bv : v < bv)) { bv = v; best = k; }
                }
                result[o * inner + i] = best;
            }
        var t = Tensor.FromBuffer(result, Shape.Wrap(outDims), DType.Int64);
        return outType == DType.Int64 ? t : tf.Cast(t, outType);
    }
}
