using System.Runtime.InteropServices;

namespace Strata.Distributed.Mpi;

/// <summary>
/// Finds and loads the MPI library at run time: <c>$STRATA_MPI_LIBRARY</c> when set (a path or a file name), else
/// Open MPI's <c>libmpi.so.40</c>, else MPICH's <c>libmpich.so.12</c> (or <c>libmpi.so.12</c>, MPICH's other name).
/// Which ABI it has is read from its exports (Open MPI's <c>ompi_mpi_comm_world</c>, MPICH's <c>MPIR_Err_create_code</c>),
/// not from its file name. Loaded with RTLD_GLOBAL on Linux, as mpi4py and MPI.jl do: Open MPI's plugins
/// (<c>mca_*.so</c>) resolve libmpi's symbols from the global scope.
/// </summary>
internal static partial class MpiLibrary
{
    public const string PathVariable = "STRATA_MPI_LIBRARY";

    private static readonly string[] Candidates = OperatingSystem.IsMacOS()
        ? ["libmpi.40.dylib", "libmpi.dylib", "libmpich.12.dylib", "libmpich.dylib"]
        : ["libmpi.so.40", "libmpich.so.12", "libmpi.so.12"];

    public static MpiAbi Load() => Load(Environment.GetEnvironmentVariable(PathVariable));

    /// <summary>Loads <paramref name="given"/> (a path or file name) or, when null or blank, the first of the usual names that loads.</summary>
    public static MpiAbi Load(string? given)
    {
        var tried = new List<string>();
        var names = string.IsNullOrWhiteSpace(given) ? Candidates : [given];
        foreach (var name in names)
        {
            if (!TryOpen(name, out nint handle, out string why))
            {
                tried.Add($"{name} ({why})");
                continue;
            }
            if (NativeLibrary.TryGetExport(handle, "ompi_mpi_comm_world", out _)) return new OpenMpiAbi(handle, name);
            if (NativeLibrary.TryGetExport(handle, "MPIR_Err_create_code", out _)) return new MpichAbi(handle, name);
            tried.Add($"{name} (loaded, but it is neither Open MPI nor MPICH: no ompi_mpi_comm_world or MPIR_Err_create_code)");
        }
        throw new DllNotFoundException(
            $"Strata.Distributed: no MPI library could be loaded; tried {string.Join(", ", tried)}. " +
            "Install Open MPI (Debian/Ubuntu: sudo apt-get install openmpi-bin libopenmpi-dev, or bash scripts/install-mpi.sh) " +
            $"or MPICH (sudo apt-get install mpich), or set {PathVariable} to the path of libmpi.so.");
    }

    private static bool TryOpen(string name, out nint handle, out string why)
    {
        why = "";
        if (OperatingSystem.IsLinux())
        {
            handle = DlOpen(name, RtldNow | RtldGlobal);
            if (handle != 0) return true;
            why = Marshal.PtrToStringUTF8(DlError()) ?? "not found";
            return false;
        }
        if (NativeLibrary.TryLoad(name, out handle)) return true;
        why = "not found";
        return false;
    }

    private const int RtldNow = 0x2, RtldGlobal = 0x100;

    [LibraryImport("libc.so.6", EntryPoint = "dlopen", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint DlOpen(string file, int mode);

    [LibraryImport("libc.so.6", EntryPoint = "dlerror")]
    private static partial nint DlError();
}
