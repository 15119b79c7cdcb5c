using System.Runtime.CompilerServices;

namespace Strata.Data;

/// <summary>
/// tf.nest for dataset elements: an element is a <see cref="Tensor"/>, a value tuple of elements, an array of
/// tensors, or a dictionary from names to tensors. <see cref="Flatten"/> lists its tensors in a fixed order and
/// <see cref="Pack"/> builds an element of the same structure from such a list (how Batch and Unbatch work
/// component by component).
/// </summary>
internal static class Structure
{
    public static List<Tensor> Flatten<T>(T element, string op)
    {
        // The common elements without boxing or reflection: a tensor, and an (x, y) pair.
        if (typeof(T) == typeof((Tensor, Tensor)))
        {
            var (a, b) = Unsafe.As<T, (Tensor, Tensor)>(ref element);
            if (a is not null && b is not null) return [a, b];
        }
        else if (element is Tensor t) return [t];
        var list = new List<Tensor>();
        Add(element, list, op);
        return list;
    }

    private static void Add(object? element, List<Tensor> list, string op)
    {
        switch (element)
        {
            case Tensor t: list.Add(t); break;
            case Tensor[] array: list.AddRange(array); break;
            case IReadOnlyDictionary<string, Tensor> dict:
                foreach (var key in dict.Keys.Order(StringComparer.Ordinal)) list.Add(dict[key]);
                break;
            case ITuple tuple when element.GetType().IsValueType:
                for (int i = 0; i < tuple.Length; i++) Add(tuple[i], list, op);
                break;
            case null: throw new InvalidArgumentError($"{op}: a dataset element (or a part of one) is null.");
            default:
                throw new InvalidArgumentError(
                    $"{op}: a dataset element must be a Tensor, a tuple of them, a Tensor[] or a dictionary of tensors; got {element.GetType().Name}.");
        }
    }

    /// <summary>An element shaped like <paramref name="template"/> holding <paramref name="tensors"/> in Flatten's order.</summary>
    public static T Pack<T>(T template, IReadOnlyList<Tensor> tensors)
    {
        if (typeof(T) == typeof((Tensor, Tensor)))
        {
            var pair = (tensors[0], tensors[1]);
            return Unsafe.As<(Tensor, Tensor), T>(ref pair);
        }
        if (typeof(T) == typeof(Tensor)) return (T)(object)tensors[0];
        int at = 0;
        var packed = (T)Build(template, tensors, ref at)!;
        return packed;
    }

    private static object Build(object? template, IReadOnlyList<Tensor> tensors, ref int at)
    {
        switch (template)
        {
            case Tensor: return tensors[at++];
            case Tensor[] array:
            {
                var copy = new Tensor[array.Length];
                for (int i = 0; i < copy.Length; i++) copy[i] = tensors[at++];
                return copy;
            }
            case IReadOnlyDictionary<string, Tensor> dict:
            {
                var copy = new Dictionary<string, Tensor>();
                foreach (var key in dict.Keys.Order(StringComparer.Ordinal)) copy[key] = tensors[at++];
                return copy;
            }
            case ITuple tuple:
            {
                var parts = new object[tuple.Length];
                for (int i = 0; i < parts.Length; i++) parts[i] = Build(tuple[i], tensors, ref at);
                return Tuples.Create(template.GetType(), parts);
            }
            default: throw new InvalidOperationException($"Structure.Pack: unexpected part {template?.GetType().Name ?? "null"}.");
        }
    }
}
