#pragma warning disable CS8981
using Strata.Kernels;

namespace Strata;

public static partial class tf
{
    public static partial class nn
    {
        /// <inheritdoc cref="tf.ScaledDotProductAttention"/>
        public static Tensor ScaledDotProductAttention(Tensor query, Tensor key, Tensor value, Tensor? mask = null, double? scale = null,
            bool isCausal = false) => tf.ScaledDotProductAttention(query, key, value, mask, scale, isCausal);
    }

    /// <summary>
    /// Fused scaled dot-product attention (PyTorch's <c>scaled_dot_product_attention</c>, Keras's
    /// <c>ops.dot_product_attention</c> with the heads before the steps): <c>softmax(Q·Kᵀ·scale + mask)·V</c> for
    /// <paramref name="query"/> (…, Tq, D), <paramref name="key"/> (…, Tk, D) and <paramref name="value"/> (…, Tk, Dv) with one
    /// leading shape (batch, heads, …), giving (…, Tq, Dv).
    /// <paramref name="mask"/> is bool, true where a query may attend to a key, of shape (…, Tq or 1, Tk) whose leading
    /// dimensions broadcast to the query's. <paramref name="scale"/> defaults to 1/√D. <paramref name="isCausal"/> lets
    /// query i see keys 0…i only (Keras's lower-triangular causal mask); the masked half of the products is skipped.
    /// A query whose keys are all masked gives zeros. The backward pass keeps only the output and one log-sum-exp
    /// per query row (no (Tq, Tk) buffer) and recomputes the rest; under a recording tape the gradient is built from
    /// differentiable ops, so second derivatives work.
    /// </summary>
    public static Tensor ScaledDotProductAttention(Tensor query, Tensor key, Tensor value, Tensor? mask = null, double? scale = null,
        bool isCausal = false)
    {
        const string op = "ScaledDotProductAttention";
        NotNull(query, op, "query");
        NotNull(key, op, "key");
        NotNull(value, op, "value");
        RequireFloat(query, op);
        if (key.DType != query.DType || value.DType != query.DType)
            throw new InvalidArgumentError(
                $"{op}: query, key and value must have one dtype, got {query.DType.Name()}, {key.DType.Name()} and {value.DType.Name()}.");
        if (query.Rank < 2 || key.Rank != query.Rank || value.Rank != query.Rank)
            throw new InvalidArgumentError(
                $"{op}: query, key and value must have one rank >= 2 (…, steps, features), got query {query.Shape}, key {key.Shape}, value {value.Shape}.");
        var lead = query.Shape.Dims[..^2];
        if (!key.Shape.Dims[..^2].SequenceEqual(lead) || !value.Shape.Dims[..^2].SequenceEqual(lead))
            throw new InvalidArgumentError(
                $"{op}: query, key and value must have the same leading dimensions, got query {query.Shape}, key {key.Shape}, value {value.Shape}.");
        int tq = query.Shape[-2], d = query.Shape[-1], tk = key.Shape[-2], dv = value.Shape[-1];
        if (key.Shape[-1] != d)
            throw new InvalidArgumentError($"{op}: query and key must have the same last dimension, got query {query.Shape} and key {key.Shape}.");
        if (value.Shape[-2] != tk)
            throw new InvalidArgumentError($"{op}: key and value must have the same number of steps, got key {key.Shape} and value {value.Shape}.");
        int heads = 1;
        foreach (var n in lead) heads = checked(heads * n);
        var maskPlan = mask is null ? null : PlanMask(mask, query.Shape, tq, tk, op);
        double s = scale ?? 1.0 / Math.Sqrt(d);
        var g = new AttentionKernels.Geometry(heads, tq, tk, d, dv, isCausal);
        var outShape = Shape.Wrap([.. lead, tq, dv]);
        var o = Tensor.Empty(query.DType, outShape, op);
        Tensor lse;
        if (query.DType == DType.Float32)
        {
            var l = new float[(long)heads * tq];
            AttentionKernels.Forward(g, query.Data<float>(), key.Data<float>(), value.Data<float>(), maskPlan, (float)s, o.Data<float>(), l);
            lse = Tensor.FromBuffer(l, Shape.Wrap([heads, tq]), DType.Float32);
        }
        else
        {
            var l = new double[(long)heads * tq];
            AttentionKernels.Forward(g, query.Data<double>(), key.Data<double>(), value.Data<double>(), maskPlan, s, o.Data<double>(), l);
            lse = Tensor.FromBuffer(l, Shape.Wrap([heads, tq]), DType.Float64);
        }
        if (GradientTape.IsRecording)
            Record(op, o, [query, key, value], (dy, i, y) => GradientTape.IsRecording
                ? AttentionGradComposite(dy, i[0], i[1], i[2], mask, s, isCausal)
                : AttentionGradFused(g, dy, i[0], i[1], i[2], maskPlan, s, y, lse));
        return o;
    }

