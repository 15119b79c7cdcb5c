using System.Globalization;
using System.Text;
using Strata.Keras.Layers;
using Strata.Keras.Models;

namespace Strata.Keras.Utils;

/// <summary>
/// Keras 3's <c>model.summary()</c> (keras/src/utils/summary_utils.py rendered by rich): the model name, a
/// box-drawn table of layers with their output shapes and parameter counts (and "Connected to" for functional
/// models that are not a simple chain), then total, trainable, non-trainable (and optimizer) parameters with
/// their size. Column widths follow rich's layout for Keras's positions, so the text matches Keras's.
/// </summary>
internal static class SummaryPrinter
{
    public static string Render(Model model, int? lineLength = null)
    {
        var layers = model.Layers;
        bool sequentialLike = model.IsSequentialLike;
        string[] header = sequentialLike ? ["Layer (type)", "Output Shape", "Param #"] : ["Layer (type)", "Output Shape", "Param #", "Connected to"];
        bool[] right = sequentialLike ? [false, false, true] : [false, false, true, false];
        double[] positions = sequentialLike ? [0.45, 0.80, 1.0] : [0.3, 0.56, 0.74, 1.0];
        int terminal = Console.IsOutputRedirected ? 80 : SafeWindowWidth();
        int length = lineLength ?? Math.Min(sequentialLike ? 88 : 108, terminal - 4);

        var widths = ColumnWidths(positions, length);
        var rows = new List<string[]>();
        foreach (var layer in layers)
        {
            string name = $"{layer.Name} ({layer.ClassName})";
            string shape = layer.OutputShape is { } s ? s.ToString() : "?";
            string parameters = layer.Built ? layer.CountParams().ToString("N0", CultureInfo.InvariantCulture) : "0 (unbuilt)";
            rows.Add(sequentialLike ? [name, shape, parameters] : [name, shape, parameters, model.ConnectedTo(layer)]);
        }

        var sb = new StringBuilder();
        sb.Append($"Model: \"{model.Name}\"\n");
        sb.Append(Border('┏', '━', '┳', '┓', widths));
        AppendRow(sb, header, widths, right, '┃');
        sb.Append(Border('┡', '━', '╇', '┩', widths));
        for (int r = 0; r < rows.Count; r++)
        {
            if (r > 0) sb.Append(Border('├', '─', '┼', '┤', widths));
            AppendRow(sb, rows[r], widths, right, '│');
        }
        sb.Append(Border('└', '─', '┴', '┘', widths));

        long trainable = model.TrainableWeights.Sum(w => (long)w.Size);
        long trainableBytes = model.TrainableWeights.Sum(Bytes);
        long frozen = model.NonTrainableWeights.Sum(w => (long)w.Size);
        long frozenBytes = model.NonTrainableWeights.Sum(Bytes);
        var optimizer = model.Optimizer is { Built: true } o ? o.VariableFootprint() : ((long, long)?)null;
        long total = trainable + frozen + (optimizer?.Item1 ?? 0);
        long totalBytes = trainableBytes + frozenBytes + (optimizer?.Item2 ?? 0);
        sb.Append($" Total params: {Count(total)} ({ReadableSize(totalBytes)})\n");
        sb.Append($" Trainable params: {Count(trainable)} ({ReadableSize(trainableBytes)})\n");
        sb.Append($" Non-trainable params: {Count(frozen)} ({ReadableSize(frozenBytes)})\n");
        if (optimizer is { } opt) sb.Append($" Optimizer params: {Count(opt.Item1)} ({ReadableSize(opt.Item2)})\n");
        return sb.ToString();
    }

    private static int SafeWindowWidth()
    {
        try { return Console.WindowWidth > 0 ? Console.WindowWidth : 80; }
        catch (IOException) { return 80; }
    }

    private static long Bytes(Variable v) => (long)v.Size * (v.DType is DType.Float64 or DType.Int64 ? 8 : v.DType is DType.Bool or DType.UInt8 ? 1 : 4);

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Keras's readable_memory_size: "397.54 KB", "0.00 B".</summary>
    internal static string ReadableSize(double bytes)
    {
        string[] units = ["B", "KB", "MB", "GB", "TB", "PB"];
        foreach (var unit in units)
        {
            if (bytes / 1024 < 1) return bytes.ToString("F2", CultureInfo.InvariantCulture) + " " + unit;
            bytes /= 1024;
        }
        return bytes.ToString("F2", CultureInfo.InvariantCulture) + " PB";
    }

    /// <summary>
    /// Cell widths (content + one space each side) as rich lays out Keras's table: each column asks for
    /// int(position · length) minus the previous, plus padding; the excess over the table's inner width is taken
    /// back from the columns in turn by rich's ratio_reduce (Python's round, half to even).
    /// </summary>
    internal static int[] ColumnWidths(double[] positions, int length)
    {
        var widths = new int[positions.Length];
        int current = 0;
        for (int i = 0; i < positions.Length; i++)
        {
            int w = (int)(positions[i] * length) - current;
            if (w < 4) throw new InvalidArgumentError("Summary: insufficient console width to print the summary.");
            widths[i] = w + 2;
            current += w;
        }
        int inner = length - (positions.Length + 1);
        int excess = widths.Sum() - inner;
        if (excess > 0)
        {
            int remaining = excess, ratio = widths.Length;
            for (int i = 0; i < widths.Length; i++)
            {
                int d = Math.Min(widths[i], (int)Math.Round((double)remaining / ratio, MidpointRounding.ToEven));
                widths[i] -= d;
                remaining -= d;
                ratio--;
            }
        }
        else if (excess < 0)
        {
            // rich's ratio_distribute for an expanded table: the spare width goes to columns by their size.
            int spare = -excess, totalRatio = widths.Sum();
            var add = new int[widths.Length];
            for (int i = 0; i < widths.Length; i++)
            {
                int d = (int)Math.Ceiling((double)widths[i] * spare / totalRatio);
                add[i] = Math.Min(d, spare);
                spare -= add[i];
                totalRatio -= widths[i];
            }
            for (int i = 0; i < widths.Length; i++) widths[i] += add[i];
        }
        return widths;
    }

    private static string Border(char left, char fill, char mid, char right, int[] widths)
    {
        var sb = new StringBuilder().Append(left);
        for (int i = 0; i < widths.Length; i++)
        {
            sb.Append(fill, widths[i]);
            sb.Append(i == widths.Length - 1 ? right : mid);
        }
        return sb.Append('\n').ToString();
    }

    /// <summary>One table row; a cell too long for its column wraps at spaces (folding long words), as rich does.</summary>
    private static void AppendRow(StringBuilder sb, string[] cells, int[] widths, bool[] right, char bar)
    {
        var wrapped = cells.Select((c, i) => Wrap(c, widths[i] - 2)).ToArray();
        int lines = wrapped.Max(w => w.Count);
        for (int l = 0; l < lines; l++)
        {
            sb.Append(bar);
            for (int i = 0; i < cells.Length; i++)
            {
                string text = l < wrapped[i].Count ? wrapped[i][l] : "";
                int w = widths[i] - 2;
                sb.Append(' ').Append(right[i] ? text.PadLeft(w) : text.PadRight(w)).Append(' ').Append(bar);
            }
            sb.Append('\n');
        }
    }

    private static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' '))
        {
            var w = word;
            if (line.Length > 0 && line.Length + 1 + w.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }
            while (w.Length > width)
            {
                if (line.Length > 0) { lines.Add(line.ToString()); line.Clear(); }
                lines.Add(w[..width]);
                w = w[width..];
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(w);
        }
        lines.Add(line.ToString());
        return lines;
    }
}
