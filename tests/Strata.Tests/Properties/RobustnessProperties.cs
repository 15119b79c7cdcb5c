using CsCheck;

namespace Strata.Tests.Properties;

/// <summary>
/// Every op on random inputs (empty, NaN, ±inf, huge values, integer extremes, wrong shapes, wrong dtypes, bad axes)
/// either returns the shape and dtype computed here, independently, from TensorFlow's rules, or throws a Strata error
/// (<see cref="StrataException"/>) whose message names the op: never a runtime exception (NullReference, IndexOutOfRange,
/// Overflow, Argument…), never a wrong shape. Where the result is floating point, its gradient is taken too and must
/// have each input's shape.
/// </summary>
public class RobustnessProperties(ITestOutputHelper output)
{
    public const int RobustnessCases = 12000;

    internal sealed record Case(string Op, TensorSpec[] Inputs, int[] Ints, bool Flag)
    {
        public override string ToString() =>
            $"{Op}({string.Join("; ", Inputs.Select(i => i.ToString()))}) ints [{string.Join(", ", Ints)}] flag {Flag}";
    }

    /// <summary>What the op must do: return tensors of <see cref="Dims"/> and <see cref="DType"/>, or fail.</summary>
    private sealed record Outcome(int[]? Dims, DType DType, int Count = 1)
    {
        public static readonly Outcome Error = new(null, DType.Bool);
    }

    private sealed record OpSpec(int Arity, Func<Tensor[], int[], bool, Tensor[]> Run, Func<Tensor[], int[], bool, Outcome> Expect);

    private static Tensor[] One(Tensor t) => [t];
    private static int[] D(Tensor t) => t.Shape.ToArray();
    private static Outcome Ok(int[] dims, DType dtype) => new(dims, dtype);
    private static Outcome Same(Tensor t) => Ok(D(t), t.DType);

    private static Outcome UnaryFloat(Tensor[] x) => x[0].DType.IsFloating ? Same(x[0]) : Outcome.Error;
    private static Outcome UnaryNumeric(Tensor[] x) => x[0].DType != DType.Bool ? Same(x[0]) : Outcome.Error;

    // TensorFlow has no Neg or Abs kernel for uint8 (nor bool).
    private static Outcome UnarySigned(Tensor[] x) => x[0].DType is not (DType.Bool or DType.UInt8) ? Same(x[0]) : Outcome.Error;

    private static Outcome Binary(Tensor[] x, Func<DType, DType?> resultType)
    {
        if (x[0].DType != x[1].DType) return Outcome.Error;
        var t = resultType(x[0].DType);
        var s = Naive.BroadcastShape(D(x[0]), D(x[1]));
        return t is null || s is null ? Outcome.Error : Ok(s, t.Value);
    }

    private static int? Axis(int axis, int rank) => axis >= -rank && axis < rank ? (axis < 0 ? axis + rank : axis) : null;

    /// <summary>Reduction axes from the ints: ints[0] says how many (0 = all axes, as null), then the axes.</summary>
    private static int[]? ReductionAxes(int[] ints) => ints[0] % 4 == 0 ? null : ints.Skip(1).Take(Math.Abs(ints[0] % 4)).ToArray();

    private static Outcome Reduction(Tensor x, int[]? axes, bool keep)
    {
        if (x.DType == DType.Bool) return Outcome.Error;
        var reduced = ReductionProperties.Reduced(x.Rank, axes);
        return reduced is null ? Outcome.Error : Ok(Naive.ReducedShape(D(x), reduced, keep), x.DType);
    }

    private static Outcome Softmax(Tensor[] x, int[] i) =>
        x[0].DType.IsFloating && x[0].Rank >= 1 && Axis(i[0], x[0].Rank) is not null ? Same(x[0]) : Outcome.Error;

    private static Outcome ArgExtreme(Tensor x, int axis)
    {
        if (x.DType == DType.Bool || x.Rank == 0 || Axis(axis, x.Rank) is not int a || x.Shape[a] == 0) return Outcome.Error;
        return Ok(D(x).Where((_, k) => k != a).ToArray(), DType.Int64);
    }

    /// <summary>Tile's multiples from the case's integers: one per dimension, in [0, 3].</summary>
    private static int[] Multiples(int[] ints, int rank) => ints.Take(rank).Select(v => ((v % 4) + 4) % 4).ToArray();

