using System.Numerics;
using System.Numerics.Tensors;

namespace Strata.Kernels;

/// <summary>A unary floating-point op on contiguous spans (float and double).</summary>
internal interface IUnaryFloatOp
{
    static abstract void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>A unary op defined for every numeric dtype.</summary>
internal interface IUnaryNumericOp
{
    static abstract void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, INumber<T>;
}

/// <summary>Generic drivers: dtype dispatch, output allocation and broadcasting, once for all ops.</summary>
internal static class Elementwise
{
    public static Tensor Binary<TOp>(Tensor a, Tensor b, Shape outShape) where TOp : IBinaryOp
    {
        var y = Tensor.Empty(a.DType, outShape);
        switch (a.DType)
        {
            case DType.Float32: Binary<float, TOp>(a, b, y); break;
            case DType.Float64: Binary<double, TOp>(a, b, y); break;
            case DType.Int32: Binary<int, TOp>(a, b, y); break;
            case DType.Int64: Binary<long, TOp>(a, b, y); break;
            case DType.UInt8: Binary<byte, TOp>(a, b, y); break;
            default: throw new UnsupportedDTypeError($"Binary op on dtype {a.DType.Name()} is not supported.");
        }
        return y;
    }

    private static void Binary<T, TOp>(Tensor a, Tensor b, Tensor y) where T : unmanaged, INumber<T> where TOp : IBinaryOp
    {
        var av = a.Data<T>();
        var bv = b.Data<T>();
        var yv = y.Data<T>();
        if (yv.Length == 0) return;
        // Large tensors go to helpers apart: a lambda here would allocate its closure on every call, small ones too.
        if (av.Length == yv.Length && bv.Length == yv.Length)
        {
            if (yv.Length < ParallelThreshold) TOp.Apply<T>(av, bv, yv);
            else ThreadedBinary<T, TOp>(av, bv, yv);
        }
        else if (bv.Length == 1)
        {
            if (yv.Length < ParallelThreshold) TOp.Apply<T>(av, bv[0], yv);
            else ThreadedBinaryScalarB<T, TOp>(av, bv[0], yv);
        }
        else if (av.Length == 1)
        {
            if (yv.Length < ParallelThreshold) TOp.Apply<T>(av[0], bv, yv);
            else ThreadedBinaryScalarA<T, TOp>(av[0], bv, yv);
        }
        else Broadcasted<T, TOp>(av, a.Shape, bv, b.Shape, yv, y.Shape);
    }

    private static void ThreadedBinary<T, TOp>(T[] a, T[] b, T[] y) where T : unmanaged, INumber<T> where TOp : IBinaryOp
        => Chunked(y.Length, (start, end) => TOp.Apply<T>(a.AsSpan(start..end), b.AsSpan(start..end), y.AsSpan(start..end)));

    private static void ThreadedBinaryScalarB<T, TOp>(T[] a, T b, T[] y) where T : unmanaged, INumber<T> where TOp : IBinaryOp
        => Chunked(y.Length, (start, end) => TOp.Apply<T>(a.AsSpan(start..end), b, y.AsSpan(start..end)));

    private static void ThreadedBinaryScalarA<T, TOp>(T a, T[] b, T[] y) where T : unmanaged, INumber<T> where TOp : IBinaryOp
        => Chunked(y.Length, (start, end) => TOp.Apply<T>(a, b.AsSpan(start..end), y.AsSpan(start..end)));

    private static void Broadcasted<T, TOp>(T[] a, Shape sa, T[] b, Shape sb, T[] y, Shape sy)
        where T : unmanaged, INumber<T> where TOp : IBinaryOp
    {
        var plan = new BroadcastPlan(sa, sb, sy);
        int n = plan.Inner;
        var at = new Odometer(plan.OuterDims, plan.AOuterStrides, plan.BOuterStrides, stackalloc int[plan.OuterDims.Length]);
        for (int o = 0; o < plan.OuterCount; o++, at.Next())
        {
            int ao = at.A, bo = at.B;
            var dst = y.AsSpan(o * n, n);
            if (plan.AInnerScalar && plan.BInnerScalar)
            {
                TOp.Apply<T>(a.AsSpan(ao, 1), b[bo], dst[..1]);
                dst.Fill(dst[0]);
            }
            else if (plan.BInnerScalar) TOp.Apply<T>(a.AsSpan(ao, n), b[bo], dst);
            else if (plan.AInnerScalar) TOp.Apply<T>(a[ao], b.AsSpan(bo, n), dst);
            else TOp.Apply<T>(a.AsSpan(ao, n), b.AsSpan(bo, n), dst);
        }
    }

