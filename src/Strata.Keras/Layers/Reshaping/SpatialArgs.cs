using System.Globalization;

namespace Strata.Keras.Layers;

/// <summary>The argument rules shared by the padding and cropping layers: (before, after) pairs per spatial axis,
/// each non-negative (Keras's standardize_tuple with allow_zero), and Python's way of printing them.</summary>
internal static class SpatialArgs
{
    public static (int, int)[] Check(string layer, string argument, (int, int)[] pairs)
    {
        var bad = pairs.SelectMany(p => new[] { p.Item1, p.Item2 }).Where(v => v < 0).Distinct().ToArray();
        if (bad.Length > 0)
            throw new InvalidArgumentError(
                $"{layer}: The `{argument}` argument must be a tuple of {pairs.Length} pairs of integers. Received {argument}={Py(pairs)} " +
                $"including values {{{string.Join(", ", bad.Select(Int))}}} that do not satisfy `value >= 0`");
        return pairs;
    }

    /// <summary>As Python prints a tuple of pairs: ((1, 1), (2, 2)); a single pair prints as (1, 1).</summary>
    public static string Py((int, int)[] pairs) =>
        pairs.Length == 1 ? Pair(pairs[0]) : "(" + string.Join(", ", pairs.Select(Pair)) + ")";

    private static string Pair((int, int) p) => $"({Int(p.Item1)}, {Int(p.Item2)})";

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>Zero padding of axes 1..n of a (batch, spatial…, channels) tensor; tf.Pad carries the gradient.</summary>
    public static Tensor Pad(Tensor x, (int, int)[] pairs)
    {
        var pads = new int[x.Rank, 2];
        for (int d = 0; d < pairs.Length; d++) (pads[d + 1, 0], pads[d + 1, 1]) = pairs[d];
        return tf.Pad(x, pads);
    }

    /// <summary>Cropping of axes 1..n: a tf.Slice (whose gradient pads back) after checking each axis keeps at least
    /// one element, with Keras's message otherwise.</summary>
    public static Tensor Crop(Tensor x, (int, int)[] pairs, string layer)
    {
        var begin = new int[x.Rank];
        var size = x.Shape.ToArray();
        for (int d = 0; d < pairs.Length; d++)
        {
            var (a, b) = pairs[d];
            if ((long)a + b >= x.Shape[d + 1])
                throw new InvalidArgumentError(
                    $"{layer}: Values in `cropping` argument should be smaller than the corresponding spatial dimension of the input. " +
                    $"Received: input_shape={x.Shape}, cropping={Py(pairs)}");
            begin[d + 1] = a;
            size[d + 1] = x.Shape[d + 1] - a - b;
        }
        return tf.Slice(x, begin, size);
    }
}
