#pragma warning disable CS8981
using Strata.Kernels;

namespace Strata;

// tf.math.top_k, tf.sort and tf.argsort. The orderings are stable (ties keep index order, as TensorFlow's top_k
// does); the values are a batched gather by the ordering, so the gradient scatters dy back to the chosen indices.
public static partial class tf
{
    /// <summary>tf.math.top_k: the <paramref name="k"/> largest entries of each last-axis row, largest first, ties
    /// to the lower index; the indices are int32. (<paramref name="sorted"/> = false gives them in the same order,
    /// which TensorFlow allows.)</summary>
    public static (Tensor Values, Tensor Indices) TopK(Tensor input, int k = 1, bool sorted = true)
    {
        RequireNumeric(input, "TopK");
        _ = sorted;
        if (input.Rank < 1) throw new InvalidArgumentError($"TopK: input must be >= 1-D, got shape {input.Shape}.");
        if (k < 0) throw new InvalidArgumentError($"TopK: need k >= 0, got {k}.");
        int n = input.Shape[-1];
        if (n < k) throw new InvalidArgumentError($"TopK: input must have at least k columns. Had {n}, needed {k} (shape {input.Shape}).");
        var indices = OrderRows(input, k, descending: true);
        return (Gather(input, indices, axis: input.Rank - 1, batchDims: input.Rank - 1), indices);
    }

    /// <summary>tf.sort along <paramref name="axis"/>, "ASCENDING" (default) or "DESCENDING"; stable.</summary>
    public static Tensor Sort(Tensor values, int axis = -1, string direction = "ASCENDING")
    {
        RequireNumeric(values, "Sort");
        bool descending = SortDirection(direction, "Sort");
        return AlongLastAxisDifferentiable(values, axis, "Sort", v =>
            Gather(v, OrderRows(v, v.Shape[-1], descending), axis: v.Rank - 1, batchDims: v.Rank - 1));
    }

    /// <summary>tf.argsort: the int32 indices that sort <paramref name="values"/> along <paramref name="axis"/>;
    /// stable whatever <paramref name="stable"/> says (TensorFlow's is too).</summary>
    public static Tensor Argsort(Tensor values, int axis = -1, string direction = "ASCENDING", bool stable = false)
    {
        RequireNumeric(values, "Argsort");
        _ = stable;
        bool descending = SortDirection(direction, "Argsort");
        return AlongLastAxisDifferentiable(values, axis, "Argsort", v => OrderRows(v, v.Shape[-1], descending));
    }

    private static bool SortDirection(string direction, string op) => direction switch
    {
        "ASCENDING" => false,
        "DESCENDING" => true,
        _ => throw new InvalidArgumentError($"{op}: direction must be \"ASCENDING\" or \"DESCENDING\", got \"{direction}\"."),
    };

    /// <summary>The stable order of each last-axis row, its first k entries, as int32 of shape [..., k].</summary>
    private static Tensor OrderRows(Tensor x, int k, bool descending)
    {
        int n = x.Shape[-1];
        int outer = n == 0 ? x.Shape.Dims[..^1].ToArray().Aggregate(1, (a, b) => a * b) : x.Size / n;
        var order = SortKernels.RowOrder(x, outer, n, k, descending);
        return Tensor.FromBuffer(order, x.Shape.With(x.Rank - 1, k), DType.Int32);
    }

    /// <summary>Runs f on x with <paramref name="axis"/> moved last, and moves it back; through Transpose, so that
    /// gradients flow.</summary>
    private static Tensor AlongLastAxisDifferentiable(Tensor x, int axis, string op, Func<Tensor, Tensor> f)
    {
        if (x.Rank == 0) throw new InvalidArgumentError($"{op}: input must have rank >= 1, got a scalar.");
        int a = x.Shape.NormalizeAxis(axis, op);
        if (a == x.Rank - 1) return f(x);
        var perm = Enumerable.Range(0, x.Rank).ToArray();
        (perm[a], perm[^1]) = (perm[^1], perm[a]);
        return Transpose(f(Transpose(x, perm)), perm);
    }
}
