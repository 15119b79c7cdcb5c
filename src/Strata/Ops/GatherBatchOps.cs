#pragma warning disable CS8981
using Strata.Kernels;

namespace Strata;

// tf.gather with batch_dims > 0 (the plain gather is in ArrayOps.cs).
public static partial class tf
{
    private static Tensor GatherBatchDims(Tensor @params, Tensor indices, int? axis, int batchDims)
    {
        int ir = indices.Rank;
        int b = batchDims < 0 ? batchDims + ir : batchDims;
        if (b < 0 || b > ir)
            throw new InvalidArgumentError($"Gather: batch_dims ({batchDims}) must be in [-{ir}, {ir}] for indices of shape {indices.Shape}.");
        int a = @params.Shape.NormalizeAxis(axis ?? b, "Gather");
        if (b > a)
            throw new InvalidArgumentError($"Gather: batch_dims ({b}) must be less than or equal to axis ({a}) (params {@params.Shape}, indices {indices.Shape}).");
        for (int d = 0; d < b; d++)
            if (@params.Shape[d] != indices.Shape[d])
                throw new InvalidArgumentError($"Gather: params.shape[{d}]: {@params.Shape[d]} should be equal to indices.shape[{d}]: {indices.Shape[d]}.");
        var pd = @params.Shape.Dims;
        int batch = 1, outer = 1, n = pd[a], inner = 1;
        for (int d = 0; d < b; d++) batch *= pd[d];
        for (int d = b; d < a; d++) outer *= pd[d];
        for (int d = a + 1; d < pd.Length; d++) inner *= pd[d];
        var idx = Cast(indices, DType.Int64).Data<long>();
        for (int j = 0; j < idx.Length; j++)
            if (idx[j] < 0 || idx[j] >= n)
                throw new InvalidArgumentError($"Gather: indices[{j}] = {idx[j]} is not in [0, {n}) (params shape {@params.Shape}, axis {a}, batch_dims {b}).");
        var outShape = Shape.Wrap(pd[..a].ToArray().Concat(indices.Shape.Dims[b..].ToArray()).Concat(pd[(a + 1)..].ToArray()).ToArray());
        return GatherBatched(@params, idx, batch, outer, n, inner, outShape);
    }

    private static Tensor GatherBatched(Tensor @params, long[] idx, int batch, int outer, int n, int inner, Shape outShape)
    {
        var y = Tensor.Empty(@params.DType, outShape, "Gather");
        IndexingKernels.GatherBatched(@params.Buffer, y.Buffer, batch, outer, n, inner, idx);
        if (GradientTape.IsRecording)
            Record("Gather", y, [@params], (dy, i, _) => [ScatterAddBatched(dy, idx, batch, outer, n, inner, i[0].Shape)]);
        return y;
    }

    private static Tensor ScatterAddBatched(Tensor dy, long[] idx, int batch, int outer, int n, int inner, Shape paramsShape)
    {
        var y = Zeros(paramsShape, dy.DType);
        IndexingKernels.ScatterAddBatched(dy.Buffer, y.Buffer, batch, outer, n, inner, idx);
        if (GradientTape.IsRecording)
        {
            var shape = dy.Shape;
            Record("GatherGrad", y, [dy], (ddy, _, _) => [GatherBatched(ddy, idx, batch, outer, n, inner, shape)]);
        }
        return y;
    }
}
