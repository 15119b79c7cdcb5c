using System.Globalization;
using System.Text.Json;
using Strata.Bench;
using Strata.Bench.Workloads;
using Strata.Kernels;

// dotnet run -c Release --project bench/Strata.Bench -- [workload ...] [--threads N] [--isa avx2|sse] [--json | --json=FILE]
// One line per workload on stdout:  <workload> | strata <v> <unit> | torchsharp <v> <unit> | speedup <r>x
// (matrix products add " | strata <p>% of peak | torchsharp <q>% of peak"). Notes go to stderr.

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

int threads = Environment.ProcessorCount;
string? isa = null;
bool jsonToStdout = false;
string? jsonFile = null;
string? child = null;
var names = new List<string>();
for (int i = 0; i < args.Length; i++)
{
    string arg = args[i];
    if (arg == "--threads" && i + 1 < args.Length && int.TryParse(args[i + 1], out int t) && t >= 1) { threads = t; i++; }
    else if (arg.StartsWith("--threads=", StringComparison.Ordinal) && int.TryParse(arg["--threads=".Length..], out t) && t >= 1) threads = t;
    else if (arg == "--isa" && i + 1 < args.Length) isa = args[++i];
    else if (arg.StartsWith("--isa=", StringComparison.Ordinal)) isa = arg["--isa=".Length..];
    else if (arg == "--child" && i + 1 < args.Length) child = args[++i];
    else if (arg == "--json") jsonToStdout = true;
    else if (arg.StartsWith("--json=", StringComparison.Ordinal)) jsonFile = arg["--json=".Length..];
    else if (arg is "-h" or "--help") { PrintUsage(); return 0; }
    else if (arg.StartsWith('-')) { Console.Error.WriteLine($"unknown option {arg}"); PrintUsage(); return 2; }
    else names.Add(arg);
}

if (isa is not null && !IsaChild.Levels.ContainsKey(isa))
{
    Console.Error.WriteLine($"unknown --isa '{isa}' (one of: {string.Join(", ", IsaChild.Levels.Keys)})");
    PrintUsage();
    return 2;
}
// --isa avx2 / sse: the whole run happens in a child process whose runtime and libtorch are held to that level
// (the JIT reads its DOTNET_Enable* settings and libtorch its ISA variables only at start-up).
if (isa is not null && isa != "native" && Environment.GetEnvironmentVariable(IsaChild.Marker) is null)
    return IsaChild.Run(isa, args);

// A workload's own child process (cnn-epoch runs each side alone, for its peak working set).
if (child is not null)
{
    if (child.StartsWith(MlpEpochMpiWorkload.ChildPrefix, StringComparison.Ordinal))
        return MlpEpochMpiWorkload.RunRank(int.Parse(child[MlpEpochMpiWorkload.ChildPrefix.Length..], System.Globalization.CultureInfo.InvariantCulture));
    if (!child.StartsWith(CnnEpochWorkload.ChildPrefix, StringComparison.Ordinal))
    {
        Console.Error.WriteLine($"unknown --child '{child}'");
        return 2;
    }
    return CnnEpochWorkload.RunSide(child[CnnEpochWorkload.ChildPrefix.Length..], threads);
}

var selected = new List<IWorkload>();
foreach (string name in names)
{
    var w = WorkloadRegistry.All.FirstOrDefault(x => x.Name == name);
    if (w is null) { Console.Error.WriteLine($"unknown workload '{name}'"); PrintUsage(); return 2; }
    selected.Add(w);
}
if (selected.Count == 0) selected.AddRange(WorkloadRegistry.All);

Parallelism.MaxThreads = threads;
try
{
    TorchSharp.torch.set_num_threads(threads);
}
catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or NotSupportedException)
{
    Console.Error.WriteLine("TorchSharp failed to load. On Debian 12 libLibTorchSharp.so needs the GLIBCXX patch that the build applies " +
                            "(see bench/README.md); rebuild with `dotnet build -c Release bench/Strata.Bench`.\n" + e);
    return 1;
}
Console.Error.WriteLine($"# Strata.Bench: threads={threads}, cores={Environment.ProcessorCount}, isa={Environment.GetEnvironmentVariable(IsaChild.Marker) ?? "native"}, " +
                        $"torch threads={TorchSharp.torch.get_num_threads()}");
