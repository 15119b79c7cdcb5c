using System.Numerics;
using System.Text;

namespace Strata.Formatting;

/// <summary>
/// A port of NumPy's Dragon4 float printer (<c>numpy/_core/src/multiarray/dragon4.c</c>, itself
/// Ryan Juckett's implementation of Steele &amp; White / Burger &amp; Dybvig), with NumPy's
/// <c>FormatPositional</c> / <c>FormatScientific</c> layout code on top. It prints the exact binary
/// value of a float32 or float64, either as the shortest string that round-trips within the
/// element's own precision ("unique" mode) or digit-exact ("exact" mode), with NumPy's cutoff,
/// minimum-digit, trimming and padding rules. The C code's hand-rolled BigInt is replaced by
/// <see cref="BigInteger"/>; all comparisons and roundings are kept in the same order so that the
/// output matches NumPy character for character.
/// </summary>
internal static class Dragon4
{
    /// <summary>NumPy's <c>TrimMode</c>; the letters are those of <c>np.format_float_positional(trim=…)</c>.</summary>
    internal enum Trim
    {
        /// <summary>'k': keep trailing zeros, keep the decimal point.</summary>
        None,
        /// <summary>'.': trim trailing zeros, keep the decimal point.</summary>
        Zeros,
        /// <summary>'0': trim trailing zeros but leave one zero after the point ("1.0").</summary>
        LeaveOneZero,
        /// <summary>'-': trim trailing zeros and the decimal point.</summary>
        DptZeros,
    }

    /// <summary>A float split into NumPy's Dragon4 inputs: value = mantissa * 2^exponent.</summary>
    internal readonly struct Bits
    {
        public readonly ulong Mantissa;
        public readonly int Exponent;
        public readonly int MantissaBit;         // index of the highest set mantissa bit
        public readonly bool HasUnequalMargins;  // the gap above is twice the gap below (power of two)
        public readonly bool Negative;           // sign bit (so -0.0 and -nan count as negative)
        public readonly bool IsNan;
        public readonly bool IsInf;

        private Bits(ulong m, int e, int mb, bool unequal, bool neg, bool nan, bool inf)
        {
            Mantissa = m; Exponent = e; MantissaBit = mb; HasUnequalMargins = unequal;
            Negative = neg; IsNan = nan; IsInf = inf;
        }

        public bool IsFinite => !IsNan && !IsInf;

        /// <summary>IEEE binary32 (Dragon4_PrintFloat_IEEE_binary32).</summary>
        public static Bits FromSingle(float value)
        {
            uint u = BitConverter.SingleToUInt32Bits(value);
            uint floatMantissa = u & 0x7FFFFFu;
            uint floatExponent = (u >> 23) & 0xFFu;
            bool neg = (u >> 31) != 0;
            if (floatExponent == 0xFF)
                return new Bits(floatMantissa, 0, 0, false, neg, floatMantissa != 0, floatMantissa == 0);
            if (floatExponent != 0)
                return new Bits((1UL << 23) | floatMantissa, (int)floatExponent - 127 - 23, 23,
                                floatExponent != 1 && floatMantissa == 0, neg, false, false);
            // subnormal
            return new Bits(floatMantissa, 1 - 127 - 23, floatMantissa == 0 ? 0 : BitOperations.Log2(floatMantissa),
                            false, neg, false, false);
        }

        /// <summary>IEEE binary64 (Dragon4_PrintFloat_IEEE_binary64).</summary>
        public static Bits FromDouble(double value)
        {
            ulong u = BitConverter.DoubleToUInt64Bits(value);
            ulong floatMantissa = u & ((1UL << 52) - 1);
            uint floatExponent = (uint)(u >> 52) & 0x7FFu;
            bool neg = (u >> 63) != 0;
            if (floatExponent == 0x7FF)
                return new Bits(floatMantissa, 0, 0, false, neg, floatMantissa != 0, floatMantissa == 0);
            if (floatExponent != 0)
                return new Bits((1UL << 52) | floatMantissa, (int)floatExponent - 1023 - 52, 52,
                                floatExponent != 1 && floatMantissa == 0, neg, false, false);
            return new Bits(floatMantissa, 1 - 1023 - 52, floatMantissa == 0 ? 0 : BitOperations.Log2(floatMantissa),
                            false, neg, false, false);
        }
    }

