namespace Strata.Kernels;

/// <summary>Masks built from sizes: identity matrices (tf.eye) and sequence masks (tf.sequence_mask).</summary>
internal static class MaskKernels
{
    /// <summary>Ones on the main diagonal of each rows × cols matrix of a buffer of <paramref name="size"/> bytes.</summary>
    public static byte[] Eye(int size, int rows, int cols)
    {
        var ones = new byte[size];
        int per = rows * cols, diag = Math.Min(rows, cols);
        for (int off = 0; per > 0 && off < size; off += per)
            for (int i = 0; i < diag; i++) ones[off + i * cols + i] = 1;
        return ones;
    }

    /// <summary>mask[i, j] = j &lt; lengths[i], for j in [0, width).</summary>
    public static bool[] Sequence(long[] lengths, int width)
    {
        var mask = new bool[(long)lengths.Length * width];
        for (int i = 0; i < lengths.Length; i++)
            mask.AsSpan(i * width, (int)Math.Clamp(lengths[i], 0, width)).Fill(true);
        return mask;
    }

    /// <summary>Whether an integer buffer holds a zero (integer division checks its divisors).</summary>
    public static bool HasZero(Array values) => values switch
    {
        int[] v => v.AsSpan().Contains(0),
        long[] v => v.AsSpan().Contains(0L),
        byte[] v => v.AsSpan().Contains((byte)0),
        _ => false,
    };
}
