using Strata.Distributed.Mpi;

using Strata.Keras.Distribute;

namespace Strata.Distributed;

/// <summary>
/// tf.distribute.MultiWorkerMirroredStrategy on MPI: one replica per process of <c>mpirun -np N</c>, the model mirrored
/// on every one, gradients averaged by all-reduce each step (see <see cref="DistributionStrategy"/> for what Fit does
/// with it). Started without mpirun it is a world of one. A step that throws on one rank aborts the whole job with an
/// error naming that rank (the others would otherwise wait for it forever); mpirun reports a rank that was killed.
/// </summary>
public sealed class MultiWorkerMirroredStrategy : DistributionStrategy
{
    private readonly Communicator _world;

    /// <summary>Joins the MPI job (loading the MPI library and initializing it on first use).</summary>
    public MultiWorkerMirroredStrategy() : this(Communicator.World)
    {
    }

    internal MultiWorkerMirroredStrategy(Communicator world) => _world = world;

    /// <summary>The MPI world the replicas are the ranks of.</summary>
    public Communicator Communicator => _world;

    public override int NumReplicasInSync => _world.Size;

    public override int ReplicaId => _world.Rank;

    protected override void AllReduceSum(Span<float> values)
    {
        // Gradient buckets between ranks of one machine go through shared memory (MPI's own all-reduce of a 400 KB
        // bucket took about as long as the MLP's step on this 2-core machine); small ones, and other machines, through MPI.
        // Every rank makes the same calls in the same order, so they all set the segment up at the same call.
        if (values.Length >= SharedMemoryMinElements && _world.Size > 1)
        {
            _sharedMemory ??= new Lazy<SharedMemoryAllReduce?>(() => SharedMemoryAllReduce.TryCreate(_world));
            if (_sharedMemory.Value is { } local)
            {
                local.Sum(values);
                return;
            }
        }
        _world.AllReduce(values);
    }

    private const int SharedMemoryMinElements = 16 * 1024;
    private Lazy<SharedMemoryAllReduce?>? _sharedMemory;

    protected override void AllReduceSum(Span<double> values) => _world.AllReduce(values);

    protected override void Broadcast(Span<byte> bytes, int root) => _world.Broadcast(bytes, root);

    protected override void OnStepFailed(Exception error) =>
        _world.Abort(1, $"a training step threw {error.GetType().Name}: {error.Message}");

    public override string ToString() => $"MultiWorkerMirroredStrategy(rank {ReplicaId} of {NumReplicasInSync}, {_world.Library})";
}
