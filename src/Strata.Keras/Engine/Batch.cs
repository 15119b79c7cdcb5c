namespace Strata.Keras.Engine;

/// <summary>Mini-batches by copying whole rows (samples) of a row-major buffer: one block copy per row.</summary>
internal static class Batch
{
    /// <summary>Rows start..start+count of <paramref name="t"/>, or of its rows in <paramref name="order"/> when given.</summary>
    public static Tensor Rows(Tensor t, int[]? order, int start, int count)
    {
        int n = t.Shape[0];
        if (order is null && start == 0 && count == n && t is not Variable) return t; // immutable: share
        int row = n == 0 ? 0 : t.Size / n;
        var buffer = Tensor.AllocBuffer(t.DType, count * row);
        if (order is null) Array.Copy(t.Buffer, (long)start * row, buffer, 0, (long)count * row);
        else for (int i = 0; i < count; i++) Array.Copy(t.Buffer, (long)order[start + i] * row, buffer, (long)i * row, row);
        var dims = t.Shape.ToArray();
        dims[0] = count;
        return Tensor.FromBuffer(buffer, Shape.Wrap(dims), t.DType);
    }

    /// <summary>Copies all rows of <paramref name="batch"/> into <paramref name="into"/> from row <paramref name="start"/>.</summary>
    public static void CopyRows(Tensor batch, Tensor into, int start)
    {
        int row = into.Shape[0] == 0 ? 0 : into.Size / into.Shape[0];
        if (batch.Size != batch.Shape[0] * row || batch.DType != into.DType)
            throw new InvalidArgumentError($"Predict: a batch output of shape {batch.Shape} does not fit the result {into.Shape}.");
        Array.Copy(batch.Buffer, 0, into.Buffer, (long)start * row, batch.Size);
    }

    /// <summary>
    /// Gives the buffers of batch copies made by <see cref="Rows"/> back to the pool once a step is over (the
    /// batches of a Fit/Evaluate/Predict step are read by nothing after it). A batch that is the source
    /// tensor itself (the whole data set in one batch) is left alone.
    /// </summary>
    public static void Release(Tensor[] batches, Tensor[] sources)
    {
        for (int i = 0; i < batches.Length; i++)
            if (!ReferenceEquals(batches[i].Buffer, sources[i].Buffer)) Kernels.BufferPool.Return([batches[i]]);
    }
}
