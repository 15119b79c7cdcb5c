using System.Runtime.CompilerServices;

namespace Strata;

/// <summary>
/// Multi-dimensional .NET arrays (<c>float[,]</c>, <c>long[,,]</c> …) of a dtype's element type, made without
/// <c>Array.CreateInstance(Type, int[])</c>, whose array type NativeAOT may not have compiled: each rank up to 8 names
/// its array type statically (<c>typeof(float[,,])</c>), which keeps it in a trimmed or AOT app. A higher rank
/// falls back to <c>Array.CreateInstance</c> where code can be generated at run time (JIT) and is refused under
/// NativeAOT with a <see cref="NotSupportedException"/> that says so.
/// </summary>
internal static class MultiDim
{
    public const int MaxStaticRank = 8;

    public static Array Create(DType dtype, int[] lengths)
    {
        if (ArrayType(dtype, lengths.Length) is { } type) return Array.CreateInstanceFromArrayType(type, lengths);
        if (RuntimeFeature.IsDynamicCodeSupported) return Array.CreateInstance(dtype.ClrType(), lengths);
        throw new NotSupportedException(
            $"ToMultiDimArray: a {dtype.Name()} array of rank {lengths.Length} needs code generated at run time, which NativeAOT " +
            $"cannot do (ranks up to {MaxStaticRank} work); use ToArray for the flat values.");
    }

    private static Type? ArrayType(DType dtype, int rank) => dtype switch
    {
        DType.Float32 => Of<float>(rank),
        DType.Float64 => Of<double>(rank),
        DType.Int32 => Of<int>(rank),
        DType.Int64 => Of<long>(rank),
        DType.Bool => Of<bool>(rank),
        DType.UInt8 => Of<byte>(rank),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
    };

    private static Type? Of<T>(int rank) => rank switch
    {
        1 => typeof(T[]),
        2 => typeof(T[,]),
        3 => typeof(T[,,]),
        4 => typeof(T[,,,]),
        5 => typeof(T[,,,,]),
        6 => typeof(T[,,,,,]),
        7 => typeof(T[,,,,,,]),
        8 => typeof(T[,,,,,,,]),
        _ => null,
    };
}
