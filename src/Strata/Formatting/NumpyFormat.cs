using System.Globalization;
using System.Text;

namespace Strata.Formatting;

/// <summary>
/// Which NumPy release's default printing to reproduce. The releases differ only at a few edges:
/// <list type="bullet">
/// <item><see cref="V1_26"/>: NumPy 1.x compared a float32 array's smallest magnitude with 1e-4 in
/// float64 (legacy promotion), so an array whose smallest non-zero is exactly float32(1e-4) goes
/// scientific.</item>
/// <item><see cref="V2_0"/> (also 2.1; the default): that comparison is made in float32 (NEP 50).</item>
/// <item><see cref="V2_2"/>: <c>repr</c> of a summarised array (size &gt; 1000) ends with <c>shape=(…)</c>.</item>
/// <item><see cref="V2_3"/>: float32 switches to scientific from 1e6 instead of 1e8 in arrays, and the
/// float32 scalar <c>str</c> from 1e6 instead of 1e16.</item>
/// </list>
/// </summary>
internal enum NumpyPrintVersion
{
    V1_26,
    V2_0,
    V2_2,
    V2_3,
}

/// <summary>
/// NumPy's <c>str(ndarray)</c> and <c>repr(ndarray)</c> with the default print options
/// (precision=8, floatmode='maxprec', suppress=False, threshold=1000, edgeitems=3, linewidth=75,
/// sign='-', legacy=False), ported from <c>numpy/_core/arrayprint.py</c>: <c>_formatArray</c>,
/// <c>_leading_trailing</c>, <c>FloatingFormat</c>, <c>IntegerFormat</c>, <c>BoolFormat</c>,
/// <c>array_repr</c>'s dtype/shape suffix, and the scalar <c>str</c> of <c>scalartypes.c.src</c> for
/// 0-d arrays. Float digits come from <see cref="Dragon4"/>, a port of NumPy's own printer.
/// </summary>
internal static class NumpyFormat
{
    private const int Precision = 8;
    private const int Threshold = 1000;
    private const int EdgeItems = 3;
    private const int LineWidth = 75;
    private const string SummaryInsert = "...";

    /// <summary>The NumPy release whose output <see cref="Str(Array, Shape, DType)"/> and
    /// <see cref="Repr(Array, Shape, DType)"/> reproduce (see <see cref="NumpyPrintVersion"/>); a
    /// process-wide setting, meant to be chosen once at start-up.</summary>
    internal static NumpyPrintVersion Version { get; set; } = NumpyPrintVersion.V2_0;

    /// <summary><c>str(a)</c>: e.g. <c>[[1. 2.]]</c>; a 0-d array prints as its scalar (<c>6.0</c>).</summary>
    public static string Str(Array data, Shape shape, DType dtype) => Str(data, shape, dtype, Version);

    /// <summary><c>repr(a)</c>: e.g. <c>array([[1., 2.]], dtype=float32)</c>.</summary>
    public static string Repr(Array data, Shape shape, DType dtype) => Repr(data, shape, dtype, Version);

    /// <summary><see cref="Str(Array, Shape, DType)"/> as a given NumPy release prints it.</summary>
    internal static string Str(Array data, Shape shape, DType dtype, NumpyPrintVersion version)
    {
        int[] dims = Dims(data, shape);
        if (dims.Length == 0) return ScalarStr(data, dtype, version);
        if (SizeOf(dims) == 0) return "[]";
        return Array2String(data, dims, dtype, " ", "", LineWidth, version);
    }

