using System.Numerics;

namespace Strata.Kernels;

/// <summary>Element conversion between dtypes with TensorFlow's rules: float to int truncates toward zero,
/// anything to bool is "not zero", bool to a number is 0 or 1.</summary>
internal static class CastKernel
{
    public static Array Convert(Array source, DType from, DType to) => from switch
    {
        DType.Float32 => From((float[])source, to),
        DType.Float64 => From((double[])source, to),
        DType.Int32 => From((int[])source, to),
        DType.Int64 => From((long[])source, to),
        DType.UInt8 => From((byte[])source, to),
        DType.Bool => From(Array.ConvertAll((bool[])source, b => b ? (byte)1 : (byte)0), to),
        _ => throw new ArgumentOutOfRangeException(nameof(from)),
    };

    private static Array From<TFrom>(TFrom[] s, DType to) where TFrom : unmanaged, INumber<TFrom> => to switch
    {
        DType.Float32 => Map<TFrom, float>(s),
        DType.Float64 => Map<TFrom, double>(s),
        DType.Int32 => Map<TFrom, int>(s),
        DType.Int64 => Map<TFrom, long>(s),
        DType.UInt8 => Map<TFrom, byte>(s),
        DType.Bool => Array.ConvertAll(s, v => v != TFrom.Zero),
        _ => throw new ArgumentOutOfRangeException(nameof(to)),
    };

    private static TTo[] Map<TFrom, TTo>(TFrom[] s) where TFrom : unmanaged, INumber<TFrom> where TTo : unmanaged, INumber<TTo>
    {
        var d = GC.AllocateUninitializedArray<TTo>(s.Length);
        if (typeof(TFrom) == typeof(int) && typeof(TTo) == typeof(float))
        {
            System.Numerics.Tensors.TensorPrimitives.ConvertTruncating<int, float>((int[])(object)s, (float[])(object)d);
            return d;
        }
        for (int i = 0; i < s.Length; i++) d[i] = TTo.CreateSaturating(s[i]);
        return d;
    }
}
