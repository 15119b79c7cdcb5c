using Strata.Keras.Distribute;

namespace Strata.Distributed;

/// <summary>
/// tf.distribute.MirroredStrategy for one process: TensorFlow mirrors a model over the GPUs of one machine; on Strata's
/// CPU engine one process is one replica (its kernels already use every core), so this strategy trains exactly as no
/// strategy does. It lets code written for a strategy scope run unchanged in one process.
/// </summary>
public sealed class MirroredStrategy : DistributionStrategy
{
    /// <inheritdoc/>
    public override int NumReplicasInSync => 1;

    /// <inheritdoc/>
    public override int ReplicaId => 0;

    /// <inheritdoc/>
    protected override void AllReduceSum(Span<float> values)
    {
    }

    /// <inheritdoc/>
    protected override void AllReduceSum(Span<double> values)
    {
    }

    /// <inheritdoc/>
    protected override void AllReduceSum(ReadOnlySpan<float> send, Span<float> receive) => send.CopyTo(receive);

    /// <inheritdoc/>
    protected override void Broadcast(Span<byte> bytes, int root)
    {
    }
}