    /// <summary><see cref="Repr(Array, Shape, DType)"/> as a given NumPy release prints it.</summary>
    internal static string Repr(Array data, Shape shape, DType dtype, NumpyPrintVersion version)
    {
        int[] dims = Dims(data, shape);
        long size = SizeOf(dims);
        const string prefix = "array(";

        // array2string is given suffix=")" (",": same length in 1.x), which shortens the line by one
        string lst = size == 0 ? "[]" : Array2String(data, dims, dtype, ", ", prefix, LineWidth - 1, version);

        var extras = new List<string>();
        bool summarised = size > Threshold;
        if ((size == 0 && !(dims.Length == 1 && dims[0] == 0)) || (version >= NumpyPrintVersion.V2_2 && summarised))
            extras.Add("shape=" + PyTuple(dims));
        // float64, int64 (numpy's default int on Linux) and bool are implied by how values print
        bool implied = dtype is DType.Float64 or DType.Int64 or DType.Bool;
        if (!implied || size == 0)
            extras.Add("dtype=" + dtype.Name());

        if (extras.Count == 0) return prefix + lst + ")";

        string arrStr = prefix + lst + ",";
        string extraStr = string.Join(", ", extras) + ")";
        // put the extras on a new line if they would make the last line longer than linewidth
        int lastLineLen = arrStr.Length - (arrStr.LastIndexOf('\n') + 1);
        string spacer = lastLineLen + extraStr.Length + 1 > LineWidth ? "\n" + new string(' ', prefix.Length) : " ";
        return arrStr + spacer + extraStr;
    }

    // ---------------------------------------------------------------------------------------------
    // Shapes and element access

    private static int[] Dims(Array data, Shape shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        int[] dims = shape.ToArray();
        foreach (int d in dims)
            if (d < 0) throw new ArgumentException($"NumpyFormat: shape {shape} is not fully defined.", nameof(shape));
        long size = SizeOf(dims);
        if (data.Length < size)
            throw new ArgumentException($"NumpyFormat: {data.Length} values cannot fill shape {shape}.", nameof(data));
        return dims;
    }

    private static long SizeOf(int[] dims)
    {
        long n = 1;
        foreach (int d in dims) n *= d;
        return n;
    }

    /// <summary>Python's tuple repr of a shape: <c>(3,)</c>, <c>(2, 0)</c>.</summary>
    private static string PyTuple(int[] dims) =>
        dims.Length == 1 ? $"({dims[0]},)" : "(" + string.Join(", ", dims) + ")";

    private static double GetDouble(Array data, int i) => data switch
    {
        float[] f => f[i],
        double[] d => d[i],
        int[] n => n[i],
        long[] l => l[i],
        byte[] b => b[i],
        bool[] z => z[i] ? 1 : 0,
        _ => Convert.ToDouble(data.GetValue(i), CultureInfo.InvariantCulture),
    };

    private static long GetLong(Array data, int i) => data switch
    {
        int[] n => n[i],
        long[] l => l[i],
        byte[] b => b[i],
        bool[] z => z[i] ? 1 : 0,
        float[] f => (long)f[i],
        double[] d => (long)d[i],
        _ => Convert.ToInt64(data.GetValue(i), CultureInfo.InvariantCulture),
    };

    private static bool GetBool(Array data, int i) => data switch
    {
        bool[] z => z[i],
        _ => GetDouble(data, i) != 0,
    };

    // ---------------------------------------------------------------------------------------------
    // 0-d str: the numpy scalar's str (scalartypes.c.src), not the array formatter

