#pragma warning disable CS8981
namespace Strata;

// Clipping by L2 norm (tf.clip_by_norm, tf.clip_by_global_norm, tf.linalg.global_norm), composed of Strata ops the
// way TensorFlow composes them, so that the gradients (and their special cases at a zero norm) match its own.
public static partial class tf
{
    /// <summary>
    /// tf.clip_by_norm: t * clipNorm / max(‖t‖₂, clipNorm), the norm taken over <paramref name="axes"/> (all when
    /// null). A zero tensor stays zero (its norm is taken without the square root's infinite slope at 0).
    /// </summary>
    public static Tensor ClipByNorm(Tensor t, Tensor clipNorm, int[]? axes = null)
    {
        RequireFloat(t, "ClipByNorm");
        NotNull(clipNorm, "ClipByNorm", "clipNorm");
        NormalizeAxes(t, axes, "ClipByNorm");
        if (clipNorm.Rank != 0)
            throw new InvalidArgumentError($"ClipByNorm: clipNorm must be a scalar, got shape {clipNorm.Shape}.");
        var l2sum = ReduceSum(Multiply(t, t), axes, keepDims: true);
        var positive = Greater(l2sum, ZerosLike(l2sum));
        // sqrt only where the sum is positive, so that the gradient at a zero tensor is not NaN (TF's where trick).
        var l2norm = Where(positive, Sqrt(Where(positive, l2sum, OnesLike(l2sum))), l2sum);
        Tensor scaled;
        try { scaled = Multiply(t, clipNorm); }
        catch (InvalidArgumentError e) { throw new InvalidArgumentError($"ClipByNorm: {e.Message}"); }
        return Divide(scaled, Maximum(l2norm, InDType(clipNorm, t.DType, "ClipByNorm")));
    }

    /// <summary>tf.clip_by_norm with a C# number as the clip norm, which takes <paramref name="t"/>'s dtype exactly; see
    /// <see cref="ClipByNorm(Tensor, Tensor, int[])"/>.</summary>
    public static Tensor ClipByNorm(Tensor t, double clipNorm, int[]? axes = null) => ClipByNorm(t, (Tensor)clipNorm, axes);

    /// <summary>tf.linalg.global_norm: sqrt of the sum of the squares of every element of every tensor (null entries skipped).</summary>
    public static Tensor GlobalNorm(IReadOnlyList<Tensor?> tensors)
    {
        Guard.NotNull(tensors, "GlobalNorm", "tensors");
        Tensor? sum = null;
        foreach (var t in tensors)
        {
            if (t is null) continue;
            RequireFloat(t, "GlobalNorm");
            if (sum is not null && sum.DType != t.DType)
                throw new InvalidArgumentError($"GlobalNorm: all tensors must have one dtype, got {sum.DType.Name()} and {t.DType.Name()}.");
            var l2 = ReduceSum(Multiply(t, t));
            sum = sum is null ? l2 : Add(sum, l2);
        }
        if (sum is null) throw new InvalidArgumentError("GlobalNorm: needs at least one tensor that is not null.");
        return Sqrt(sum);
    }

    /// <summary>
    /// tf.clip_by_global_norm: every tensor times clipNorm / max(globalNorm, clipNorm), and the global norm
    /// (<paramref name="useNorm"/> when given). When the norm is inf or NaN, every value is NaN, as in TensorFlow.
    /// Null entries stay null.
    /// </summary>
    public static (Tensor?[] Clipped, Tensor GlobalNorm) ClipByGlobalNorm(IReadOnlyList<Tensor?> tList, Tensor clipNorm, Tensor? useNorm = null)
    {
        Guard.NotNull(tList, "ClipByGlobalNorm", "tList");
        NotNull(clipNorm, "ClipByGlobalNorm", "clipNorm");
        if (clipNorm.Rank != 0)
            throw new InvalidArgumentError($"ClipByGlobalNorm: clipNorm must be a scalar, got shape {clipNorm.Shape}.");
        var norm = useNorm ?? GlobalNorm(tList);
        var c = InDType(clipNorm, norm.DType, "ClipByGlobalNorm");
        // clip * min(1 / norm, 1 / clip), plus (norm - norm): NaN when the norm is not finite.
        var scale = Add(Multiply(c, Minimum(Divide(OnesLike(norm), norm), Divide(OnesLike(c), c))), Subtract(norm, norm));
        var clipped = new Tensor?[tList.Count];
        for (int i = 0; i < clipped.Length; i++)
            if (tList[i] is { } t) clipped[i] = Multiply(t, Cast(scale, t.DType));
        return (clipped, norm);
    }

    /// <summary>tf.clip_by_global_norm with a C# number as the clip norm, which takes the norm's dtype exactly; see
    /// <see cref="ClipByGlobalNorm(IReadOnlyList{Tensor}, Tensor, Tensor)"/>.</summary>
    public static (Tensor?[] Clipped, Tensor GlobalNorm) ClipByGlobalNorm(IReadOnlyList<Tensor?> tList, double clipNorm, Tensor? useNorm = null)
        => ClipByGlobalNorm(tList, (Tensor)clipNorm, useNorm);

    /// <summary>A clip value in the dtype of the norms: a C# literal converted from its exact value (0.1 stays 0.1 in
    /// float64), a tensor cast.</summary>
    private static Tensor InDType(Tensor value, DType dtype, string op) =>
        value.IsWeak ? ConvertWeak(op, value, dtype) : Cast(value, dtype);
}
