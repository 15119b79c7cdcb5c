using CsCheck;

namespace Strata.Tests.Properties;

/// <summary>
/// ReduceSum / ReduceMean / ReduceMax / ReduceMin over random axes (negative, repeated, out of range, none, all) and
/// keepDims, against a float64 reference. Error bounds come from the arithmetic: a float sum of N terms in any order
/// is within γ_N·Σ|x| of the exact sum (γ_N = N·u / (1 - N·u), u the unit roundoff of the dtype); a mean adds one
/// division's rounding; max and min are exact. Empty reductions give TensorFlow's identities.
/// </summary>
public class ReductionProperties(ITestOutputHelper output)
{
    public const int ReductionCases = 6000, ArgCases = 1500, ReductionGradientCases = 1200;

    /// <summary>Axes to reduce: null (all), or a list of in-range axes written as positive or negative, sometimes a
    /// duplicate or one out of range (errors).</summary>
    internal static Gen<int[]?> Axes(int rank) =>
        from pick in Gen.Int[0, 99]
        from chosen in Gen.Bool.Array[rank]
        from negative in Gen.Bool.Array[rank]
        from order in G.Permutation(rank)
        from bad in Gen.Int[-rank - 3, rank + 2]
        select pick < 12 ? null
            : pick < 16 ? Array.Empty<int>()
            : pick < 20 ? [bad]
            : pick < 23 && rank > 0 ? [0, -rank]
            : order.Where(i => chosen[i]).Select(i => negative[i] ? i - rank : i).ToArray();

    private static Tensor Reduce(string op, Tensor x, int[]? axes, bool keep) => op switch
    {
        "ReduceSum" => tf.ReduceSum(x, axes, keep),
        "ReduceMean" => tf.ReduceMean(x, axes, keep),
        "ReduceMax" => tf.ReduceMax(x, axes, keep),
        _ => tf.ReduceMin(x, axes, keep),
    };

    /// <summary>Which axes are reduced, or null when the axes are invalid (out of range or repeated).</summary>
    internal static bool[]? Reduced(int rank, int[]? axes)
    {
        var r = new bool[rank];
        if (axes is null) { Array.Fill(r, true); return r; }
        foreach (var a in axes)
        {
            if (a < -rank || a >= rank) return null;
            int n = a < 0 ? a + rank : a;
            if (r[n]) return null;
            r[n] = true;
        }
        return r;
    }

    [Fact]
    public void ReductionsMatchAFloat64Reference()
    {
        var gen =
            from x in G.Tensor(G.Dims, G.Numeric, Values.Special)
            from axes in Axes(x.Dims.Length)
            from keep in Gen.Bool
            from op in Gen.OneOf("ReduceSum", "ReduceMean", "ReduceMax", "ReduceMin")
            from wide in Gen.Int[0, 3]
            select (x: x with { Kind = x.DType.IsFloating || wide > 0 ? Values.Special : Values.Wild }, axes, keep, op);
        PropertyRunner.Run("ReductionsMatchAFloat64Reference", gen, c =>
        {
            var (spec, axes, keep, op) = c;
            var x = spec.Make();
            int rank = spec.Dims.Length;
            var reduced = Reduced(rank, axes);
            if (reduced is null)
            {
                Must.Throw<InvalidArgumentError>(op, () => Reduce(op, x, axes, keep), $"axes [{string.Join(", ", axes!)}] for rank {rank}");
                return;
            }
            var y = Reduce(op, x, axes, keep);
            var outDims = Naive.ReducedShape(spec.Dims, reduced, keep);
            Must.ShapeIs(outDims, y, op);
            Must.DTypeIs(spec.DType, y, op);

            // Group the input elements by output element, by multi-index.
            int outCount = Naive.Count(outDims);
            var groups = new List<int>[outCount];
            for (int o = 0; o < outCount; o++) groups[o] = [];
            for (int k = 0; k < spec.Size; k++)
                groups[Naive.Ravel(Naive.ReducedIndex(Naive.Unravel(k, spec.Dims), reduced, keep), outDims)].Add(k);
            int n = spec.Size / Math.Max(1, outCount);
            if (outCount > 0 && spec.Size == 0) n = 0;

            if (spec.DType.IsFloating) CheckFloat(op, spec.DType, Naive.AsDoubles(x), groups, n, Naive.AsDoubles(y));
            else CheckInteger(op, spec.DType, x, groups, n, y);
        }, ReductionCases, output, c => $"{c.op} axes [{(c.axes is null ? "null" : string.Join(", ", c.axes))}] keepDims {c.keep} x {c.x}");
    }

