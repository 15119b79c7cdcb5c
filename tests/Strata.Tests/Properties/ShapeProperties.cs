using CsCheck;

namespace Strata.Tests.Properties;

/// <summary>Data movement: reshape and transpose round trips, slices, concat/stack/unstack, gather and BroadcastTo
/// against explicit index arithmetic, bit for bit (NaN payloads and -0 included), every dtype.</summary>
public class ShapeProperties(ITestOutputHelper output)
{
    public const int ReshapeCases = 1500, TransposeCases = 2000, SliceCases = 2000, ConcatCases = 1200, GatherCases = 1200, BroadcastToCases = 1200, ExpandSqueezeCases = 1000;

    /// <summary>A shape with the same element count: the size's factors spread over a random rank (with 1s), or any
    /// dims with a 0 when the size is 0.</summary>
    private static Gen<int[]> SameSize(int size) =>
        from rank in Gen.Int[0, 5]
        from slots in Gen.Int[0, 4].Array[16]
        from zeroDims in G.Dim.Array[rank]
        from zeroAt in Gen.Int[0, 4]
        select size == 0
            ? (rank == 0 ? [0] : zeroDims.Select((d, i) => i == zeroAt % rank ? 0 : d).ToArray())
            : Spread(Factors(size), rank == 0 && size > 1 ? 1 : rank, slots);

    private static List<int> Factors(int n)
    {
        var f = new List<int>();
        for (int p = 2; n > 1; p++)
            while (n % p == 0) { f.Add(p); n /= p; }
        return f;
    }

    private static int[] Spread(List<int> factors, int rank, int[] slots)
    {
        var dims = Enumerable.Repeat(1, rank).ToArray();
        for (int i = 0; i < factors.Count; i++) dims[slots[i % slots.Length] % rank] *= factors[i];
        return dims;
    }

    [Fact]
    public void ReshapeThereAndBackKeepsTheBuffer()
    {
        var gen =
            from x in G.Tensor(G.Dims, G.Any, Values.Wild)
            from to in SameSize(x.Size)
            from infer in Gen.Int[-1, 5]
            select (x, to, infer);
        PropertyRunner.Run("ReshapeThereAndBackKeepsTheBuffer", gen, c =>
        {
            var (spec, to, infer) = c;
            var x = spec.Make();
            var target = (int[])to.Clone();
            // Infer one dimension with -1 when TensorFlow can (the others' product is not 0).
            if (infer >= 0 && infer < target.Length && target.Where((_, i) => i != infer).Aggregate(1, (a, d) => a * d) != 0) target[infer] = -1;
            var y = tf.Reshape(x, target);
            Must.ShapeIs(to, y, "Reshape");
            Must.SameBits(Naive.Bits(x), Naive.Bits(y), "Reshape");
            var back = tf.Reshape(y, spec.Dims);
            Must.ShapeIs(spec.Dims, back, "Reshape back");
            Must.SameBits(Naive.Bits(x), Naive.Bits(back), "Reshape back");
        }, ReshapeCases, output, c => $"{c.x} to ({string.Join(", ", c.to)}) infer {c.infer}");
    }

    [Fact]
    public void TransposeMatchesIndexArithmeticAndItsInverseUndoesIt()
    {
        var gen =
            from x in G.Tensor(G.Dims, G.Any, Values.Wild)
            from perm in G.Permutation(x.Dims.Length)
            from reverse in Gen.Int[0, 9]
            select (x, perm: reverse == 0 ? null : perm);
        PropertyRunner.Run("TransposeMatchesIndexArithmeticAndItsInverseUndoesIt", gen, c =>
        {
            var (spec, perm) = c;
            var x = spec.Make();
            int r = spec.Dims.Length;
            var p = perm ?? Enumerable.Range(0, r).Reverse().ToArray();
            var y = tf.Transpose(x, perm);
            Must.ShapeIs(p.Select(i => spec.Dims[i]).ToArray(), y, "Transpose");
            Must.DTypeIs(spec.DType, y, "Transpose");
            Must.SameBits(Naive.Transpose(Naive.Bits(x), spec.Dims, p), Naive.Bits(y), "Transpose");
            var inverse = new int[r];
            for (int i = 0; i < r; i++) inverse[p[i]] = i;
            var back = tf.Transpose(y, inverse);
            Must.ShapeIs(spec.Dims, back, "Transpose back");
            Must.SameBits(Naive.Bits(x), Naive.Bits(back), "Transpose back");
        }, TransposeCases, output, c => $"{c.x} perm [{(c.perm is null ? "null" : string.Join(", ", c.perm))}]");
    }

