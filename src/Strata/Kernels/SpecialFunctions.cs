namespace Strata.Kernels;

/// <summary>
/// erf and erfc in double precision, to a few ulps, with no tables: two expansions that need no cancellation.
/// Below <see cref="SeriesLimit"/> the series erf(x) = 2/√π · e^(-x²) · Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)) has only
/// positive terms (the alternating Taylor series would cancel digits away); above it erfc comes from its continued
/// fraction (Lentz's method), which converges quickly there, and erf = 1 - erfc. float32 callers round the double.
/// </summary>
internal static class SpecialFunctions
{
    private const double SeriesLimit = 2.5;
    private const double TwoOverSqrtPi = 1.1283791670955126; // 2/√π
    private const double OneOverSqrtPi = 0.5641895835477563; // 1/√π

    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return x;
        double a = Math.Abs(x);
        if (a < SeriesLimit) return Series(x);
        if (a >= 6) return Math.CopySign(1.0, x); // erfc(6) ≈ 2e-17: below half an ulp of 1
        return Math.CopySign(1.0 - ContinuedFraction(a), x);
    }

    public static double Erfc(double x)
    {
        if (double.IsNaN(x)) return x;
        if (x < 0) return 1.0 + Erf(-x); // adds, so no digits are lost; Erf also handles large |x| and infinity
        if (x < SeriesLimit) return 1.0 - Series(x);
        if (x > 27.3) return 0; // e^(-x²) underflows
        return ContinuedFraction(x);
    }

    /// <summary>erf(x) for |x| &lt; 2.5 by the positive series (sign carried by x).</summary>
    private static double Series(double x)
    {
        double x2 = x * x, term = x, sum = x;
        for (int n = 1; n < 200; n++)
        {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
            if (Math.Abs(term) <= Math.Abs(sum) * 1e-17) break;
        }
        return TwoOverSqrtPi * Math.Exp(-x2) * sum;
    }

    /// <summary>erfc(x) for x ≥ 2.5: e^(-x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated by modified Lentz.</summary>
    private static double ContinuedFraction(double x)
    {
        // For x > 0 every partial denominator is positive, so Lentz's guards against a zero one are not needed.
        double f = x, c = x, d = 0;
        for (int n = 1; n < 500; n++)
        {
            double an = n * 0.5;
            d = 1 / (x + an * d);
            c = x + an / c;
            double delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16) break;
        }
        return OneOverSqrtPi * Math.Exp(-x * x) / f;
    }
}