    private const double Log10Of2 = 0.30102999566398119521373889472449;

    // NumPy's scratch buffer is 16384 chars; the default cutoff is "as many digits as fit".
    private const int BufferSize = 16384;

    /// <summary>
    /// The Dragon4 digit generator. Returns the decimal digits (no point) and, in
    /// <paramref name="outExponent"/>, the base-10 exponent of the first digit.
    /// <paramref name="cutoffMax"/> / <paramref name="cutoffMin"/> are -1 for "none"; they count
    /// fraction digits when <paramref name="fractionCutoff"/>, else total significant digits.
    /// </summary>
    private static string Digits(in Bits v, bool unique, bool fractionCutoff, int cutoffMax, int cutoffMin,
                                 out int outExponent)
    {
        if (v.Mantissa == 0)
        {
            outExponent = 0;
            return "0";
        }

        bool isEven = (v.Mantissa & 1) == 0;
        int exponent = v.Exponent;
        BigInteger mantissa = v.Mantissa;
        BigInteger scale, scaledValue, marginLow;
        bool unequal = v.HasUnequalMargins;

        // value = scaledValue / scale; margins are half the distance to the neighbouring floats.
        if (unequal)
        {
            if (exponent > 0)
            {
                scaledValue = mantissa << (exponent + 2);
                scale = 4;
                marginLow = BigInteger.One << exponent;
            }
            else
            {
                scaledValue = mantissa << 2;
                scale = BigInteger.One << (-exponent + 2);
                marginLow = 1;
            }
        }
        else
        {
            if (exponent > 0)
            {
                scaledValue = mantissa << (exponent + 1);
                scale = 2;
                marginLow = BigInteger.One << exponent;
            }
            else
            {
                scaledValue = mantissa << 1;
                scale = BigInteger.One << (-exponent + 1);
                marginLow = 1;
            }
        }
        BigInteger MarginHigh() => unequal ? marginLow * 2 : marginLow;

        // Estimate of floor(log10(v)) + 1 that is correct or one too low (the 0.69 bias is NumPy's).
        int digitExponent = (int)Math.Ceiling((v.MantissaBit + exponent) * Log10Of2 - 0.69);

        // With a fractional cutoff, skip straight to the last digit we may print (it will round).
        if (cutoffMax >= 0 && fractionCutoff && digitExponent <= -cutoffMax)
            digitExponent = -cutoffMax + 1;

        if (digitExponent > 0)
        {
            scale *= BigInteger.Pow(10, digitExponent);
        }
        else if (digitExponent < 0)
        {
            var pow10 = BigInteger.Pow(10, -digitExponent);
            scaledValue *= pow10;
            marginLow *= pow10;
        }

        if (scaledValue >= scale)
        {
            digitExponent++;
        }
        else
        {
            scaledValue *= 10;
            marginLow *= 10;
        }

        int cutoffMaxExponent = digitExponent - BufferSize;
        if (cutoffMax >= 0)
        {
            int desired = fractionCutoff ? -cutoffMax : digitExponent - cutoffMax;
            if (desired > cutoffMaxExponent) cutoffMaxExponent = desired;
        }
        int cutoffMinExponent = digitExponent;
        if (cutoffMin >= 0)
        {
            int desired = fractionCutoff ? -cutoffMin : digitExponent - cutoffMin;
            if (desired < cutoffMinExponent) cutoffMinExponent = desired;
        }

        outExponent = digitExponent - 1;

        var digits = new StringBuilder(32);
        int outputDigit;
        bool low, high;
        if (unique)
        {
            for (;;)
            {
                digitExponent--;
                outputDigit = (int)BigInteger.DivRem(scaledValue, scale, out scaledValue);
                var scaledValueHigh = scaledValue + MarginHigh();

                // stop once the printed prefix identifies the value (and the minimum digits are
                // out), or at the cutoff digit
                int cmp = scaledValue.CompareTo(marginLow);
                low = isEven ? cmp <= 0 : cmp < 0;
                cmp = scaledValueHigh.CompareTo(scale);
                high = isEven ? cmp >= 0 : cmp > 0;
                if (((low | high) & (digitExponent <= cutoffMinExponent)) | (digitExponent == cutoffMaxExponent))
                    break;

                digits.Append((char)('0' + outputDigit));
                scaledValue *= 10;
                marginLow *= 10;
            }
        }
        else
        {
            low = false;
            high = false;
            for (;;)
            {
                digitExponent--;
                outputDigit = (int)BigInteger.DivRem(scaledValue, scale, out scaledValue);
                if (scaledValue.IsZero | (digitExponent == cutoffMaxExponent))
                    break;
                digits.Append((char)('0' + outputDigit));
                scaledValue *= 10;
            }
        }

        // Round the final digit: down if only rounding down stays in range; otherwise to the
        // nearer of the two, ties to the even digit.
        bool roundDown = low;
        if (low == high)
        {
            int compare = (scaledValue * 2).CompareTo(scale);
            roundDown = compare < 0;
            if (compare == 0) roundDown = (outputDigit & 1) == 0;
        }

        if (roundDown)
        {
            digits.Append((char)('0' + outputDigit));
        }
        else if (outputDigit == 9)
        {
            // carry into the earlier digits; "99" becomes "1" one decade up
            for (;;)
            {
                if (digits.Length == 0)
                {
                    digits.Append('1');
                    outExponent++;
                    break;
                }
                char last = digits[^1];
                digits.Length--;
                if (last != '9')
                {
                    digits.Append((char)(last + 1));
                    break;
                }
            }
        }
        else
        {
            digits.Append((char)('0' + outputDigit + 1));
        }
        return digits.ToString();
    }