    private static Outcome RepeatOutcome(Tensor x, int repeats, int? axis)
    {
        if (axis is null) return Ok([checked(x.Size * repeats)], x.DType);
        if (x.Rank == 0 || Axis(axis.Value, x.Rank) is not int a) return Outcome.Error;
        var dims = D(x);
        dims[a] *= repeats;
        return Ok(dims, x.DType);
    }

    private static Outcome MatMul(Tensor a, Tensor b, bool ta, bool tb)
    {
        if (a.DType != b.DType || !(a.DType.IsFloating || a.DType is DType.Int32 or DType.Int64) || a.Rank < 2 || b.Rank < 2) return Outcome.Error;
        var da = D(a);
        var db = D(b);
        int m = ta ? da[^1] : da[^2], k = ta ? da[^2] : da[^1], kb = tb ? db[^1] : db[^2], n = tb ? db[^2] : db[^1];
        var batch = Naive.BroadcastShape(da[..^2], db[..^2]);
        return k != kb || batch is null ? Outcome.Error : Ok([.. batch, m, n], a.DType);
    }

    private static int[] Perm(int[] ints, int rank) => ints.Take(rank).Select(v => ((v % Math.Max(rank, 1)) + rank) % Math.Max(rank, 1)).ToArray();

    private static Outcome Transpose(Tensor x, int[] perm)
    {
        int r = x.Rank;
        if (perm.Length != r || perm.Distinct().Count() != r || perm.Any(p => p < -r || p >= r) ||
            perm.Select(p => p < 0 ? p + r : p).Distinct().Count() != r) return Outcome.Error;
        return Ok(perm.Select(p => D(x)[p < 0 ? p + r : p]).ToArray(), x.DType);
    }

    private static int[] ReshapeTarget(Tensor x, int[] ints, bool flag)
    {
        // A factorisation-free target: the ints (clamped to -1..6), or, with the flag, a permutation of x's dims.
        if (flag) return D(x).Reverse().ToArray();
        int rank = Math.Abs(ints[0]) % 5;
        return ints.Skip(1).Take(rank).Select(v => Math.Clamp(v, -1, 6)).ToArray();
    }

    private static Outcome Reshape(Tensor x, int[] target)
    {
        int unknown = target.Count(d => d == -1);
        if (unknown > 1) return Outcome.Error;
        long known = target.Where(d => d != -1).Aggregate(1L, (a, d) => a * d);
        if (unknown == 1)
        {
            if (known == 0 || x.Size % known != 0) return Outcome.Error;
            return Ok(target.Select(d => d == -1 ? (int)(x.Size / known) : d).ToArray(), x.DType);
        }
        return known == x.Size ? Ok(target, x.DType) : Outcome.Error;
    }

    private static Outcome Concat(Tensor[] xs, int axis)
    {
        var first = xs[0];
        if (first.Rank == 0 || Axis(axis, first.Rank) is not int a) return Outcome.Error;
        int total = 0;
        foreach (var v in xs)
        {
            if (v.DType != first.DType || v.Rank != first.Rank) return Outcome.Error;
            for (int d = 0; d < v.Rank; d++) if (d != a && v.Shape[d] != first.Shape[d]) return Outcome.Error;
            total += v.Shape[a];
        }
        return Ok(D(first).Select((d, i) => i == a ? total : d).ToArray(), first.DType);
    }

    private static Outcome Stack(Tensor[] xs, int axis)
    {
        var first = xs[0];
        int r = first.Rank;
        if (axis < -r - 1 || axis > r) return Outcome.Error;
        if (xs.Any(v => v.DType != first.DType || !D(v).SequenceEqual(D(first)))) return Outcome.Error;
        int a = axis < 0 ? axis + r + 1 : axis;
        return Ok([.. D(first)[..a], xs.Length, .. D(first)[a..]], first.DType);
    }

    private static (int[] begin, int[] size) SliceArgs(Tensor x, int[] ints)
    {
        int r = x.Rank;
        var begin = new int[r];
        var size = new int[r];
        for (int i = 0; i < r; i++)
        {
            int dim = x.Shape[i];
            begin[i] = ints[(2 * i) % ints.Length] switch { -7 => -1, var v => Math.Abs(v) % (dim + 2) };
            size[i] = ints[(2 * i + 1) % ints.Length] switch { < -3 => -1, var v => Math.Abs(v) % (dim + 2) };
        }
        return (begin, size);
    }

