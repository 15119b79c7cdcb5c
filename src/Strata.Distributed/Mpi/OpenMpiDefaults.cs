using System.Runtime.InteropServices;

namespace Strata.Distributed.Mpi;

/// <summary>
/// Open MPI settings Strata picks before MPI_Init when the user has not set them (an OMPI_MCA_* variable in the
/// environment always wins). Open MPI reads them from the process's own environment at initialization, so they are set
/// with libc's setenv (.NET's Environment.SetEnvironmentVariable does not reach the native environment on Unix).
/// </summary>
internal static partial class OpenMpiDefaults
{
    /// <summary>
    /// The shared-memory transport's single-copy mechanism: "none" (copy through shared-memory buffers) instead of
    /// CMA (process_vm_readv). Measured on this 2-core machine, 2 ranks: an all-reduce of 101,770 floats (the
    /// Fashion-MNIST MLP's gradients) took 50 µs with CMA and 20 µs without; of 1M floats 390 against 251 µs.
    /// </summary>
    private static readonly (string Name, string Value)[] Settings = [("OMPI_MCA_btl_vader_single_copy_mechanism", "none")];

    public static void Apply()
    {
        if (!OperatingSystem.IsLinux()) return;
        foreach (var (name, value) in Settings)
            if (Environment.GetEnvironmentVariable(name) is null) SetEnv(name, value, 0);
    }

    [LibraryImport("libc.so.6", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