    /// <summary>NumPy's PrintInfNan: the sign is printed for infinities only.</summary>
    private static string InfNan(in Bits v, bool forceSign)
    {
        if (v.IsNan) return "nan";
        return (v.Negative ? "-" : forceSign ? "+" : "") + "inf";
    }

    /// <summary>
    /// <c>np.format_float_positional</c> / the C <c>FormatPositional</c>. Negative arguments mean
    /// "not given" (NumPy's -1).
    /// </summary>
    public static string Positional(in Bits v, int precision = -1, bool unique = true, bool fractional = true,
                                    Trim trim = Trim.None, bool sign = false, int padLeft = -1, int padRight = -1,
                                    int minDigits = -1)
    {
        if (!v.IsFinite) return InfNan(v, sign);

        var buf = new StringBuilder(40);
        int hasSign = 0;
        if (v.Negative) { buf.Append('-'); hasSign = 1; }
        else if (sign) { buf.Append('+'); hasSign = 1; }

        string digits = Digits(v, unique, fractional, precision, minDigits, out int printExponent);
        int numDigits = digits.Length;
        int numWholeDigits;
        int numFractionDigits = 0;

        if (printExponent >= 0)
        {
            numWholeDigits = printExponent + 1;
            if (numDigits <= numWholeDigits)
            {
                buf.Append(digits);
                buf.Append('0', numWholeDigits - numDigits); // zeros up to the decimal point
            }
            else
            {
                numFractionDigits = numDigits - numWholeDigits;
                buf.Append(digits, 0, numWholeDigits).Append('.').Append(digits, numWholeDigits, numFractionDigits);
            }
        }
        else
        {
            int numFractionZeros = -(printExponent + 1);
            buf.Append("0.").Append('0', numFractionZeros).Append(digits);
            numFractionDigits = numFractionZeros + numDigits;
            numWholeDigits = 1;
        }

        // always add the decimal point, except in DptZeros mode
        if (trim != Trim.DptZeros && numFractionDigits == 0)
            buf.Append('.');

        int addDigits = unique ? minDigits : precision;
        int desiredFractionalDigits = addDigits < 0 ? 0 : addDigits;
        if (!fractional)
            desiredFractionalDigits = addDigits - numWholeDigits;

        if (trim == Trim.LeaveOneZero)
        {
            if (numFractionDigits == 0)
            {
                buf.Append('0');
                numFractionDigits++;
            }
        }
        else if (trim == Trim.None && desiredFractionalDigits > numFractionDigits)
        {
            buf.Append('0', desiredFractionalDigits - numFractionDigits);
            numFractionDigits = desiredFractionalDigits;
        }

        // rounding may still leave trailing zeros: remove them as the trim mode says
        if (trim != Trim.None && numFractionDigits > 0)
        {
            while (buf[^1] == '0')
            {
                buf.Length--;
                numFractionDigits--;
            }
            if (buf[^1] == '.')
            {
                if (trim == Trim.LeaveOneZero)
                {
                    buf.Append('0');
                    numFractionDigits++;
                }
                else if (trim == Trim.DptZeros)
                {
                    buf.Length--;
                }
            }
        }

        if (padRight >= numFractionDigits)
        {
            // in DptZeros mode a missing '.' is padded with a space too
            if (trim == Trim.DptZeros && numFractionDigits == 0)
                buf.Append(' ');
            buf.Append(' ', padRight - numFractionDigits);
        }
        if (padLeft > numWholeDigits + hasSign)
            buf.Insert(0, " ", padLeft - (numWholeDigits + hasSign));

        return buf.ToString();
    }

