namespace Strata;

/// <summary>
/// One entry of a tensor index, <c>x[…]</c>, as Python's subscript has them: a single position (an <c>int</c> or a
/// C# <see cref="Index"/> such as <c>^1</c>; removes its dimension), a range (a C# <see cref="Range"/> such as
/// <c>1..3</c> or <c>..</c>, or <see cref="Slice"/> with a step), <see cref="tf.newaxis"/> (inserts a dimension of
/// size 1) or <see cref="tf.ellipsis"/> (as many full ranges as the other entries leave). Negative ints count from
/// the end, as in Python. The semantics are TensorFlow's <c>strided_slice</c>.
/// </summary>
public readonly struct TensorIndex
{
    internal enum Kinds : byte { Position, Range, NewAxis, Ellipsis }

    internal Kinds Kind { get; }

    /// <summary>The position (Position) or the first position (Range; null: from the start for a positive step,
    /// from the end for a negative one). Negative values count from the end.</summary>
    internal int? Start { get; }

    /// <summary>The end, exclusive (Range; null: through the end in the step's direction).</summary>
    internal int? Stop { get; }

    internal int Step { get; }

    /// <summary>A position written <c>^k</c>: <see cref="Start"/> holds k, counted from the end (so <c>^0</c> is one past the last).</summary>
    internal bool FromEnd { get; }

    private TensorIndex(Kinds kind, int? start = null, int? stop = null, int step = 1, bool fromEnd = false)
    {
        Kind = kind;
        Start = start;
        Stop = stop;
        Step = step;
        FromEnd = fromEnd;
    }

    /// <summary>Python's <c>start:stop:step</c>; a null bound is left out, as <c>::-1</c> leaves both.</summary>
    public static TensorIndex Slice(int? start, int? stop, int step = 1) => new(Kinds.Range, start, stop, step);

    internal static readonly TensorIndex NewAxis = new(Kinds.NewAxis);
    internal static readonly TensorIndex Ellipsis = new(Kinds.Ellipsis);

    /// <summary>A single position, removing its dimension; negative counts from the end, as in Python.</summary>
    public static implicit operator TensorIndex(int position) => new(Kinds.Position, position);

    /// <summary>A C# index as a single position: <c>^1</c> is the last, as Python's <c>-1</c>.</summary>
    public static implicit operator TensorIndex(Index position) =>
        position.IsFromEnd ? new(Kinds.Position, position.Value, fromEnd: true) : new(Kinds.Position, position.Value);

    /// <summary>A C# range as Python's <c>start:stop</c>: <c>^k</c> is −k; an end of <c>^0</c> is "through the end".</summary>
    public static implicit operator TensorIndex(Range range)
    {
        // A start of ^0 is the end itself: a start past the end, which the slice clamps to it (an empty range).
        int start = range.Start.IsFromEnd ? (range.Start.Value == 0 ? int.MaxValue : -range.Start.Value) : range.Start.Value;
        int? stop = range.End.IsFromEnd ? (range.End.Value == 0 ? null : -range.End.Value) : range.End.Value;
        return new(Kinds.Range, start, stop);
    }

    /// <summary>The entry as Python would write it: <c>2</c>, <c>^1</c>, <c>1:3</c>, <c>::-1</c>, <c>tf.newaxis</c>, <c>...</c>.</summary>
    public override string ToString() => Kind switch
    {
        Kinds.Position => FromEnd ? $"^{Start}" : $"{Start}",
        Kinds.NewAxis => "tf.newaxis",
        Kinds.Ellipsis => "...",
        _ => $"{Start}:{Stop}" + (Step != 1 ? $":{Step}" : ""),
    };
}
