#pragma warning disable CS8981
using Strata.Kernels;

namespace Strata;

public static partial class tf
{
    /// <summary>tf.tile: <paramref name="input"/> repeated <c>multiples[i]</c> times along each dimension i (any dtype).
    /// Computed as a broadcast of the interleaved shape [m0, d0, m1, d1, …]; the gradient (TensorFlow's TileGrad) is dy
    /// reshaped to that shape and summed over the m axes.</summary>
    public static Tensor Tile(Tensor input, int[] multiples)
    {
        NotNull(input, "Tile", "input");
        Guard.NotNull(multiples, "Tile", "multiples");
        int r = input.Rank;
        if (multiples.Length != r)
            throw new InvalidArgumentError(
                $"Tile: expected multiples argument to be a vector of length {r} but got length {multiples.Length} (input shape {input.Shape}, multiples [{string.Join(", ", multiples)}]).");
        var dims = input.Shape.ToArray();
        var outDims = new int[r];
        var interleaved = new int[2 * r];
        var expanded = new int[2 * r];
        for (int i = 0; i < r; i++)
        {
            if (multiples[i] < 0)
                throw new InvalidArgumentError($"Tile: expected multiples[{i}] >= 0, but got {multiples[i]} (input shape {input.Shape}).");
            long n = (long)multiples[i] * dims[i];
            if (n > Shape.MaxElements)
                throw new InvalidArgumentError($"Tile: dimension {i} of the result, {dims[i]} × {multiples[i]} = {n}, is more than a tensor can hold (input shape {input.Shape}).");
            outDims[i] = (int)n;
            interleaved[2 * i] = multiples[i];
            interleaved[2 * i + 1] = dims[i];
            expanded[2 * i] = 1;
            expanded[2 * i + 1] = dims[i];
        }
        var outShape = Shape.Wrap(outDims);
        outShape.CheckedSize("Tile");
        var big = Shape.Wrap(interleaved);
        Tensor y;
        if (big.Size == input.Size) y = Tensor.FromBuffer((Array)input.Buffer.Clone(), outShape, input.DType);
        else
        {
            var spread = Tensor.Empty(input.DType, big, "Tile");
            ArrayKernels.BroadcastTo(input.Buffer, Shape.Wrap(expanded), spread.Buffer, big);
            y = Tensor.FromBuffer(spread.Buffer, outShape, input.DType);
        }
        if (GradientTape.IsRecording)
        {
            var sumAxes = Enumerable.Range(0, r).Select(i => 2 * i).ToArray();
            Record("Tile", y, [input], (dy, i, _) => [Reshape(ReduceSum(Reshape(dy, big), sumAxes), i[0].Shape)]);
        }
        return y;
    }

    /// <summary>tf.tile with the multiples as an int32/int64 vector tensor.</summary>
    public static Tensor Tile(Tensor input, Tensor multiples)
    {
        NotNull(multiples, "Tile", "multiples");
        if (multiples.DType is not (DType.Int32 or DType.Int64) || multiples.Rank != 1)
            throw new InvalidArgumentError($"Tile: multiples must be a 1-D int32 or int64 tensor, got {multiples.DType.Name()} with shape {multiples.Shape}.");
        return Tile(input, Cast(multiples, DType.Int64).ToArray<long>().Select(v => checked((int)v)).ToArray());
    }

    /// <summary>tf.repeat with one count for every element: each element (each slice along <paramref name="axis"/>)
    /// repeated <paramref name="repeats"/> times; with no axis the input is flattened first, as TensorFlow does.</summary>
    public static Tensor Repeat(Tensor input, int repeats, int? axis = null) => Repeat(input, [repeats], axis);

    /// <summary>tf.repeat with the counts as a tensor (a scalar or a vector, int32/int64).</summary>
    public static Tensor Repeat(Tensor input, Tensor repeats, int? axis = null)
    {
        NotNull(repeats, "Repeat", "repeats");
        if (repeats.DType is not (DType.Int32 or DType.Int64) || repeats.Rank > 1)
            throw new InvalidArgumentError($"Repeat: repeats must be an int32 or int64 scalar or vector, got {repeats.DType.Name()} with shape {repeats.Shape}.");
        return Repeat(input, Cast(repeats, DType.Int64).ToArray<long>().Select(v => (int)Math.Clamp(v, int.MinValue, int.MaxValue)).ToArray(), axis);
    }

    /// <summary>tf.repeat: slice j along <paramref name="axis"/> repeated <c>repeats[j]</c> times (one count broadcasts
    /// to all slices); with no axis the input is flattened first. Gradient: the repeated slices' gradients summed
    /// back into their source slice.</summary>
    public static Tensor Repeat(Tensor input, int[] repeats, int? axis = null)
    {
        NotNull(input, "Repeat", "input");
        Guard.NotNull(repeats, "Repeat", "repeats");
        var x = input;
        if (axis is null)
        {
            using (GradientTape.PauseAll()) x = Reshape(input, [-1]);
        }
        if (x.Rank == 0)
            throw new InvalidArgumentError($"Repeat: axis {axis} is out of range for a scalar input; pass no axis to repeat a scalar.");
        int a = x.Shape.NormalizeAxis(axis ?? 0, "Repeat");
        int n = x.Shape[a];
        if (repeats.Length != 1 && repeats.Length != n)
            throw new InvalidArgumentError(
                $"Repeat: repeats has {repeats.Length} entries, but input dimension {a} has size {n} (input shape {input.Shape}); give one count or one per slice.");
        long total = 0;
        for (int j = 0; j < repeats.Length; j++)
            if (repeats[j] < 0)
                throw new InvalidArgumentError($"Repeat: repeats[{j}] = {repeats[j]} is negative (input shape {input.Shape}).");
        for (int j = 0; j < n; j++) total += repeats.Length == 1 ? repeats[0] : repeats[j];
        if (total > Shape.MaxElements)
            throw new InvalidArgumentError($"Repeat: the result would have {total} slices along axis {a}, more than a tensor can hold (input shape {input.Shape}).");
        var idx = new long[total];
        for (int j = 0, k = 0; j < n; j++)
            for (int t = 0, c = repeats.Length == 1 ? repeats[0] : repeats[j]; t < c; t++) idx[k++] = j;

        Tensor y;
        using (GradientTape.PauseAll()) y = Gather(x, Tensor.FromBuffer(idx, Shape.Wrap([idx.Length]), DType.Int64), a);
        if (GradientTape.IsRecording && input.DType.IsFloating)
        {
            var xShape = x.Shape;
            var pd = xShape.ToArray();
            int outer = 1, inner = 1;
            for (int i = 0; i < a; i++) outer *= pd[i];
            for (int i = a + 1; i < pd.Length; i++) inner *= pd[i];
            Record("Repeat", y, [input], (dy, i, _) => [Reshape(ScatterAdd(dy, idx, xShape, a, outer, inner), i[0].Shape)]);
        }
        return y;
    }
}
