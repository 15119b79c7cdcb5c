using System.Runtime.CompilerServices;

namespace Strata;

/// <summary>
/// The dimensions of a tensor, immutable. Written with collection expressions (<c>[2, 3]</c>).
/// A dimension of -1 is unknown (Keras's <c>None</c>, e.g. the batch dimension of <c>keras.Input</c>).
/// Prints as TensorFlow does: <c>(1, 2)</c>, <c>(3,)</c>, <c>()</c>, <c>(None, 784)</c>.
/// </summary>
[CollectionBuilder(typeof(Shape), nameof(Create))]
public readonly struct Shape : IEquatable<Shape>, IEnumerable<int>
{
    private readonly int[]? _dims;

    /// <summary>The most dimensions a tensor can have: TensorFlow's limit (<c>TensorShape</c>'s kMaxDims).</summary>
    public const int MaxRank = 254;

    /// <summary>A shape of the given dimensions (copied); -1 marks an unknown one. More than <see cref="MaxRank"/>
    /// dimensions, or one below -1, is an <see cref="InvalidArgumentError"/>.</summary>
    public Shape(params int[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        if (dims.Length > MaxRank)
            throw new InvalidArgumentError($"Shape: rank {dims.Length} is more than the {MaxRank} dimensions a tensor can have.");
        foreach (var d in dims)
            if (d < -1) throw new InvalidArgumentError($"Shape: dimension {d} is negative in {(dims.Length == 1 ? $"({d},)" : "(" + string.Join(", ", dims) + ")")}; only -1 (unknown) is allowed.");
        _dims = dims.Length == 0 ? null : (int[])dims.Clone();
    }

    private Shape(int[] dims, bool _) => _dims = dims.Length == 0 ? null : dims;

    /// <summary>Wraps an array the caller will not modify (no copy).</summary>
    internal static Shape Wrap(int[] dims) => new(dims, true);

    /// <summary>The builder behind collection expressions: <c>Shape s = [2, 3];</c>.</summary>
    public static Shape Create(ReadOnlySpan<int> dims) => new(dims.ToArray());

    /// <summary>The shape of a scalar, <c>()</c>: rank 0, one element.</summary>
    public static Shape Scalar => default;

    /// <summary>The number of dimensions (<c>TensorShape.rank</c>); 0 for a scalar.</summary>
    public int Rank => _dims?.Length ?? 0;

    /// <summary>The size of dimension <paramref name="axis"/> (negative counts from the end; -1 if unknown); an
    /// <see cref="OutOfRangeError"/> outside the rank.</summary>
    public int this[int axis]
    {
        get
        {
            // A scalar has no dims array at all: without this check it failed with a NullReferenceException.
            int a = axis < 0 ? axis + Rank : axis;
            if ((uint)a >= (uint)Rank)
                throw new OutOfRangeError($"Shape: axis {axis} is out of range for shape {this} of rank {Rank}.");
            return _dims![a];
        }
    }

    /// <summary>The dimensions as a read-only span, without a copy.</summary>
    public ReadOnlySpan<int> Dims => _dims;

    /// <summary>The dimensions as a new array (<c>TensorShape.as_list()</c>).</summary>
    public int[] ToArray() => _dims is null ? [] : (int[])_dims.Clone();

    /// <summary>True when no dimension is unknown (<c>TensorShape.is_fully_defined()</c>).</summary>
    public bool IsFullyDefined
    {
        get
        {
            if (_dims is null) return true;
            foreach (var d in _dims) if (d < 0) return false;
            return true;
        }
    }

    /// <summary>The most elements a tensor can hold: its buffer is one .NET array (<see cref="Array.MaxLength"/>).</summary>
    public static int MaxElements => Array.MaxLength;

    /// <summary>Number of elements (1 for a scalar). Throws for an unknown dimension or a count above
    /// <see cref="MaxElements"/>; ops that make a shape call <see cref="CheckedSize"/> to name themselves.</summary>
    public int Size => CheckedSize("Shape");

    /// <summary>
    /// The one place where an element count is computed: overflow-safe (a product of dims that wraps around, such
    /// as 65536⁴ = 2⁶⁴ in long arithmetic, would look like 0), and an <see cref="InvalidArgumentError"/> naming
    /// <paramref name="op"/> and the shape when the count is unknown or above what a tensor can hold.
    /// </summary>
    public int CheckedSize(string op)
    {
        if (_dims is null) return 1;
        // n is at most MaxElements before each product, so no product wraps around (< 2^62).
        long n = 1;
        foreach (var d in _dims)
        {
            if (d < 0) throw new InvalidArgumentError($"{op}: shape {this} is not fully defined; it has no number of elements.");
            n *= d;
            if (n > MaxElements) return EmptyOrTooLarge(op);
        }
        return (int)n;
    }

    /// <summary>A count above the limit part way: the shape is still empty if a later dimension is 0.</summary>
    private int EmptyOrTooLarge(string op)
    {
        foreach (var d in _dims!)
        {
            if (d < 0) throw new InvalidArgumentError($"{op}: shape {this} is not fully defined; it has no number of elements.");
            if (d == 0) return 0;
        }
        throw TooLarge(op, _dims, ToString());
    }

    /// <summary>The element count of <paramref name="dims"/> as a checked shape would give it; for dims computed in
    /// long arithmetic (a padded or concatenated size) before they are known to fit in an int.</summary>
    internal static Shape Checked(ReadOnlySpan<long> dims, string op)
    {
        var result = new int[dims.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            if (dims[i] < 0) throw new InvalidArgumentError($"{op}: dimension {i} of the result would be {dims[i]}, which is negative ({Format(dims)}).");
            if (dims[i] > int.MaxValue) throw TooLarge(op, dims.ToArray(), Format(dims));
            result[i] = (int)dims[i];
        }
        var shape = Wrap(result);
        shape.CheckedSize(op);
        return shape;
    }

    private static InvalidArgumentError TooLarge<T>(string op, T[] dims, string text) where T : System.Numerics.IBinaryInteger<T>
    {
        var count = System.Numerics.BigInteger.One;
        foreach (var d in dims) count *= System.Numerics.BigInteger.CreateChecked(d);
        return new InvalidArgumentError($"{op}: shape {text} has {count} elements, more than the {MaxElements} a tensor can hold.");
    }

    private static string Format(ReadOnlySpan<long> dims) =>
        dims.Length == 1 ? $"({dims[0]},)" : "(" + string.Join(", ", dims.ToArray()) + ")";

    /// <summary>Normalises a possibly negative axis, throwing TensorFlow's error for one out of range.</summary>
    public int NormalizeAxis(int axis, string op)
    {
        int r = Rank;
        if (axis < -r || axis >= r || (r == 0 && axis != 0 && axis != -1))
            throw new InvalidArgumentError($"{op}: axis {axis} is out of range for a tensor of rank {r}, shape {this} (expected -{r} <= axis < {r}).");
        return axis < 0 ? axis + r : axis;
    }

    /// <summary>A copy of this shape with dimension <paramref name="axis"/> set to <paramref name="value"/>.</summary>
    public Shape With(int axis, int value)
    {
        var d = ToArray();
        d[axis] = value;
        return Wrap(d);
    }

    /// <summary>True when both shapes have the same dimensions, unknown ones included.</summary>
    public bool Equals(Shape other) => Dims.SequenceEqual(other.Dims);
    /// <summary>True when <paramref name="obj"/> is a shape with the same dimensions.</summary>
    public override bool Equals(object? obj) => obj is Shape s && Equals(s);
    /// <summary>A hash of the dimensions, consistent with <see cref="Equals(Shape)"/>.</summary>
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var d in Dims) h.Add(d);
        return h.ToHashCode();
    }
    /// <summary>True when both shapes have the same dimensions.</summary>
    public static bool operator ==(Shape a, Shape b) => a.Equals(b);
    /// <summary>True when the shapes differ in rank or in a dimension.</summary>
    public static bool operator !=(Shape a, Shape b) => !a.Equals(b);

    /// <summary>A shape of the dimensions in <paramref name="dims"/> (copied), as <see cref="Shape(int[])"/>.</summary>
    public static implicit operator Shape(int[] dims) => new(dims);

    /// <summary>The dimensions in order, so a shape works in <c>foreach</c> and LINQ.</summary>
    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)(_dims ?? [])).GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The shape as TensorFlow prints it: <c>(1, 2)</c>, <c>(3,)</c>, <c>()</c>, <c>(None, 784)</c>.</summary>
    public override string ToString()
    {
        if (_dims is null) return "()";
        if (_dims.Length == 1) return $"({Dim(_dims[0])},)";
        return "(" + string.Join(", ", _dims.Select(Dim)) + ")";
    }

    private static string Dim(int d) => d < 0 ? "None" : d.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