    public static Tensor UnaryFloat<TOp>(Tensor x) where TOp : IUnaryFloatOp
    {
        var y = Tensor.Empty(x.DType, x.Shape);
        if (y.Size == 0) return y; // some TensorPrimitives functions (Sigmoid) throw on empty spans
        if (x.DType == DType.Float32) UnaryFloat<float, TOp>(x.Data<float>(), y.Data<float>());
        else UnaryFloat<double, TOp>(x.Data<double>(), y.Data<double>());
        return y;
    }

    private static void UnaryFloat<T, TOp>(T[] x, T[] y) where T : unmanaged, IFloatingPointIeee754<T> where TOp : IUnaryFloatOp
    {
        if (y.Length < ParallelThreshold) TOp.Apply<T>(x, y);
        else ThreadedUnaryFloat<T, TOp>(x, y);
    }

    private static void ThreadedUnaryFloat<T, TOp>(T[] x, T[] y) where T : unmanaged, IFloatingPointIeee754<T> where TOp : IUnaryFloatOp
        => Chunked(y.Length, (start, end) => TOp.Apply<T>(x.AsSpan(start..end), y.AsSpan(start..end)));

    /// <summary>Below this many elements one thread is faster than waking others (measured: the SIMD loops
    /// run at memory bandwidth, and a thread hand-off costs a few microseconds).</summary>
    internal const int ParallelThreshold = 1 << 17;

    /// <summary>Splits [0, n) into one contiguous chunk per thread (64-byte aligned) and runs them in parallel:
    /// body(start, end).</summary>
    internal static void Chunked(int n, Action<int, int> body) => Parallelism.ForRanges(n, ParallelThreshold / 2, body);

    /// <summary>Like <see cref="Chunked"/>, for <paramref name="rows"/> rows of <paramref name="rowLength"/> elements
    /// that must stay whole: body(firstRow, endRow).</summary>
    internal static void ChunkedRows(int rows, int rowLength, Action<int, int> body) =>
        Parallelism.ForRanges(rows, Math.Max(1, ParallelThreshold / 2 / Math.Max(1, rowLength)), body, align: 1);

    public static Tensor UnaryNumeric<TOp>(Tensor x) where TOp : IUnaryNumericOp
    {
        var y = Tensor.Empty(x.DType, x.Shape);
        if (y.Size == 0) return y;
        switch (x.DType)
        {
            case DType.Float32: TOp.Apply<float>(x.Data<float>(), y.Data<float>()); break;
            case DType.Float64: TOp.Apply<double>(x.Data<double>(), y.Data<double>()); break;
            case DType.Int32: TOp.Apply<int>(x.Data<int>(), y.Data<int>()); break;
            case DType.Int64: TOp.Apply<long>(x.Data<long>(), y.Data<long>()); break;
            case DType.UInt8: TOp.Apply<byte>(x.Data<byte>(), y.Data<byte>()); break;
            default: throw new UnsupportedDTypeError($"Unary op on dtype {x.DType.Name()} is not supported.");
        }
        return y;
    }

    /// <summary>target += delta, same shape and dtype, in place (used by Variable.AssignAdd and optimizers).</summary>
    public static void AddInPlace(Variable target, Tensor delta)
    {
        var t = target.WritableBuffer();
        switch (target.DType)
        {
            case DType.Float32: TensorPrimitives.Add((float[])t, delta.Data<float>(), (float[])t); break;
            case DType.Float64: TensorPrimitives.Add((double[])t, delta.Data<double>(), (double[])t); break;
            case DType.Int32: TensorPrimitives.Add((int[])t, delta.Data<int>(), (int[])t); break;
            case DType.Int64: TensorPrimitives.Add((long[])t, delta.Data<long>(), (long[])t); break;
            default: throw new UnsupportedDTypeError($"AssignAdd on dtype {target.DType.Name()} is not supported.");
        }
    }
}

// ----- unary operator structs -----

internal readonly struct NegateOp : IUnaryNumericOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, INumber<T> => TensorPrimitives.Negate(x, y);
}