    private static Outcome Slice(Tensor x, int[] begin, int[] size)
    {
        var outDims = new int[x.Rank];
        for (int i = 0; i < x.Rank; i++)
        {
            int s = size[i] == -1 ? x.Shape[i] - begin[i] : size[i];
            if (begin[i] < 0 || s < 0 || begin[i] + s > x.Shape[i]) return Outcome.Error;
            outDims[i] = s;
        }
        return Ok(outDims, x.DType);
    }

    private static int[,] Paddings(Tensor x, int[] ints, bool wrong)
    {
        int r = wrong ? x.Rank + 1 : x.Rank;
        var p = new int[r, 2];
        for (int i = 0; i < r; i++) { p[i, 0] = ints[(2 * i) % ints.Length] % 3; p[i, 1] = ints[(2 * i + 1) % ints.Length] % 3; }
        return p;
    }

    private static Outcome Pad(Tensor x, int[,] p)
    {
        if (p.GetLength(0) != x.Rank) return Outcome.Error;
        var outDims = new int[x.Rank];
        for (int i = 0; i < x.Rank; i++)
        {
            if (p[i, 0] < 0 || p[i, 1] < 0) return Outcome.Error;
            outDims[i] = x.Shape[i] + p[i, 0] + p[i, 1];
        }
        return Ok(outDims, x.DType);
    }

    private static Outcome Gather(Tensor p, Tensor idx, int axis)
    {
        if (idx.DType is not (DType.Int32 or DType.Int64) || p.Rank == 0 || Axis(axis, p.Rank) is not int a) return Outcome.Error;
        int n = p.Shape[a];
        if (Naive.AsDoubles(idx).Any(v => v < 0 || v >= n)) return Outcome.Error;
        return Ok([.. D(p)[..a], .. D(idx), .. D(p)[(a + 1)..]], p.DType);
    }

    private static Outcome BroadcastTo(Tensor x, int[] target)
    {
        var s = Naive.BroadcastShape(D(x), target);
        return s is not null && s.SequenceEqual(target) ? Ok(target, x.DType) : Outcome.Error;
    }

    private static Outcome Squeeze(Tensor x, int[]? axes)
    {
        if (axes is null) return Ok(D(x).Where(d => d != 1).ToArray(), x.DType);
        var drop = new bool[x.Rank];
        foreach (var ax in axes)
        {
            if (Axis(ax, x.Rank) is not int a || x.Shape[a] != 1) return Outcome.Error;
            drop[a] = true;
        }
        return Ok(D(x).Where((_, i) => !drop[i]).ToArray(), x.DType);
    }

    private static readonly DType[] AllTypes = [DType.Float32, DType.Float64, DType.Int32, DType.Int64, DType.UInt8, DType.Bool];