    private static string ScalarStr(Array data, DType dtype, NumpyPrintVersion version)
    {
        switch (dtype)
        {
            case DType.Bool:
                return GetBool(data, 0) ? "True" : "False";
            case DType.Float32:
            case DType.Float64:
            {
                bool f32 = dtype == DType.Float32;
                double x = GetDouble(data, 0);
                if (f32) x = (float)x;
                var bits = f32 ? Dragon4.Bits.FromSingle((float)x) : Dragon4.Bits.FromDouble(x);
                // positional for nan, 0 and 1e-4 <= |x| < max_positional, else scientific. The C code
                // compares in long double: for float32 1e-4f (=9.99999975e-05) is below 1e-4, as it is
                // when compared as a double here.
                double maxPositional = f32 && version >= NumpyPrintVersion.V2_3 ? 1e6 : 1e16;
                double abs = Math.Abs(x);
                bool positional = double.IsNaN(x) || x == 0 || (abs < maxPositional && abs >= 1e-4);
                return positional
                    ? Dragon4.Positional(bits, precision: -1, unique: true, fractional: false, trim: Dragon4.Trim.LeaveOneZero)
                    : Dragon4.Scientific(bits, precision: -1, unique: true, trim: Dragon4.Trim.DptZeros);
            }
            default:
                return GetLong(data, 0).ToString(CultureInfo.InvariantCulture);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // array2string / _formatArray

    private static string Array2String(Array data, int[] dims, DType dtype, string separator, string prefix,
                                       int lineWidth, NumpyPrintVersion version)
    {
        int rank = dims.Length;
        var strides = new int[rank];
        int stride = 1;
        for (int axis = rank - 1; axis >= 0; axis--)
        {
            strides[axis] = stride;
            stride *= dims[axis];
        }

        bool summarise = SizeOf(dims) > Threshold;

        // _leading_trailing: the formatter's widths come from the displayed elements only
        var shown = new List<int>();
        CollectShown(dims, strides, summarise, 0, 0, shown);
        Func<int, string> format = MakeFormatter(data, dtype, shown, rank == 0, version);

        // skip over "[" and over the prefix ("array(")
        string nextLinePrefix = " " + new string(' ', prefix.Length);
        return Recurse(dims, strides, summarise, format, separator, 0, 0, nextLinePrefix, lineWidth);
    }

    private static void CollectShown(int[] dims, int[] strides, bool summarise, int axis, int offset, List<int> shown)
    {
        if (axis == dims.Length)
        {
            shown.Add(offset);
            return;
        }
        int n = dims[axis];
        if (summarise && n > 2 * EdgeItems)
        {
            for (int i = 0; i < EdgeItems; i++)
                CollectShown(dims, strides, summarise, axis + 1, offset + i * strides[axis], shown);
            for (int i = n - EdgeItems; i < n; i++)
                CollectShown(dims, strides, summarise, axis + 1, offset + i * strides[axis], shown);
        }
        else
        {
            for (int i = 0; i < n; i++)
                CollectShown(dims, strides, summarise, axis + 1, offset + i * strides[axis], shown);
        }
    }

    /// <summary>The recursive part of NumPy's <c>_formatArray</c> (legacy=False branches).</summary>
    private static string Recurse(int[] dims, int[] strides, bool summarise, Func<int, string> format,
                                  string separator, int axis, int offset, string hangingIndent, int currWidth)
    {
        int axesLeft = dims.Length - axis;
        if (axesLeft == 0) return format(offset);

        // when recursing, add a space to align with the '[' added, and reduce the width by 1 for ']'
        string nextHangingIndent = hangingIndent + " ";
        int nextWidth = currWidth - 1;

        int aLen = dims[axis];
        bool showSummary = summarise && 2 * EdgeItems < aLen;
        int leadingItems = showSummary ? EdgeItems : 0;
        int trailingItems = showSummary ? EdgeItems : aLen;

        string Child(int i) => Recurse(dims, strides, summarise, format, separator, axis + 1,
                                       offset + i * strides[axis], nextHangingIndent, nextWidth);

        var s = new StringBuilder();
        if (axesLeft == 1)
        {
            // last axis: wrap elements that would not fit; the width is up to the separator / bracket
            int elemWidth = currWidth - Math.Max(separator.TrimEnd().Length, 1);
            string line = hangingIndent;
            for (int i = 0; i < leadingItems; i++)
            {
                line = ExtendLine(s, line, Child(i), elemWidth, hangingIndent);
                line += separator;
            }
            if (showSummary)
            {
                line = ExtendLine(s, line, SummaryInsert, elemWidth, hangingIndent);
                line += separator;
            }
            for (int i = trailingItems; i > 1; i--)
            {
                line = ExtendLine(s, line, Child(aLen - i), elemWidth, hangingIndent);
                line += separator;
            }
            line = ExtendLine(s, line, Child(aLen - 1), elemWidth, hangingIndent);
            s.Append(line);
        }
        else
        {
            // other axes: rows separated by the (stripped) separator and axes_left-1 newlines
            string lineSep = separator.TrimEnd() + new string('\n', axesLeft - 1);
            for (int i = 0; i < leadingItems; i++)
                s.Append(hangingIndent).Append(Child(i)).Append(lineSep);
            if (showSummary)
                s.Append(hangingIndent).Append(SummaryInsert).Append(lineSep);
            for (int i = trailingItems; i > 1; i--)
                s.Append(hangingIndent).Append(Child(aLen - i)).Append(lineSep);
            s.Append(hangingIndent).Append(Child(aLen - 1));
        }

        // remove the hanging indent, and wrap in []
        return "[" + s.ToString(hangingIndent.Length, s.Length - hangingIndent.Length) + "]";
    }

    /// <summary>NumPy's <c>_extendLine</c>: appends <paramref name="word"/>, first breaking the line
    /// if it would pass <paramref name="lineWidth"/> (unless the line holds nothing but the indent).</summary>
    private static string ExtendLine(StringBuilder s, string line, string word, int lineWidth, string nextLinePrefix)
    {
        bool needsWrap = line.Length + word.Length > lineWidth;
        if (line.Length <= nextLinePrefix.Length) needsWrap = false; // don't wrap if it won't help
        if (needsWrap)
        {
            s.Append(line.TrimEnd()).Append('\n');
            line = nextLinePrefix;
        }
        return line + word;
    }

    // ---------------------------------------------------------------------------------------------
    // Element formatters

    private static Func<int, string> MakeFormatter(Array data, DType dtype, List<int> shown, bool zeroDim,
                                                   NumpyPrintVersion version)
    {
        switch (dtype)
        {
            case DType.Bool:
            {
                // " True" lines up with "False", except in 0-d arrays
                string trueStr = zeroDim ? "True" : " True";
                return i => GetBool(data, i) ? trueStr : "False";
            }
            case DType.Float32:
            case DType.Float64:
            {
                bool f32 = dtype == DType.Float32;
                var values = new double[shown.Count];
                for (int k = 0; k < values.Length; k++)
                {
                    double x = GetDouble(data, shown[k]);
                    values[k] = f32 ? (float)x : x;
                }
                var ff = new FloatingFormat(values, f32, version);
                return i => ff.Format(GetDouble(data, i));
            }
            default:
            {
                // IntegerFormat: right-aligned to the longer of str(max) and str(min)
                long max = long.MinValue, min = long.MaxValue;
                foreach (int i in shown)
                {
                    long v = GetLong(data, i);
                    if (v > max) max = v;
                    if (v < min) min = v;
                }
                int width = shown.Count == 0
                    ? 0
                    : Math.Max(max.ToString(CultureInfo.InvariantCulture).Length, min.ToString(CultureInfo.InvariantCulture).Length);
                return i => GetLong(data, i).ToString(CultureInfo.InvariantCulture).PadLeft(width);
            }
        }
    }

    /// <summary>NumPy's <c>FloatingFormat</c> for floatmode='maxprec', precision=8, sign='-'.</summary>
    private sealed class FloatingFormat
    {
        private readonly bool _f32;
        private readonly bool _expFormat;
        private readonly int _precision = Precision;
        private readonly int _minDigits;
        private readonly Dragon4.Trim _trim = Dragon4.Trim.Zeros;
        private readonly int _padLeft;
        private readonly int _padRight;
        private readonly int _expSize = -1;

        public FloatingFormat(double[] data, bool f32, NumpyPrintVersion version)
        {
            _f32 = f32;
            var finite = data.Where(double.IsFinite).ToArray();

            // choose exponential mode from the non-zero finite values
            var absNonZero = finite.Where(x => x != 0).Select(Math.Abs).ToArray();
            if (absNonZero.Length != 0)
            {
                double maxVal = absNonZero.Max(), minVal = absNonZero.Min();
                if (f32)
                {
                    // numpy reduces and divides in float32; since NEP 50 (2.0) the Python-float
                    // cutoffs are cast to float32 too, in 1.x 1e-4 was compared as a float64
                    float maxF = (float)maxVal, minF = (float)minVal;
                    float cutoffMax = version >= NumpyPrintVersion.V2_3 ? 1e6f : 1e8f;
                    bool tiny = version == NumpyPrintVersion.V1_26 ? (double)minF < 1e-4 : minF < 1e-4f;
                    float ratio = (float)(maxF / minF); // may overflow to inf: counts as > 1000
                    _expFormat = maxF >= cutoffMax || tiny || ratio > 1000f;
                }
                else
                {
                    _expFormat = maxVal >= 1e8 || minVal < 1e-4 || maxVal / minVal > 1000.0;
                }
            }

            // a first pass of printing all the numbers, to determine sizes
            if (finite.Length == 0)
            {
                _padLeft = 0;
                _padRight = 0;
                _trim = Dragon4.Trim.Zeros;
                _expSize = -1;
                _minDigits = 0;
            }
            else if (_expFormat)
            {
                int maxExp = 0, maxFrac = 0, maxInt = 0;
                foreach (double x in finite)
                {
                    string s = Dragon4.Scientific(Bits(x), precision: Precision, unique: true, trim: Dragon4.Trim.Zeros);
                    int e = s.IndexOf('e');
                    int dot = s.IndexOf('.');
                    maxExp = Math.Max(maxExp, s.Length - e - 1);      // "-05"
                    maxFrac = Math.Max(maxFrac, e - dot - 1);
                    maxInt = Math.Max(maxInt, dot);                   // "1" or "-1"
                }
                _expSize = maxExp - 1;
                _trim = Dragon4.Trim.None;
                _precision = maxFrac;
                _minDigits = maxFrac;
                _padLeft = maxInt;
                _padRight = _expSize + 2 + _precision; // only used for the nan/inf width
            }
            else
            {
                int maxFrac = 0, maxInt = 0;
                foreach (double x in finite)
                {
                    string s = Dragon4.Positional(Bits(x), precision: Precision, unique: true, fractional: true,
                                                  trim: Dragon4.Trim.Zeros);
                    int dot = s.IndexOf('.');
                    maxInt = Math.Max(maxInt, dot);
                    maxFrac = Math.Max(maxFrac, s.Length - dot - 1);
                }
                _padLeft = maxInt;
                _padRight = maxFrac;
                _expSize = -1;
                _trim = Dragon4.Trim.Zeros; // maxprec: trim zeros, no minimum digits
                _minDigits = 0;
            }

            // non-finite values may need a wider left part ("nan", "inf", "-inf")
            if (finite.Length != data.Length)
            {
                bool negInf = data.Any(x => double.IsInfinity(x) && x < 0);
                int offset = _padRight + 1; // +1 for the decimal point
                _padLeft = Math.Max(_padLeft, Math.Max(3 - offset, 3 + (negInf ? 1 : 0) - offset));
            }
        }

        private Dragon4.Bits Bits(double x) => _f32 ? Dragon4.Bits.FromSingle((float)x) : Dragon4.Bits.FromDouble(x);

        public string Format(double x)
        {
            if (_f32) x = (float)x;
            if (!double.IsFinite(x))
            {
                string ret = double.IsNaN(x) ? "nan" : x < 0 ? "-inf" : "inf";
                int pad = _padLeft + _padRight + 1 - ret.Length;
                return pad > 0 ? new string(' ', pad) + ret : ret;
            }
            if (_expFormat)
                return Dragon4.Scientific(Bits(x), precision: _precision, unique: true, trim: _trim,
                                          padLeft: _padLeft, expDigits: _expSize, minDigits: _minDigits);
            return Dragon4.Positional(Bits(x), precision: _precision, unique: true, fractional: true, trim: _trim,
                                      padLeft: _padLeft, padRight: _padRight, minDigits: _minDigits);
        }
    }
}
