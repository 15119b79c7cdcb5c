namespace Strata;

/// <summary>
/// The weak scalars of C# literals, shared: small integers (<c>x - 4</c>, <c>tf.Pow(x, 2)</c>) are made once, with
/// their float32 and float64 forms; doubles (<c>0.01 * grad</c>) go through a small cache of recent values.
/// A tensor never changes, and an eager step that makes the same few literals over and over otherwise spends a
/// good part of its time allocating them (each allocation costs more than the arithmetic on one element).
/// </summary>
internal static class Literals
{
    private const int Min = -16, Max = 64;
    private static readonly Tensor[] s_int32 = MakeInts(DType.Int32);
    private static readonly Tensor[] s_float32 = MakeInts(DType.Float32);
    private static readonly Tensor[] s_float64 = MakeInts(DType.Float64);

    private const int DoubleSlotBits = 6;
    private static readonly DoubleLiteral?[] s_doubles = new DoubleLiteral?[1 << DoubleSlotBits];

    private static Tensor[] MakeInts(DType dtype)
    {
        var result = new Tensor[Max - Min + 1];
        for (int i = 0; i < result.Length; i++) result[i] = Tensor.Scalar(Min + i, dtype, weak: true);
        return result;
    }

    /// <summary>The weak int32 scalar of an int literal.</summary>
    public static Tensor Int32(int value) =>
        value is >= Min and <= Max ? s_int32[value - Min] : new Tensor(new[] { value }, Shape.Scalar, DType.Int32) { IsWeak = true };

    /// <summary>The weak float32 scalar of a double literal (its exact value kept in LiteralValue).</summary>
    public static Tensor Double(double value)
    {
        // One slot per value, chosen by its bits. Readers check the value; a race only costs a fresh tensor.
        long bits = BitConverter.DoubleToInt64Bits(value);
        int slot = (int)((ulong)bits * 0x9E3779B97F4A7C15UL >> (64 - DoubleSlotBits));
        var cached = s_doubles[slot];
        if (cached is not null && BitConverter.DoubleToInt64Bits(cached.Value) == bits) return cached;
        var made = new DoubleLiteral(value);
        s_doubles[slot] = made;
        return made;
    }

    /// <summary>The shared weak <paramref name="to"/> scalar for a small weak int32 literal, when there is one.</summary>
    public static Tensor? ConvertedInt(Tensor weak, DType to)
    {
        if (weak.DType != DType.Int32 || weak.Size != 1) return null;
        int value = weak.Data<int>()[0];
        if (value is < Min or > Max) return null;
        return to switch
        {
            DType.Float32 => s_float32[value - Min],
            DType.Float64 => s_float64[value - Min],
            _ => null,
        };
    }
}

/// <summary>The weak float32 scalar of a C# double, which keeps the double itself: meeting a float64 tensor it takes
/// all its digits. A subclass, so that the 16 bytes it needs are not in every tensor.</summary>
internal sealed class DoubleLiteral : Tensor
{
    public readonly double Value;

    public DoubleLiteral(double value) : base(new[] { (float)value }, Shape.Scalar, DType.Float32)
    {
        Value = value;
        IsWeak = true;
    }
}