    /// <summary><c>np.format_float_scientific</c> / the C <c>FormatScientific</c>.</summary>
    public static string Scientific(in Bits v, int precision = -1, bool unique = true, Trim trim = Trim.None,
                                    bool sign = false, int padLeft = -1, int expDigits = -1, int minDigits = -1)
    {
        if (!v.IsFinite) return InfNan(v, sign);

        var buf = new StringBuilder(32);
        bool hasSign = v.Negative || sign;
        int leftChars = 1 + (hasSign ? 1 : 0);
        if (padLeft > leftChars) buf.Append(' ', padLeft - leftChars);
        if (v.Negative) buf.Append('-');
        else if (sign) buf.Append('+');

        string digits = Digits(v, unique, fractionCutoff: false,
                               precision < 0 ? -1 : precision + 1,
                               minDigits < 0 ? -1 : minDigits + 1,
                               out int printExponent);

        buf.Append(digits[0]);
        int numFractionDigits = digits.Length - 1;
        if (numFractionDigits > 0)
            buf.Append('.').Append(digits, 1, numFractionDigits);

        if (trim != Trim.DptZeros && numFractionDigits == 0)
            buf.Append('.');

        int addDigits = unique ? minDigits : precision;
        if (addDigits < 0) addDigits = 0;
        if (trim == Trim.LeaveOneZero)
        {
            if (numFractionDigits == 0)
            {
                buf.Append('0');
                numFractionDigits++;
            }
        }
        else if (trim == Trim.None && addDigits > numFractionDigits)
        {
            buf.Append('0', addDigits - numFractionDigits);
            numFractionDigits = addDigits;
        }

        // NumPy strips trailing zeros here but (unlike positional) never the '.' itself
        if (trim != Trim.None && numFractionDigits > 0)
        {
            while (buf[^1] == '0')
            {
                buf.Length--;
                numFractionDigits--;
            }
            if (trim == Trim.LeaveOneZero && buf[^1] == '.')
            {
                buf.Append('0');
                numFractionDigits++;
            }
        }

        // exponent: at least expDigits digits (2 when not given), at most 5
        if (expDigits > 5) expDigits = 5;
        if (expDigits < 0) expDigits = 2;
        buf.Append('e').Append(printExponent >= 0 ? '+' : '-');
        string e = Math.Abs(printExponent).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (e.Length < expDigits) buf.Append('0', expDigits - e.Length);
        buf.Append(e);
        return buf.ToString();
    }
}
