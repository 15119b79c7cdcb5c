using System.Runtime.InteropServices;

namespace Strata.Keras.Distribute;

/// <summary>How <see cref="DistributionStrategy.Reduce"/> and <see cref="DistributionStrategy.AllReduce"/> combine the replicas' values
/// (tf.distribute.ReduceOp).</summary>
public enum ReduceOp
{
    /// <summary>Adds the replicas' values.</summary>
    Sum,
    /// <summary>Averages the replicas' values (their sum divided by the number of replicas).</summary>
    Mean,
}

/// <summary>
/// tf.distribute's Strategy, as Keras's training loop sees it: a set of replicas (one per process) that train one model
/// in step. Build and compile a model inside <c>using (strategy.Scope())</c>; then <c>Fit</c> starts every replica from
/// rank 0's weights, gives each replica its share of every global batch (the <c>batchSize</c> given to Fit is the
/// global batch, as in TensorFlow), averages the gradients across replicas in the optimizer's <c>ApplyGradients</c>
/// (weighted by each replica's share of the batch, so a step equals one step on the whole batch), and reduces the
/// loss and metrics so that every replica logs the same numbers; only the chief (replica 0) shows a progress bar.
/// The collectives come from a subclass (Strata.Distributed's MPI strategies); Strata.Keras itself knows no transport.
/// </summary>
public abstract class DistributionStrategy
{
    private static readonly AsyncLocal<DistributionStrategy?> Active = new();

    /// <summary>The strategy whose <see cref="Scope"/> the calling code is in (tf.distribute.get_strategy()), or null.</summary>
    public static DistributionStrategy? Current => Active.Value;

    /// <summary>The number of replicas that train together (tf's <c>num_replicas_in_sync</c>).</summary>
    public abstract int NumReplicasInSync { get; }

    /// <summary>This process's replica, 0 to <see cref="NumReplicasInSync"/> - 1 (its MPI rank).</summary>
    public abstract int ReplicaId { get; }

    /// <summary>True on replica 0, the one that shows progress and writes files (TF's chief worker).</summary>
    public bool IsChief => ReplicaId == 0;

    /// <summary>Models and optimizers created or compiled inside the scope train under this strategy
    /// (<c>with strategy.scope():</c>). Dispose it to leave the scope; scopes nest.</summary>
    public IDisposable Scope()
    {
        var outer = Active.Value;
        Active.Value = this;
        return new ScopeExit(() => Active.Value = outer);
    }

    /// <summary>Sums <paramref name="values"/> element-wise over all replicas, in place.</summary>
    protected internal abstract void AllReduceSum(Span<float> values);

    /// <inheritdoc cref="AllReduceSum(Span{float})"/>
    protected internal abstract void AllReduceSum(Span<double> values);

    /// <summary>Sums <paramref name="send"/> element-wise over all replicas into <paramref name="receive"/> (same length),
    /// leaving <paramref name="send"/> as it is. The default copies, then sums in place.</summary>
    protected internal virtual void AllReduceSum(ReadOnlySpan<float> send, Span<float> receive)
    {
        send.CopyTo(receive);
        AllReduceSum(receive);
    }

    /// <summary>Replaces <paramref name="bytes"/> on every replica with replica <paramref name="root"/>'s.</summary>
    protected internal abstract void Broadcast(Span<byte> bytes, int root);

    /// <summary>Called when a training step throws on this replica: the other replicas are (or soon will be) waiting for
    /// it in a collective, so a multi-process strategy stops them all with a message naming this replica.</summary>
    protected internal virtual void OnStepFailed(Exception error)
    {
    }

    /// <summary>tf's <c>strategy.run(fn)</c>: runs <paramref name="fn"/> on this process's replica (one replica per process).</summary>
    public T Run<T>(Func<T> fn)
    {
        Guard.NotNull(fn, "DistributionStrategy.Run", "fn");
        return fn();
    }

    /// <summary>tf's <c>strategy.reduce</c>: the sum or mean over replicas of a tensor every replica holds (same shape on each).</summary>
    public Tensor Reduce(ReduceOp op, Tensor value)
    {
        Guard.NotNull(value, "DistributionStrategy.Reduce", "value");
        return AllReduce([value], op)[0]!;
    }

    /// <summary>
    /// Sums or averages each tensor over the replicas, all of them in one fused collective (float32 and float64
    /// tensors; null entries stay null and must be null on every replica). For a custom training loop's gradients:
    /// <c>grads = strategy.AllReduce(tape.Gradient(loss, vars), ReduceOp.Mean)</c> — though an optimizer created in
    /// the scope already averages in <c>ApplyGradients</c>.
    /// </summary>
    public Tensor?[] AllReduce(IReadOnlyList<Tensor?> values, ReduceOp op = ReduceOp.Mean)
    {
        Guard.NotNull(values, "DistributionStrategy.AllReduce", "values");
        double scale = op == ReduceOp.Mean ? 1.0 / NumReplicasInSync : 1.0;
        return GradientReduction.Reduce(this, values, scale, uniform: true, "DistributionStrategy.AllReduce");
    }

    /// <summary>Gives every replica replica 0's values of <paramref name="variables"/> (Fit does this before its first step).</summary>
    public void BroadcastVariables(IEnumerable<Variable> variables)
    {
        Guard.NotNull(variables, "DistributionStrategy.BroadcastVariables", "variables");
        foreach (var v in variables)
        {
            var copy = (Array)v.Buffer.Clone();
            Broadcast(MemoryMarshal.CreateSpan(ref MemoryMarshal.GetArrayDataReference(copy), checked(v.Size * v.DType.ByteSize())), root: 0);
            v.Assign(Tensor.FromBuffer(copy, v.Shape, v.DType));
        }
    }

    /// <summary>True on every replica when <paramref name="flag"/> is true on any (Fit asks after each step whether a
    /// callback stopped training: one replica leaving the loop alone would leave the others waiting for it).</summary>
    internal bool AnyReplica(bool flag)
    {
        Span<double> value = [flag ? 1 : 0];
        AllReduceSum(value);
        return value[0] > 0;
    }

    /// <summary>This replica's rows of a global batch of <paramref name="count"/> rows: split as evenly as possible,
    /// the first <c>count % replicas</c> replicas taking one more (a replica may get none of a last, small batch).</summary>
    public (int Start, int Count) ShardOf(int count)
    {
        int replicas = NumReplicasInSync, r = ReplicaId;
        int share = count / replicas, extra = count % replicas;
        return (r * share + Math.Min(r, extra), share + (r < extra ? 1 : 0));
    }

    /// <summary>The weight of this replica's gradients in the next <c>ApplyGradients</c>: its share of the global batch
    /// (Fit sets it each step); 1 / replicas otherwise, the plain mean.</summary>
    internal double LocalGradientWeight { get; set; } = double.NaN;

    /// <summary>True when every replica's weight is the same this step (an even split of the global batch), so that a sum
    /// may be scaled after the all-reduce instead of before. Fit sets it with the weight.</summary>
    internal bool UniformGradientWeights { get; set; } = true;

    internal (double Weight, bool Uniform) TakeGradientWeight()
    {
        var taken = double.IsNaN(LocalGradientWeight) ? (1.0 / NumReplicasInSync, true) : (LocalGradientWeight, UniformGradientWeights);
        LocalGradientWeight = double.NaN;
        UniformGradientWeights = true;
        return taken;
    }

    private sealed class ScopeExit(Action exit) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) exit();
        }
    }
}
