using System.Runtime.InteropServices;

namespace Strata.Distributed.Mpi;

/// <summary>The reductions an all-reduce can apply.</summary>
public enum MpiOp
{
    /// <summary>MPI_SUM: the element-wise sum over the ranks.</summary>
    Sum,
    /// <summary>MPI_MAX: the element-wise maximum over the ranks.</summary>
    Max,
    /// <summary>MPI_MIN: the element-wise minimum over the ranks.</summary>
    Min,
}

/// <summary>
/// MPI_COMM_WORLD: every process <c>mpirun</c> started. <see cref="World"/> loads the library and calls
/// MPI_Init_thread on first use (a process started without mpirun is a world of one); MPI_Finalize runs when the
/// process exits. Errors come back as <see cref="MpiException"/> (the communicator's handler is MPI_ERRORS_RETURN), and an
/// exception nobody catches aborts every rank with a message naming this one, so that the others never wait forever
/// in a collective for a rank that is gone. Calls are serialized by a lock (MPI_THREAD_SERIALIZED): any thread may make them.
/// </summary>
public sealed unsafe class Communicator
{
    private static readonly Lazy<Communicator> TheWorld = new(() => new Communicator(MpiLibrary.Load()), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly MpiAbi _mpi;
    private readonly nint _comm;
    private readonly Lock _gate = new();
    private int _finalized;

    private Communicator(MpiAbi mpi)
    {
        _mpi = mpi;
        _comm = mpi.CommWorld;
        Check(mpi.Initialized(out bool already), "MPI_Initialized");
        if (!already)
        {
            if (mpi is OpenMpiAbi) OpenMpiDefaults.Apply();
            Check(mpi.InitThread(MpiAbi.ThreadSerialized, out int provided), "MPI_Init_thread");
            if (provided < MpiAbi.ThreadSerialized)
                throw new MpiException($"Strata.Distributed: {mpi.Name} provides thread level {provided}; MPI_THREAD_SERIALIZED (2) is needed.", -1);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => FinalizeMpi();
        }
        Check(mpi.CommSetErrhandler(_comm, mpi.ErrorsReturn), "MPI_Comm_set_errhandler");
        Check(mpi.CommRank(_comm, out int rank), "MPI_Comm_rank");
        Check(mpi.CommSize(_comm, out int size), "MPI_Comm_size");
        Rank = rank;
        Size = size;
        AppDomain.CurrentDomain.UnhandledException += (_, e) => Abort(1, $"unhandled exception: {e.ExceptionObject}");
    }

    /// <summary>All processes of the job. The first use loads MPI and initializes it.</summary>
    public static Communicator World => TheWorld.Value;

    /// <summary>This process's rank, 0 to <see cref="Size"/> - 1.</summary>
    public int Rank { get; }

    /// <summary>The number of processes.</summary>
    public int Size { get; }

    /// <summary>The MPI implementation and the file it was loaded from, e.g. "Open MPI (libmpi.so.40)".</summary>
    public string Library => _mpi.Name;

    /// <summary>Reduces <paramref name="data"/> element-wise over all ranks, in place: every rank gets the result.</summary>
    public void AllReduce(Span<float> data, MpiOp op = MpiOp.Sum) => AllReduce(MemoryMarshal.AsBytes(data), sizeof(float), _mpi.Float, op);

    /// <summary>Reduces <paramref name="send"/> element-wise over all ranks into <paramref name="receive"/> (of the same
    /// length); <paramref name="send"/> is left as it is.</summary>
    public void AllReduce(ReadOnlySpan<float> send, Span<float> receive, MpiOp op = MpiOp.Sum)
    {
        if (receive.Length != send.Length)
            throw new ArgumentException($"AllReduce: send has {send.Length} elements, receive {receive.Length}.", nameof(receive));
        nint mpiOp = Op(op);
        fixed (float* s = send, r = receive)
            for (long offset = 0; offset < send.Length; offset += MaxChunk / sizeof(float))
            {
                int count = (int)Math.Min(MaxChunk / sizeof(float), send.Length - offset);
                lock (_gate) Check(_mpi.Allreduce(s + offset, r + offset, count, _mpi.Float, mpiOp, _comm), "MPI_Allreduce");
            }
    }

    /// <inheritdoc cref="AllReduce(Span{float}, MpiOp)"/>
    public void AllReduce(Span<double> data, MpiOp op = MpiOp.Sum) => AllReduce(MemoryMarshal.AsBytes(data), sizeof(double), _mpi.Double, op);

    /// <inheritdoc cref="AllReduce(Span{float}, MpiOp)"/>
    public void AllReduce(Span<int> data, MpiOp op = MpiOp.Sum) => AllReduce(MemoryMarshal.AsBytes(data), sizeof(int), _mpi.Int32, op);

    /// <summary>Copies <paramref name="data"/> from rank <paramref name="root"/> to every other rank.</summary>
    public void Broadcast<T>(Span<T> data, int root = 0) where T : unmanaged
    {
        CheckRoot(root);
        var bytes = MemoryMarshal.AsBytes(data);
        fixed (byte* p = bytes)
            for (long offset = 0; offset < bytes.Length; offset += MaxChunk)
            {
                int count = (int)Math.Min(MaxChunk, bytes.Length - offset);
                lock (_gate) Check(_mpi.Bcast(p + offset, count, _mpi.Byte, root, _comm), "MPI_Bcast");
            }
    }

    /// <summary>Every rank's <paramref name="value"/>, in rank order.</summary>
    public T[] AllGather<T>(T value) where T : unmanaged
    {
        var all = new T[Size];
        fixed (T* receive = all)
            lock (_gate) Check(_mpi.Allgather(&value, sizeof(T), _mpi.Byte, receive, sizeof(T), _mpi.Byte, _comm), "MPI_Allgather");
        return all;
    }

    /// <summary>Waits until every rank has reached this call.</summary>
    public void Barrier()
    {
        lock (_gate) Check(_mpi.Barrier(_comm), "MPI_Barrier");
    }

    /// <summary>
    /// Ends the whole job (MPI_Abort): prints "Strata.Distributed: rank r of n failed: …" on standard error and
    /// stops every rank; mpirun then exits with <paramref name="code"/>. Never returns.
    /// </summary>
    public void Abort(int code, string reason)
    {
        Console.Error.WriteLine($"Strata.Distributed: rank {Rank} of {Size} failed, aborting all ranks: {reason}");
        Console.Error.Flush();
        // The launcher forwards a rank's output through a pipe and stops reading it when the job aborts: give it a
        // moment to pass this message on (MPICH's hydra dropped it about one time in five without).
        Thread.Sleep(250);
        _mpi.Abort(_comm, code); // no lock: another thread may be inside a collective that will never finish
        Environment.Exit(code);
    }

    // Counts are C ints: larger buffers go in chunks of whole elements (a multiple of 8 bytes).
    private const int MaxChunk = 1 << 30;

    private void AllReduce(Span<byte> bytes, int elementSize, nint type, MpiOp op)
    {
        nint mpiOp = Op(op);
        fixed (byte* p = bytes)
            for (long offset = 0; offset < bytes.Length; offset += MaxChunk)
            {
                int count = (int)(Math.Min(MaxChunk, bytes.Length - offset) / elementSize);
                lock (_gate) Check(_mpi.Allreduce((void*)_mpi.InPlace, p + offset, count, type, mpiOp, _comm), "MPI_Allreduce");
            }
    }

    private nint Op(MpiOp op) => op switch
    {
        MpiOp.Sum => _mpi.Sum,
        MpiOp.Max => _mpi.Max,
        MpiOp.Min => _mpi.Min,
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    private void CheckRoot(int root)
    {
        if (root < 0 || root >= Size) throw new ArgumentOutOfRangeException(nameof(root), $"Broadcast: root {root} is not a rank of this world of {Size}.");
    }

    private void FinalizeMpi()
    {
        if (Interlocked.Exchange(ref _finalized, 1) != 0) return;
        lock (_gate)
            if (_mpi.Finalized(out bool done) == 0 && !done) _mpi.Finalize();
    }

    private void Check(int rc, string call)
    {
        if (rc != 0)
            throw new MpiException($"Strata.Distributed: {call} failed on rank {Rank} ({_mpi.Name}): {_mpi.ErrorString(rc)}", rc);
    }
}
