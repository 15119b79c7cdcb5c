using System.Numerics;
using System.Runtime.CompilerServices;

namespace Strata.Kernels;

/// <summary>An operation on two integers of one width (the bitwise ops, integer power).</summary>
internal interface IIntegerBinary
{
    static abstract TI Do<TI>(TI a, TI b) where TI : IBinaryInteger<TI>, IMinMaxValue<TI>;
}

/// <summary>Runs an <see cref="IIntegerBinary"/> on the broadcast driver's spans; only instantiated for int32, int64
/// and uint8 (the ops check the dtype).</summary>
internal readonly struct IntegerBinary<TInt> : IBinaryOp where TInt : IIntegerBinary
{
    public static void Apply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < d.Length; i++) d[i] = One(a[i], b[i]);
    }

    public static void Apply<T>(ReadOnlySpan<T> a, T b, Span<T> d) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < d.Length; i++) d[i] = One(a[i], b);
    }

    public static void Apply<T>(T a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < d.Length; i++) d[i] = One(a, b[i]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T One<T>(T a, T b) where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(int)) { int r = TInt.Do(Unsafe.As<T, int>(ref a), Unsafe.As<T, int>(ref b)); return Unsafe.As<int, T>(ref r); }
        if (typeof(T) == typeof(long)) { long r = TInt.Do(Unsafe.As<T, long>(ref a), Unsafe.As<T, long>(ref b)); return Unsafe.As<long, T>(ref r); }
        if (typeof(T) == typeof(byte)) { byte r = TInt.Do(Unsafe.As<T, byte>(ref a), Unsafe.As<T, byte>(ref b)); return Unsafe.As<byte, T>(ref r); }
        throw new UnsupportedDTypeError($"integer op on {typeof(T).Name}");
    }
}

internal readonly struct BitAnd : IIntegerBinary { public static TI Do<TI>(TI a, TI b) where TI : IBinaryInteger<TI>, IMinMaxValue<TI> => a & b; }
internal readonly struct BitOr : IIntegerBinary { public static TI Do<TI>(TI a, TI b) where TI : IBinaryInteger<TI>, IMinMaxValue<TI> => a | b; }
internal readonly struct BitXor : IIntegerBinary { public static TI Do<TI>(TI a, TI b) where TI : IBinaryInteger<TI>, IMinMaxValue<TI> => a ^ b; }

/// <summary>TensorFlow's left_shift: the shift clamped to [0, bits - 1], bits shifted out are lost (two's complement).</summary>
internal readonly struct ShiftLeft : IIntegerBinary
{
    public static TI Do<TI>(TI a, TI b) where TI : IBinaryInteger<TI>, IMinMaxValue<TI> => a << ClampShift(b);

    internal static int ClampShift<TI>(TI b) where TI : IBinaryInteger<TI>, IMinMaxValue<TI>
    {
        int bits = TI.Zero.GetByteCount() * 8;
        if (b < TI.Zero) return 0;
        return b > TI.CreateTruncating(bits - 1) ? bits - 1 : int.CreateTruncating(b);
    }
}

/// <summary>TensorFlow's right_shift: arithmetic for signed types (the sign bit fills), the shift clamped to [0, bits - 1].</summary>
internal readonly struct ShiftRight : IIntegerBinary
{
    public static TI Do<TI>(TI a, TI b) where TI : IBinaryInteger<TI>, IMinMaxValue<TI> => a >> ShiftLeft.ClampShift(b);
}

/// <summary>Integer power by squaring, wrapping on overflow as TensorFlow's (C++) integer arithmetic does; the op has
/// refused negative exponents already.</summary>
internal readonly struct IntPow : IIntegerBinary
{
    public static TI Do<TI>(TI a, TI b) where TI : IBinaryInteger<TI>, IMinMaxValue<TI>
    {
        TI result = TI.One, bas = a;
        while (b > TI.Zero)
        {
            if (!TI.IsEvenInteger(b)) result = unchecked(result * bas);
            b >>= 1;
            if (b > TI.Zero) bas = unchecked(bas * bas);
        }
        return result;
    }
}

/// <summary>~x on int32, int64 and uint8.</summary>
internal readonly struct InvertOp : IUnaryNumericOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            T v = x[i];
            if (typeof(T) == typeof(int)) { int r = ~Unsafe.As<T, int>(ref v); y[i] = Unsafe.As<int, T>(ref r); }
            else if (typeof(T) == typeof(long)) { long r = ~Unsafe.As<T, long>(ref v); y[i] = Unsafe.As<long, T>(ref r); }
            else if (typeof(T) == typeof(byte)) { byte r = (byte)~Unsafe.As<T, byte>(ref v); y[i] = Unsafe.As<byte, T>(ref r); }
            else throw new UnsupportedDTypeError($"Invert on {typeof(T).Name}");
        }
    }
}

/// <summary>Integer matrix products (int32, int64), the naive i-k-j loop with wrapping arithmetic (TensorFlow's
/// Eigen kernel wraps too). Not on the float GEMM's micro-kernels: integer products are rare and small.</summary>
internal static class IntegerGemm
{
    public static void Run<T>(bool ta, bool tb, int m, int n, int k, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c)
        where T : unmanaged, IBinaryInteger<T>
    {
        c.Clear();
        for (int i = 0; i < m; i++)
            for (int p = 0; p < k; p++)
            {
                T av = ta ? a[p * m + i] : a[i * k + p];
                if (av == T.Zero) continue;
                var row = c.Slice(i * n, n);
                if (!tb)
                {
                    var brow = b.Slice(p * n, n);
                    for (int j = 0; j < n; j++) row[j] = unchecked(row[j] + av * brow[j]);
                }
                else
                    for (int j = 0; j < n; j++) row[j] = unchecked(row[j] + av * b[j * k + p]);
            }
    }
}
