using System.Reflection;

namespace Snippets;

/// <summary>Marks a snippet method that prints: scripts/ci-docs.sh runs it and compares its output with
/// <c>expected/&lt;Class&gt;.&lt;Method&gt;.txt</c>.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class PrintsAttribute : Attribute;

/// <summary>Marks a snippet method whose output depends on the machine (a timing): scripts/ci-docs.sh runs it and
/// requires only that it succeeds.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class RunsAttribute : Attribute;

internal static class Program
{
    // Snippets                      lists the [Prints] snippets, one "Class.Method" a line
    // Snippets --runs               lists the [Runs] snippets
    // Snippets Class.Method         runs one of either
    private static int Main(string[] args)
    {
        var methods = typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            .ToList();
        var printing = Named(methods.Where(m => m.GetCustomAttribute<PrintsAttribute>() is not null));
        var running = Named(methods.Where(m => m.GetCustomAttribute<RunsAttribute>() is not null));
        if (args.Length == 0 || args[0] == "--runs")
        {
            foreach (var name in (args.Length == 0 ? printing : running).Keys.Order(StringComparer.Ordinal))
                Console.WriteLine(name);
            return 0;
        }
        if (!printing.TryGetValue(args[0], out var method) && !running.TryGetValue(args[0], out method))
        {
            Console.Error.WriteLine($"No snippet named {args[0]}; run without arguments (or with --runs) for the list.");
            return 2;
        }
        method.Invoke(null, null);
        return 0;
    }

    private static Dictionary<string, MethodInfo> Named(IEnumerable<MethodInfo> methods) =>
        methods.ToDictionary(m => $"{m.DeclaringType!.Name}.{m.Name}");
}