    private static void CheckFloat(string op, DType dtype, double[] x, List<int>[] groups, int n, double[] y)
    {
        double u = dtype == DType.Float32 ? Math.Pow(2, -24) : Math.Pow(2, -53);
        double gamma = n * u / (1 - n * u);
        for (int o = 0; o < groups.Length; o++)
        {
            var g = groups[o];
            double expected, bound = 0;
            if (op is "ReduceMax" or "ReduceMin")
            {
                expected = op == "ReduceMax" ? double.NegativeInfinity : double.PositiveInfinity; // TF's identities
                foreach (var k in g) expected = op == "ReduceMax" ? Naive.Max(expected, x[k]) : Naive.Min(expected, x[k]);
            }
            else
            {
                double sum = 0, abs = 0;
                foreach (var k in g) { sum += x[k]; abs += Math.Abs(x[k]); }
                // Values are small, so the float64 reference is itself within n·2^-53·Σ|x| (add it to the bound).
                bound = gamma * abs + n * Math.Pow(2, -53) * abs;
                expected = sum;
                if (op == "ReduceMean")
                {
                    expected = sum / n; // 0/0 = NaN for an empty mean, as in TensorFlow
                    bound = bound / n + u * (Math.Abs(expected) + bound / n);
                }
            }
            double a = y[o];
            bool ok = double.IsNaN(expected) ? double.IsNaN(a)
                : double.IsInfinity(expected) ? a == expected
                : Math.Abs(a - expected) <= bound;
            Must.True(ok, $"{op}: output {o} is {a:R}, expected {expected:R} ± {bound:G3} over {g.Count} elements");
        }
    }

    private static void CheckInteger(string op, DType dtype, Tensor x, List<int>[] groups, int n, Tensor y)
    {
        long[] xv = dtype == DType.Int32 ? Array.ConvertAll(x.ToArray<int>(), v => (long)v) : x.ToArray<long>();
        long[] yv = dtype == DType.Int32 ? Array.ConvertAll(y.ToArray<int>(), v => (long)v) : y.ToArray<long>();
        long lowest = dtype == DType.Int32 ? int.MinValue : long.MinValue, highest = dtype == DType.Int32 ? int.MaxValue : long.MaxValue;
        for (int o = 0; o < groups.Length; o++)
        {
            long expected;
            switch (op)
            {
                case "ReduceMax": expected = lowest; foreach (var k in groups[o]) expected = Math.Max(expected, xv[k]); break;
                case "ReduceMin": expected = highest; foreach (var k in groups[o]) expected = Math.Min(expected, xv[k]); break;
                default:
                    // int32: exact in int64 (at most 7776 terms); the sum wraps to int32, the mean (TF sums int32 in
                    // int64) does not. int64 wraps in both, as TensorFlow's does.
                    long sum = 0;
                    foreach (var k in groups[o]) sum = unchecked(sum + xv[k]);
                    expected = op == "ReduceSum" ? (dtype == DType.Int32 ? unchecked((int)sum) : sum) : n == 0 ? 0 : sum / n;
                    break;
            }
            Must.True(yv[o] == expected, $"{op}: output {o} is {yv[o]}, expected {expected} over {groups[o].Count} elements");
        }
    }

