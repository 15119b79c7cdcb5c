using Strata.Keras.Distribute;

namespace Strata.Distributed;

/// <summary>
/// tf.distribute.MirroredStrategy for one process: TensorFlow mirrors a model over the GPUs of one machine; on Strata's
/// CPU engine one process is one replica (its kernels already use every core), so this strategy trains exactly as no
/// strategy does. It lets code written for a strategy scope run unchanged in one process.
/// </summary>
public sealed class MirroredStrategy : DistributionStrategy
{
    public override int NumReplicasInSync => 1;

    public override int ReplicaId => 0;

    protected override void AllReduceSum(Span<float> values)
    {
    }

    protected override void AllReduceSum(Span<double> values)
    {
    }

    protected override void AllReduceSum(ReadOnlySpan<float> send, Span<float> receive) => send.CopyTo(receive);

    protected override void Broadcast(Span<byte> bytes, int root)
    {
    }
}
