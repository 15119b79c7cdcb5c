using System.Globalization;

namespace Strata.Keras.Layers;

/// <summary>
/// The <c>factor</c> of Keras's augmentation layers: one number (<c>0.2</c>, which each layer widens to a range
/// in its own way, usually [-0.2, 0.2]) or a (lower, upper) pair. Converts implicitly from a double and from a
/// tuple, so <c>new RandomRotation(0.1)</c> and <c>new RandomRotation((-0.1, 0.3))</c> both read as in Keras.
/// </summary>
public readonly struct Factor
{
    private Factor(double lower, double upper, bool isPair)
    {
        Lower = lower;
        Upper = upper;
        IsPair = isPair;
    }

    /// <summary>The first number (the only one for a single factor).</summary>
    public double Lower { get; }

    /// <summary>The second number of a pair (equal to <see cref="Lower"/> for a single factor).</summary>
    public double Upper { get; }

    /// <summary>True when the factor was given as a (lower, upper) pair, false for a single number.</summary>
    public bool IsPair { get; }

    /// <summary>A single factor, which each layer widens to a range (usually [-value, value]).</summary>
    /// <param name="value">The factor.</param>
    public static implicit operator Factor(double value) => new(value, value, false);

    /// <summary>A (lower, upper) range, taken as given (sorted).</summary>
    /// <param name="pair">The bounds.</param>
    public static implicit operator Factor((double Lower, double Upper) pair) => new(pair.Lower, pair.Upper, true);

    /// <summary>As Python prints the argument: <c>0.2</c> or <c>(-0.1, 0.3)</c>.</summary>
    public override string ToString() => IsPair ? $"({Num(Lower)}, {Num(Upper)})" : Num(Lower);

    internal static string Num(double v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Keras's BaseImagePreprocessingLayer._set_factor with bounds [lo, hi]: a single number must lie in the bounds
    /// and gives (max(-|f|, lo), |f|); a pair must overlap the bounds and is sorted.
    /// </summary>
    internal (double Lower, double Upper) Range(string layer, int lo, int hi)
    {
        bool bad = IsPair ? Lower > hi || Upper < lo : !(Lower >= lo && Lower <= hi);
        if (bad || double.IsNaN(Lower) || double.IsNaN(Upper))
            throw new InvalidArgumentError(
                $"{layer}: The `factor` argument should be a number (or a list of two numbers) in the range [{lo}, {hi}]. Received: factor={this}");
        if (IsPair) return (Math.Min(Lower, Upper), Math.Max(Lower, Upper));
        double f = Math.Abs(Lower);
        return (Math.Max(-f, lo), f);
    }

    /// <summary>RandomZoom's and RandomTranslation's rule: every number in [-1, 1]; a single f gives (-|f|, |f|).</summary>
    internal (double Lower, double Upper) SymmetricRange(string layer, string argument)
    {
        foreach (var v in IsPair ? new[] { Lower, Upper } : [Lower])
            if (!(v >= -1 && v <= 1))
                throw new InvalidArgumentError(
                    $"{layer}: The `height_factor` and `width_factor` arguments should be a number (or a list of two numbers) in the range [-1.0, 1.0]. " +
                    $"Received: {argument}={this}");
        if (IsPair) return (Math.Min(Lower, Upper), Math.Max(Lower, Upper));
        return (-Math.Abs(Lower), Math.Abs(Lower));
    }
}