    [Fact]
    public void SliceMatchesIndexArithmetic()
    {
        var gen =
            from x in G.Tensor(G.Dims, G.Any, Values.Wild)
            from begins in Gen.Double.Unit.Array[x.Dims.Length]
            from sizes in Gen.Double.Unit.Array[x.Dims.Length]
            from toEnd in Gen.Int[0, 4].Array[x.Dims.Length]
            from bad in Gen.Int[-1, 12]
            select (x, begins, sizes, toEnd, bad);
        PropertyRunner.Run("SliceMatchesIndexArithmetic", gen, c =>
        {
            var (spec, bu, su, toEnd, bad) = c;
            var x = spec.Make();
            int r = spec.Dims.Length;
            var begin = new int[r];
            var size = new int[r];
            var extent = new int[r];
            for (int i = 0; i < r; i++)
            {
                begin[i] = (int)(bu[i] * (spec.Dims[i] + 1));
                extent[i] = (int)(su[i] * (spec.Dims[i] - begin[i] + 1));
                size[i] = toEnd[i] == 0 ? -1 : extent[i];
                if (toEnd[i] == 0) extent[i] = spec.Dims[i] - begin[i];
            }
            if (bad >= 0 && bad < r)
            {
                // One dimension out of bounds: past the end, or a negative begin.
                if (bad % 2 == 0) { size[bad] = spec.Dims[bad] - begin[bad] + 1; }
                else begin[bad] = -1;
                Must.Throw<InvalidArgumentError>("Slice", () => tf.Slice(x, begin, size), "a box out of bounds");
                return;
            }
            var y = tf.Slice(x, begin, size);
            Must.ShapeIs(extent, y, "Slice");
            Must.SameBits(Naive.Slice(Naive.Bits(x), spec.Dims, begin, extent), Naive.Bits(y), "Slice");
        }, SliceCases, output, c => $"{c.x}");
    }

    [Fact]
    public void ConcatStackAndUnstackMatchIndexArithmetic()
    {
        var gen =
            from baseDims in G.Dims.Where(d => d.Length > 0)
            from axisPick in Gen.Int[0, 9]
            from count in Gen.Int[1, 4]
            from sizes in G.Dim.Array[count]
            from dtype in G.Any
            from seeds in Gen.ULong.Array[count]
            from negative in Gen.Bool
            select (baseDims, axisPick, sizes, dtype, seeds, negative);
        PropertyRunner.Run("ConcatStackAndUnstackMatchIndexArithmetic", gen, c =>
        {
            var (baseDims, axisPick, sizes, dtype, seeds, negative) = c;
            int r = baseDims.Length, a = axisPick % r;
            int axis = negative ? a - r : a;
            var parts = sizes.Select((s, k) => new TensorSpec(baseDims.Select((d, i) => i == a ? s : d).ToArray(), dtype, seeds[k], Values.Wild)).ToArray();
            var tensors = parts.Select(p => p.Make()).ToArray();
            var y = tf.Concat(tensors, axis);
            var outDims = baseDims.Select((d, i) => i == a ? sizes.Sum() : d).ToArray();
            Must.ShapeIs(outDims, y, "Concat");
            // Reference: each output element comes from the part whose range along the axis holds its index.
            var bits = tensors.Select(Naive.Bits).ToArray();
            var expected = new long[Naive.Count(outDims)];
            for (int k = 0; k < expected.Length; k++)
            {
                var idx = Naive.Unravel(k, outDims);
                int part = 0, at = idx[a];
                while (at >= sizes[part]) { at -= sizes[part]; part++; }
                idx[a] = at;
                expected[k] = bits[part][Naive.Ravel(idx, parts[part].Dims)];
            }
            Must.SameBits(expected, Naive.Bits(y), "Concat");

            // Stack the parts of the first part's shape along a new axis, and unstack them again.
            var same = Enumerable.Range(0, sizes.Length).Select(k => new TensorSpec(parts[0].Dims, dtype, seeds[k], Values.Wild).Make()).ToArray();
            int stackAxis = axisPick % (r + 1);
            var stacked = tf.Stack(same, stackAxis);
            int[] sDims = [.. parts[0].Dims[..stackAxis], sizes.Length, .. parts[0].Dims[stackAxis..]];
            Must.ShapeIs(sDims, stacked, "Stack");
            var un = tf.Unstack(stacked, stackAxis);
            Must.True(un.Length == sizes.Length, $"Unstack: {un.Length} tensors, expected {sizes.Length}");
            for (int k = 0; k < un.Length; k++)
            {
                Must.ShapeIs(parts[0].Dims, un[k], "Unstack");
                Must.SameBits(Naive.Bits(same[k]), Naive.Bits(un[k]), "Unstack");
            }
        }, ConcatCases, output);
    }

