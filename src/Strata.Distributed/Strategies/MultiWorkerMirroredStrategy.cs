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

    /// <inheritdoc/>
    public override int NumReplicasInSync => _world.Size;

    /// <inheritdoc/>
    public override int ReplicaId => _world.Rank;

    /// <inheritdoc/>
    protected override void AllReduceSum(Span<float> values) => _world.AllReduce(values);

    /// <inheritdoc/>
    protected override void AllReduceSum(ReadOnlySpan<float> send, Span<float> receive) => _world.AllReduce(send, receive);

    /// <inheritdoc/>
    protected override void AllReduceSum(Span<double> values) => _world.AllReduce(values);

    /// <inheritdoc/>
    protected override void Broadcast(Span<byte> bytes, int root) => _world.Broadcast(bytes, root);

    /// <inheritdoc/>
    protected override void OnStepFailed(Exception error) =>
        _world.Abort(1, $"a training step threw {error.GetType().Name}: {error.Message}");

    /// <inheritdoc/>
    public override string ToString() => $"MultiWorkerMirroredStrategy(rank {ReplicaId} of {NumReplicasInSync}, {_world.Library})";
}
