namespace Lab1Music;

/// <summary>The sample's command line: <c>--iterations N</c> (the lab's 3,000 by default; CI runs a short version),
/// <c>--generate N</c> characters (1,000), <c>--seed S</c>, <c>--out DIR</c>.</summary>
public sealed record Options(int Iterations, int GenerationLength, long Seed, string OutDir)
{
    public static Options Parse(string[] args)
    {
        int iterations = 3000, generate = 1000;
        // Seed 1 makes this lab's training diverge: Adam's first step moves every weight by the learning rate (5e-3, about
        // a seventh of the recurrent kernel's Glorot range), and with seed 1's weights and batches the second step's
        // gradient norm jumps to ~14,900 (~2,000 in runs that train well); the loss climbs back to ~2.9 by iteration 200 and
        // ends at ~1.96 after 3,000. Seeds 2-7 all train smoothly (a mean loss of 1.40-1.47 over iterations 251-300), so
        // the default is 2; `--seed 1` shows the failure. The lab in TensorFlow draws its weights unseeded.
        long seed = 2;
        string outDir = Path.Combine("out", "lab1_music");
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--iterations": iterations = Positive(Next(), "--iterations"); break;
                case "--generate": generate = Positive(Next(), "--generate"); break;
                case "--seed": seed = long.TryParse(Next(), out var s) ? s : throw new ArgumentException("--seed wants a whole number."); break;
                case "--out": outDir = Next(); break;
                default: throw new ArgumentException($"unknown option '{args[i]}'. Usage: Lab1Music [--iterations N] [--generate N] [--seed S] [--out DIR]");
            }
        }
        return new Options(iterations, generate, seed, outDir);
    }

    private static int Positive(string v, string name) =>
        int.TryParse(v, out int n) && n > 0 ? n : throw new ArgumentException($"{name} wants a positive whole number, got '{v}'.");
}