    private static readonly Dictionary<string, OpSpec> Ops = new()
    {
        ["Sigmoid"] = new(1, (x, _, _) => One(tf.Sigmoid(x[0])), (x, _, _) => UnaryFloat(x)),
        ["Tanh"] = new(1, (x, _, _) => One(tf.Tanh(x[0])), (x, _, _) => UnaryFloat(x)),
        ["Relu"] = new(1, (x, _, _) => One(tf.Relu(x[0])), (x, _, _) => UnaryFloat(x)),
        ["Exp"] = new(1, (x, _, _) => One(tf.Exp(x[0])), (x, _, _) => UnaryFloat(x)),
        ["Log"] = new(1, (x, _, _) => One(tf.Log(x[0])), (x, _, _) => UnaryFloat(x)),
        ["Sqrt"] = new(1, (x, _, _) => One(tf.Sqrt(x[0])), (x, _, _) => UnaryFloat(x)),
        ["Negative"] = new(1, (x, _, _) => One(tf.Negative(x[0])), (x, _, _) => UnarySigned(x)),
        ["Abs"] = new(1, (x, _, _) => One(tf.Abs(x[0])), (x, _, _) => UnarySigned(x)),
        ["Sign"] = new(1, (x, _, _) => One(tf.Sign(x[0])), (x, _, _) => UnaryNumeric(x)),
        ["Square"] = new(1, (x, _, _) => One(tf.Square(x[0])), (x, _, _) => UnaryNumeric(x)),
        ["Softmax"] = new(1, (x, i, _) => One(tf.Softmax(x[0], i[0])), (x, i, _) => Softmax(x, i)),
        ["LogSoftmax"] = new(1, (x, i, _) => One(tf.LogSoftmax(x[0], i[0])), (x, i, _) => Softmax(x, i)),
        ["Add"] = new(2, (x, _, _) => One(tf.Add(x[0], x[1])), (x, _, _) => Binary(x, t => t == DType.Bool ? null : t)),
        ["Subtract"] = new(2, (x, _, _) => One(tf.Subtract(x[0], x[1])), (x, _, _) => Binary(x, t => t == DType.Bool ? null : t)),
        ["Multiply"] = new(2, (x, _, _) => One(tf.Multiply(x[0], x[1])), (x, _, _) => Binary(x, t => t == DType.Bool ? null : t)),
        ["Divide"] = new(2, (x, _, _) => One(tf.Divide(x[0], x[1])), (x, _, _) => Binary(x, t => t == DType.Bool ? null : t.IsFloating ? t : DType.Float64)),
        ["Maximum"] = new(2, (x, _, _) => One(tf.Maximum(x[0], x[1])), (x, _, _) => Binary(x, t => t == DType.Bool ? null : t)),
        ["Minimum"] = new(2, (x, _, _) => One(tf.Minimum(x[0], x[1])), (x, _, _) => Binary(x, t => t == DType.Bool ? null : t)),
        // Integers as TensorFlow: int32/int64 with no negative exponent.
        ["Pow"] = new(2, (x, _, _) => One(tf.Pow(x[0], x[1])), (x, _, _) => Binary(x, t => t.IsFloating
            || (t is DType.Int32 or DType.Int64 && x[1].DType == t && Naive.AsDoubles(x[1]).All(v => v >= 0)) ? t : null)),
        ["Equal"] = new(2, (x, _, _) => One(tf.Equal(x[0], x[1])), (x, _, _) => Binary(x, _ => DType.Bool)),
        ["Asin"] = new(1, (x, _, _) => One(tf.Asin(x[0])), (x, _, _) => UnaryFloat(x)),
        ["Atanh"] = new(1, (x, _, _) => One(tf.Atanh(x[0])), (x, _, _) => UnaryFloat(x)),
        ["Cosh"] = new(1, (x, _, _) => One(tf.Cosh(x[0])), (x, _, _) => UnaryFloat(x)),
        ["Lgamma"] = new(1, (x, _, _) => One(tf.Lgamma(x[0])), (x, _, _) => UnaryFloat(x)),
        ["Atan2"] = new(2, (x, _, _) => One(tf.Atan2(x[0], x[1])), (x, _, _) => Binary(x, t => t.IsFloating ? t : null)),
        ["Xlogy"] = new(2, (x, _, _) => One(tf.Xlogy(x[0], x[1])), (x, _, _) => Binary(x, t => t.IsFloating ? t : null)),
        ["BitwiseAnd"] = new(2, (x, _, _) => One(tf.BitwiseAnd(x[0], x[1])), (x, _, _) => Binary(x, t => t is DType.Int32 or DType.Int64 or DType.UInt8 ? t : null)),
        ["LeftShift"] = new(2, (x, _, _) => One(tf.LeftShift(x[0], x[1])), (x, _, _) => Binary(x, t => t is DType.Int32 or DType.Int64 or DType.UInt8 ? t : null)),
        ["Invert"] = new(1, (x, _, _) => One(tf.Invert(x[0])), (x, _, _) => x[0].DType is DType.Int32 or DType.Int64 or DType.UInt8 ? Same(x[0]) : Outcome.Error),
        ["Tile"] = new(1, (x, i, _) => One(tf.Tile(x[0], Multiples(i, x[0].Rank))), (x, i, _) => x[0].Rank > i.Length ? Outcome.Error : Ok(D(x[0]).Select((d, k) => d * Multiples(i, x[0].Rank)[k]).ToArray(), x[0].DType)),
        ["Repeat"] = new(1, (x, i, f) => One(tf.Repeat(x[0], Math.Abs(i[0]) % 3, f ? null : i[1])), (x, i, f) => RepeatOutcome(x[0], Math.Abs(i[0]) % 3, f ? null : i[1])),
        ["Less"] = new(2, (x, _, _) => One(tf.Less(x[0], x[1])), (x, _, _) => Binary(x, t => t == DType.Bool ? null : DType.Bool)),
        ["GreaterEqual"] = new(2, (x, _, _) => One(tf.GreaterEqual(x[0], x[1])), (x, _, _) => Binary(x, t => t == DType.Bool ? null : DType.Bool)),
        ["LogicalAnd"] = new(2, (x, _, _) => One(tf.LogicalAnd(x[0], x[1])), (x, _, _) => x[0].DType == DType.Bool ? Binary(x, _ => DType.Bool) : Outcome.Error),
        ["LogicalNot"] = new(1, (x, _, _) => One(tf.LogicalNot(x[0])), (x, _, _) => x[0].DType == DType.Bool ? Same(x[0]) : Outcome.Error),
        ["Where"] = new(3, (x, _, _) => One(tf.Where(x[0], x[1], x[2])), (x, _, _) =>
            x[0].DType != DType.Bool || x[1].DType != x[2].DType || Naive.BroadcastShape(D(x[0]), D(x[1]), D(x[2])) is not { } s ? Outcome.Error : Ok(s, x[1].DType)),
        ["ClipByValue"] = new(3, (x, _, _) => One(tf.ClipByValue(x[0], x[1], x[2])), (x, _, _) =>
            x[0].DType == DType.Bool || x[1].DType != x[0].DType || x[2].DType != x[0].DType
                || Naive.BroadcastShape(D(x[0]), D(x[1]), D(x[2])) is not { } s || !s.SequenceEqual(D(x[0])) ? Outcome.Error : Same(x[0])),
        ["ReduceSum"] = new(1, (x, i, f) => One(tf.ReduceSum(x[0], ReductionAxes(i), f)), (x, i, f) => Reduction(x[0], ReductionAxes(i), f)),
        ["ReduceMean"] = new(1, (x, i, f) => One(tf.ReduceMean(x[0], ReductionAxes(i), f)), (x, i, f) => Reduction(x[0], ReductionAxes(i), f)),
        ["ReduceMax"] = new(1, (x, i, f) => One(tf.ReduceMax(x[0], ReductionAxes(i), f)), (x, i, f) => Reduction(x[0], ReductionAxes(i), f)),
        ["ReduceMin"] = new(1, (x, i, f) => One(tf.ReduceMin(x[0], ReductionAxes(i), f)), (x, i, f) => Reduction(x[0], ReductionAxes(i), f)),
        ["ArgMax"] = new(1, (x, i, _) => One(tf.ArgMax(x[0], i[0])), (x, i, _) => ArgExtreme(x[0], i[0])),
        ["ArgMin"] = new(1, (x, i, _) => One(tf.ArgMin(x[0], i[0])), (x, i, _) => ArgExtreme(x[0], i[0])),
        ["MatMul"] = new(2, (x, i, f) => One(tf.MatMul(x[0], x[1], f, i[0] % 2 != 0)), (x, i, f) => MatMul(x[0], x[1], f, i[0] % 2 != 0)),
        ["BiasAdd"] = new(2, (x, _, _) => One(tf.BiasAdd(x[0], x[1])), (x, _, _) =>
            x[0].DType.IsFloating && x[1].DType == x[0].DType && x[0].Rank >= 1 && x[1].Rank == 1 && x[1].Shape[0] == x[0].Shape[-1] ? Same(x[0]) : Outcome.Error),
        ["Transpose"] = new(1, (x, i, f) => One(tf.Transpose(x[0], f ? null : Perm(i, x[0].Rank + (i[7] == 7 ? 1 : 0)))), (x, i, f) =>
            Transpose(x[0], f ? Enumerable.Range(0, x[0].Rank).Reverse().ToArray() : Perm(i, x[0].Rank + (i[7] == 7 ? 1 : 0)))),
        ["Reshape"] = new(1, (x, i, f) => One(tf.Reshape(x[0], ReshapeTarget(x[0], i, f))), (x, i, f) => Reshape(x[0], ReshapeTarget(x[0], i, f))),
        ["ExpandDims"] = new(1, (x, i, _) => One(tf.ExpandDims(x[0], i[0])), (x, i, _) =>
            i[0] < -x[0].Rank - 1 || i[0] > x[0].Rank ? Outcome.Error : Ok([.. D(x[0])[..(i[0] < 0 ? i[0] + x[0].Rank + 1 : i[0])], 1, .. D(x[0])[(i[0] < 0 ? i[0] + x[0].Rank + 1 : i[0])..]], x[0].DType)),
        ["Squeeze"] = new(1, (x, i, f) => One(tf.Squeeze(x[0], f ? null : i[..(Math.Abs(i[1]) % 3)])), (x, i, f) => Squeeze(x[0], f ? null : i[..(Math.Abs(i[1]) % 3)])),
        ["Concat"] = new(3, (x, i, _) => One(tf.Concat(x, i[0])), (x, i, _) => Concat(x, i[0])),
        ["Stack"] = new(2, (x, i, _) => One(tf.Stack(x, i[0])), (x, i, _) => Stack(x, i[0])),
        ["Unstack"] = new(1, (x, i, _) => tf.Unstack(x[0], i[0]), (x, i, _) =>
            x[0].Rank == 0 || Axis(i[0], x[0].Rank) is not int a ? Outcome.Error : new(D(x[0]).Where((_, k) => k != a).ToArray(), x[0].DType, x[0].Shape[a])),
        ["Slice"] = new(1, (x, i, _) => One(tf.Slice(x[0], SliceArgs(x[0], i).begin, SliceArgs(x[0], i).size)), (x, i, _) => Slice(x[0], SliceArgs(x[0], i).begin, SliceArgs(x[0], i).size)),
        ["Pad"] = new(1, (x, i, f) => One(tf.Pad(x[0], Paddings(x[0], i, f && i[7] > 4))), (x, i, f) => Pad(x[0], Paddings(x[0], i, f && i[7] > 4))),
        ["Gather"] = new(2, (x, i, _) => One(tf.Gather(x[0], x[1], i[0])), (x, i, _) => Gather(x[0], x[1], i[0])),
        ["OneHot"] = new(1, (x, i, _) => One(tf.OneHot(x[0], i[0])), (x, i, _) =>
            x[0].DType is DType.Int32 or DType.Int64 or DType.UInt8 && i[0] >= 0 ? Ok([.. D(x[0]), i[0]], DType.Float32) : Outcome.Error),
        ["BroadcastTo"] = new(2, (x, _, _) => One(tf.BroadcastTo(x[0], x[1].Shape)), (x, _, _) => BroadcastTo(x[0], D(x[1]))),
        ["Cast"] = new(1, (x, i, _) => One(tf.Cast(x[0], AllTypes[Math.Abs(i[0]) % 6])), (x, i, _) => Ok(D(x[0]), AllTypes[Math.Abs(i[0]) % 6])),
        ["Identity"] = new(1, (x, _, _) => One(tf.Identity(x[0])), (x, _, _) => Same(x[0])),
        ["SigmoidCrossEntropyWithLogits"] = new(2, (x, _, _) => One(tf.SigmoidCrossEntropyWithLogits(x[0], x[1])), (x, _, _) =>
            x[1].DType.IsFloating && D(x[0]).SequenceEqual(D(x[1])) ? Same(x[1]) : Outcome.Error), // labels of any dtype are cast
        ["SoftmaxCrossEntropyWithLogits"] = new(2, (x, _, _) => One(tf.SoftmaxCrossEntropyWithLogits(x[0], x[1])), (x, _, _) =>
            x[1].DType.IsFloating && x[1].Rank >= 1 && D(x[0]).SequenceEqual(D(x[1])) ? Ok(D(x[1])[..^1], x[1].DType) : Outcome.Error),
        ["SparseSoftmaxCrossEntropyWithLogits"] = new(2, (x, _, _) => One(tf.SparseSoftmaxCrossEntropyWithLogits(x[0], x[1])), (x, _, _) =>
            x[1].DType.IsFloating && x[1].Rank >= 1 && D(x[0]).SequenceEqual(D(x[1])[..^1]) && x[0].DType != DType.Bool
                && Naive.AsDoubles(x[0]).All(v => v >= 0 && v < x[1].Shape[-1] && v == Math.Floor(v)) ? Ok(D(x[0]), x[1].DType) : Outcome.Error),
    };

