using Strata.Distributed;
using Strata.Keras.Distribute;

namespace Strata;

/// <summary>TensorFlow's <c>tf.distribute</c>: the strategies and the one in scope.</summary>
public sealed class DistributeModule
{
    internal static readonly DistributeModule Instance = new();

    private DistributeModule()
    {
    }

    /// <summary>Data parallelism over the processes of an MPI job (<c>mpirun -np N</c>).</summary>
    public MultiWorkerMirroredStrategy MultiWorkerMirroredStrategy() => new();

    /// <summary>One process, one replica: the same as no strategy.</summary>
    public MirroredStrategy MirroredStrategy() => new();

    /// <summary>The strategy whose scope the caller is in, or null (tf.distribute.get_strategy()).</summary>
    public DistributionStrategy? GetStrategy() => DistributionStrategy.Current;

    /// <summary>True inside a strategy's scope (tf.distribute.has_strategy()).</summary>
    public bool HasStrategy() => DistributionStrategy.Current is not null;
}

/// <summary>Adds <c>tf.distribute</c> to the <c>tf</c> class (it lives in this assembly: the core knows nothing of MPI).</summary>
public static class DistributeDoor
{
    extension(tf)
    {
        /// <summary>tf.distribute: MultiWorkerMirroredStrategy, MirroredStrategy, GetStrategy.</summary>
        public static DistributeModule distribute => DistributeModule.Instance;
    }
}
