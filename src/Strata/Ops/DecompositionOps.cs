#pragma warning disable CS8981
using Strata.Kernels.Linalg;

namespace Strata;

// Inverse, determinants, Cholesky, solves and QR on batches of matrices [..., n, n] (float32/float64). The
// gradient rules are TensorFlow's linalg_grad.py, written with these same ops so that higher orders follow.
public static partial class tf
{
    /// <summary>tf.linalg.inv: the inverse of each matrix (of its transpose when <paramref name="adjoint"/>).
    /// A singular matrix is TensorFlow's InvalidArgumentError "Input is not invertible."</summary>
    public static Tensor MatrixInverse(Tensor input, bool adjoint = false)
    {
        RequireSquare(input, "MatrixInverse");
        var y = LinalgKernels.Inverse(input, "MatrixInverse");
        if (adjoint) using (GradientTape.PauseAll()) y = MatrixTranspose(y);
        if (GradientTape.IsRecording)
            Record("MatrixInverse", y, [input], (dy, _, ainv) =>
                // d inv(A) = -inv(A) dA inv(A): dA = -inv(A)ᵀ dy inv(A)ᵀ (with the roles swapped for the adjoint).
                [Negative(MatMul(ainv, MatMul(dy, ainv, transposeA: adjoint, transposeB: !adjoint), transposeA: !adjoint))]);
        return y;
    }

    /// <summary>tf.linalg.det: the determinant of each matrix (1 for 0 × 0). Gradient: dy · det · inv(A)ᵀ.</summary>
    public static Tensor MatrixDeterminant(Tensor input)
    {
        RequireSquare(input, "MatrixDeterminant");
        var (y, _) = LinalgKernels.Determinant(input, log: false);
        if (GradientTape.IsRecording)
            Record("MatrixDeterminant", y, [input], (dy, i, det) =>
                [Multiply(Reshape(Multiply(dy, det), MatrixScalarShape(det)), MatrixInverse(i[0], adjoint: true))]);
        return y;
    }

    /// <summary>tf.linalg.slogdet: (sign, log |det|) of each matrix, without overflow; a singular matrix gives
    /// (0, -inf). Gradient of log |det|: inv(A)ᵀ dy.</summary>
    public static (Tensor Sign, Tensor LogAbsDeterminant) Slogdet(Tensor input)
    {
        RequireSquare(input, "Slogdet");
        var (sign, logAbs) = LinalgKernels.Determinant(input, log: true);
        if (GradientTape.IsRecording)
            Record("Slogdet", logAbs!, [input], (dy, i, y) =>
                [Multiply(Reshape(dy, MatrixScalarShape(y)), MatrixInverse(i[0], adjoint: true))]);
        return (sign, logAbs!);
    }

    /// <summary>[...] → [..., 1, 1]: a per-matrix scalar that broadcasts over its matrix.</summary>
    private static Shape MatrixScalarShape(Tensor perMatrix) => Shape.Wrap([.. perMatrix.Shape.Dims.ToArray(), 1, 1]);

    /// <summary>tf.linalg.cholesky: the lower-triangular L with L Lᵀ = A, reading only A's lower triangle; a matrix
    /// that is not positive definite is TensorFlow's "Cholesky decomposition was not successful" error.</summary>
    public static Tensor Cholesky(Tensor input)
    {
        RequireSquare(input, "Cholesky");
        var l = LinalgKernels.Cholesky(input, "Cholesky");
        if (GradientTape.IsRecording)
            Record("Cholesky", l, [input], static (dl, _, l) =>
            {
                // linalg_grad._CholeskyGrad: Φ(Lᵀ dL) with half the diagonal, then L⁻ᵀ Φ L⁻¹, symmetrised.
                int n = l.Shape[-1];
                var lInverse = MatrixTriangularSolve(l, BroadcastTo(Eye(n, dtype: l.DType), l.Shape), lower: true);
                var middle = MatMul(l, dl, transposeA: true);
                middle = Subtract(middle, Multiply(DiagEmbed(DiagPart(middle), n, n), 0.5));
                middle = BandPart(middle, -1, 0);
                var g = MatMul(MatMul(lInverse, middle, transposeA: true), lInverse);
                return [Multiply(Add(g, MatrixTranspose(g)), 0.5)];
            });
        return l;
    }

    /// <summary>tf.linalg.solve: X with A X = rhs (Aᵀ X = rhs when <paramref name="adjoint"/>), A [..., n, n],
    /// rhs [..., n, k] of the same batch shape; a singular A is "Input matrix is not invertible."</summary>
    public static Tensor MatrixSolve(Tensor matrix, Tensor rhs, bool adjoint = false)
    {
        CheckSolveOperands(matrix, rhs, "MatrixSolve");
        var x = LinalgKernels.Solve(matrix, rhs, adjoint, "MatrixSolve");
        if (GradientTape.IsRecording)
            Record("MatrixSolve", x, [matrix, rhs], (dx, i, x) =>
            {
                var db = MatrixSolve(i[0], dx, !adjoint);
                var da = adjoint ? Negative(MatMul(x, db, transposeB: true)) : Negative(MatMul(db, x, transposeB: true));
                return [da, db];
            });
        return x;
    }

