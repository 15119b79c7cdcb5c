using System.Runtime.InteropServices;

namespace Strata.Distributed.Mpi;

/// <summary>MPICH's ABI (libmpich.so.12, also Intel MPI's): handles are 32-bit integer constants from mpi.h
/// (MPI_COMM_WORLD 0x44000000, MPI_FLOAT 0x4c00040a, MPI_SUM 0x58000003, …) and MPI_IN_PLACE is (void*)-1.</summary>
internal sealed unsafe class MpichAbi : MpiAbi
{
    private readonly delegate* unmanaged<int*, byte***, int, int*, int> _initThread;
    private readonly delegate* unmanaged<int*, int> _initialized, _finalized;
    private readonly delegate* unmanaged<int> _finalize;
    private readonly delegate* unmanaged<int, int*, int> _commRank, _commSize;
    private readonly delegate* unmanaged<int, int, int> _setErrhandler;
    private readonly delegate* unmanaged<void*, void*, int, int, int, int, int> _allreduce;
    private readonly delegate* unmanaged<void*, int, int, int, int, int> _bcast;
    private readonly delegate* unmanaged<void*, int, int, void*, int, int, int, int> _allgather;
    private readonly delegate* unmanaged<int, int> _barrier;
    private readonly delegate* unmanaged<int, int, int> _abort;
    private readonly delegate* unmanaged<int, byte*, int*, int> _errorString;

    public MpichAbi(nint library, string path)
    {
        Name = $"MPICH ({path})";
        nint Export(string name) => NativeLibrary.GetExport(library, name);
        _initThread = (delegate* unmanaged<int*, byte***, int, int*, int>)Export("MPI_Init_thread");
        _initialized = (delegate* unmanaged<int*, int>)Export("MPI_Initialized");
        _finalized = (delegate* unmanaged<int*, int>)Export("MPI_Finalized");
        _finalize = (delegate* unmanaged<int>)Export("MPI_Finalize");
        _commRank = (delegate* unmanaged<int, int*, int>)Export("MPI_Comm_rank");
        _commSize = (delegate* unmanaged<int, int*, int>)Export("MPI_Comm_size");
        _setErrhandler = (delegate* unmanaged<int, int, int>)Export("MPI_Comm_set_errhandler");
        _allreduce = (delegate* unmanaged<void*, void*, int, int, int, int, int>)Export("MPI_Allreduce");
        _bcast = (delegate* unmanaged<void*, int, int, int, int, int>)Export("MPI_Bcast");
        _allgather = (delegate* unmanaged<void*, int, int, void*, int, int, int, int>)Export("MPI_Allgather");
        _barrier = (delegate* unmanaged<int, int>)Export("MPI_Barrier");
        _abort = (delegate* unmanaged<int, int, int>)Export("MPI_Abort");
        _errorString = (delegate* unmanaged<int, byte*, int*, int>)Export("MPI_Error_string");
    }

    public override string Name { get; }
    public override nint CommWorld => 0x44000000;
    public override nint InPlace => -1;
    public override nint Float => 0x4c00040a;
    public override nint Double => 0x4c00080b;
    public override nint Int32 => 0x4c000405;
    public override nint Byte => 0x4c00010d;
    public override nint Sum => 0x58000003;
    public override nint Max => 0x58000001;
    public override nint Min => 0x58000002;
    public override nint ErrorsReturn => 0x54000001;

    // The handles are ints in MPICH: narrowed here, where the signature says so.
    private static int H(nint handle) => (int)handle;

    protected override int InitThread(int required, int* provided) => _initThread(null, null, required, provided);

    protected override int Initialized(int* flag) => _initialized(flag);

    protected override int Finalized(int* flag) => _finalized(flag);

    public override int Finalize() => _finalize();

    protected override int CommRank(nint comm, int* rank) => _commRank(H(comm), rank);

    protected override int CommSize(nint comm, int* size) => _commSize(H(comm), size);

    public override int CommSetErrhandler(nint comm, nint handler) => _setErrhandler(H(comm), H(handler));

    public override int Allreduce(void* send, void* receive, int count, nint datatype, nint op, nint comm) =>
        _allreduce(send, receive, count, H(datatype), H(op), H(comm));

    public override int Bcast(void* buffer, int count, nint datatype, int root, nint comm) => _bcast(buffer, count, H(datatype), root, H(comm));

    public override int Allgather(void* send, int sendCount, nint sendType, void* receive, int receiveCount, nint receiveType, nint comm) =>
        _allgather(send, sendCount, H(sendType), receive, receiveCount, H(receiveType), H(comm));

    public override int Barrier(nint comm) => _barrier(H(comm));

    public override int Abort(nint comm, int code) => _abort(H(comm), code);

    public override string ErrorString(int code) => MpiText.ErrorString(_errorString, code);
}
