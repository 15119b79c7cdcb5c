using System.Numerics;

namespace Strata.Kernels;

/// <summary>
/// log|Γ(x)|, ψ(x) (digamma) and ψ'(x) (trigamma) in double precision. lgamma: Lanczos (g = 7, 9 terms, ~1e-15
/// relative) with the reflection formula below 1/2; +inf at the poles (0, -1, -2, …) as TensorFlow gives. digamma:
/// the recurrence ψ(x) = ψ(x + 1) - 1/x up to x ≥ 10, then the asymptotic series; reflection below 0; NaN at the
/// poles, as Eigen's kernel (TensorFlow's) returns.
/// </summary>
internal static class GammaFunctions
{
    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    public static double Lgamma(double x)
    {
        if (double.IsNaN(x)) return x;
        if (double.IsInfinity(x)) return double.PositiveInfinity;
        if (x <= 0 && x == Math.Floor(x)) return double.PositiveInfinity;
        if (x < 0.5)
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - Lgamma(1 - x);
        if (x == 1 || x == 2) return 0;
        x -= 1;
        double a = Lanczos[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) a += Lanczos[i] / (x + i);
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(a);
    }

    public static double Digamma(double x)
    {
        if (double.IsNaN(x)) return x;
        if (x == double.PositiveInfinity) return x;
        if (x <= 0)
        {
            if (x == Math.Floor(x)) return double.NaN;
            return Digamma(1 - x) - Math.PI / Math.Tan(Math.PI * x);
        }
        double result = 0;
        while (x < 10) { result -= 1 / x; x += 1; }
        double f = 1 / (x * x);
        double series = f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f * (1.0 / 132)))));
        return result + Math.Log(x) - 0.5 / x - series;
    }

    public static double Trigamma(double x)
    {
        if (double.IsNaN(x)) return x;
        if (x <= 0)
        {
            if (x == Math.Floor(x)) return double.PositiveInfinity;
            double s = Math.Sin(Math.PI * x);
            return -Trigamma(1 - x) + Math.PI * Math.PI / (s * s);
        }
        double result = 0;
        while (x < 10) { result += 1 / (x * x); x += 1; }
        double f = 1 / (x * x);
        // ψ'(x) ~ 1/x + 1/(2x²) + 1/(6x³) - 1/(30x⁵) + 1/(42x⁷) - 1/(30x⁹)
        return result + 1 / x + f / 2 + f / x * (1.0 / 6 - f * (1.0 / 30 - f * (1.0 / 42 - f * (1.0 / 30))));
    }
}

internal readonly struct LgammaOp : IUnaryFloatOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) y[i] = T.CreateTruncating(GammaFunctions.Lgamma(double.CreateTruncating(x[i])));
    }
}

internal readonly struct DigammaOp : IUnaryFloatOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) y[i] = T.CreateTruncating(GammaFunctions.Digamma(double.CreateTruncating(x[i])));
    }
}

internal readonly struct TrigammaOp : IUnaryFloatOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) y[i] = T.CreateTruncating(GammaFunctions.Trigamma(double.CreateTruncating(x[i])));
    }
}

internal readonly struct ErfcOp : IUnaryFloatOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) y[i] = T.CreateTruncating(SpecialFunctions.Erfc(double.CreateTruncating(x[i])));
    }
}

internal readonly struct ReciprocalOp : IUnaryFloatOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> =>
        System.Numerics.Tensors.TensorPrimitives.Divide(T.One, x, y);
}

internal readonly struct RsqrtOp : IUnaryFloatOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) y[i] = T.One / T.Sqrt(x[i]);
    }
}
