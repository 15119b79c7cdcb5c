namespace Strata.Distributed.Mpi;

/// <summary>An MPI call returned an error (the world communicator returns errors instead of aborting, so they
/// reach .NET): the call, the library's own text and the rank.</summary>
public sealed class MpiException(string message, int errorCode) : Exception(message)
{
    /// <summary>The MPI error code.</summary>
    public int ErrorCode { get; } = errorCode;
}
