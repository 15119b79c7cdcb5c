using System.Runtime.CompilerServices;

namespace Strata.Keras.Engine;

/// <summary>
/// Keras 3's <c>backend.get_keras_mask</c> / <c>set_keras_mask</c>: a boolean mask (batch, steps) riding on a tensor,
/// true at the steps that hold data. <c>Embedding(maskZero: true)</c> and <c>Masking</c> attach one to their output;
/// a layer with <see cref="Layers.Layer.SupportsMasking"/> passes it on (through
/// <see cref="Layers.Layer.ComputeMask(Tensor, Tensor?)"/>), and the layers that use masks (RNNs, attention,
/// GlobalAveragePooling1D) read it from their inputs. A layer that does not support masking drops it, as in Keras. The table holds masks weakly: a tensor's mask lives as long as the tensor.
/// </summary>
public static class KerasMasks
{
    private static readonly ConditionalWeakTable<Tensor, Tensor> Table = new();

    /// <summary>Set once any mask exists: until then a layer call never looks in the table (the eager fast path).</summary>
    internal static volatile bool Any;

    /// <summary>The mask attached to <paramref name="tensor"/>, or null.</summary>
    public static Tensor? Get(Tensor? tensor) =>
        Any && tensor is not null && Table.TryGetValue(tensor, out var m) ? m : null;

    /// <summary>Attaches <paramref name="mask"/> to <paramref name="tensor"/> (null removes it).</summary>
    public static void Set(Tensor tensor, Tensor? mask)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (mask is null)
        {
            if (Any) Table.Remove(tensor);
            return;
        }
        Any = true;
        Table.AddOrUpdate(tensor, mask);
    }
}
