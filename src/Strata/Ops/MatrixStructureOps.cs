#pragma warning disable CS8981
using Strata.Kernels.Linalg;

namespace Strata;

// The structural matrix ops of tf.linalg: band_part, diag, diag_part, trace, on batches [..., m, n].
public static partial class tf
{
    /// <summary>tf.linalg.band_part: keeps the <paramref name="numLower"/> sub-diagonals and <paramref name="numUpper"/>
    /// super-diagonals of each matrix (a negative count keeps the whole triangle), zeros elsewhere.</summary>
    public static Tensor BandPart(Tensor input, int numLower, int numUpper)
    {
        NotNull(input, "BandPart", "input");
        RequireMatrices(input, "BandPart");
        int m = input.Shape[-2], n = input.Shape[-1];
        if (numLower > m)
            throw new InvalidArgumentError($"BandPart: num_lower must be negative or less or equal to number of rows ({m}) got: {numLower}.");
        if (numUpper > n)
            throw new InvalidArgumentError($"BandPart: num_upper must be negative or less or equal to number of columns ({n}) got: {numUpper}.");
        var y = LinalgKernels.BandPart(input, numLower, numUpper);
        if (GradientTape.IsRecording)
            Record("BandPart", y, [input], (dy, _, _) => [BandPart(dy, numLower, numUpper)]);
        return y;
    }

    /// <summary>tf.linalg.diag: [..., k] → [..., k, k] with the vectors on the main diagonals.</summary>
    public static Tensor Diag(Tensor diagonal)
    {
        NotNull(diagonal, "Diag", "diagonal");
        if (diagonal.Rank < 1) throw new InvalidArgumentError($"Diag: input must be at least 1-D, got shape {diagonal.Shape}.");
        int k = diagonal.Shape[-1];
        return DiagEmbed(diagonal, k, k);
    }

    private static Tensor DiagEmbed(Tensor d, int m, int n)
    {
        var y = LinalgKernels.DiagEmbed(d, m, n);
        if (GradientTape.IsRecording) Record("Diag", y, [d], static (dy, _, _) => [DiagPart(dy)]);
        return y;
    }

    /// <summary>tf.linalg.diag_part: [..., m, n] → [..., min(m, n)], the main diagonals.</summary>
    public static Tensor DiagPart(Tensor input)
    {
        NotNull(input, "DiagPart", "input");
        RequireMatrices(input, "DiagPart");
        var y = LinalgKernels.DiagPart(input);
        if (GradientTape.IsRecording)
            Record("DiagPart", y, [input], static (dy, i, _) => [DiagEmbed(dy, i[0].Shape[-2], i[0].Shape[-1])]);
        return y;
    }

    /// <summary>tf.linalg.trace: the sum of each matrix's main diagonal, [..., m, n] → [...].</summary>
    public static Tensor Trace(Tensor x)
    {
        NotNull(x, "Trace", "x");
        RequireNumeric(x, "Trace");
        RequireMatrices(x, "Trace");
        return ReduceSum(DiagPart(x), [-1]);
    }

    /// <summary>tf.linalg.set_diag: each matrix with its main diagonal replaced by <paramref name="diagonal"/>
    /// ([..., min(m, n)]). Gradient: dy with the diagonal zeroed for the input, the diagonal of dy for the values.</summary>
    public static Tensor MatrixSetDiag(Tensor input, Tensor diagonal)
    {
        NotNull(input, "MatrixSetDiag", "input");
        NotNull(diagonal, "MatrixSetDiag", "diagonal");
        RequireNumeric(input, "MatrixSetDiag");
        RequireMatrices(input, "MatrixSetDiag");
        int m = input.Shape[-2], n = input.Shape[-1];
        var expected = Shape.Wrap([.. input.Shape.Dims[..^2].ToArray(), Math.Min(m, n)]);
        if (diagonal.Shape != expected || diagonal.DType != input.DType)
            throw new InvalidArgumentError($"MatrixSetDiag: diagonal must be {input.DType.Name()} of shape {expected} for input {input.Shape}, got {diagonal.DType.Name()} {diagonal.Shape}.");
        return Add(Subtract(input, DiagEmbed(DiagPart(input), m, n)), DiagEmbed(diagonal, m, n));
    }

    /// <summary>tf.linalg.matrix_transpose: the transpose of the last two dimensions.</summary>
    public static Tensor MatrixTranspose(Tensor x)
    {
        NotNull(x, "MatrixTranspose", "x");
        RequireMatrices(x, "MatrixTranspose");
        var perm = Enumerable.Range(0, x.Rank).ToArray();
        (perm[^1], perm[^2]) = (perm[^2], perm[^1]);
        return Transpose(x, perm);
    }

    private static void RequireMatrices(Tensor x, string op)
    {
        if (x.Rank < 2) throw new InvalidArgumentError($"{op}: input must be at least 2-D (a batch of matrices), got shape {x.Shape}.");
    }

    private static void RequireSquare(Tensor x, string op)
    {
        RequireFloat(x, op);
        RequireMatrices(x, op);
        if (x.Shape[-1] != x.Shape[-2])
            throw new InvalidArgumentError($"{op}: input must be a batch of square matrices, got shape {x.Shape}.");
    }
}
