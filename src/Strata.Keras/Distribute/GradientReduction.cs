using System.Numerics.Tensors;

namespace Strata.Keras.Distribute;

/// <summary>
/// The all-reduce of a step's gradients. Each replica scales its gradients by its weight while copying them out (so
/// the user's tensors are never written), the copies are summed over the replicas, and the sums come back as new
/// tensors. Small tensors (biases, norms) are packed into fused buckets of up to <see cref="BucketElements"/> so that a
/// step makes a few collectives, not one per variable; a tensor as large as a bucket is its own bucket, reduced in the
/// buffer that becomes its result (no unpacking copy). Float32 buffers come from <see cref="Kernels.BufferPool"/>: the
/// optimizer gives the results back once it has applied them, so a step allocates no gradient-sized arrays.
/// </summary>
internal static class GradientReduction
{
    /// <summary>4 MiB of float32 per fused bucket (Horovod's and DDP's buckets are of this order).</summary>
    public const int BucketElements = 1 << 20;

    /// <summary>Σ over replicas of weight · values[i], per tensor; the same call on every replica, with the same shapes.</summary>
    public static Tensor?[] Reduce(DistributionStrategy strategy, IReadOnlyList<Tensor?> values, double weight, string op)
    {
        var result = new Tensor?[values.Count];
        var pending = new List<int>();
        long pendingSize = 0;
        for (int i = 0; i < values.Count; i++)
        {
            var t = values[i];
            if (t is null) continue;
            if (t.DType == DType.Float64)
            {
                var sum = new double[t.Size];
                TensorPrimitives.Multiply(t.Data<double>().AsSpan(0, t.Size), weight, sum);
                strategy.AllReduceSum(sum);
                result[i] = Tensor.FromBuffer(sum, t.Shape, DType.Float64);
                continue;
            }
            if (t.DType != DType.Float32)
                throw new InvalidArgumentError($"{op}: tensor {i} is {t.DType.Name()} (shape {t.Shape}); only float32 and float64 tensors are reduced.");
            if (t.Size >= BucketElements)
            {
                var own = Kernels.BufferPool.RentFloat(t.Size);
                TensorPrimitives.Multiply(t.Data<float>().AsSpan(0, t.Size), (float)weight, own);
                strategy.AllReduceSum(own);
                result[i] = Tensor.FromBuffer(own, t.Shape, DType.Float32);
                continue;
            }
            if (pendingSize + t.Size > BucketElements)
            {
                Flush(strategy, values, pending, pendingSize, weight, result);
                pendingSize = 0;
            }
            pending.Add(i);
            pendingSize += t.Size;
        }
        Flush(strategy, values, pending, pendingSize, weight, result);
        return result;
    }

    private static void Flush(DistributionStrategy strategy, IReadOnlyList<Tensor?> values, List<int> pending, long size, double weight, Tensor?[] result)
    {
        if (pending.Count == 0) return;
        var bucket = Kernels.BufferPool.RentFloat(checked((int)size));
        int offset = 0;
        float w = (float)weight;
        foreach (int i in pending)
        {
            var src = values[i]!.Data<float>().AsSpan(0, values[i]!.Size);
            TensorPrimitives.Multiply(src, w, bucket.AsSpan(offset, src.Length));
            offset += src.Length;
        }
        strategy.AllReduceSum(bucket.AsSpan());
        offset = 0;
        foreach (int i in pending)
        {
            var t = values[i]!;
            var buffer = Kernels.BufferPool.RentFloat(t.Size);
            bucket.AsSpan(offset, t.Size).CopyTo(buffer);
            result[i] = Tensor.FromBuffer(buffer, t.Shape, DType.Float32);
            offset += t.Size;
        }
        pending.Clear();
        Kernels.BufferPool.Return([Tensor.FromBuffer(bucket, Shape.Wrap([bucket.Length]), DType.Float32)]);
    }
}
