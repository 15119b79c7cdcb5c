using System.Globalization;

namespace Strata.Keras.Engine;

/// <summary>
/// Keras's <c>InputSpec</c>: what a layer accepts as input — rank (<see cref="Ndim"/>, <see cref="MinNdim"/>,
/// <see cref="MaxNdim"/>), dtype, the size of given axes (<see cref="Axes"/>) or the whole shape (batch included).
/// A layer sets its <c>Layer.InputSpec</c> (Dense: <c>minNdim: 2</c>, then <c>axes: {-1: inputDim}</c> once
/// built) and <c>Layer.Apply</c> checks every input against it before building or calling the layer, so a wrong
/// input fails with Keras's message instead of running on. An unknown dimension (-1, None) in the spec or in the
/// input matches anything.
/// </summary>
public sealed class InputSpec
{
    /// <param name="dtype">The dtype the input must have, or null for any.</param>
    /// <param name="shape">The whole expected shape, batch included (-1 for None); it also fixes the rank.</param>
    /// <param name="ndim">The exact rank (ignored when <paramref name="shape"/> is given).</param>
    /// <param name="maxNdim">The largest rank accepted.</param>
    /// <param name="minNdim">The smallest rank accepted.</param>
    /// <param name="axes">Axis → size; a negative axis counts from the end (Dense's <c>{-1: 784}</c>).</param>
    /// <param name="allowLastAxisSqueeze">Accept rank N+1 when the input's last axis is 1, and rank N-1 when the
    /// spec's last axis is 1 (what a functional model's inputs allow; the model then squeezes or expands).</param>
    /// <param name="name">The name of the input this spec stands for (a functional model's input layer).</param>
    public InputSpec(DType? dtype = null, Shape? shape = null, int? ndim = null, int? maxNdim = null, int? minNdim = null,
        IReadOnlyDictionary<int, int>? axes = null, bool allowLastAxisSqueeze = false, string? name = null)
    {
        DType = dtype;
        Shape = shape;
        Ndim = shape is { } s ? s.Rank : ndim;
        MaxNdim = maxNdim;
        MinNdim = minNdim;
        Axes = axes is null ? new Dictionary<int, int>() : new Dictionary<int, int>(axes);
        AxisList = Axes.ToArray();
        AllowLastAxisSqueeze = allowLastAxisSqueeze;
        Name = name;
        // The eager fast path (InputCompatibility.Accepts): a rank range and axis sizes only.
        RankAndAxesOnly = dtype is null && shape is null && (ndim is null || !allowLastAxisSqueeze);
        LowestRank = Ndim ?? MinNdim ?? 0;
        HighestRank = Ndim ?? MaxNdim ?? int.MaxValue;

        // Keras refuses, at construction, an axis that no input of the allowed rank can have.
        int? rankBound = Ndim is > 0 ? Ndim : MaxNdim;
        if (Axes.Count > 0 && rankBound is { } bound)
        {
            int maxAxis = Axes.Keys.Max();
            if (maxAxis > bound - 1)
                throw new InvalidArgumentError($"Axis {maxAxis} is greater than the maximum allowed value: {bound - 1}");
        }
    }

    /// <summary>The dtype the input must have, or null for any.</summary>
    public DType? DType { get; }

    /// <summary>The expected shape, batch included, or null.</summary>
    public Shape? Shape { get; }

    /// <summary>The exact rank required (the shape's rank when a shape is given), or null.</summary>
    public int? Ndim { get; }
    /// <summary>The largest rank accepted, or null.</summary>
    public int? MaxNdim { get; }
    /// <summary>The smallest rank accepted, or null.</summary>
    public int? MinNdim { get; }

    /// <summary>Axis → the size that axis must have.</summary>
    public IReadOnlyDictionary<int, int> Axes { get; }

    // The same pairs as an array: the check on every call walks it without allocating an enumerator.
    internal KeyValuePair<int, int>[] AxisList { get; }

    /// <summary>No dtype or whole shape to check: <see cref="LowestRank"/>..<see cref="HighestRank"/> and the axes say it all.</summary>
    internal bool RankAndAxesOnly { get; }
    internal int LowestRank { get; }
    internal int HighestRank { get; }

    /// <summary>Whether an input may have an extra trailing axis of size 1, or lack the spec's last axis when it is
    /// of size 1.</summary>
    public bool AllowLastAxisSqueeze { get; }
    /// <summary>The name of the input this spec stands for (a functional model's input layer), or null.</summary>
    public string? Name { get; }

    /// <summary>As Keras prints it, e.g. <c>InputSpec(min_ndim=2, axes={-1: 784})</c>; unset fields are left out.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (DType is { } d) parts.Add($"dtype={d.Name()}");
        if (Shape is { } s && s.Rank > 0) parts.Add($"shape={s}");
        // Keras tests each field for truth, so a 0 is left out as None is.
        if (Ndim is > 0) parts.Add($"ndim={Ndim}");
        if (MaxNdim is > 0) parts.Add($"max_ndim={MaxNdim}");
        if (MinNdim is > 0) parts.Add($"min_ndim={MinNdim}");
        if (Axes.Count > 0)
            parts.Add("axes={" + string.Join(", ", Axes.Select(a => $"{Int(a.Key)}: {(a.Value < 0 ? "None" : Int(a.Value))}")) + "}");
        return $"InputSpec({string.Join(", ", parts)})";
    }

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);
}
