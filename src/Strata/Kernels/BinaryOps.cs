using System.Numerics;
using System.Numerics.Tensors;

namespace Strata.Kernels;

/// <summary>
/// A binary elementwise operation on contiguous spans, in the three shapes the broadcast driver needs:
/// span-span, span-scalar and scalar-span. Implementations forward to TensorPrimitives (SIMD).
/// </summary>
internal interface IBinaryOp
{
    static abstract void Apply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T>;
    static abstract void Apply<T>(ReadOnlySpan<T> a, T b, Span<T> d) where T : unmanaged, INumber<T>;
    static abstract void Apply<T>(T a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T>;
}

internal readonly struct AddOp : IBinaryOp
{
    public static void Apply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Add(a, b, d);
    public static void Apply<T>(ReadOnlySpan<T> a, T b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Add(a, b, d);
    public static void Apply<T>(T a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Add(b, a, d);
}

internal readonly struct SubtractOp : IBinaryOp
{
    public static void Apply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Subtract(a, b, d);
    public static void Apply<T>(ReadOnlySpan<T> a, T b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Subtract(a, b, d);
    public static void Apply<T>(T a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Subtract(a, b, d);
}

internal readonly struct MultiplyOp : IBinaryOp
{
    public static void Apply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Multiply(a, b, d);
    public static void Apply<T>(ReadOnlySpan<T> a, T b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Multiply(a, b, d);
    public static void Apply<T>(T a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Multiply(b, a, d);
}

internal readonly struct DivideOp : IBinaryOp
{
    public static void Apply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Divide(a, b, d);
    public static void Apply<T>(ReadOnlySpan<T> a, T b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Divide(a, b, d);
    public static void Apply<T>(T a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Divide(a, b, d);
}

internal readonly struct MaximumOp : IBinaryOp
{
    public static void Apply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Max(a, b, d);
    public static void Apply<T>(ReadOnlySpan<T> a, T b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Max(a, b, d);
    public static void Apply<T>(T a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Max(b, a, d);
}

internal readonly struct MinimumOp : IBinaryOp
{
    public static void Apply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Min(a, b, d);
    public static void Apply<T>(ReadOnlySpan<T> a, T b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Min(a, b, d);
    public static void Apply<T>(T a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Min(b, a, d);
}

/// <summary>Real power; only instantiated for float and double (the op checks the dtype).</summary>
internal readonly struct PowOp : IBinaryOp
{
    public static void Apply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(float)) TensorPrimitives.Pow(Cast<T, float>(a), Cast<T, float>(b), Cast<T, float>(d));
        else TensorPrimitives.Pow(Cast<T, double>(a), Cast<T, double>(b), Cast<T, double>(d));
    }

    public static void Apply<T>(ReadOnlySpan<T> a, T b, Span<T> d) where T : unmanaged, INumber<T>
    {
        // Small integer exponents are the common case ((x - 4)^2): exact multiplication is faster and exact.
        if (b == T.CreateTruncating(2)) { TensorPrimitives.Multiply(a, a, d); return; }
        if (b == T.One) { a.CopyTo(d); return; }
        if (typeof(T) == typeof(float)) TensorPrimitives.Pow(Cast<T, float>(a), float.CreateTruncating(b), Cast<T, float>(d));
        else TensorPrimitives.Pow(Cast<T, double>(a), double.CreateTruncating(b), Cast<T, double>(d));
    }

    public static void Apply<T>(T a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(float)) TensorPrimitives.Pow(float.CreateTruncating(a), Cast<T, float>(b), Cast<T, float>(d));
        else TensorPrimitives.Pow(double.CreateTruncating(a), Cast<T, double>(b), Cast<T, double>(d));
    }

    private static ReadOnlySpan<TTo> Cast<TFrom, TTo>(ReadOnlySpan<TFrom> s) where TFrom : unmanaged where TTo : unmanaged
        => System.Runtime.InteropServices.MemoryMarshal.Cast<TFrom, TTo>(s);
    private static Span<TTo> Cast<TFrom, TTo>(Span<TFrom> s) where TFrom : unmanaged where TTo : unmanaged
        => System.Runtime.InteropServices.MemoryMarshal.Cast<TFrom, TTo>(s);
}
