using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Strata.Keras.Utils;

/// <summary>
/// Keras 3's progress bar (keras/src/utils/progbar.py), line for line in what it prints:
/// <c>1875/1875 ━━━━━━━━━━━━━━━━━━━━ 3s 1ms/step - accuracy: 0.7823 - loss: 0.6235</c> (verbose 1) or
/// <c>313/313 - 0s - 1ms/step - accuracy: 0.8767 - loss: 0.3475</c> (verbose 2, once at the end).
/// On a terminal (dynamic) verbose 1 redraws the line in place with \r and Keras's colours; when the output is
/// redirected (CI logs) it writes only the final line, without colour codes.
/// During an epoch a value is shown as the step-weighted mean of the values it was given, as Keras does;
/// the final update shows the values as given.
/// </summary>
public sealed class Progbar
{
    private readonly int _target;
    private readonly int _verbose;
    private readonly TextWriter _out;
    private readonly bool _dynamic;
    private readonly Func<double> _clock;
    private readonly double _interval;
    private readonly int _width;
    private readonly string _unit;
    private readonly List<string> _order = new();
    private readonly Dictionary<string, (double sum, double count)> _values = new();
    private readonly double _start;
    private double _lastUpdate;
    private double? _timeAfterFirstStep;
    private int _seen, _prevTotalWidth;

    /// <summary>A progress bar for <paramref name="target"/> steps (keras.utils.Progbar).</summary>
    /// <param name="target">The total number of steps.</param>
    /// <param name="verbose">1 for the bar redrawn as it goes, 2 for one line at the end, 0 for silence; default 1.</param>
    /// <param name="output">Where to write; the console by default.</param>
    /// <param name="dynamic">Whether to redraw in place with \r and colours; by default when writing to a console that is
    /// not redirected.</param>
    /// <param name="clock">Seconds from some origin (tests give a fake one); the default is a stopwatch.</param>
    /// <param name="interval">The least time in seconds between two redraws; Keras's default 0.05.</param>
    /// <param name="width">The bar's width in characters; default 20.</param>
    /// <param name="unitName">The unit of the time per step shown (<c>1ms/step</c>); default <c>"step"</c>.</param>
    public Progbar(int target, int verbose = 1, TextWriter? output = null, bool? dynamic = null, Func<double>? clock = null,
        double interval = 0.05, int width = 20, string unitName = "step")
    {
        _target = target;
        _verbose = verbose;
        _out = output ?? Console.Out;
        _dynamic = dynamic ?? (output is null && !Console.IsOutputRedirected);
        _clock = clock ?? (static () => Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency);
        _interval = interval;
        _width = width;
        _unit = unitName;
        _start = _clock();
    }

    /// <summary>Records progress up to step <paramref name="current"/> and redraws the bar when due (Keras's
    /// <c>update</c>).</summary>
    /// <param name="current">The number of steps done so far.</param>
    /// <param name="values">Metric values for this step, by name; during an epoch each is shown as the step-weighted mean
    /// of the values given, in the final update as given.</param>
    /// <param name="finalize">Whether this is the last update (prints the final line); by default when
    /// <paramref name="current"/> reaches the target.</param>
    public void Update(int current, IEnumerable<KeyValuePair<string, double>>? values = null, bool? finalize = null)
    {
        bool fin = finalize ?? current >= _target;
        if (values is not null)
            foreach (var (k, v) in values)
            {
                if (!_values.ContainsKey(k)) _order.Add(k);
                if (fin) _values[k] = (v, 1);
                else
                {
                    int weight = Math.Max(current - _seen, 1);
                    _values[k] = _values.TryGetValue(k, out var acc) ? (acc.sum + v * weight, acc.count + weight) : (v * weight, weight);
                }
            }
        _seen = current;
        double now = _clock();
        double perUnit = EstimateStepDuration(current, now);

        if (_verbose == 1)
        {
            if (now - _lastUpdate < _interval && !fin) return;
            if (!_dynamic && !fin) { _lastUpdate = now; return; } // redirected: one line per epoch
            string count = Count(current);
            int filled = _target > 0 ? Math.Clamp((int)(_width * ((double)current / _target)), 0, _width) : 0;
            string time = fin ? $"{PyRound(now - _start)}s" : FormatEta(perUnit * (_target - current));
            string rest = FormatTime(perUnit) + Metrics(abs: true);
            var line = new StringBuilder();
            if (_dynamic)
            {
                // Keras's colours: bold count, green done part, grey rest, bold time.
                line.Append("\r\x1b[1m").Append(count).Append("\x1b[0m ");
                if (filled > 0) line.Append("\x1b[32m").Append('━', filled).Append("\x1b[0m");
                line.Append("\x1b[37m").Append('━', _width - filled).Append("\x1b[0m");
                line.Append(" \x1b[1m").Append(time).Append("\x1b[0m");
            }
            else line.Append(count).Append(' ').Append('━', _width).Append(' ').Append(time);
            line.Append(rest);
            int totalWidth = count.Length + 1 + _width + 1 + time.Length + rest.Length;
            if (_prevTotalWidth > totalWidth) line.Append(' ', _prevTotalWidth - totalWidth);
            if (fin) line.Append('\n');
            _out.Write(line.ToString());
            _out.Flush();
            _prevTotalWidth = totalWidth;
        }
        else if (_verbose == 2 && fin)
        {
            _out.Write($"{Count(current)} - {PyRound(now - _start)}s -{FormatTime(perUnit)}{Metrics(abs: false)}\n");
            _out.Flush();
        }
        _lastUpdate = now;
    }

