using CsCheck;

namespace Strata.Tests.Properties;

/// <summary>
/// Runs a CsCheck generator a fixed number of times from a fixed seed, so that CI sees the same cases on every run.
/// CsCheck's own <c>Sample</c> only takes its seed for the first iteration and draws the rest at random; here each
/// case gets its own CsCheck seed, derived from <see cref="DefaultSeed"/> and the property's name. A failing case is
/// handed to CsCheck's <c>Sample</c> from that seed, which shrinks it and throws with the seed of the smallest
/// failing case it found ("Set seed: ... or -e CsCheck_Seed=... to reproduce").
/// <para>To rerun a case: <c>CsCheck_Seed=&lt;seed&gt; dotnet test tests/Strata.Tests --filter FullyQualifiedName~Properties</c>.
/// With <c>CsCheck_Seed</c> set, each property runs only that one case (the seed fixes the whole generated value;
/// a seed only makes sense for the property that printed it). <c>Strata_PropertySeed</c> (a number) changes the
/// default seed of the whole suite, to explore other cases; <c>Strata_PropertyScale</c> (e.g. 10) multiplies every
/// property's iteration count.</para>
/// </summary>
internal static class PropertyRunner
{
    /// <summary>The seed CI runs with.</summary>
    public const ulong DefaultSeed = 0x5157A7A_2025_0713;

    private static readonly object Lock = new();
    private static readonly Dictionary<string, long> Counts = [];

    public static ulong SuiteSeed =>
        Environment.GetEnvironmentVariable("Strata_PropertySeed") is { Length: > 0 } s ? ulong.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : DefaultSeed;

    public static double Scale =>
        Environment.GetEnvironmentVariable("Strata_PropertyScale") is { Length: > 0 } s ? double.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : 1;

    /// <summary>Cases each property has run in this process (for the budget test and the printed summary).</summary>
    public static IReadOnlyDictionary<string, long> CasesRun { get { lock (Lock) return new Dictionary<string, long>(Counts); } }

    /// <summary>
    /// Checks <paramref name="property"/> on <paramref name="iterations"/> cases of <paramref name="gen"/> (times
    /// <see cref="Scale"/>); returns the number of cases run and prints it to <paramref name="output"/>.
    /// </summary>
    public static long Run<T>(string name, Gen<T> gen, Action<T> property, int iterations, ITestOutputHelper? output = null, Func<T, string>? print = null)
    {
        print ??= v => v?.ToString() ?? "null";
        if (Environment.GetEnvironmentVariable("CsCheck_Seed") is { Length: > 0 } replay)
        {
            output?.WriteLine($"{name}: replaying CsCheck_Seed={replay}");
            var value = gen.Generate(PCG.Parse(replay), null!, out _);
            output?.WriteLine($"  case: {print(value)}");
            property(value);
            Count(name, 1);
            return 1;
        }

        int n = (int)Math.Max(1, Math.Round(iterations * Scale));
        var master = new PCG((uint)(StableHash(name) & 0x7FFFFFFF), SuiteSeed);
        for (int i = 0; i < n; i++)
        {
            var pcg = new PCG(master.Next() & 0x7FFFFFFF, master.Next64());
            string seed = pcg.ToString();
            var value = gen.Generate(pcg, null!, out _);
            try
            {
                property(value);
            }
            catch (Exception first)
            {
                // Let CsCheck replay and shrink from this seed; it throws with the smallest case and its seed.
                string shrunk;
                try
                {
                    gen.Sample(property, seed: seed, iter: 2000, threads: 1, print: print);
                    shrunk = "(CsCheck's replay did not fail again: the property is not deterministic)";
                }
                catch (Exception e)
                {
                    shrunk = e.Message;
                }
                throw new Xunit.Sdk.XunitException(
                    $"{name}: case {i} of {n} failed. Rerun it with CsCheck_Seed={seed}\n" +
                    $"case: {print(value)}\nerror: {first.GetType().Name}: {first.Message}\n{first.StackTrace}\n\n" +
                    $"CsCheck's shrinking:\n{shrunk}");
            }
        }
        Count(name, n);
        output?.WriteLine($"{name}: {n} cases passed (suite seed 0x{SuiteSeed:X}).");
        return n;
    }

    private static void Count(string name, long n)
    {
        lock (Lock) Counts[name] = Counts.GetValueOrDefault(name) + n;
    }

    /// <summary>A hash of the name that does not change between processes (string.GetHashCode does).</summary>
    private static uint StableHash(string s)
    {
        uint h = 2166136261;
        foreach (char c in s) h = (h ^ c) * 16777619;
        return h;
    }
}
