using Strata.Keras.Metrics;

namespace Strata.Keras.Distribute;

/// <summary>
/// Reads metrics as of the whole global batch: the replicas' additive states (<see cref="Metric.ReplicaStateSize"/>) are
/// summed in one collective, the results read from the sums, and each metric's own state put back, so that the next
/// batch adds to this replica's counts only.
/// </summary>
internal static class MetricReduction
{
    /// <summary>An error before training starts for a metric whose state does not add up across replicas.</summary>
    public static void Check(DistributionStrategy strategy, IEnumerable<Metric> metrics, string op)
    {
        foreach (var m in metrics)
            if (m.ReplicaStateSize < 0)
                throw new InvalidArgumentError(
                    $"{op}: metric '{m.Name}' ({m.GetType().Name}) cannot be combined across the {strategy.NumReplicasInSync} replicas of " +
                    $"{strategy.GetType().Name}: it does not expose an additive state (override Metric.ReplicaStateSize, WriteReplicaState and ReadReplicaState).");
    }

    /// <summary>Runs <paramref name="read"/> while every metric holds the sum of all replicas' states.</summary>
    public static void WithGlobalState(DistributionStrategy strategy, IReadOnlyList<Metric> metrics, Action read)
    {
        int total = 0;
        foreach (var m in metrics) total += Math.Max(m.ReplicaStateSize, 0);
        var local = new double[total];
        int offset = 0;
        foreach (var m in metrics)
        {
            int size = Math.Max(m.ReplicaStateSize, 0);
            m.WriteReplicaState(local.AsSpan(offset, size));
            offset += size;
        }
        var global = (double[])local.Clone();
        strategy.AllReduceSum(global);
        Load(metrics, global);
        try
        {
            read();
        }
        finally
        {
            Load(metrics, local);
        }
    }

    private static void Load(IReadOnlyList<Metric> metrics, double[] state)
    {
        int offset = 0;
        foreach (var m in metrics)
        {
            int size = Math.Max(m.ReplicaStateSize, 0);
            m.ReadReplicaState(state.AsSpan(offset, size));
            offset += size;
        }
    }
}