    private static Tensor?[] AttentionGradFused(AttentionKernels.Geometry g, Tensor dy, Tensor q, Tensor k, Tensor v,
        AttentionKernels.Mask? mask, double s, Tensor o, Tensor lse)
    {
        if (dy.DType != q.DType) dy = Cast(dy, q.DType);
        var dq = Tensor.Empty(q.DType, q.Shape);
        var dk = Tensor.Empty(k.DType, k.Shape);
        var dvT = Tensor.Empty(v.DType, v.Shape);
        if (q.DType == DType.Float32)
            AttentionKernels.Backward(g, q.Data<float>(), k.Data<float>(), v.Data<float>(), mask, (float)s, o.Data<float>(), lse.Data<float>(),
                dy.Data<float>(), dq.Data<float>(), dk.Data<float>(), dvT.Data<float>());
        else
            AttentionKernels.Backward(g, q.Data<double>(), k.Data<double>(), v.Data<double>(), mask, s, o.Data<double>(), lse.Data<double>(),
                dy.Data<double>(), dq.Data<double>(), dk.Data<double>(), dvT.Data<double>());
        return [dq, dk, dvT];
    }

    /// <summary>The same gradient from differentiable ops (for nested tapes): P = softmax(S) with masked scores
    /// removed, dS = P∘(dP − rowsum(dP∘P))·scale.</summary>
    private static Tensor?[] AttentionGradComposite(Tensor dy, Tensor q, Tensor k, Tensor v, Tensor? mask, double s, bool causal)
    {
        int tq = q.Shape[-2], tk = k.Shape[-2];
        Tensor? allowed = mask;
        if (causal)
        {
            var tri = new bool[tq * tk];
            for (int i = 0; i < tq; i++)
                for (int j = 0; j <= Math.Min(i, tk - 1); j++) tri[i * tk + j] = true;
            var c = Tensor.FromBuffer(tri, Shape.Wrap([tq, tk]), DType.Bool);
            allowed = allowed is null ? c : LogicalAnd(allowed, c);
        }
        var scores = Multiply(MatMul(q, k, transposeB: true), s);
        Tensor p;
        if (allowed is null) p = Softmax(scores);
        else
        {
            var low = Tensor.Scalar(-1e30, q.DType);
            p = Multiply(Softmax(Where(allowed, scores, low)), Cast(allowed, q.DType));
        }
        var dp = MatMul(dy, v, transposeB: true);
        var ds = Multiply(Multiply(p, Subtract(dp, ReduceSum(Multiply(dp, p), [-1], keepDims: true))), s);
        return [MatMul(ds, k), MatMul(ds, q, transposeA: true), MatMul(p, dy, transposeA: true)];
    }

    /// <summary>Checks a mask against the query's leading shape and gives each head's offset into it.</summary>
    private static AttentionKernels.Mask PlanMask(Tensor mask, Shape queryShape, int tq, int tk, string op)
    {
        int rank = queryShape.Rank;
        string expected = $"(…, {tq} or 1, {tk}) broadcastable to {Shape.Wrap([.. queryShape.Dims[..^2], tq, tk])}";
        if (mask.DType != DType.Bool)
            throw new InvalidArgumentError($"{op}: the mask must be bool (true = attend), got {mask.DType.Name()} with shape {mask.Shape}.");
        if (mask.Rank < 2 || mask.Rank > rank || mask.Shape[-1] != tk || (mask.Shape[-2] != tq && mask.Shape[-2] != 1))
            throw new InvalidArgumentError($"{op}: the mask must have shape {expected}, got {mask.Shape}.");
        int lead = rank - 2, pad = rank - mask.Rank;
        var qLead = queryShape.Dims[..^2].ToArray();
        var mDims = new int[lead];
        for (int a = 0; a < lead; a++) mDims[a] = a < pad ? 1 : mask.Shape[a - pad];
        for (int a = 0; a < lead; a++)
            if (mDims[a] != 1 && mDims[a] != qLead[a])
                throw new InvalidArgumentError($"{op}: the mask must have shape {expected}, got {mask.Shape}.");
        int rowsPerHead = mask.Shape[-2];
        long plane = (long)rowsPerHead * tk;
        int heads = 1;
        foreach (var n in qLead) heads *= n;
        var offsets = new long[heads];
        var idx = new int[lead];
        for (int h = 0; h < heads; h++)
        {
            long off = 0;
            for (int a = 0; a < lead; a++) off = off * mDims[a] + (mDims[a] == 1 ? 0 : idx[a]);
            offsets[h] = off * plane;
            for (int a = lead - 1; a >= 0; a--)
            {
                if (++idx[a] < qLead[a]) break;
                idx[a] = 0;
            }
        }
        return new AttentionKernels.Mask(mask.Data<bool>(), offsets, rowsPerHead);
    }
}
