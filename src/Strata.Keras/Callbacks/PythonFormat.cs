using System.Globalization;
using System.Numerics;
using System.Text;

namespace Strata.Keras.Callbacks;

/// <summary>
/// Python's <c>str.format</c> for ModelCheckpoint's file names: <c>{epoch:02d}</c>, <c>{val_loss:.2f}</c>, <c>{loss}</c>,
/// <c>{{</c> and <c>}}</c>. The format spec is Python's mini-language for numbers: [[fill]align][sign][0][width][,][.precision]
/// [type] with types d, f, F, e, E, g, G, % and none (Python's repr of a float: 0.25, 1.0, 1e-05).
/// </summary>
internal static class PythonFormat
{
    public static string Format(string template, IReadOnlyDictionary<string, object> values)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < template.Length; i++)
        {
            char c = template[i];
            if (c == '{' && i + 1 < template.Length && template[i + 1] == '{') { sb.Append('{'); i++; continue; }
            if (c == '}' && i + 1 < template.Length && template[i + 1] == '}') { sb.Append('}'); i++; continue; }
            if (c == '}') throw new FormatException("Single '}' encountered in format string");
            if (c != '{') { sb.Append(c); continue; }
            int close = template.IndexOf('}', i + 1);
            if (close < 0) throw new FormatException("Single '{' encountered in format string");
            var field = template[(i + 1)..close];
            int colon = field.IndexOf(':');
            string name = colon < 0 ? field : field[..colon], spec = colon < 0 ? "" : field[(colon + 1)..];
            if (!values.TryGetValue(name, out var value)) throw new KeyNotFoundException($"KeyError: '{name}'");
            sb.Append(FormatValue(value, spec));
            i = close;
        }
        return sb.ToString();
    }

    private static string FormatValue(object value, string spec)
    {
        var inv = CultureInfo.InvariantCulture;
        int p = 0;
        char fill = ' ', align = '\0';
        if (spec.Length >= 2 && spec[1] is '<' or '>' or '^' or '=') { fill = spec[0]; align = spec[1]; p = 2; }
        else if (spec.Length >= 1 && spec[0] is '<' or '>' or '^' or '=') { align = spec[0]; p = 1; }
        char sign = '-';
        if (p < spec.Length && spec[p] is '+' or '-' or ' ') sign = spec[p++];
        bool zero = false;
        if (p < spec.Length && spec[p] == '0') { zero = true; p++; }
        int width = 0;
        while (p < spec.Length && char.IsAsciiDigit(spec[p])) width = width * 10 + (spec[p++] - '0');
        bool comma = false;
        if (p < spec.Length && spec[p] is ',' or '_') { comma = true; p++; }
        int? precision = null;
        if (p < spec.Length && spec[p] == '.')
        {
            p++;
            int v = 0, start = p;
            while (p < spec.Length && char.IsAsciiDigit(spec[p])) v = v * 10 + (spec[p++] - '0');
            if (p == start) throw new FormatException("Format specifier missing precision");
            precision = v;
        }
        char type = p < spec.Length ? spec[p++] : '\0';
        if (p != spec.Length) throw new FormatException($"Invalid format specifier '{spec}'");

        bool isInt = value is int or long;
        double d = Convert.ToDouble(value, inv);
        string body;
        switch (type)
        {
            case 'd':
                if (!isInt) throw new FormatException($"Unknown format code 'd' for object of type 'float'");
                body = Math.Abs(Convert.ToInt64(value, inv)).ToString(comma ? "#,0" : "0", inv);
                break;
            case 'f' or 'F': body = Fixed(Math.Abs(d), precision ?? 6, comma); break;
            case '%': body = Fixed(Math.Abs(d) * 100, precision ?? 6, comma) + "%"; break;
            case 'e' or 'E': body = Exponent(Math.Abs(d), precision ?? 6, type == 'E'); break;
            case 'g' or 'G': body = General(Math.Abs(d), precision ?? 6, type == 'G'); break;
            case '\0':
                body = isInt ? Math.Abs(Convert.ToInt64(value, inv)).ToString(inv)
                    : precision is { } pr ? General(Math.Abs(d), pr, upper: false) : Repr(Math.Abs(d));
                break;
            default: throw new FormatException($"Unknown format code '{type}'");
        }
        if (double.IsNaN(d)) body = type is 'F' or 'E' or 'G' ? "NAN" : "nan";
        else if (double.IsInfinity(d)) body = type is 'F' or 'E' or 'G' ? "INF" : "inf";
        bool negative = d < 0 || (d == 0 && double.IsNegative(d) && !isInt);
        string signText = negative ? "-" : sign == '+' ? "+" : sign == ' ' ? " " : "";
        if (zero && align == '\0') { fill = '0'; align = '='; }
        if (align == '\0') align = '>';
        int pad = Math.Max(0, width - signText.Length - body.Length);
        return align switch
        {
            '=' => signText + new string(fill, pad) + body,
            '<' => signText + body + new string(fill, pad),
            '^' => new string(fill, pad / 2) + signText + body + new string(fill, pad - pad / 2),
            _ => new string(fill, pad) + signText + body,
        };
    }

    /// <summary>Python's 'f' of a finite, non-negative double: its exact binary value rounded to
    /// <paramref name="precision"/> decimals, ties to even (0.125 → "0.12"; .NET's formats round ties away from zero).</summary>
    private static string Fixed(double v, int precision, bool comma)
    {
        if (!double.IsFinite(v)) return v.ToString(CultureInfo.InvariantCulture);
        long bits = BitConverter.DoubleToInt64Bits(v);
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0) exponent = 1; else mantissa |= 1L << 52;
        exponent -= 1075; // v = mantissa · 2^exponent
        BigInteger scaled = mantissa * BigInteger.Pow(10, precision), q;
        if (exponent >= 0) q = scaled << exponent;
        else
        {
            var denominator = BigInteger.One << -exponent;
            q = BigInteger.DivRem(scaled, denominator, out var r);
            int cmp = (r * 2).CompareTo(denominator);
            if (cmp > 0 || (cmp == 0 && !q.IsEven)) q += 1;
        }
        var digits = q.ToString(CultureInfo.InvariantCulture).PadLeft(precision + 1, '0');
        string whole = digits[..^precision], frac = digits[^precision..];
        if (precision == 0) whole = digits;
        if (comma) whole = BigInteger.Parse(whole, CultureInfo.InvariantCulture).ToString("#,0", CultureInfo.InvariantCulture);
        return precision > 0 ? whole + "." + frac : whole;
    }

    private static string Exponent(double v, int precision, bool upper)
    {
        var s = v.ToString((precision > 0 ? "0." + new string('0', precision) : "0") + "e+00", CultureInfo.InvariantCulture);
        return upper ? s.ToUpperInvariant() : s;
    }

    /// <summary>Python's 'g': precision significant digits, scientific when the exponent is below -4 or at least the
    /// precision, trailing zeros removed.</summary>
    private static string General(double v, int precision, bool upper)
    {
        if (precision == 0) precision = 1;
        if (v == 0) return "0";
        int exp = (int)Math.Floor(Math.Log10(v));
        // Rounding may carry into the next power of ten (9.99 at 2 digits is 10).
        var rounded = double.Parse(v.ToString("E" + (precision - 1), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        if (rounded != 0) exp = (int)Math.Floor(Math.Log10(rounded));
        string s;
        if (exp < -4 || exp >= precision)
        {
            s = Exponent(v, precision - 1, upper);
            int e = s.IndexOfAny(['e', 'E']);
            var mantissa = s[..e];
            if (mantissa.Contains('.')) mantissa = mantissa.TrimEnd('0').TrimEnd('.');
            s = mantissa + s[e..];
        }
        else
        {
            s = Fixed(v, Math.Max(0, precision - 1 - exp), comma: false);
            if (s.Contains('.')) s = s.TrimEnd('0').TrimEnd('.');
        }
        return s;
    }

    /// <summary>Python's repr of a non-negative float: the shortest round-trip digits, "1.0" for whole numbers,
    /// scientific below 1e-4 and from 1e16.</summary>
    private static string Repr(double v)
    {
        if (v == 0) return "0.0";
        var r = v.ToString("R", CultureInfo.InvariantCulture);
        if (v >= 1e-4 && v < 1e16)
        {
            if (r.Contains('E')) r = decimal.Parse(r, NumberStyles.Float, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
            return r.Contains('.') ? r : r + ".0";
        }
        // 1E-05 -> 1e-05; 1.5E+16 -> 1.5e+16
        int e = r.IndexOf('E');
        if (e < 0) return r;
        string mantissa = r[..e];
        int exponent = int.Parse(r[(e + 1)..], CultureInfo.InvariantCulture);
        return $"{mantissa}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent):00}";
    }
}
