using System.Runtime.InteropServices;

namespace Strata.Distributed.Mpi;

/// <summary>Open MPI's ABI (libmpi.so.40): a handle is the address of an exported global (MPI_COMM_WORLD is
/// <c>&amp;ompi_mpi_comm_world</c>, MPI_FLOAT <c>&amp;ompi_mpi_float</c>, …); MPI_IN_PLACE is (void*)1.</summary>
internal sealed unsafe class OpenMpiAbi : MpiAbi
{
    private readonly delegate* unmanaged<int*, byte***, int, int*, int> _initThread;
    private readonly delegate* unmanaged<int*, int> _initialized, _finalized;
    private readonly delegate* unmanaged<int> _finalize;
    private readonly delegate* unmanaged<nint, int*, int> _commRank, _commSize;
    private readonly delegate* unmanaged<nint, nint, int> _setErrhandler;
    private readonly delegate* unmanaged<void*, void*, int, nint, nint, nint, int> _allreduce;
    private readonly delegate* unmanaged<void*, int, nint, int, nint, int> _bcast;
    private readonly delegate* unmanaged<void*, int, nint, void*, int, nint, nint, int> _allgather;
    private readonly delegate* unmanaged<nint, int> _barrier;
    private readonly delegate* unmanaged<nint, int, int> _abort;
    private readonly delegate* unmanaged<int, byte*, int*, int> _errorString;

    public OpenMpiAbi(nint library, string path)
    {
        Name = $"Open MPI ({path})";
        nint Export(string name) => NativeLibrary.GetExport(library, name);
        CommWorld = Export("ompi_mpi_comm_world");
        Float = Export("ompi_mpi_float");
        Double = Export("ompi_mpi_double");
        Int32 = Export("ompi_mpi_int");
        Byte = Export("ompi_mpi_byte");
        Sum = Export("ompi_mpi_op_sum");
        Max = Export("ompi_mpi_op_max");
        Min = Export("ompi_mpi_op_min");
        ErrorsReturn = Export("ompi_mpi_errors_return");
        _initThread = (delegate* unmanaged<int*, byte***, int, int*, int>)Export("MPI_Init_thread");
        _initialized = (delegate* unmanaged<int*, int>)Export("MPI_Initialized");
        _finalized = (delegate* unmanaged<int*, int>)Export("MPI_Finalized");
        _finalize = (delegate* unmanaged<int>)Export("MPI_Finalize");
        _commRank = (delegate* unmanaged<nint, int*, int>)Export("MPI_Comm_rank");
        _commSize = (delegate* unmanaged<nint, int*, int>)Export("MPI_Comm_size");
        _setErrhandler = (delegate* unmanaged<nint, nint, int>)Export("MPI_Comm_set_errhandler");
        _allreduce = (delegate* unmanaged<void*, void*, int, nint, nint, nint, int>)Export("MPI_Allreduce");
        _bcast = (delegate* unmanaged<void*, int, nint, int, nint, int>)Export("MPI_Bcast");
        _allgather = (delegate* unmanaged<void*, int, nint, void*, int, nint, nint, int>)Export("MPI_Allgather");
        _barrier = (delegate* unmanaged<nint, int>)Export("MPI_Barrier");
        _abort = (delegate* unmanaged<nint, int, int>)Export("MPI_Abort");
        _errorString = (delegate* unmanaged<int, byte*, int*, int>)Export("MPI_Error_string");
    }

    public override string Name { get; }
    public override nint CommWorld { get; }
    public override nint InPlace => 1;
    public override nint Float { get; }
    public override nint Double { get; }
    public override nint Int32 { get; }
    public override nint Byte { get; }
    public override nint Sum { get; }
    public override nint Max { get; }
    public override nint Min { get; }
    public override nint ErrorsReturn { get; }

    protected override int InitThread(int required, int* provided) => _initThread(null, null, required, provided);

    protected override int Initialized(int* flag) => _initialized(flag);

    protected override int Finalized(int* flag) => _finalized(flag);

    public override int Finalize() => _finalize();

    protected override int CommRank(nint comm, int* rank) => _commRank(comm, rank);

    protected override int CommSize(nint comm, int* size) => _commSize(comm, size);

    public override int CommSetErrhandler(nint comm, nint handler) => _setErrhandler(comm, handler);

    public override int Allreduce(void* send, void* receive, int count, nint datatype, nint op, nint comm) =>
        _allreduce(send, receive, count, datatype, op, comm);

    public override int Bcast(void* buffer, int count, nint datatype, int root, nint comm) => _bcast(buffer, count, datatype, root, comm);

    public override int Allgather(void* send, int sendCount, nint sendType, void* receive, int receiveCount, nint receiveType, nint comm) =>
        _allgather(send, sendCount, sendType, receive, receiveCount, receiveType, comm);

    public override int Barrier(nint comm) => _barrier(comm);

    public override int Abort(nint comm, int code) => _abort(comm, code);

    public override string ErrorString(int code) => MpiText.ErrorString(_errorString, code);
}
