using ScottPlot;

namespace Strata.Plot;

/// <summary>
/// A grid of small grey-level images with a caption under each (the notebooks' <c>plt.subplot</c> +
/// <c>plt.imshow(..., cmap=plt.cm.binary)</c> + <c>plt.xlabel(label)</c> loop): ink dark on white.
/// </summary>
public static class ImageGrid
{
    /// <summary>Writes the PNG atomically and returns its full path. Each image is rows × columns of values in
    /// [0, 1] (0 white, 1 black, as matplotlib's binary colour map shows them).</summary>
    public static string Save(IReadOnlyList<double[,]> images, IReadOnlyList<string> captions, int columns, string path,
        int cellSize = 120)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(captions);
        if (images.Count == 0) throw new ArgumentException("ImageGrid: no images to draw.", nameof(images));
        if (captions.Count != images.Count)
            throw new ArgumentException($"ImageGrid: {images.Count} images but {captions.Count} captions.", nameof(captions));
        if (columns <= 0) throw new ArgumentException($"ImageGrid: columns must be positive, got {columns}.", nameof(columns));

        int rows = (images.Count + columns - 1) / columns;
        var multiplot = new Multiplot();
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);
        for (int i = 0; i < rows * columns; i++)
        {
            var plot = i < multiplot.Count() ? multiplot.GetPlot(i) : multiplot.AddPlot();
            plot.HideAxesAndGrid();
            if (i >= images.Count) continue;
            var heatmap = plot.Add.Heatmap(images[i]);
            heatmap.Colormap = new ScottPlot.Colormaps.GrayscaleReversed();
            heatmap.ManualRange = new ScottPlot.Range(0, 1);
            plot.Title(captions[i], size: 14);
        }
        return AtomicPng.Save(path, tmp => multiplot.SavePng(tmp, columns * cellSize, rows * cellSize));
    }
}