internal readonly struct AbsOp : IUnaryNumericOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(float) || typeof(T) == typeof(double)) { TensorPrimitives.Abs(x, y); return; }
        // TensorPrimitives.Abs throws OverflowException on int.MinValue; TensorFlow wraps (|MIN| = MIN), as a negation
        // in two's complement does.
        for (int i = 0; i < x.Length; i++) y[i] = T.IsNegative(x[i]) ? -x[i] : x[i];
    }
}

internal readonly struct SquareOp : IUnaryNumericOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, INumber<T> => TensorPrimitives.Multiply(x, x, y);
}

internal readonly struct SignOp : IUnaryNumericOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            var v = x[i];
            y[i] = T.IsNaN(v) ? v : v > T.Zero ? T.One : v < T.Zero ? -T.One : T.Zero;
        }
    }
}

internal readonly struct SqrtOp : IUnaryFloatOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Sqrt(x, y);
}

internal readonly struct ExpOp : IUnaryFloatOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Exp(x, y);
}

internal readonly struct LogOp : IUnaryFloatOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Log(x, y);
}

internal readonly struct SigmoidOp : IUnaryFloatOp
{
    // TensorPrimitives.Sigmoid throws "Input span arguments must not be empty" on empty spans; nothing to do then.
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!x.IsEmpty) TensorPrimitives.Sigmoid(x, y);
    }
}

internal readonly struct TanhOp : IUnaryFloatOp
{
    // TensorPrimitives.Tanh (System.Numerics.Tensors 10.0) has an absolute error of ~6e-8 (float) / ~1e-16 (double)
    // near 0, so small arguments lose all their digits: tanh(0) came out as -5.96e-8, tanh(1e-8) as -0. Below
    // |x| = 1/4 its result is replaced by the Taylor series x·(1 + x²·q(x²)) to x^19 (the next term is below 1e-16
    // relative there), which is exact at ±0 and accurate to an ulp or two. Above, TensorPrimitives is within ~3 ulps.
    private const double Cutoff = 0.25;

    private static readonly double[] Coefficients = // of x^3, x^5, …, x^19
    [
        -1.0 / 3, 2.0 / 15, -17.0 / 315, 62.0 / 2835, -1382.0 / 155925, 21844.0 / 6081075,
        -929569.0 / 638512875, 6404582.0 / 10854718875, -443861162.0 / 1856156927625,
    ];

    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.IsEmpty) return;
        // Block by block through a copy of x: y may be x itself (BiasAddActivation works in place), and the
        // correction needs the arguments after TensorPrimitives has written its results.
        const int Block = 512;
        Span<T> saved = stackalloc T[Math.Min(Block, x.Length)];
        for (int start = 0; start < x.Length; start += Block)
        {
            int n = Math.Min(Block, x.Length - start);
            var xs = saved[..n];
            x.Slice(start, n).CopyTo(xs);
            var ys = y.Slice(start, n);
            TensorPrimitives.Tanh<T>(xs, ys);
            CorrectSmall<T>(xs, ys);
        }
    }

    private static void CorrectSmall<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var cutoff = T.CreateTruncating(Cutoff);
        int i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<T>.Count)
        {
            var vc = new Vector<T>(cutoff);
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var v = new Vector<T>(x[i..]);
                var small = Vector.LessThan(Vector.Abs(v), vc);
                if (small == Vector<T>.Zero) continue;
                var x2 = v * v;
                var q = new Vector<T>(T.CreateTruncating(Coefficients[^1]));
                for (int k = Coefficients.Length - 2; k >= 0; k--) q = q * x2 + new Vector<T>(T.CreateTruncating(Coefficients[k]));
                var series = v * (Vector<T>.One + x2 * q);
                Vector.ConditionalSelect(small, series, new Vector<T>(y[i..])).CopyTo(y[i..]);
            }
        }
        for (; i < x.Length; i++)
            if (T.Abs(x[i]) < cutoff) y[i] = Series(x[i]);
    }

    private static T Series<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x2 = x * x;
        var q = T.CreateTruncating(Coefficients[^1]);
        for (int k = Coefficients.Length - 2; k >= 0; k--) q = q * x2 + T.CreateTruncating(Coefficients[k]);
        return x * (T.One + x2 * q);
    }
}

internal readonly struct ReluOp : IUnaryFloatOp
{
    // Max(x, 0) would turn NaN into NaN as TF does; TensorPrimitives.Max propagates NaN.
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Max(x, T.Zero, y);
}
