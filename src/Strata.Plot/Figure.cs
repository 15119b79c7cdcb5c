namespace Strata.Plot;

/// <summary>
/// A small matplotlib-like figure over ScottPlot, so that a notebook's plotting lines port one to one:
/// <c>Plot(ys)</c>, <c>Plot(xs, ys)</c>, <c>Legend(…)</c>, <c>XLabel</c>, <c>YLabel</c>, <c>Title</c>, <c>SaveFig(path)</c>.
/// </summary>
public sealed class Figure
{
    private readonly ScottPlot.Plot _plot = new();
    private readonly List<ScottPlot.Plottables.Scatter> _lines = new();

    /// <summary>The PNG's width in pixels.</summary>
    public int Width { get; }
    /// <summary>The PNG's height in pixels.</summary>
    public int Height { get; }

    /// <summary>plt.figure(figsize=…): an empty figure saved at <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    public Figure(int width = 640, int height = 480)
    {
        Width = width;
        Height = height;
    }

    /// <summary>plt.plot(ys): the values against their index.</summary>
    public Figure Plot(IReadOnlyList<double> ys) => Plot(Enumerable.Range(0, ys.Count).Select(i => (double)i).ToArray(), ys);

    /// <summary>plt.plot(ys) for float values.</summary>
    public Figure Plot(IReadOnlyList<float> ys) => Plot(ys.Select(v => (double)v).ToArray());

    /// <summary>plt.plot(xs, ys).</summary>
    public Figure Plot(IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        if (xs.Count != ys.Count)
            throw new ArgumentException($"Figure.Plot: xs has {xs.Count} values, ys has {ys.Count}.");
        var line = _plot.Add.Scatter(xs.ToArray(), ys.ToArray());
        line.MarkerSize = 0;
        line.LineWidth = 2;
        _lines.Add(line);
        return this;
    }

    /// <summary>plt.semilogy(ys): the values against their index on a logarithmic y axis (drawn as log10 of the
    /// values, with the ticks labelled in the values themselves). Values must be positive.</summary>
    public Figure SemiLogY(IReadOnlyList<double> ys)
    {
        var logs = new double[ys.Count];
        for (int i = 0; i < logs.Length; i++)
            logs[i] = ys[i] > 0 ? Math.Log10(ys[i])
                : throw new ArgumentException($"Figure.SemiLogY: values must be positive for a log axis, value {i} is {ys[i]}.");
        Plot(logs);
        _plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = y => Math.Pow(10, y).ToString("G3", System.Globalization.CultureInfo.InvariantCulture),
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
        };
        return this;
    }

    /// <summary>plt.legend((…)): names the lines in the order they were plotted.</summary>
    public Figure Legend(params string[] labels)
    {
        for (int i = 0; i < Math.Min(labels.Length, _lines.Count); i++) _lines[i].LegendText = labels[i];
        _plot.ShowLegend();
        return this;
    }

    /// <summary>plt.xlabel: the x axis's label.</summary>
    public Figure XLabel(string label) { _plot.XLabel(label); return this; }
    /// <summary>plt.ylabel: the y axis's label.</summary>
    public Figure YLabel(string label) { _plot.YLabel(label); return this; }
    /// <summary>plt.title: the figure's title.</summary>
    public Figure Title(string title) { _plot.Title(title); return this; }

    /// <summary>Writes the PNG atomically (a temporary file renamed over the target) and returns its full path.</summary>
    public string SaveFig(string path) => AtomicPng.Save(path, tmp => _plot.SavePng(tmp, Width, Height));
}
