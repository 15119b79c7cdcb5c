using System.Collections;
using System.Runtime.CompilerServices;

namespace Strata.Keras.Layers;

/// <summary>
/// Keras's "an integer or a tuple of integers" argument (<c>kernel_size=3</c> or <c>kernel_size=(3, 5)</c>): an
/// <c>int</c>, an <c>int[]</c>, a collection expression (<c>[3, 5]</c>) or a C# tuple (<c>(3, 5)</c>) all convert
/// to it. The default value stands for "not given".
/// </summary>
[CollectionBuilder(typeof(IntTuple), nameof(Create))]
public readonly struct IntTuple : IEnumerable<int>
{
    private readonly int[]? _values;

    private IntTuple(int[] values) => _values = values;

    /// <summary>True for <c>default</c>: the argument was not given.</summary>
    public bool IsDefault => _values is null;

    /// <summary>The values as given (one number stays one number).</summary>
    public ReadOnlySpan<int> Values => _values;

    /// <summary>For collection expressions.</summary>
    public static IntTuple Create(ReadOnlySpan<int> values) => new(values.ToArray());

    /// <summary>One number for every axis: <c>3</c> is <c>(3, 3)</c> for a 2-D layer.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator IntTuple(int value) => new([value]);
    /// <summary>One number per axis (copied), or a single number for every axis; null counts as empty.</summary>
    /// <param name="values">The values.</param>
    public static implicit operator IntTuple(int[] values) => new(values is null ? [] : (int[])values.Clone());
    /// <summary>Two numbers, one per axis of a 2-D layer: <c>(3, 5)</c>.</summary>
    /// <param name="t">The values.</param>
    public static implicit operator IntTuple((int, int) t) => new([t.Item1, t.Item2]);
    /// <summary>Three numbers, one per axis of a 3-D layer: <c>(3, 3, 3)</c>.</summary>
    /// <param name="t">The values.</param>
    public static implicit operator IntTuple((int, int, int) t) => new([t.Item1, t.Item2, t.Item3]);

    /// <summary>Enumerates the values as given (none for <c>default</c>).</summary>
    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)(_values ?? [])).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>As Python prints the argument: <c>3</c> or <c>(3, 5)</c>.</summary>
    public override string ToString() => _values is [var one] ? one.ToString() : $"({string.Join(", ", _values ?? [])})";
}
