namespace Strata;

/// <summary>
/// The values of a .NET array handed to <c>tf.Constant</c>, flattened row-major with their dims: a rectangular
/// array of any rank (<c>float[,]</c>) or a jagged one (<c>float[][]</c>, as Python's nested lists), which must be
/// rectangular. Anything else is an error that names the op, the offending element and its type.
/// </summary>
internal static class ArrayValues
{
    private const string Supported = "float, double, int, long, bool or byte";

    public static (Array Flat, int[] Dims, Type Element) Flatten(Array values, string op)
    {
        var elem = values.GetType().GetElementType()!;
        if (IsSupported(elem)) return (Rectangular(values, elem), DimsOf(values), elem);
        if (!elem.IsArray)
            throw new TypeError($"{op}: no dtype for .NET element type {elem.Name} (values of type {values.GetType().Name}); " +
                $"expected {Supported} elements, or arrays of them.");

        // Jagged: every sub-array must have the dims of the first, all the way down.
        var dims = new List<int>(DimsOf(values));
        var leaves = new List<Array>();
        Type? leafType = null;
        Walk(values, 0, "", dims, leaves, ref leafType, op);
        if (leafType is null) // no leaf at all (an outer dimension of 0): float32 with the dims seen
            return (Array.Empty<float>(), dims.ToArray(), typeof(float));
        long total = 0;
        foreach (var leaf in leaves) total += leaf.Length;
        var flat = DTypeExtensions.FromClr(leafType).NewArray(checked((int)total));
        int offset = 0;
        foreach (var leaf in leaves)
        {
            var part = Rectangular(leaf, leafType);
            Array.Copy(part, 0, flat, offset, part.Length);
            offset += part.Length;
        }
        return (flat, dims.ToArray(), leafType);
    }

    private static void Walk(Array a, int depth, string path, List<int> dims, List<Array> leaves, ref Type? leafType, string op)
    {
        var elem = a.GetType().GetElementType()!;
        if (IsSupported(elem))
        {
            if (leafType is not null && leafType != elem)
                throw new TypeError($"{op}: the values mix element types {leafType.Name} and {elem.Name} (at {path}); use one type.");
            leafType = elem;
            leaves.Add(a);
            return;
        }
        if (!elem.IsArray)
            throw new TypeError($"{op}: no dtype for .NET element type {elem.Name} (at {path}); expected {Supported} elements.");
        int rank = a.Rank;
        // Recursion is per level of nesting; a tensor has at most MaxRank dimensions anyway.
        if (depth + rank > Shape.MaxRank)
            throw new InvalidArgumentError($"{op}: the jagged array nests more than the {Shape.MaxRank} dimensions a tensor can have.");
        var index = new int[rank];
        for (long k = 0; k < a.Length; k++)
        {
            Unravel(k, a, index);
            var at = path + "[" + string.Join(", ", index) + "]";
            if (a.GetValue(index) is not Array child)
                throw new TypeError($"{op}: element {at} is null; a jagged array needs every element.");
            var childDims = DimsOf(child);
            int level = depth + rank; // where the child's dims start in the tensor's shape
            if (dims.Count == level) dims.AddRange(childDims);
            else if (!dims.Skip(level).Take(childDims.Length).SequenceEqual(childDims) || dims.Count < level + childDims.Length)
                throw new InvalidArgumentError(
                    $"{op}: the jagged array is not rectangular: element {at} has length {string.Join(" x ", childDims)}, " +
                    $"another at that depth has {string.Join(" x ", dims.Skip(level).Take(childDims.Length))}.");
            Walk(child, level, at, dims, leaves, ref leafType, op);
        }
    }

    private static void Unravel(long k, Array a, int[] index)
    {
        for (int d = a.Rank - 1; d >= 0; d--)
        {
            int n = a.GetLength(d);
            index[d] = (int)(k % n);
            k /= n;
        }
    }

    private static bool IsSupported(Type t) =>
        t == typeof(float) || t == typeof(double) || t == typeof(int) || t == typeof(long) || t == typeof(bool) || t == typeof(byte);

    private static int[] DimsOf(Array a)
    {
        var dims = new int[a.Rank];
        for (int i = 0; i < dims.Length; i++) dims[i] = a.GetLength(i);
        return dims;
    }

    /// <summary>A rank-1 copy of a rectangular array of a supported element type (multi-dimensional .NET arrays are
    /// row-major, like tensors).</summary>
    private static Array Rectangular(Array values, Type elem)
    {
        var flat = DTypeExtensions.FromClr(elem).NewArray(values.Length);
        if (values.Rank > 1 || elem == typeof(bool)) Buffer.BlockCopy(values, 0, flat, 0, Buffer.ByteLength(values));
        else Array.Copy(values, flat, values.Length);
        return flat;
    }
}