    private static readonly HashSet<string> FloatOps = ["Sigmoid", "Tanh", "Relu", "Exp", "Log", "Sqrt", "Softmax", "LogSoftmax", "Pow", "MatMul", "BiasAdd", "SigmoidCrossEntropyWithLogits", "SoftmaxCrossEntropyWithLogits"];
    private static readonly HashSet<string> NumericOps = ["Negative", "Abs", "Sign", "Square", "Add", "Subtract", "Multiply", "Divide", "Maximum", "Minimum", "ReduceSum", "ReduceMean", "ReduceMax", "ReduceMin", "ArgMax", "ArgMin"];

    /// <summary>Ops whose result has no gradient (so the gradient check is skipped).</summary>
    private static readonly HashSet<string> NoGradient = ["Sign", "ArgMax", "ArgMin", "Equal", "Less", "GreaterEqual", "LogicalAnd", "LogicalNot", "OneHot",
        "BitwiseAnd", "LeftShift", "Invert"];

    private static readonly string[] OpNames = [.. Ops.Keys];

    /// <summary>Inputs mostly derived from the first one (so that shapes often fit), sometimes unrelated; the dtype mostly
    /// the first one's. A few ops get inputs shaped for them half of the time (MatMul, BiasAdd, Gather, the losses).</summary>
    private static Gen<Case> CaseGen() =>
        from op in Gen.OneOf(OpNames)
        from first in G.Tensor(G.Dims, G.Any, Values.Wild)
        from others in Gen.Select(G.Dims, G.Any, Gen.ULong, Gen.Int[0, 99], Gen.Int[0, 99].Array[5], G.Dim.Array[5]).Array[2]
        from ints in Gen.Int[-7, 7].Array[8]
        from flag in Gen.Bool
        from shaped in Gen.Int[0, 2]
        select Make(op, first, others, ints, flag, shaped > 0);

