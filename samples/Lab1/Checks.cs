namespace Lab1;

/// <summary>Prints a [PASS]/[FAIL] line per check and remembers whether any failed (the exit code).</summary>
internal static class Checks
{
    public static int Failed { get; private set; }

    public static void Check(bool ok, string what)
    {
        Console.WriteLine($"[{(ok ? "PASS" : "FAIL")}] {what}");
        if (!ok) Failed++;
    }
}