    [Fact]
    public void ArgMaxAndArgMinPickTheFirstExtreme()
    {
        var gen =
            from x in G.Tensor(G.Dims, G.Numeric, Values.Special)
            from axis in Gen.Int[-x.Dims.Length - 1, x.Dims.Length]
            from max in Gen.Bool
            from int32 in Gen.Bool
            select (x, axis, max, int32);
        PropertyRunner.Run("ArgMaxAndArgMinPickTheFirstExtreme", gen, c =>
        {
            var (spec, axis, max, int32) = c;
            string op = max ? "ArgMax" : "ArgMin";
            var x = spec.Make();
            var outType = int32 ? DType.Int32 : DType.Int64;
            Tensor Run() => max ? tf.ArgMax(x, axis, outType) : tf.ArgMin(x, axis, outType);
            int rank = spec.Dims.Length;
            if (rank == 0 || axis < -rank || axis >= rank)
            {
                Must.Throw<InvalidArgumentError>(op, () => Run(), $"axis {axis} for rank {rank}");
                return;
            }
            int a = axis < 0 ? axis + rank : axis;
            if (spec.Dims[a] == 0)
            {
                // TensorFlow: "Reduction axis 0 is empty in shape [0]".
                Must.Throw<InvalidArgumentError>(op, () => Run(), $"empty axis {axis} of {new Shape(spec.Dims)}");
                return;
            }
            var y = Run();
            var reduced = new bool[rank];
            reduced[a] = true;
            var outDims = Naive.ReducedShape(spec.Dims, reduced, keepDims: false);
            Must.ShapeIs(outDims, y, op);
            Must.DTypeIs(outType, y, op);
            var xv = Naive.AsDoubles(x);
            var yv = Naive.AsDoubles(y);
            for (int o = 0; o < yv.Length; o++)
            {
                var idx = Naive.Unravel(o, outDims).ToList();
                idx.Insert(a, 0);
                int best = 0;
                double bv = double.NaN;
                for (int k = 0; k < spec.Dims[a]; k++)
                {
                    idx[a] = k;
                    double v = xv[Naive.Ravel([.. idx], spec.Dims)];
                    if (k == 0) { bv = v; continue; }
                    if (double.IsNaN(bv)) break; // the first NaN wins
                    if (double.IsNaN(v) || (max ? v > bv : v < bv)) { bv = v; best = k; }
                }
                Must.True(yv[o] == best, $"{op}: output {o} is {yv[o]}, expected {best}");
            }
        }, ArgCases, output, c => $"axis {c.axis} max {c.max} x {c.x}");
    }

    /// <summary>The gradient of a reduction has the input's shape, on empty inputs too; for sum it is all ones and for
    /// mean 1/N.</summary>
    [Fact]
    public void ReductionGradientsHaveTheInputShape()
    {
        var gen =
            from x in G.Tensor(G.Dims, Gen.Const(DType.Float64), Values.Plain)
            from axes in Axes(x.Dims.Length)
            from keep in Gen.Bool
            from op in Gen.OneOf("ReduceSum", "ReduceMean", "ReduceMax", "ReduceMin")
            select (x, axes, keep, op);
        PropertyRunner.Run("ReductionGradientsHaveTheInputShape", gen, c =>
        {
            var (spec, axes, keep, op) = c;
            var reduced = Reduced(spec.Dims.Length, axes);
            if (reduced is null) return;
            var x = spec.Make();
            Tensor? g;
            using (var tape = new GradientTape())
            {
                tape.Watch(x);
                var y = Reduce(op, x, axes, keep);
                g = tape.Gradient(tf.ReduceSum(y), x);
            }
            Must.True(g is not null, $"{op}: no gradient");
            Must.ShapeIs(spec.Dims, g!, $"d{op}");
            if (op is "ReduceMax" or "ReduceMin") return;
            int n = 1;
            for (int i = 0; i < reduced.Length; i++) if (reduced[i]) n *= spec.Dims[i];
            double expected = op == "ReduceSum" ? 1 : 1.0 / n;
            foreach (var v in g!.ToArray<double>()) Must.True(v == expected, $"d{op}: {v}, expected {expected}");
        }, ReductionGradientCases, output);
    }
}
