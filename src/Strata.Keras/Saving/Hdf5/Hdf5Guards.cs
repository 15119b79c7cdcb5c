namespace Strata.Keras.Saving.Hdf5;

/// <summary>
/// Keras 3.11's limits on what a weights file may declare: a dataset over 4 GiB that would also be more than 1000
/// times what the file stores is a bomb (a tiny file declaring a huge array). We bound the stored bytes by the file's
/// length, which no dataset can exceed.
/// </summary>
internal static class Hdf5Guards
{
    public const long FourGiB = 4L << 30;
    public const long MaxExpansion = 1000;

    /// <summary>The declared element count, or an error when the declared size is refused.</summary>
    public static int CheckDeclaredSize(string where, string path, ReadOnlySpan<ulong> dims, long elementSize, long fileBytes)
    {
        // Computed in decimal so that absurd dimensions cannot overflow the product.
        decimal count = 1;
        foreach (var d in dims) count *= d;
        decimal declared = count * elementSize;
        if (declared > FourGiB && declared > (decimal)Math.Max(fileBytes, 1) * MaxExpansion)
            throw new ModelFileError($"{where}, dataset {path}",
                $"declares {declared:N0} bytes but the file holds only {fileBytes:N0}; refused as a decompression bomb (limit: 4 GiB and 1000x the stored bytes).");
        if (count > int.MaxValue)
            throw new ModelFileError($"{where}, dataset {path}", $"declares {count:N0} values, more than a tensor can hold.");
        return (int)count;
    }
}
