#pragma warning disable CS8981
namespace Strata;

// The mirror modes of tf.pad (tf.Pad itself is in ArrayOps.cs).
public static partial class tf
{
    private static string PadMode(string mode)
    {
        Guard.NotNull(mode, "Pad", "mode");
        if (mode == "CONSTANT") return mode; // the default (Slice's gradient pads on every step): no allocation
        var upper = mode.ToUpperInvariant();
        if (upper is not ("CONSTANT" or "REFLECT" or "SYMMETRIC"))
            throw new InvalidArgumentError($"Pad: mode must be one of \"CONSTANT\", \"REFLECT\" or \"SYMMETRIC\", got \"{mode}\".");
        return upper;
    }

    /// <summary>
    /// REFLECT / SYMMETRIC padding as one gather per padded dimension, from index maps: the output position j of
    /// a dimension of size n reads input position m(j - before) with m folding the outside back in. Being gathers,
    /// the gradient (a scatter-add that folds the padded parts back onto the edge) comes with them.
    /// </summary>
    private static Tensor MirrorPad(Tensor x, int[,] paddings, bool reflect)
    {
        int r = x.Rank;
        for (int d = 0; d < r; d++)
        {
            int n = x.Shape[d], before = paddings[d, 0], after = paddings[d, 1];
            if (reflect && (before >= n || after >= n))
                throw new InvalidArgumentError($"Pad: paddings must be less than the dimension size: {before}, {after} not less than {n} (dimension {d} of shape {x.Shape}, REFLECT).");
            if (!reflect && (before > n || after > n))
                throw new InvalidArgumentError($"Pad: paddings must be no greater than the dimension size: {before}, {after} greater than {n} (dimension {d} of shape {x.Shape}, SYMMETRIC).");
        }
        var y = x;
        for (int d = 0; d < r; d++)
        {
            int n = x.Shape[d], before = paddings[d, 0], after = paddings[d, 1];
            if (before == 0 && after == 0) continue;
            var map = new long[before + n + after];
            for (int j = 0; j < map.Length; j++)
            {
                int i = j - before;
                // Reflect: -1 → 1, n → n - 2. Symmetric: -1 → 0, n → n - 1 (the paddings keep one fold enough).
                if (i < 0) i = reflect ? -i : -i - 1;
                else if (i >= n) i = reflect ? 2 * n - 2 - i : 2 * n - 1 - i;
                map[j] = i;
            }
            y = Gather(y, Tensor.FromBuffer(map, Shape.Wrap([map.Length]), DType.Int64), d);
        }
        return ReferenceEquals(y, x) ? Identity(x) : y;
    }
}
