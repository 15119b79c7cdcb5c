namespace FashionMnistSample;

/// <summary>The samples' command line: <c>--epochs N</c> for a quick run, <c>--out DIR</c> for the plot.
/// Shared by the MLP and CNN samples (linked into the CNN's project), each with its own defaults.</summary>
internal sealed record Options(int Epochs, string OutDir)
{
    public static Options Parse(string[] args, int defaultEpochs, string defaultOutDir, string program)
    {
        int epochs = defaultEpochs;
        string outDir = defaultOutDir;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--epochs" when i + 1 < args.Length:
                    if (!int.TryParse(args[++i], out epochs) || epochs <= 0)
                        throw new ArgumentException($"--epochs wants a positive whole number, got '{args[i]}'.");
                    break;
                case "--out" when i + 1 < args.Length:
                    outDir = args[++i]; break;
                default:
                    throw new ArgumentException($"unknown or incomplete option '{args[i]}'. Usage: {program} [--epochs N] [--out DIR]");
            }
        }
        return new Options(epochs, outDir);
    }
}
