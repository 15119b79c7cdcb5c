using System.Numerics;

namespace Strata.Kernels;

/// <summary>
/// Division rounding toward -inf (floordiv, floormod: the remainder takes the divisor's sign) and toward zero
/// (truncatediv, truncatemod: the remainder takes the dividend's sign), as TensorFlow defines them. For floats,
/// floordiv is floor(x / y) and the remainders come from fmod. The op has checked integer divisors for zero.
/// MIN / -1 wraps to MIN in two's complement, as TensorFlow's kernels do; .NET would throw.
/// </summary>
internal static class Division
{
    public static T FloorDiv<T>(T a, T b) where T : unmanaged, INumber<T>
    {
        if (IsFloat<T>()) return T.CreateTruncating(Math.Floor(double.CreateTruncating(a / b)));
        var q = TruncDiv(a, b);
        // Truncation rounded toward zero; a negative quotient with a remainder is one too high.
        return a != q * b && (T.IsNegative(a) != T.IsNegative(b)) ? q - T.One : q;
    }

    public static T FloorMod<T>(T a, T b) where T : unmanaged, INumber<T>
    {
        var r = TruncMod(a, b);
        return r != T.Zero && T.IsNegative(r) != T.IsNegative(b) ? r + b : r;
    }

    public static T TruncDiv<T>(T a, T b) where T : unmanaged, INumber<T>
    {
        if (IsFloat<T>()) return T.CreateTruncating(Math.Truncate(double.CreateTruncating(a / b)));
        if (T.IsNegative(b) && b == -T.One) return T.Zero - a; // MIN / -1 wraps (INumber subtraction is unchecked)
        return a / b;
    }

    public static T TruncMod<T>(T a, T b) where T : unmanaged, INumber<T>
    {
        if (!IsFloat<T>() && T.IsNegative(b) && b == -T.One) return T.Zero; // MIN % -1 throws in .NET
        return a % b; // fmod for floats
    }

    private static bool IsFloat<T>() => typeof(T) == typeof(float) || typeof(T) == typeof(double);
}

internal interface IScalarBinary
{
    static abstract T Invoke<T>(T a, T b) where T : unmanaged, INumber<T>;
}

/// <summary>Adapts a scalar function to the three span shapes of <see cref="IBinaryOp"/>.</summary>
internal readonly struct ScalarBinaryOp<TF> : IBinaryOp where TF : IScalarBinary
{
    public static void Apply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < d.Length; i++) d[i] = TF.Invoke(a[i], b[i]);
    }

    public static void Apply<T>(ReadOnlySpan<T> a, T b, Span<T> d) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < d.Length; i++) d[i] = TF.Invoke(a[i], b);
    }

    public static void Apply<T>(T a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < d.Length; i++) d[i] = TF.Invoke(a, b[i]);
    }
}

internal readonly struct FloorDivFn : IScalarBinary { public static T Invoke<T>(T a, T b) where T : unmanaged, INumber<T> => Division.FloorDiv(a, b); }
internal readonly struct FloorModFn : IScalarBinary { public static T Invoke<T>(T a, T b) where T : unmanaged, INumber<T> => Division.FloorMod(a, b); }
internal readonly struct TruncateDivFn : IScalarBinary { public static T Invoke<T>(T a, T b) where T : unmanaged, INumber<T> => Division.TruncDiv(a, b); }
internal readonly struct TruncateModFn : IScalarBinary { public static T Invoke<T>(T a, T b) where T : unmanaged, INumber<T> => Division.TruncMod(a, b); }
