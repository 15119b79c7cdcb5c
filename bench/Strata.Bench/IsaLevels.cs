using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using Strata.Bench.Workloads;
using Strata.Kernels;

namespace Strata.Bench;

/// <summary><c>--isa avx2|sse</c>: reruns the bench in a child process with both sides held to that instruction
/// set: .NET through its DOTNET_Enable* switches (read once, when the runtime starts), libtorch through ATen's
/// kernel dispatch (ATEN_CPU_CAPABILITY), oneDNN (ONEDNN_MAX_CPU_ISA) and MKL (MKL_ENABLE_INSTRUCTIONS).</summary>
internal static class IsaChild
{
    /// <summary>Set in the child (to the level's name): it runs the bench itself instead of starting another.</summary>
    public const string Marker = "STRATA_BENCH_ISA";

    public static readonly IReadOnlyDictionary<string, (string Name, string Value)[]> Levels = new Dictionary<string, (string, string)[]>
    {
        ["native"] = [],
        ["avx2"] =
        [
            ("DOTNET_EnableAVX512", "0"),
            ("ATEN_CPU_CAPABILITY", "avx2"), ("ONEDNN_MAX_CPU_ISA", "AVX2"), ("MKL_ENABLE_INSTRUCTIONS", "AVX2"),
        ],
        ["sse"] =
        [
            // .NET takes DOTNET_EnableAVX2=0 as no AVX2 and no FMA (and no AVX-512): 128-bit SSE4 vectors.
            ("DOTNET_EnableAVX512", "0"), ("DOTNET_EnableAVX2", "0"),
            ("ATEN_CPU_CAPABILITY", "default"), ("ONEDNN_MAX_CPU_ISA", "SSE41"), ("MKL_ENABLE_INSTRUCTIONS", "SSE4_2"),
        ],
    };

    /// <summary>The variables that restrict libtorch (reported as they are set in this process).</summary>
    public static readonly string[] TorchVariables = ["ATEN_CPU_CAPABILITY", "ONEDNN_MAX_CPU_ISA", "MKL_ENABLE_INSTRUCTIONS"];

    public static int Run(string level, string[] args)
    {
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path to restart the bench");
        var psi = new ProcessStartInfo(self) { UseShellExecute = false };
        // Started as `dotnet Strata.Bench.dll`: the child needs the assembly too.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") psi.ArgumentList.Add(typeof(IsaChild).Assembly.Location);
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--isa") { i++; continue; }
            if (args[i].StartsWith("--isa=", StringComparison.Ordinal)) continue;
            psi.ArgumentList.Add(args[i]);
        }
        foreach (var (name, value) in Levels[level]) psi.Environment[name] = value;
        psi.Environment[Marker] = level;
        Console.Error.WriteLine($"# --isa {level}: running the bench in a child process with " +
                                string.Join(" ", Levels[level].Select(v => $"{v.Name}={v.Value}")));
        using var child = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {self}");
        child.WaitForExit();
        return child.ExitCode;
    }
}

/// <summary>Which instruction sets each side ran, for the bench's header lines.</summary>
internal static class IsaReport
{
    public static string Strata() =>
        $"Vector512={Vector512.IsHardwareAccelerated} Vector256={Vector256.IsHardwareAccelerated} Vector128={Vector128.IsHardwareAccelerated} " +
        $"Avx512F={Avx512F.IsSupported} Avx2={Avx2.IsSupported} Fma={Fma.IsSupported}" +
        (AdvSimd.IsSupported ? " AdvSimd=True" : "") +
        $"; gemm path {Gemm.Path}; peak loop {PeakWorkload.Kernel.Name}, {PeakWorkload.Kernel.Chains} chains";

    public static string Torch()
    {
        string vars = string.Join(" ", IsaChild.TorchVariables.Select(v => $"{v}={Environment.GetEnvironmentVariable(v) ?? "(unset)"}"));
        string? capability = CpuCapability();
        return (capability is null ? "cpu capability not readable" : $"cpu capability {capability}") + $"; {vars}";
    }

    /// <summary>libtorch's <c>at::get_cpu_capability()</c> (what torch.backends.cpu.get_cpu_capability() reports):
    /// the ATen kernel set chosen at start-up, "AVX512", "AVX2" or "DEFAULT". It returns a std::string (C++11
    /// ABI, 32 bytes: data pointer, length, 16-byte inline buffer) through a hidden result pointer, which is
    /// how it is called here; null where the library or symbol is not found.</summary>
    private static unsafe string? CpuCapability()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64) return null;
        try
        {
            nint lib = 0;
            string local = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libtorch_cpu.so");
            if (!NativeLibrary.TryLoad("libtorch_cpu.so", out lib) && !NativeLibrary.TryLoad(local, out lib)) return null;
            if (!NativeLibrary.TryGetExport(lib, "_ZN2at18get_cpu_capabilityB5cxx11Ev", out nint fn)) return null;
            var result = stackalloc byte[64];
            ((delegate* unmanaged<byte*, void>)fn)(result);
            byte* data = *(byte**)result;
            long length = *(long*)(result + 8);
            if (length is < 0 or > 64) return null;
            string s = System.Text.Encoding.ASCII.GetString(data, (int)length);
            // Short strings live in the inline buffer; a longer one would be heap memory that we leave (once).
            return s;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return null;
        }
    }
}