    /// <summary>"  12/1875": the step right-aligned to the target's width.</summary>
    private string Count(int current)
    {
        int digits = (int)Math.Floor(Math.Log10(Math.Max(_target, 1))) + 1;
        return $"{current.ToString(CultureInfo.InvariantCulture).PadLeft(digits)}/{_target}";
    }

    private string Metrics(bool abs)
    {
        var sb = new StringBuilder();
        foreach (var k in _order)
        {
            var (sum, count) = _values[k];
            double avg = sum / Math.Max(1, count);
            sb.Append(" - ").Append(k).Append(": ").Append(FormatValue(avg, abs));
        }
        return sb.ToString();
    }

    /// <summary>"{:.4f}" when |v| &gt; 1e-3, else "{:.4e}" (Python's exponent has at least two digits).</summary>
    internal static string FormatValue(double v, bool abs = true)
    {
        if (double.IsNaN(v)) return "nan";
        if (double.IsInfinity(v)) return v > 0 ? "inf" : "-inf";
        return (abs ? Math.Abs(v) : v) > 1e-3
            ? v.ToString("F4", CultureInfo.InvariantCulture)
            : v.ToString("0.0000e+00", CultureInfo.InvariantCulture);
    }

    /// <summary>" 1ms/step": seconds when ≥ 1 s (or 0), milliseconds when ≥ 1 ms, else microseconds.</summary>
    internal string FormatTime(double perUnit)
    {
        if (perUnit >= 1 || perUnit == 0) return $" {PyRound(perUnit)}s/{_unit}";
        if (perUnit >= 1e-3) return $" {PyRound(perUnit * 1000)}ms/{_unit}";
        return $" {PyRound(perUnit * 1e6)}us/{_unit}";
    }

    private static string FormatEta(double eta)
    {
        if (eta > 3600) return $"{(int)(eta / 3600)}:{(int)(eta % 3600 / 60):00}:{(int)(eta % 60):00}";
        if (eta > 60) return $"{(int)(eta / 60)}:{(int)(eta % 60):00}";
        return $"{(int)eta}s";
    }

    /// <summary>Python's "%.0f": round half to even.</summary>
    private static string PyRound(double v) => Math.Round(v, MidpointRounding.ToEven).ToString("F0", CultureInfo.InvariantCulture);

    /// <summary>Keras's estimate: the first step is left out once later steps are known.</summary>
    private double EstimateStepDuration(int current, double now)
    {
        if (current == 0) return 0;
        double perUnit = _timeAfterFirstStep is { } t && current > 1 ? (now - t) / (current - 1) : (now - _start) / current;
        if (current == 1) _timeAfterFirstStep = now;
        return perUnit;
    }
}
