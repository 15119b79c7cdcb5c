namespace Strata.Kernels;

/// <summary>Rows (slices along the first axis) taken out of and stacked into tensors by whole-row block copies:
/// the element and batch moves of tf.data.</summary>
internal static class RowKernels
{
    /// <summary>Row <paramref name="i"/> of <paramref name="t"/>: shape t.Shape[1..].</summary>
    public static Tensor Row(Tensor t, int i)
    {
        var dims = t.Shape.Dims[1..].ToArray();
        var row = Tensor.Empty(t.DType, Shape.Wrap(dims));
        Array.Copy(t.Buffer, (long)i * row.Size, row.Buffer, 0, row.Size);
        return row;
    }

    /// <summary>Tensors of one shape and dtype stacked along a new first axis (the caller checked them).</summary>
    public static Tensor Stack(IReadOnlyList<Tensor> rows)
    {
        var first = rows[0];
        var stacked = Tensor.Empty(first.DType, Shape.Wrap([rows.Count, .. first.Shape.Dims]), "Batch");
        for (int i = 0; i < rows.Count; i++) Array.Copy(rows[i].Buffer, 0, stacked.Buffer, (long)i * first.Size, first.Size);
        return stacked;
    }

    /// <summary><paramref name="t"/> written into the corner of a tensor of <paramref name="dims"/> filled with
    /// <paramref name="fill"/> (PaddedBatch's padding).</summary>
    public static Tensor PadTo(Tensor t, int[] dims, Tensor fill)
    {
        var padded = tf.Fill(Shape.Wrap(dims), fill);
        ArrayKernels.CopyBox(t.Buffer, t.Shape.ToArray(), new int[dims.Length], padded.Buffer, dims, new int[dims.Length], t.Shape.ToArray());
        return padded;
    }
}