Console.Error.WriteLine($"# strata: {IsaReport.Strata()}");
Console.Error.WriteLine($"# torchsharp: {IsaReport.Torch()}");

var ctx = new BenchContext { Threads = threads };
var results = new List<(IWorkload w, WorkloadResult r)>();
foreach (var w in selected)
{
    if (w.ReportsPeakPercent && ctx.PeakGflops is null)
        new PeakWorkload().Run(ctx);   // quietly: sets ctx.PeakGflops
    var r = w.Run(ctx);
    results.Add((w, r));
    Console.WriteLine(FormatLine(w, r, ctx));
}

if (jsonToStdout || jsonFile is not null)
{
    string json = ToJson(results, ctx);
    if (jsonFile is not null) File.WriteAllText(jsonFile, json + "\n");
    if (jsonToStdout) Console.WriteLine(json);
}
return 0;

static string Num(double v) => v >= 100 ? v.ToString("F1") : v >= 1 ? v.ToString("F2") : v.ToString("G3");

static string FormatLine(IWorkload w, WorkloadResult r, BenchContext ctx)
{
    string torch = r.Torch is { } t ? $"{w.Peer} {Num(t)} {r.Unit}" : $"{w.Peer} -";
    string speedup = r.Speedup is { } s ? $"speedup {s:F2}x" : "speedup -";
    string line = $"{w.Name} | strata {Num(r.Strata)} {r.Unit} | {torch} | {speedup}";
    if (w.ReportsPeakPercent && ctx.PeakGflops is { } peak)
    {
        line += $" | strata {100 * r.Strata / peak:F1}% of peak";
        line += r.Torch is { } tt ? $" | torchsharp {100 * tt / peak:F1}% of peak" : " | torchsharp -";
    }
    if (r.StrataPeakMiB is { } sp) line += $" | strata peak {sp:F0} MiB";
    if (r.TorchPeakMiB is { } tp) line += $" | torchsharp peak {tp:F0} MiB";
    return line;
}

static string ToJson(List<(IWorkload w, WorkloadResult r)> results, BenchContext ctx)
{
    using var ms = new MemoryStream();
    using (var j = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
    {
        j.WriteStartObject();
        j.WriteNumber("threads", ctx.Threads);
        if (ctx.PeakGflops is { } peak) j.WriteNumber("peak_gflops", Math.Round(peak, 3)); else j.WriteNull("peak_gflops");
        j.WriteStartArray("results");
        foreach (var (w, r) in results)
        {
            j.WriteStartObject();
            j.WriteString("workload", w.Name);
            j.WriteNumber("strata", Math.Round(r.Strata, 6));
            if (r.Torch is { } t) j.WriteNumber("torchsharp", Math.Round(t, 6)); else j.WriteNull("torchsharp");
            j.WriteString("peer", w.Peer);
            j.WriteString("unit", r.Unit);
            j.WriteBoolean("higher_is_better", r.HigherIsBetter);
            if (r.Speedup is { } s) j.WriteNumber("speedup", Math.Round(s, 4)); else j.WriteNull("speedup");
            if (w.ReportsPeakPercent && ctx.PeakGflops is { } p)
            {
                j.WriteNumber("strata_pct_of_peak", Math.Round(100 * r.Strata / p, 2));
                if (r.Torch is { } tt) j.WriteNumber("torchsharp_pct_of_peak", Math.Round(100 * tt / p, 2)); else j.WriteNull("torchsharp_pct_of_peak");
            }
            if (r.StrataPeakMiB is { } sp) j.WriteNumber("strata_peak_mib", Math.Round(sp, 1));
            if (r.TorchPeakMiB is { } tp) j.WriteNumber("torchsharp_peak_mib", Math.Round(tp, 1));
            if (r.StrataAllocBytesPerOp is { } al) j.WriteNumber("strata_alloc_bytes_per_op", Math.Round(al, 1)); else j.WriteNull("strata_alloc_bytes_per_op");
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteEndObject();
    }
    return System.Text.Encoding.UTF8.GetString(ms.ToArray());
}

static void PrintUsage()
{
    Console.Error.WriteLine("usage: Strata.Bench [workload ...] [--threads N] [--isa native|avx2|sse] [--json | --json=FILE]");
    Console.Error.WriteLine("workloads: " + string.Join(", ", WorkloadRegistry.All.Select(w => w.Name)) + " (all when none is named)");
}
