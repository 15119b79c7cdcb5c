#pragma warning disable CS8981
using Strata.Kernels;

namespace Strata;

public static partial class tf
{
    /// <summary>
    /// Matrix product of the last two dimensions, batched over the leading ones (which broadcast).
    /// <paramref name="transposeA"/>/<paramref name="transposeB"/> transpose the matrices without copying them.
    /// </summary>
    public static Tensor MatMul(Tensor a, Tensor b, bool transposeA = false, bool transposeB = false)
    {
        NotNull(a, "MatMul", "a");
        NotNull(b, "MatMul", "b");
        if (a.DType != b.DType)
            throw new InvalidArgumentError($"MatMul: dtypes differ: a is {a.DType.Name()} with shape {a.Shape}, b is {b.DType.Name()} with shape {b.Shape}.");
        if (!a.DType.IsFloating && a.DType is not (DType.Int32 or DType.Int64))
            throw new UnsupportedDTypeError($"MatMul: expected float32, float64, int32 or int64 tensors, got {a.DType.Name()} (a {a.Shape}, b {b.Shape}).");
        if (a.Rank < 2 || b.Rank < 2)
            throw new InvalidArgumentError($"MatMul: both inputs must have rank >= 2: a is {a.Shape}, b is {b.Shape}.");

        int m = transposeA ? a.Shape[-1] : a.Shape[-2];
        int ka = transposeA ? a.Shape[-2] : a.Shape[-1];
        int kb = transposeB ? b.Shape[-1] : b.Shape[-2];
        int n = transposeB ? b.Shape[-2] : b.Shape[-1];
        if (ka != kb)
            throw new InvalidArgumentError(
                $"MatMul: inner dimensions differ: a is {a.Shape}{(transposeA ? " (transposed)" : "")}, b is {b.Shape}{(transposeB ? " (transposed)" : "")} ({ka} vs {kb}).");

        var aBatch = Shape.Wrap(a.Shape.Dims[..^2].ToArray());
        var bBatch = Shape.Wrap(b.Shape.Dims[..^2].ToArray());
        Shape batch;
        try { batch = BroadcastPlan.OutputShape(aBatch, bBatch, "MatMul"); }
        catch (InvalidArgumentError e) when (e.Message.Contains("incompatible shapes"))
        {
            // The broadcasting error names only the batch dims; a user needs the whole shapes.
            throw new InvalidArgumentError($"MatMul: batch dimensions do not broadcast: a is {a.Shape}, b is {b.Shape} (batch {aBatch} vs {bBatch}).");
        }
        var outDims = new int[batch.Rank + 2];
        batch.Dims.CopyTo(outDims);
        (outDims[^2], outDims[^1]) = (m, n);
        var c = Tensor.Empty(a.DType, Shape.Wrap(outDims), "MatMul");
        RunGemm(a, b, c, aBatch, bBatch, batch, transposeA, transposeB, m, n, ka);

        if (GradientTape.IsRecording && a.DType.IsFloating)
        {
            // Only the partials a tape can ask for: a layer's input batch is usually a constant, and its
            // gradient would cost as much as the weight gradient.
            bool needA = GradientTape.IsWatchedByAny(a), needB = GradientTape.IsWatchedByAny(b);
            if (needA || needB)
                Record("MatMul", c, [a, b], (dc, i, _) =>
                {
                    var (x, y) = (i[0], i[1]);
                    Tensor? da = null, db = null;
                    switch (transposeA, transposeB)
                    {
                        case (false, false):
                            if (needA) da = MatMul(dc, y, transposeB: true);
                            if (needB) db = MatMul(x, dc, transposeA: true);
                            break;
                        case (false, true):
                            if (needA) da = MatMul(dc, y);
                            if (needB) db = MatMul(dc, x, transposeA: true);
                            break;
                        case (true, false):
                            if (needA) da = MatMul(y, dc, transposeB: true);
                            if (needB) db = MatMul(x, dc);
                            break;
                        default:
                            if (needA) da = MatMul(y, dc, transposeA: true, transposeB: true);
                            if (needB) db = MatMul(dc, x, transposeA: true, transposeB: true);
                            break;
                    }
                    return [da is null ? null : SumToShape(da, x.Shape), db is null ? null : SumToShape(db, y.Shape)];
                });
        }
        return c;
    }

    private static void RunGemm(Tensor a, Tensor b, Tensor c, Shape aBatch, Shape bBatch, Shape batch,
        bool ta, bool tb, int m, int n, int k)
    {
        int aMat = m * k, bMat = k * n, cMat = m * n;
        int count = batch.Size;
        var aStrides = BroadcastPlan.PaddedStrides(aBatch, batch.Rank);
        var bStrides = BroadcastPlan.PaddedStrides(bBatch, batch.Rank);
        var at = new Odometer(batch.Dims, aStrides, bStrides, stackalloc int[batch.Rank]);
        for (int t = 0; t < count; t++, at.Next())
        {
            int ai = at.A, bi = at.B;
            if (a.DType == DType.Int32)
                IntegerGemm.Run(ta, tb, m, n, k, a.Data<int>().AsSpan(ai * aMat, aMat), b.Data<int>().AsSpan(bi * bMat, bMat), c.Data<int>().AsSpan(t * cMat, cMat));
            else if (a.DType == DType.Int64)
                IntegerGemm.Run(ta, tb, m, n, k, a.Data<long>().AsSpan(ai * aMat, aMat), b.Data<long>().AsSpan(bi * bMat, bMat), c.Data<long>().AsSpan(t * cMat, cMat));
            else if (a.DType == DType.Float32)
                Gemm.Sgemm(ta, tb, m, n, k, a.Data<float>().AsSpan(ai * aMat, aMat), b.Data<float>().AsSpan(bi * bMat, bMat), c.Data<float>().AsSpan(t * cMat, cMat));
            else
                Gemm.Dgemm(ta, tb, m, n, k, a.Data<double>().AsSpan(ai * aMat, aMat), b.Data<double>().AsSpan(bi * bMat, bMat), c.Data<double>().AsSpan(t * cMat, cMat));
        }
    }
}
