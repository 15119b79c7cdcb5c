using System.Numerics;
using System.Numerics.Tensors;

namespace Strata.Kernels;

// The trigonometric and hyperbolic kernels (tf.math.sin … atanh, atan2). Outside an inverse function's domain the
// result is NaN, as TensorFlow's kernels (Eigen's, the C library's) give: asin(2), acosh(0.5), atanh(2) are NaN and
// atanh(±1) is ±inf. No exceptions.

internal readonly struct SinOp : IUnaryFloatOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Sin(x, y);
}

internal readonly struct CosOp : IUnaryFloatOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Cos(x, y);
}

internal readonly struct TanOp : IUnaryFloatOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Tan(x, y);
}

internal readonly struct AsinOp : IUnaryFloatOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) y[i] = T.Asin(x[i]);
    }
}

internal readonly struct AcosOp : IUnaryFloatOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) y[i] = T.Acos(x[i]);
    }
}

internal readonly struct AtanOp : IUnaryFloatOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) y[i] = T.Atan(x[i]);
    }
}

internal readonly struct SinhOp : IUnaryFloatOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) y[i] = T.Sinh(x[i]);
    }
}

internal readonly struct CoshOp : IUnaryFloatOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) y[i] = T.Cosh(x[i]);
    }
}

internal readonly struct AsinhOp : IUnaryFloatOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) y[i] = T.Asinh(x[i]);
    }
}

internal readonly struct AcoshOp : IUnaryFloatOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) y[i] = T.Acosh(x[i]);
    }
}

internal readonly struct AtanhOp : IUnaryFloatOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) y[i] = T.Atanh(x[i]);
    }
}

/// <summary>atan2(a, b) = the angle of the point (b, a); only instantiated for float and double (the op checks).</summary>
internal readonly struct Atan2Op : IBinaryOp
{
    public static void Apply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < d.Length; i++) d[i] = Atan2(a[i], b[i]);
    }

    public static void Apply<T>(ReadOnlySpan<T> a, T b, Span<T> d) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < d.Length; i++) d[i] = Atan2(a[i], b);
    }

    public static void Apply<T>(T a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < d.Length; i++) d[i] = Atan2(a, b[i]);
    }

    private static T Atan2<T>(T a, T b) where T : unmanaged, INumber<T> =>
        typeof(T) == typeof(float)
            ? T.CreateTruncating(MathF.Atan2(float.CreateTruncating(a), float.CreateTruncating(b)))
            : T.CreateTruncating(Math.Atan2(double.CreateTruncating(a), double.CreateTruncating(b)));
}