    private static Case Make(string op, TensorSpec first, (int[] dims, DType dtype, ulong seed, int relation, int[] picks, int[] sizes)[] others, int[] ints, bool flag, bool shaped)
    {
        var spec = Ops[op];
        var inputs = new List<TensorSpec> { first };
        for (int k = 1; k < spec.Arity; k++)
        {
            var o = others[k - 1];
            int[] dims = o.relation < 70
                ? first.Dims.Select((d, i) => o.picks[i % 5] < 75 ? d : o.picks[i % 5] < 90 ? 1 : o.sizes[i % 5]).Skip(o.relation < 10 ? 1 : 0).ToArray()
                : o.dims;
            var dtype = o.relation % 4 == 0 ? o.dtype : first.DType;
            inputs.Add(new TensorSpec(dims, dtype, o.seed, Values.Wild));
        }
        if (shaped)
        {
            // Two cases in three get inputs the op accepts (then the errors left are the op's own checks, e.g.
            // shapes), so that every op gets results to check as well as errors.
            var f = first.DType.IsFloating ? first : first with { DType = DType.Float32 };
            int[] fd = f.Dims;
            ints = (int[])ints.Clone();
            if (fd.Length > 0) for (int k = 0; k < 4; k++) ints[k] %= fd.Length; // axes in range
            if (FloatOps.Contains(op)) inputs = inputs.Select(i => i with { DType = f.DType }).ToList();
            else if (NumericOps.Contains(op)) inputs = inputs.Select(i => i with { DType = first.DType == DType.Bool ? DType.Int32 : first.DType }).ToList();
            switch (op)
            {
                case "Concat" or "Stack":
                    inputs = inputs.Select((i, k) => i with { DType = first.DType, Dims = op == "Stack" || fd.Length == 0 ? fd : fd.Select((d, j) => j == ((ints[0] % fd.Length) + fd.Length) % fd.Length ? others[k % 2].sizes[0] : d).ToArray() }).ToList();
                    inputs[0] = first;
                    break;
                case "Equal" or "Less" or "GreaterEqual":
                    inputs[1] = inputs[1] with { DType = first.DType };
                    break;
                case "MatMul" when fd.Length >= 2:
                    inputs[0] = f;
                    int k = flag ? fd[^2] : fd[^1];
                    inputs[1] = inputs[1] with { DType = f.DType, Dims = [.. fd[..^2], .. ints[0] % 2 != 0 ? new[] { Math.Abs(ints[1]) % 4, k } : [k, Math.Abs(ints[1]) % 4]] };
                    break;
                case "BiasAdd" when fd.Length >= 1:
                    inputs[0] = f;
                    inputs[1] = inputs[1] with { DType = f.DType, Dims = [fd[^1]] };
                    break;
                case "Gather":
                    inputs[1] = inputs[1] with { DType = flag ? DType.Int64 : DType.Int32, Kind = Values.Index };
                    break;
                case "OneHot":
                    inputs[0] = inputs[0] with { DType = flag ? DType.Int64 : DType.Int32, Kind = Values.Index };
                    break;
                case "SoftmaxCrossEntropyWithLogits" or "SigmoidCrossEntropyWithLogits":
                    inputs[1] = f;
                    inputs[0] = inputs[0] with { Dims = fd, DType = f.DType };
                    break;
                case "SparseSoftmaxCrossEntropyWithLogits" when fd.Length >= 1:
                    inputs[1] = f;
                    inputs[0] = inputs[0] with { Dims = fd[..^1], DType = flag ? DType.Int64 : DType.Int32, Kind = Values.Index };
                    break;
                case "LogicalAnd" or "LogicalNot":
                    inputs = inputs.Select(i => i with { DType = DType.Bool }).ToList();
                    break;
                case "Where":
                    inputs[0] = inputs[0] with { DType = DType.Bool };
                    inputs[2] = inputs[2] with { DType = inputs[1].DType };
                    break;
                case "ClipByValue":
                    var t = first.DType == DType.Bool ? DType.Float64 : first.DType;
                    inputs = inputs.Select(i => i with { DType = t }).ToList();
                    break;
            }
        }
        return new Case(op, [.. inputs], ints, flag);
    }

