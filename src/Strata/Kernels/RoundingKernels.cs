using System.Numerics;
using System.Numerics.Tensors;

namespace Strata.Kernels;

internal readonly struct FloorOp : IUnaryFloatOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Floor(x, y);
}

internal readonly struct CeilOp : IUnaryFloatOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Ceiling(x, y);
}

/// <summary>Round half to even (banker's rounding), as tf.math.round does: 0.5 → 0, 1.5 → 2, -2.5 → -2.</summary>
internal readonly struct RoundHalfEvenOp : IUnaryFloatOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        => TensorPrimitives.Round(x, MidpointRounding.ToEven, y);
}

/// <summary>Elementwise classification of floating-point values into a bool tensor.</summary>
internal static class FloatClass
{
    public enum Kind { Nan, Inf, Finite }

    public static bool[] Classify(Tensor x, Kind kind)
    {
        var r = new bool[x.Size];
        if (x.DType == DType.Float32) Classify<float>(x.Data<float>(), r, kind);
        else Classify<double>(x.Data<double>(), r, kind);
        return r;
    }

    private static void Classify<T>(T[] x, bool[] r, Kind kind) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
            r[i] = kind switch
            {
                Kind.Nan => T.IsNaN(x[i]),
                Kind.Inf => T.IsInfinity(x[i]),
                _ => T.IsFinite(x[i]),
            };
    }
}