    [Fact]
    public void GatherMatchesIndexArithmetic()
    {
        var gen =
            from p in G.Tensor(G.Dims.Where(d => d.Length > 0), G.Any, Values.Wild)
            from axisPick in Gen.Int[0, 9]
            from idxDims in G.Rank.Select(r => Math.Min(r, 2)).SelectMany(r => G.Dim.Array[r])
            from raw in Gen.Int[0, 1000].Array[36]
            from bad in Gen.Int[0, 9]
            from int64 in Gen.Bool
            select (p, axisPick, idxDims, raw, bad, int64);
        PropertyRunner.Run("GatherMatchesIndexArithmetic", gen, c =>
        {
            var (spec, axisPick, idxDims, raw, bad, int64) = c;
            int r = spec.Dims.Length, a = axisPick % r, n = spec.Dims[a];
            int m = Naive.Count(idxDims);
            var idx = Enumerable.Range(0, m).Select(i => n == 0 ? 0 : raw[i % raw.Length] % n).ToArray();
            bool outOfRange = (bad == 0 && m > 0) || (n == 0 && m > 0);
            if (bad == 0 && m > 0) idx[0] = raw[0] % 2 == 0 ? n : -1;
            var x = spec.Make();
            var indices = tf.Constant(idx, dtype: int64 ? DType.Int64 : DType.Int32, shape: new Shape(idxDims));
            if (outOfRange)
            {
                Must.Throw<InvalidArgumentError>("Gather", () => tf.Gather(x, indices, a), "an index out of range");
                return;
            }
            var y = tf.Gather(x, indices, a);
            int[] outDims = [.. spec.Dims[..a], .. idxDims, .. spec.Dims[(a + 1)..]];
            Must.ShapeIs(outDims, y, "Gather");
            var xb = Naive.Bits(x);
            var expected = new long[Naive.Count(outDims)];
            for (int k = 0; k < expected.Length; k++)
            {
                var o = Naive.Unravel(k, outDims);
                int[] src = [.. o[..a], idx[Naive.Ravel(o[a..(a + idxDims.Length)], idxDims)], .. o[(a + idxDims.Length)..]];
                expected[k] = xb[Naive.Ravel(src, spec.Dims)];
            }
            Must.SameBits(expected, Naive.Bits(y), "Gather");
        }, GatherCases, output);
    }

    [Fact]
    public void BroadcastToMatchesIndexArithmetic()
    {
        var gen =
            from shapes in BroadcastingProperties.RelatedShapes(2)
            from x in G.Tensor(shapes[0], DType.Float32, Values.Wild)
            from dtype in G.Any
            select (x: x with { DType = dtype }, target: shapes[1]);
        PropertyRunner.Run("BroadcastToMatchesIndexArithmetic", gen, c =>
        {
            var (spec, target) = c;
            var x = spec.Make();
            var shape = Naive.BroadcastShape(spec.Dims, target);
            if (shape is null || !shape.SequenceEqual(target))
            {
                Must.Throw<InvalidArgumentError>("BroadcastTo", () => tf.BroadcastTo(x, target), $"{x.Shape} does not broadcast to {new Shape(target)}");
                return;
            }
            var y = tf.BroadcastTo(x, target);
            Must.ShapeIs(target, y, "BroadcastTo");
            var xb = Naive.Bits(x);
            var expected = new long[Naive.Count(target)];
            for (int k = 0; k < expected.Length; k++) expected[k] = xb[Naive.BroadcastSource(Naive.Unravel(k, target), spec.Dims)];
            Must.SameBits(expected, Naive.Bits(y), "BroadcastTo");
        }, BroadcastToCases, output, c => $"{c.x} to ({string.Join(", ", c.target)})");
    }

    [Fact]
    public void ExpandDimsThenSqueezeIsIdentity()
    {
        var gen =
            from x in G.Tensor(G.Dims, G.Any, Values.Wild)
            from axis in Gen.Int[-x.Dims.Length - 2, x.Dims.Length + 1]
            select (x, axis);
        PropertyRunner.Run("ExpandDimsThenSqueezeIsIdentity", gen, c =>
        {
            var (spec, axis) = c;
            var x = spec.Make();
            int r = spec.Dims.Length;
            if (axis < -r - 1 || axis > r)
            {
                Must.Throw<InvalidArgumentError>("ExpandDims", () => tf.ExpandDims(x, axis), $"axis {axis} for rank {r}");
                return;
            }
            var y = tf.ExpandDims(x, axis);
            int a = axis < 0 ? axis + r + 1 : axis;
            Must.ShapeIs([.. spec.Dims[..a], 1, .. spec.Dims[a..]], y, "ExpandDims");
            var back = tf.Squeeze(y, [axis < 0 ? a - (r + 1) : a]);
            Must.ShapeIs(spec.Dims, back, "Squeeze");
            Must.SameBits(Naive.Bits(x), Naive.Bits(back), "Squeeze");
            var all = tf.Squeeze(x);
            Must.ShapeIs(spec.Dims.Where(d => d != 1).ToArray(), all, "Squeeze");
        }, ExpandSqueezeCases, output, c => $"{c.x} axis {c.axis}");
    }
}
