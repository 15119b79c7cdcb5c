using System.Numerics.Tensors;

namespace Strata.Keras.Distribute;

/// <summary>
/// The all-reduce of a step's gradients: Σ over replicas of weight · gradient, per tensor, as new tensors (the user's
/// are never written). A large float32 tensor (<see cref="OwnCollectiveElements"/> or more) is reduced straight from its
/// buffer into its result — when every replica has the same weight the sum is scaled afterwards, in cache, so the
/// gradient is read once; otherwise its scaled copy is summed in place. Smaller tensors (biases, norms) are packed into
/// fused buckets of up to <see cref="BucketElements"/>, so a step makes a few collectives, not one per variable.
/// Float32 buffers come from <see cref="Kernels.BufferPool"/>: the optimizer gives the results back once it has applied
/// them, so a step allocates no gradient-sized arrays.
/// </summary>
internal static class GradientReduction
{
    /// <summary>4 MiB of float32 per fused bucket (Horovod's and DDP's buckets are of this order).</summary>
    public const int BucketElements = 1 << 20;

    /// <summary>From 256 KiB a tensor is its own collective: packing it would cost a copy each way.</summary>
    public const int OwnCollectiveElements = 64 * 1024;

    /// <summary>The same call on every replica, with the same shapes; <paramref name="uniform"/>: the same
    /// <paramref name="weight"/> on every replica.</summary>
    public static Tensor?[] Reduce(DistributionStrategy strategy, IReadOnlyList<Tensor?> values, double weight, bool uniform, string op)
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
            if (t.Size >= OwnCollectiveElements)
            {
                result[i] = ReduceAlone(strategy, t, weight, uniform);
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

    private static Tensor ReduceAlone(DistributionStrategy strategy, Tensor t, double weight, bool uniform)
    {
        var src = t.Data<float>().AsSpan(0, t.Size);
        var sum = Kernels.BufferPool.RentFloat(t.Size);
        if (uniform)
        {
            strategy.AllReduceSum(src, sum);
            if (weight != 1) TensorPrimitives.Multiply(sum, (float)weight, sum);
        }
        else
        {
            TensorPrimitives.Multiply(src, (float)weight, sum);
            strategy.AllReduceSum(sum.AsSpan());
        }
        return Tensor.FromBuffer(sum, t.Shape, DType.Float32);
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
