namespace Strata.Keras.Engine;

/// <summary>
/// Keras's <c>assert_input_compatibility</c>: checks a layer's inputs against its input specs, in Keras's order
/// (count, rank, dtype, axes, shape), and fails with Keras 3's message (the wording of its released versions:
/// <c>Input 0 of layer "dense" is incompatible with the layer: …</c>). Unknown dimensions (-1, None) on either
/// side match anything. Errors are <see cref="InvalidArgumentError"/>, Strata's ValueError.
/// </summary>
internal static class InputCompatibility
{
    /// <summary>One input (the eager fast path: no list is made when the layer has no spec).</summary>
    public static void Assert(InputSpec?[]? specs, Tensor input, string layer)
    {
        if (specs is null || specs.Length == 0) return;
        if (specs.Length != 1) throw CountMismatch(specs.Length, [input], layer);
        if (specs[0] is { } spec && !Accepts(spec, input.Shape)) Check(spec, input.Shape, input.DType, 0, layer);
    }

    /// <summary>Several inputs, one spec each (a null spec accepts anything).</summary>
    public static void Assert(IReadOnlyList<InputSpec?>? specs, IReadOnlyList<Tensor> inputs, string layer)
    {
        if (specs is null || specs.Count == 0) return;
        if (inputs.Count != specs.Count) throw CountMismatch(specs.Count, inputs, layer);
        for (int i = 0; i < inputs.Count; i++)
            if (specs[i] is { } spec) Check(spec, inputs[i].Shape, inputs[i].DType, i, layer);
    }

    private static InvalidArgumentError CountMismatch(int expected, IReadOnlyList<Tensor> inputs, string layer) =>
        new($"Layer \"{layer}\" expects {expected} input(s), but it received {inputs.Count} input tensors. " +
            $"Inputs received: [{string.Join(", ", inputs.Select(Describe))}]");

    /// <summary>A tensor as an error shows it: its shape and dtype, not its values (Keras prints the whole tensor,
    /// which for a data set is thousands of numbers); a symbolic tensor as Keras prints it.</summary>
    internal static string Describe(Tensor t) =>
        t is KerasTensor kt ? kt.ToString() : $"tf.Tensor(shape={t.Shape}, dtype={t.DType.Name()})";

    /// <summary>The every-call path of a layer like Dense (a rank range and axis sizes): true when the input
    /// certainly passes; false sends it through <see cref="Check"/>, which says what is wrong.</summary>
    private static bool Accepts(InputSpec spec, Shape shape)
    {
        if (!spec.RankAndAxesOnly) return false;
        var dims = shape.Dims;
        if (dims.Length < spec.LowestRank || dims.Length > spec.HighestRank) return false;
        foreach (var (axis, value) in spec.AxisList)
        {
            int a = axis < 0 ? axis + dims.Length : axis;
            if ((uint)a >= (uint)dims.Length) return false;
            if (value >= 0 && dims[a] >= 0 && dims[a] != value) return false;
        }
        return true;
    }

    private static void Check(InputSpec spec, Shape shape, DType dtype, int index, string layer)
    {
        // This runs on every eager call of a layer: nothing is allocated unless the input fails.
        int ndim = shape.Rank;
        if (spec.Ndim is { } n && !spec.AllowLastAxisSqueeze && ndim != n)
            throw Incompatible(index, layer, $"expected ndim={n}, found ndim={ndim}. Full shape received: {shape}");
        if (spec.MaxNdim is { } max && ndim > max)
            throw Incompatible(index, layer, $"expected max_ndim={max}, found ndim={ndim}");
        if (spec.MinNdim is { } min && ndim < min)
            throw Incompatible(index, layer, $"expected min_ndim={min}, found ndim={ndim}. Full shape received: {shape}");
        if (spec.DType is { } want && dtype != want)
            throw Incompatible(index, layer, $"expected dtype={want.Name()}, found dtype={dtype.Name()}");

        foreach (var (axis, value) in spec.AxisList)
        {
            if (value < 0) continue; // an axis of unknown size accepts any
            // Released Keras 3 lets Python's IndexError escape here; its later versions say this.
            if (axis < -ndim || axis >= ndim)
                throw Incompatible(index, layer, $"axis {axis} is out of bounds for an input with ndim={ndim}. Full shape received: {shape}");
            int dim = shape[axis];
            if (dim >= 0 && dim != value)
                throw Incompatible(index, layer, $"expected axis {axis} of input shape to have value {value}, but received input with shape {shape}");
        }

        if (spec.Shape is { } specShape) CheckShape(spec, specShape, shape, index, layer);
    }

    private static InvalidArgumentError Incompatible(int index, string layer, string what) =>
        new($"Input {index} of layer \"{layer}\" is incompatible with the layer: {what}");

    private static void CheckShape(InputSpec spec, Shape specShape, Shape shape, int index, string layer)
    {
        var want = specShape.Dims;
        var got = shape.Dims;
        if (spec.AllowLastAxisSqueeze)
        {
            // A trailing axis of 1 on either side may be dropped to make the ranks meet (Keras 3's rank-aware rule;
            // its first releases dropped any trailing 1, which let (2, 1) pass for (None, 4)).
            if (got.Length == want.Length + 1 && got[^1] == 1) got = got[..^1];
            else if (want.Length == got.Length + 1 && want[^1] == 1) want = want[..^1];
        }
        // Ranks that still differ are compared on their leading axes only, as Keras does: the functional model
        // then reports the rank itself (InputRank.Adjust).
        for (int d = 0; d < Math.Min(want.Length, got.Length); d++)
            if (want[d] >= 0 && got[d] >= 0 && want[d] != got[d])
                throw Incompatible(index, layer, $"expected shape={specShape}, found shape={Shape.Wrap(got.ToArray())}");
    }
}
