namespace FashionMnistSample;

/// <summary>The sample's command line: <c>--epochs N</c> for a quick run, <c>--out DIR</c> for the plot.</summary>
internal sealed record Options(int Epochs, string OutDir)
{
    public static Options Parse(string[] args)
    {
        int epochs = 10;   // the tutorial's model.fit(..., epochs=10)
        string outDir = Path.Combine("out", "fashion_mnist");
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
                    throw new ArgumentException($"unknown or incomplete option '{args[i]}'. Usage: FashionMnist [--epochs N] [--out DIR]");
            }
        }
        return new Options(epochs, outDir);
    }
}
