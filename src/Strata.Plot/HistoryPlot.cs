using ScottPlot;   // Multiplot's AddPlot and SavePng are extension methods there

namespace Strata.Plot;

/// <summary>
/// Draws a Keras training history (<c>history.history</c>: "loss", "accuracy", "val_loss", …) as one
/// panel per quantity, side by side, with the training and validation curves per epoch. Takes a plain
/// dictionary so that plotting does not depend on Keras.
/// </summary>
public static class HistoryPlot
{
    private const string ValPrefix = "val_";

    /// <summary>Writes the PNG atomically and returns its full path. Each panel is
    /// <paramref name="panelWidth"/> × <paramref name="height"/> pixels.</summary>
    public static string Save(IReadOnlyDictionary<string, IReadOnlyList<double>> history, string path,
        string? title = null, int panelWidth = 560, int height = 420)
    {
        ArgumentNullException.ThrowIfNull(history);
        var quantities = Quantities(history);
        if (quantities.Count == 0)
            throw new ArgumentException("HistoryPlot: the history holds no series to draw.", nameof(history));

        var multiplot = new ScottPlot.Multiplot();
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        // A new Multiplot already holds one (empty) plot: use it for the first panel rather than leave it blank.
        for (int i = 0; i < quantities.Count; i++)
        {
            var plot = i < multiplot.Count() ? multiplot.GetPlot(i) : multiplot.AddPlot();
            var name = quantities[i];
            DrawPanel(plot, name, history.GetValueOrDefault(name), history.GetValueOrDefault(ValPrefix + name), title);
        }

        return AtomicPng.Save(path, tmp => multiplot.SavePng(tmp, panelWidth * quantities.Count, height));
    }

    /// <summary>The same for a history of lists, as Keras's <c>history.history</c> is (<c>HistoryPlot.Save(history.history,
    /// "curves.png")</c>).</summary>
    public static string Save(IReadOnlyDictionary<string, List<double>> history, string path,
        string? title = null, int panelWidth = 560, int height = 420)
    {
        ArgumentNullException.ThrowIfNull(history);
        return Save(history.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<double>)kv.Value), path, title, panelWidth, height);
    }

    /// <summary>The quantities in the history's order, "loss" first as Keras prints it; a "val_x" without
    /// its "x" is a quantity of its own.</summary>
    internal static List<string> Quantities(IReadOnlyDictionary<string, IReadOnlyList<double>> history)
    {
        var names = new List<string>();
        foreach (var key in history.Keys)
        {
            var name = key.StartsWith(ValPrefix, StringComparison.Ordinal) && key.Length > ValPrefix.Length ? key[ValPrefix.Length..] : key;
            if (!names.Contains(name)) names.Add(name);
        }
        if (names.Remove("loss")) names.Insert(0, "loss");
        return names;
    }

    private static void DrawPanel(ScottPlot.Plot plot, string name, IReadOnlyList<double>? train,
        IReadOnlyList<double>? validation, string? title)
    {
        AddCurve(plot, train, "train");
        AddCurve(plot, validation, "validation");
        plot.Title(title is null ? name : $"{title} — {name}");
        plot.XLabel("Epoch");
        plot.YLabel(name);
        plot.ShowLegend();
        // Keep the legend off the curves: a falling quantity (loss) leaves the upper right free,
        // a rising one (accuracy) the lower right.
        var series = train is { Count: > 0 } ? train : validation;
        bool falling = series is { Count: > 1 } && series[^1] < series[0];
        plot.Legend.Alignment = falling ? ScottPlot.Alignment.UpperRight : ScottPlot.Alignment.LowerRight;
        // Epochs are whole numbers: ticks at 1.5 would only confuse.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
    }

    private static void AddCurve(ScottPlot.Plot plot, IReadOnlyList<double>? values, string label)
    {
        if (values is null || values.Count == 0) return;
        // Keras counts epochs from 1 in its progress lines; the x axis follows it.
        var epochs = Enumerable.Range(1, values.Count).Select(e => (double)e).ToArray();
        var line = plot.Add.Scatter(epochs, values.ToArray());
        line.LegendText = label;
        line.LineWidth = 2;
        line.MarkerSize = values.Count == 1 ? 8 : 5;   // a single epoch would otherwise be invisible
    }
}
