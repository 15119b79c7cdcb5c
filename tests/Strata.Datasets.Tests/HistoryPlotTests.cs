using Strata.Plot;

namespace Strata.Datasets.Tests;

public class HistoryPlotTests
{
    private static readonly byte[] PngMagic = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void WritesAValidPng()
    {
        var history = new Dictionary<string, IReadOnlyList<double>>
        {
            ["loss"] = [0.50, 0.37, 0.33, 0.31],
            ["accuracy"] = [0.82, 0.86, 0.88, 0.89],
            ["val_loss"] = [0.42, 0.39, 0.36, 0.35],
            ["val_accuracy"] = [0.85, 0.86, 0.87, 0.875],
        };
        var dir = Directory.CreateTempSubdirectory("strata-plot-").FullName;
        try
        {
            var path = HistoryPlot.Save(history, Path.Combine(dir, "sub", "history.png"));

            var bytes = File.ReadAllBytes(path);
            Assert.Equal(PngMagic, bytes[..8]);
            Assert.True(bytes.Length > 5_000, $"PNG is only {bytes.Length} bytes");
            Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));   // no temporary file left
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void QuantitiesPairTrainWithValidationLossFirst()
    {
        var history = new Dictionary<string, IReadOnlyList<double>>
        {
            ["accuracy"] = [0.8], ["loss"] = [0.5], ["val_loss"] = [0.4], ["val_accuracy"] = [0.8], ["val_auc"] = [0.9],
        };
        Assert.Equal(["loss", "accuracy", "auc"], HistoryPlot.Quantities(history));
    }

    [Fact]
    public void EmptyHistoryIsAnError() =>
        Assert.Throws<ArgumentException>(() => HistoryPlot.Save(new Dictionary<string, IReadOnlyList<double>>(), "x.png"));
}
