using System.Globalization;
using System.Text;

namespace Strata.Keras.Callbacks;

/// <summary>
/// Writes one CSV row per epoch (Keras's <c>CSVLogger</c>): columns "epoch" then the log names sorted, values as
/// Python prints floats. Each row goes out in one append and is flushed, so a reader never sees half a line.
/// With <c>append: false</c> an existing file is replaced at the start of training.
/// </summary>
/// <param name="filename">The CSV file to write, such as <c>"run/log.csv"</c>.</param>
/// <param name="separator">The string between columns; Keras 3's default <c>","</c>.</param>
/// <param name="append">Whether to add to an existing file (without repeating its header) instead of replacing it;
/// default false.</param>
public sealed class CSVLogger(string filename, string separator = ",", bool append = false) : Callback
{
    private string[]? _keys;
    private bool _writeHeader;

    /// <summary>The path of the CSV file written.</summary>
    public string Filename { get; } = filename;

    /// <summary>Empties the file unless <c>append</c>, and decides whether a header row is due.</summary>
    /// <inheritdoc/>
    public override void OnTrainBegin(Dictionary<string, double> logs)
    {
        _keys = null;
        bool hasContent = File.Exists(Filename) && new FileInfo(Filename).Length > 0;
        _writeHeader = !(append && hasContent);
        if (!append) File.WriteAllText(Filename, "");
    }

    /// <summary>Appends the epoch's row (and the header before the first row), flushed to disk.</summary>
    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, Dictionary<string, double> logs)
    {
        _keys ??= logs.Keys.Order(StringComparer.Ordinal).ToArray();
        var sb = new StringBuilder();
        if (_writeHeader)
        {
            sb.Append("epoch");
            foreach (var k in _keys) sb.Append(separator).Append(k);
            sb.Append('\n');
            _writeHeader = false;
        }
        sb.Append(epoch.ToString(CultureInfo.InvariantCulture));
        foreach (var k in _keys)
            sb.Append(separator).Append(logs.TryGetValue(k, out var v) ? PyFloat(v) : "NA");
        sb.Append('\n');
        using var stream = new FileStream(Filename, FileMode.Append, FileAccess.Write, FileShare.Read);
        var bytes = Encoding.UTF8.GetBytes(sb.ToString());
        stream.Write(bytes, 0, bytes.Length);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>A double as Python's repr writes it: shortest round-trip digits, "1.0", "1e-05", "nan", "inf".</summary>
    internal static string PyFloat(double v)
    {
        if (double.IsNaN(v)) return "nan";
        if (double.IsPositiveInfinity(v)) return "inf";
        if (double.IsNegativeInfinity(v)) return "-inf";
        var s = v.ToString("R", CultureInfo.InvariantCulture);
        // .NET writes integers up to 17 digits in full; Python's repr switches to an exponent from 1e16 on.
        if (Math.Abs(v) >= 1e16 && !s.Contains('E'))
        {
            string sign = v < 0 ? "-" : "", digits = s.TrimStart('-');
            string significant = digits.TrimEnd('0');
            s = $"{sign}{significant[0]}{(significant.Length > 1 ? "." + significant[1..] : "")}E+{digits.Length - 1}";
        }
        int e = s.IndexOf('E');
        if (e >= 0)
        {
            var mantissa = s[..e];
            int exp = int.Parse(s[(e + 1)..], CultureInfo.InvariantCulture);
            return $"{mantissa}e{(exp < 0 ? "-" : "+")}{Math.Abs(exp):00}";
        }
        return s.Contains('.') ? s : s + ".0";
    }
}
