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

    public Shape(params int[] dims)
    {
        foreach (var d in dims)
            if (d < -1) throw new InvalidArgumentError($"Shape: dimension {d} is negative in ({string.Join(", ", dims)}).");
        _dims = dims.Length == 0 ? null : (int[])dims.Clone();
    }

    private Shape(int[] dims, bool _) => _dims = dims.Length == 0 ? null : dims;

    /// <summary>Wraps an array the caller will not modify (no copy).</summary>
    internal static Shape Wrap(int[] dims) => new(dims, true);

    public static Shape Create(ReadOnlySpan<int> dims) => new(dims.ToArray());

    public static Shape Scalar => default;

    public int Rank => _dims?.Length ?? 0;

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

    public ReadOnlySpan<int> Dims => _dims;

    public int[] ToArray() => _dims is null ? [] : (int[])_dims.Clone();

    public bool IsFullyDefined
    {
        get
        {
            if (_dims is null) return true;
            foreach (var d in _dims) if (d < 0) return false;
            return true;
        }
    }

    /// <summary>Number of elements (1 for a scalar).</summary>
    public int Size
    {
        get
        {
            if (_dims is null) return 1;
            long n = 1;
            foreach (var d in _dims)
            {
                if (d < 0) throw new InvalidArgumentError($"Shape {this} is not fully defined; it has no size.");
                n *= d;
            }
            if (n > int.MaxValue) throw new InvalidArgumentError($"Shape {this} has {n} elements, more than a tensor can hold.");
            return (int)n;
        }
    }

    /// <summary>Normalises a possibly negative axis, throwing TensorFlow's error for one out of range.</summary>
    public int NormalizeAxis(int axis, string op)
    {
        int r = Rank;
        if (axis < -r || axis >= r || (r == 0 && axis != 0 && axis != -1))
            throw new InvalidArgumentError($"{op}: axis {axis} is out of range for a tensor of rank {r}, shape {this} (expected -{r} <= axis < {r}).");
        return axis < 0 ? axis + r : axis;
    }

    public Shape With(int axis, int value)
    {
        var d = ToArray();
        d[axis] = value;
        return Wrap(d);
    }

    public bool Equals(Shape other) => Dims.SequenceEqual(other.Dims);
    public override bool Equals(object? obj) => obj is Shape s && Equals(s);
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var d in Dims) h.Add(d);
        return h.ToHashCode();
    }
    public static bool operator ==(Shape a, Shape b) => a.Equals(b);
    public static bool operator !=(Shape a, Shape b) => !a.Equals(b);

    public static implicit operator Shape(int[] dims) => new(dims);

    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)(_dims ?? [])).GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString()
    {
        if (_dims is null) return "()";
        if (_dims.Length == 1) return $"({Dim(_dims[0])},)";
        return "(" + string.Join(", ", _dims.Select(Dim)) + ")";
    }

    private static string Dim(int d) => d < 0 ? "None" : d.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
