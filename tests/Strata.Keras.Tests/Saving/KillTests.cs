using System.Diagnostics;
using System.Globalization;

namespace Strata.Keras.Tests.Saving;

/// <summary>
/// Real kills of a child process (tests/Strata.Keras.TrainingChild, copied beside the tests): a Fit with
/// BackupAndRestore killed at the start of an epoch resumes in a new process with the uninterrupted run's losses, and a
/// process killed while it saves a .keras file over and over leaves a file that loads (the previous save or the new one,
/// never a mix).
/// </summary>
public class KillTests
{
    private static string ChildPath()
    {
        var dir = AppContext.BaseDirectory;
        var host = Path.Combine(dir, OperatingSystem.IsWindows() ? "Strata.Keras.TrainingChild.exe" : "Strata.Keras.TrainingChild");
        return File.Exists(host) ? host : Path.Combine(dir, "Strata.Keras.TrainingChild.dll");
    }

    private static Process Start(params string[] args)
    {
        var child = ChildPath();
        Assert.SkipUnless(File.Exists(child), $"the child process {child} is not beside the tests (a self-contained publish).");
        Assert.SkipWhen(SavingFiles.UnderArm64, "no child processes under qemu (the Arm64 CI runs the tests in an emulator).");
        var psi = child.EndsWith(".dll", StringComparison.Ordinal)
            ? new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", ["exec", child, .. args])
            : new ProcessStartInfo(child, args);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        return Process.Start(psi)!;
    }

    /// <summary>Reads the child's lines until <paramref name="until"/> (or its end); fails after a minute.</summary>
    private static List<string> ReadUntil(Process p, string? until)
    {
        var lines = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var read = p.StandardOutput.ReadLineAsync();
            if (!read.Wait(deadline - DateTime.UtcNow)) break;
            if (read.Result is not { } line) return lines; // the end
            lines.Add(line);
            if (line == until) return lines;
        }
        p.Kill(entireProcessTree: true);
        Assert.Fail($"the child printed no '{until}' within a minute; it printed: {string.Join(" | ", lines)}; stderr: {p.StandardError.ReadToEnd()}");
        return lines;
    }

    private static List<double> Losses(IEnumerable<string> lines) =>
        lines.Where(l => l.StartsWith("LOSS ", StringComparison.Ordinal)).Select(l => double.Parse(l.Split(' ')[2], CultureInfo.InvariantCulture)).ToList();

    [Fact]
    public void AKilledFitResumesInANewProcessWithTheUninterruptedLosses()
    {
        using var dir = new TempDir();
        var backup = dir.File("backup");
        List<double> expected;
        using (var whole = Start("fit", "none", "5"))
        {
            var lines = ReadUntil(whole, "DONE");
            whole.WaitForExit();
            expected = Losses(lines);
        }
        Assert.Equal(5, expected.Count);

        using (var killed = Start("fit", backup, "5", "3"))
        {
            var lines = ReadUntil(killed, "WAITING");
            Assert.Equal(expected.Take(3), Losses(lines));
            killed.Kill(entireProcessTree: true);
            killed.WaitForExit();
        }
        Assert.True(File.Exists(Path.Combine(backup, "latest.weights.h5")));

        using var resumed = Start("fit", backup, "5");
        var rest = ReadUntil(resumed, "DONE");
        resumed.WaitForExit();
        Assert.Equal(expected.Skip(3), Losses(rest)); // bit for bit, in a new process
        Assert.False(Directory.Exists(backup));
    }

    [Fact]
    public void AKillInTheMiddleOfASaveLeavesALoadableFile()
    {
        using var dir = new TempDir();
        var path = dir.File("m.keras");
        foreach (int delayMs in new[] { 37, 151, 420 })
        {
            using var saver = Start("save-loop", path);
            ReadUntil(saver, "SAVED 1");
            Thread.Sleep(delayMs); // the loop does nothing but save: the kill lands in a save
            saver.Kill(entireProcessTree: true);
            saver.WaitForExit();
            var model = keras.models.LoadModel(path);
            // Save k sets every weight to k: a whole save has one value throughout.
            var values = model.GetWeights().SelectMany(w => w.ToArray<float>()).Distinct().ToArray();
            Assert.Single(values);
            Assert.True(values[0] >= 1 && values[0] == Math.Floor(values[0]), $"weights {values[0]}");
        }
        // What a kill can leave behind is a temporary file beside the target, never a damaged target.
        Assert.All(Directory.GetFiles(dir.Path), f => Assert.True(f == path || Path.GetFileName(f).StartsWith(".m.keras.", StringComparison.Ordinal), f));
    }
}
