using System.Text;

namespace Strata.Distributed.Mpi;

internal static unsafe class MpiText
{
    /// <summary>MPI_Error_string into a buffer of MPI_MAX_ERROR_STRING (256 in Open MPI, 512 in MPICH: 1024 fits both).</summary>
    public static string ErrorString(delegate* unmanaged<int, byte*, int*, int> errorString, int code)
    {
        byte* text = stackalloc byte[1024];
        int length = 0;
        if (errorString(code, text, &length) != 0 || length <= 0) return $"MPI error {code}";
        return Encoding.UTF8.GetString(text, Math.Min(length, 1024));
    }
}
