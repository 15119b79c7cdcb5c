using System.Diagnostics;

namespace Strata.Distributed.Tests;

/// <summary>Starts the worker program under an MPI launcher (Open MPI's mpirun, or MPICH's mpiexec.mpich) and
/// collects what it printed, how it exited and how long it took. Tests that need a launcher skip when none is
/// installed, unless STRATA_REQUIRE_MPI=1 (CI sets it after scripts/install-mpi.sh): then a missing MPI fails.</summary>
internal sealed record MpiResult(int ExitCode, string Output, TimeSpan Elapsed, bool TimedOut);

internal static class MpiRun
{
    public const string OpenMpi = "mpirun.openmpi", Mpich = "mpiexec.mpich";

    private static string Worker => Path.Combine(AppContext.BaseDirectory, "Strata.Distributed.Worker.dll");

    /// <summary>The dotnet host that runs this test process, for the ranks.</summary>
    private static string DotNet =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";

    public static string Require(string launcher)
    {
        string? found = Find(launcher) ?? (launcher == OpenMpi ? Find("mpirun") : null);
        if (found is not null) return found;
        string reason = $"{launcher} is not installed (bash scripts/install-mpi.sh installs Open MPI; apt-get install mpich adds MPICH)";
        if (launcher == OpenMpi && Environment.GetEnvironmentVariable("STRATA_REQUIRE_MPI") == "1")
            Assert.Fail($"STRATA_REQUIRE_MPI=1 but {reason}");
        Assert.Skip(reason);
        return "";
    }

    public static MpiResult Run(string launcher, int processes, params string[] args) => RunWithin(launcher, processes, TimeSpan.FromSeconds(120), args);

    public static MpiResult RunWithin(string launcher, int processes, TimeSpan limit, params string[] args)
    {
        var psi = new ProcessStartInfo(Require(launcher)) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        bool openMpi = launcher == OpenMpi;
        foreach (var a in openMpi ? new[] { "--oversubscribe", "-np" } : ["-n"]) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add(processes.ToString());
        psi.ArgumentList.Add(DotNet);
        psi.ArgumentList.Add(Worker);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["TERM"] = "dumb";
        // Open MPI refuses to run as root without these (CI containers run as root).
        psi.Environment["OMPI_ALLOW_RUN_AS_ROOT"] = "1";
        psi.Environment["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1";
        psi.Environment["STRATA_MPI_LIBRARY"] = openMpi ? "libmpi.so.40" : "libmpich.so.12";
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        bool exited = p.WaitForExit(limit);
        if (!exited) p.Kill(entireProcessTree: true);
        p.WaitForExit();
        return new MpiResult(p.ExitCode, stdout.Result + stderr.Result, clock.Elapsed, !exited);
    }

    private static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);
}