    /// <summary>tf.linalg.triangular_solve: X with T X = rhs for the lower (or upper) triangle T of
    /// <paramref name="matrix"/> (Tᵀ when <paramref name="adjoint"/>); a zero on the diagonal gives inf/NaN, as BLAS does.</summary>
    public static Tensor MatrixTriangularSolve(Tensor matrix, Tensor rhs, bool lower = true, bool adjoint = false)
    {
        CheckSolveOperands(matrix, rhs, "MatrixTriangularSolve");
        var x = LinalgKernels.TriangularSolve(matrix, rhs, lower, adjoint);
        if (GradientTape.IsRecording)
            Record("MatrixTriangularSolve", x, [matrix, rhs], (dx, i, x) =>
            {
                var db = MatrixTriangularSolve(i[0], dx, lower, !adjoint);
                var da = adjoint ? Negative(MatMul(x, db, transposeB: true)) : Negative(MatMul(db, x, transposeB: true));
                return [lower ? BandPart(da, -1, 0) : BandPart(da, 0, -1), db];
            });
        return x;
    }

    private static void CheckSolveOperands(Tensor matrix, Tensor rhs, string op)
    {
        RequireSquare(matrix, op);
        NotNull(rhs, op, "rhs");
        if (rhs.DType != matrix.DType)
            throw new InvalidArgumentError($"{op}: matrix and rhs must have one dtype, got {matrix.DType.Name()} and {rhs.DType.Name()}.");
        bool ok = rhs.Rank == matrix.Rank && rhs.Shape[-2] == matrix.Shape[-1];
        for (int d = 0; ok && d < matrix.Rank - 2; d++) ok = rhs.Shape[d] == matrix.Shape[d];
        if (!ok)
            throw new InvalidArgumentError($"{op}: rhs must have shape [..., {matrix.Shape[-1]}, k] with the matrix's batch dimensions: matrix is {matrix.Shape}, rhs is {rhs.Shape}.");
    }

    /// <summary>tf.linalg.qr: Q with orthonormal columns and upper-triangular R, A = Q R (Householder); Q is
    /// [..., m, min(m, n)] (or [..., m, m] with <paramref name="fullMatrices"/>). The signs of R's diagonal are
    /// those of the reflections, as in LAPACK. Gradient: TensorFlow's rule (not for the full Q of a tall matrix, which is not unique).</summary>
    public static (Tensor Q, Tensor R) Qr(Tensor input, bool fullMatrices = false)
    {
        RequireFloat(input, "Qr");
        RequireMatrices(input, "Qr");
        var (q, r) = LinalgKernels.Qr(input, fullMatrices);
        if (GradientTape.IsRecording)
        {
            int m = input.Shape[-2], n = input.Shape[-1];
            // The rule is linear in (dQ, dR): one entry per output, each with the other's gradient taken as 0.
            Record("Qr", q, [input], (dq, i, _) => [QrGradient(i[0], q, r, dq, ZerosLike(r), m, n, fullMatrices)]);
            Record("Qr", r, [input], (dr, i, _) => [QrGradient(i[0], q, r, ZerosLike(q), dr, m, n, fullMatrices)]);
        }
        return (q, r);
    }

    /// <summary>linalg_grad._QrGrad: square and tall matrices directly; a wide one (m &lt; n) as A = [X | Y] with
    /// X square, whose R is [U | Qᵀ Y].</summary>
    private static Tensor QrGradient(Tensor a, Tensor q, Tensor r, Tensor dq, Tensor dr, int m, int n, bool full)
    {
        if (full && m > n)
            throw new InvalidArgumentError($"Qr: the gradient is not defined for full matrices of a tall input ({m} x {n}): Q's extra columns are not unique.");
        if (m >= n) return QrGradientTall(q, r, dq, dr);
        var y = SliceLastAxis(a, m, n - m);
        var u = SliceLastAxis(r, 0, m);
        var dv = SliceLastAxis(dr, m, n - m);
        var du = SliceLastAxis(dr, 0, m);
        var dy = MatMul(q, dv);
        var dx = QrGradientTall(q, u, Add(dq, MatMul(y, dv, transposeB: true)), du);
        return Concat([dx, dy], -1);
    }

    private static Tensor SliceLastAxis(Tensor x, int begin, int size)
    {
        var b = new int[x.Rank];
        b[^1] = begin;
        var s = x.Shape.ToArray();
        s[^1] = size;
        return Slice(x, b, s);
    }

    private static Tensor QrGradientTall(Tensor q, Tensor r, Tensor dq, Tensor dr)
    {
        var qdq = MatMul(q, dq, transposeA: true);
        var qdqSkew = Subtract(qdq, MatrixTranspose(qdq));
        var rdr = MatMul(r, dr, transposeB: true);
        var rdrSkew = Subtract(rdr, MatrixTranspose(rdr));
        var tril = BandPart(Add(qdqSkew, rdrSkew), -1, 0);
        var gradA = MatMul(q, Add(dr, TimesInverseTranspose(tril, r)));
        var gradB = TimesInverseTranspose(Subtract(dq, MatMul(q, qdq)), r);
        return Add(gradA, gradB);
    }

    /// <summary>x · inv(r)ᵀ for an upper-triangular r, as a triangular solve: (r⁻¹ xᵀ)ᵀ.</summary>
    private static Tensor TimesInverseTranspose(Tensor x, Tensor r) =>
        MatrixTranspose(MatrixTriangularSolve(r, MatrixTranspose(x), lower: false));
}
