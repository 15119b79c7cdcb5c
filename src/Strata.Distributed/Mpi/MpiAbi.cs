namespace Strata.Distributed.Mpi;

/// <summary>
/// The MPI calls Strata makes, with handles as <see cref="nint"/> whatever the library's own handle type. MPI fixes
/// the C API but not its ABI: Open MPI's handles (MPI_COMM_WORLD, MPI_FLOAT, MPI_SUM…) are the addresses of global
/// objects the library exports, MPICH's are 32-bit integer constants and its MPI_IN_PLACE is -1 rather than 1. Each
/// implementation resolves its constants and calls through function pointers of its own exact signatures (the
/// approach of Julia's MPI.jl), so nothing here relies on an int and a pointer being passed alike.
/// </summary>
internal abstract unsafe class MpiAbi
{
    /// <summary>"Open MPI" or "MPICH", and the file it was loaded from (for messages).</summary>
    public abstract string Name { get; }

    public abstract nint CommWorld { get; }
    public abstract nint InPlace { get; }
    public abstract nint Float { get; }
    public abstract nint Double { get; }
    public abstract nint Int32 { get; }
    public abstract nint Byte { get; }
    public abstract nint Sum { get; }
    public abstract nint Max { get; }
    public abstract nint Min { get; }
    public abstract nint ErrorsReturn { get; }

    // The calls that return values through pointers: each ABI makes the raw call, the wrappers below turn the results
    // into out-parameters once for both.
    protected abstract int InitThread(int required, int* provided);
    protected abstract int Initialized(int* flag);
    protected abstract int Finalized(int* flag);
    protected abstract int CommRank(nint comm, int* rank);
    protected abstract int CommSize(nint comm, int* size);

    public int InitThread(int required, out int provided)
    {
        int p;
        int rc = InitThread(required, &p);
        provided = p;
        return rc;
    }

    public int Initialized(out bool flag)
    {
        int f;
        int rc = Initialized(&f);
        flag = f != 0;
        return rc;
    }

    public int Finalized(out bool flag)
    {
        int f;
        int rc = Finalized(&f);
        flag = f != 0;
        return rc;
    }

    public int CommRank(nint comm, out int rank)
    {
        int r;
        int rc = CommRank(comm, &r);
        rank = r;
        return rc;
    }

    public int CommSize(nint comm, out int size)
    {
        int n;
        int rc = CommSize(comm, &n);
        size = n;
        return rc;
    }

    public abstract int Finalize();
    public abstract int CommSetErrhandler(nint comm, nint handler);
    public abstract int Allreduce(void* send, void* receive, int count, nint datatype, nint op, nint comm);
    public abstract int Bcast(void* buffer, int count, nint datatype, int root, nint comm);
    public abstract int Allgather(void* send, int sendCount, nint sendType, void* receive, int receiveCount, nint receiveType, nint comm);
    public abstract int Barrier(nint comm);
    public abstract int Abort(nint comm, int code);

    /// <summary>MPI_Error_string: the library's text for an error code.</summary>
    public abstract string ErrorString(int code);

    /// <summary>MPI_THREAD_* levels, the same numbers in both libraries.</summary>
    public const int ThreadSingle = 0, ThreadFunneled = 1, ThreadSerialized = 2, ThreadMultiple = 3;
}
