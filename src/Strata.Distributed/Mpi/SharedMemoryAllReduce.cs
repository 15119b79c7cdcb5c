using System.IO.MemoryMappedFiles;
using System.Text;

namespace Strata.Distributed.Mpi;

/// <summary>
/// A float32 all-reduce for ranks that share one machine, through a shared-memory segment instead of MPI's messages:
/// each rank copies its values into its own slot, publishes a step number, waits for every rank's, and adds all slots
/// (in rank order, so every rank computes bit-identical sums) into its buffer. Two generations of slots alternate, so a
/// rank waits only for the others to have finished reading the generation before last. MPI still sets it up (the
/// segment's name is broadcast), and still ends the job when a rank fails: a rank spinning here is stopped by the
/// launcher with the rest. One rank's values are 1 MiB elements at most per round; longer buffers go in rounds.
/// </summary>
internal sealed unsafe class SharedMemoryAllReduce : IDisposable
{
    /// <summary>Elements per rank per round: 4 MiB slots.</summary>
    public const int SlotElements = 1 << 20;

    // Header: for each rank a "published" and a "consumed" step counter, each on its own cache line.
    private const int Line = 128, HeaderBytes = 64 * 1024;
    private const int MaxRanks = HeaderBytes / (2 * Line);

    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _base;
    private readonly int _rank, _size;
    private long _step;

    private SharedMemoryAllReduce(MemoryMappedFile file, int rank, int size)
    {
        _file = file;
        _view = file.CreateViewAccessor();
        byte* p = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
        _base = p + _view.PointerOffset;
        _rank = rank;
        _size = size;
    }

    /// <summary>Sets up the segment collectively, or returns null on every rank when the ranks are not all on one
    /// machine, are too many, or <c>STRATA_MPI_SHARED_MEMORY=0</c> asks for MPI's own all-reduce.</summary>
    public static SharedMemoryAllReduce? TryCreate(Communicator world)
    {
        if (world.Size < 2 || world.Size > MaxRanks) return null;
        bool wanted = Environment.GetEnvironmentVariable("STRATA_MPI_SHARED_MEMORY") != "0";
        long host = wanted ? StableHash(Environment.MachineName + "/" + BootId()) : -1;
        var hosts = world.AllGather(host);
        if (hosts.Any(h => h == -1 || h != hosts[0])) return null;

        long bytes = HeaderBytes + 2L * world.Size * SlotElements * sizeof(float);
        var name = new byte[256];
        string? path = null;
        if (world.Rank == 0)
        {
            string dir = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
            path = Path.Combine(dir, $"strata-allreduce-{Environment.ProcessId}-{Guid.NewGuid():N}");
            using (var f = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite)) f.SetLength(bytes);
            Encoding.UTF8.GetBytes(path, name);
        }
        world.Broadcast(name.AsSpan());
        path ??= Encoding.UTF8.GetString(name).TrimEnd('\0');
        MemoryMappedFile? file = null;
        try
        {
            file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, bytes, MemoryMappedFileAccess.ReadWrite);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Same kernel but another /dev/shm (separate containers): every rank falls back to MPI below.
        }
        var mapped = world.AllGather(file is null ? 0 : 1); // every rank has it mapped, or none uses it
        if (world.Rank == 0) File.Delete(path);            // the name goes, the mapping stays until the last rank exits
        if (mapped.Contains(0))
        {
            file?.Dispose();
            return null;
        }
        return new SharedMemoryAllReduce(file!, world.Rank, world.Size);
    }

    /// <summary>Sums <paramref name="data"/> over the ranks, in place.</summary>
    public void Sum(Span<float> data)
    {
        for (int offset = 0; offset < data.Length; offset += SlotElements)
            SumRound(data.Slice(offset, Math.Min(SlotElements, data.Length - offset)));
    }

    private void SumRound(Span<float> data)
    {
        long step = ++_step;
        int generation = (int)(step & 1);
        for (int r = 0; r < _size; r++) WaitFor(Consumed(r), step - 2); // the slots of this generation are free again
        data.CopyTo(Slot(generation, _rank, data.Length));
        Volatile.Write(ref *Published(_rank), step);
        for (int r = 0; r < _size; r++) WaitFor(Published(r), step);
        Slot(generation, 0, data.Length).CopyTo(data);
        for (int r = 1; r < _size; r++) System.Numerics.Tensors.TensorPrimitives.Add(data, Slot(generation, r, data.Length), data);
        Volatile.Write(ref *Consumed(_rank), step);
    }

    private long* Published(int rank) => (long*)(_base + rank * Line);

    private long* Consumed(int rank) => (long*)(_base + (MaxRanks + rank) * Line);

    private Span<float> Slot(int generation, int rank, int length) =>
        new(_base + HeaderBytes + ((long)generation * _size + rank) * SlotElements * sizeof(float), length);

    /// <summary>Spins while the wait is short (a step's other half is microseconds away), then yields, then sleeps: a
    /// rank may wait seconds for one that writes a checkpoint.</summary>
    private static void WaitFor(long* counter, long atLeast)
    {
        for (long spins = 0; Volatile.Read(ref *counter) < atLeast; spins++)
        {
            if (spins < 20_000) Thread.SpinWait(8);
            else if (spins < 40_000) Thread.Yield();
            else Thread.Sleep(1);
        }
    }

    /// <summary>Linux's boot id (containers on one kernel share it), to tell machines with the same name apart.</summary>
    private static string BootId()
    {
        try
        {
            return File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>FNV-1a, non-negative: the same in every process (string.GetHashCode is randomized per process).</summary>
    private static long StableHash(string text)
    {
        ulong h = 14695981039346656037;
        foreach (char c in text) h = (h ^ c) * 1099511628211;
        return (long)(h >> 1);
    }

    public void Dispose()
    {
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }
}