    [Fact]
    public void EveryOpReturnsTheRightShapeOrAStrataError()
    {
        var tally = OpNames.ToDictionary(o => o, _ => (results: 0, errors: 0));
        PropertyRunner.Run("EveryOpReturnsTheRightShapeOrAStrataError", CaseGen(), c =>
        {
            var (okSoFar, errSoFar) = tally[c.Op];
            tally[c.Op] = (okSoFar + 1, errSoFar); // corrected below when it throws
            var spec = Ops[c.Op];
            var inputs = c.Inputs.Select(i => i.Make()).ToArray();
            var expected = spec.Expect(inputs, c.Ints, c.Flag);
            Tensor[] result;
            try
            {
                result = spec.Run(inputs, c.Ints, c.Flag);
            }
            catch (StrataException e)
            {
                tally[c.Op] = (tally[c.Op].results - 1, tally[c.Op].errors + 1);
                Must.True(e.Message.Contains(c.Op, StringComparison.Ordinal), $"{c.Op}: its {e.GetType().Name} does not name the op: \"{e.Message}\"");
                Must.True(expected.Dims is null, $"{c.Op}: threw {e.GetType().Name} \"{e.Message}\", expected shape {new Shape(expected.Dims ?? [])} {expected.DType.Name()}");
                return;
            }
            catch (Exception e)
            {
                Must.Fail($"{c.Op}: crashed with {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
                return;
            }
            Must.True(expected.Dims is not null, $"{c.Op}: returned shape {(result.Length > 0 ? result[0].Shape.ToString() : "(none)")}, expected a Strata error");
            Must.True(result.Length == expected.Count, $"{c.Op}: {result.Length} results, expected {expected.Count}");
            foreach (var r in result)
            {
                Must.ShapeIs(expected.Dims!, r, c.Op);
                Must.DTypeIs(expected.DType, r, c.Op);
            }
            if (result.Length == 1 && result[0].DType.IsFloating && !NoGradient.Contains(c.Op)) CheckGradientShapes(c, spec, inputs);
        }, RobustnessCases, output);
        // How many cases of each op got a result and how many an error (a property that only ever sees errors tests little).
        output.WriteLine(string.Join(", ", tally.OrderBy(t => t.Key).Select(t => $"{t.Key} {t.Value.results}/{t.Value.errors}")));
    }

    /// <summary>Under a tape, d sum(op(inputs)) / d input has the input's shape for every floating input (or is null
    /// for an input the op does not differentiate, like Gather's indices).</summary>
    private static void CheckGradientShapes(Case c, OpSpec spec, Tensor[] inputs)
    {
        var watched = inputs.Where(t => t.DType.IsFloating).ToArray();
        if (watched.Length == 0) return;
        Tensor?[] grads;
        try
        {
            using var tape = new GradientTape();
            foreach (var t in watched) tape.Watch(t);
            var y = spec.Run(inputs, c.Ints, c.Flag)[0];
            grads = tape.Gradient(tf.ReduceSum(y), watched);
        }
        catch (Exception e) when (e is not PropertyFailure)
        {
            Must.Fail($"{c.Op}: its gradient crashed with {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            return;
        }
        for (int k = 0; k < watched.Length; k++)
            if (grads[k] is { } g)
            {
                Must.ShapeIs(D(watched[k]), g, $"d{c.Op}/dx{k}");
                Must.DTypeIs(watched[k].DType, g, $"d{c.Op}/dx{k}");
            }
    }
}
