namespace Strata.Keras.Tests;

/// <summary>What a piece of code prints to the console (progress bars, callbacks' messages), line ends as "\n".
/// The Keras tests do not run in parallel, so redirecting the process's console is safe.</summary>
internal static class ConsoleOutput
{
    public static string Capture(Action run)
    {
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try { run(); }
        finally { Console.SetOut(original); }
        return output.ToString().Replace("\r\n", "\n");
    }
}
