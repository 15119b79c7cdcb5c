namespace Lab2Mnist;

/// <summary>The lab's command line. The lab's own settings by default (5 epochs per model on all 60,000 training
/// images, the GradientTape loop over all of them, the test set whole); <c>--quick</c> is a short run for CI
/// (1 epoch on the first 4,000 images, 150 tape steps, 1,000 test images), and each setting has its own option:
/// <c>--epochs N</c>, <c>--train N</c>, <c>--test N</c>, <c>--tape-steps N</c>, <c>--out DIR</c>.</summary>
public sealed record Lab2Options(int Epochs, int? TrainCount, int? TestCount, int? TapeSteps, bool Quick, string OutDir)
{
    public static Lab2Options Parse(string[] args)
    {
        int epochs = 5;
        int? train = null, test = null, tapeSteps = null;
        bool quick = false;
        string outDir = Path.Combine("out", "lab2");
        bool epochsSet = false;
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--quick": quick = true; break;
                case "--epochs": epochs = Positive(Next(), "--epochs"); epochsSet = true; break;
                case "--train": train = Positive(Next(), "--train"); break;
                case "--test": test = Positive(Next(), "--test"); break;
                case "--tape-steps": tapeSteps = Positive(Next(), "--tape-steps"); break;
                case "--out": outDir = Next(); break;
                default:
                    throw new ArgumentException($"unknown option '{args[i]}'. Usage: lab2 [--quick] [--epochs N] [--train N] [--test N] [--tape-steps N] [--out DIR]");
            }
        }
        if (quick)
        {
            if (!epochsSet) epochs = 1;
            train ??= 4000;
            test ??= 1000;
            tapeSteps ??= 150;
        }
        return new Lab2Options(epochs, train, test, tapeSteps, quick, outDir);
    }

    private static int Positive(string v, string name) =>
        int.TryParse(v, out int n) && n > 0 ? n : throw new ArgumentException($"{name} wants a positive whole number, got '{v}'.");
}
