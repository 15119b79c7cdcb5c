using System.Numerics;

namespace Strata.Kernels.Linalg;

/// <summary>Batched dense linear algebra on tensors of shape [..., m, n] (float32 / float64): each matrix of the
/// batch through the <see cref="Dense"/> kernels.</summary>
internal static class LinalgKernels
{
    public static Tensor Inverse(Tensor a, string op) => a.DType == DType.Float32 ? Inverse<float>(a, op) : Inverse<double>(a, op);

    private static Tensor Inverse<T>(Tensor a, string op) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (batch, n, _) = MatrixBatch.Dims(a.Shape);
        var y = Tensor.Empty(a.DType, a.Shape);
        var src = a.Data<T>();
        var dst = y.Data<T>();
        var lu = new T[n * n];
        var perm = new int[n];
        for (int b = 0; b < batch; b++)
        {
            src.AsSpan(b * n * n, n * n).CopyTo(lu);
            var (_, minPivot) = Dense.Lu<T>(lu, n, perm);
            if (!(minPivot > T.Zero)) throw new InvalidArgumentError($"{op}: Input is not invertible (matrix {b} of shape {a.Shape}).");
            var x = dst.AsSpan(b * n * n, n * n);
            x.Clear();
            for (int i = 0; i < n; i++) x[i * n + i] = T.One;
            Dense.LuSolve<T>(lu, perm, n, x, n, transpose: false);
        }
        return y;
    }

    /// <summary>det, or (sign, log|det|) when <paramref name="log"/>; a singular matrix has det 0 (sign 0, -inf).</summary>
    public static (Tensor First, Tensor? Second) Determinant(Tensor a, bool log) =>
        a.DType == DType.Float32 ? Determinant<float>(a, log) : Determinant<double>(a, log);

    private static (Tensor, Tensor?) Determinant<T>(Tensor a, bool log) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (batch, n, _) = MatrixBatch.Dims(a.Shape);
        var outShape = Shape.Wrap(a.Shape.Dims[..^2].ToArray());
        var first = Tensor.Empty(a.DType, outShape);
        var second = log ? Tensor.Empty(a.DType, outShape) : null;
        var src = a.Data<T>();
        var lu = new T[n * n];
        var perm = new int[n];
        for (int b = 0; b < batch; b++)
        {
            src.AsSpan(b * n * n, n * n).CopyTo(lu);
            var (sign, _) = Dense.Lu<T>(lu, n, perm);
            if (!log)
            {
                T det = T.CreateTruncating(sign);
                for (int i = 0; i < n; i++) det *= lu[i * n + i];
                first.Data<T>()[b] = det;
                continue;
            }
            // Sum of log |pivot| (no overflow for large matrices), the sign from the pivots' signs.
            T s = T.CreateTruncating(sign), logAbs = T.Zero;
            for (int i = 0; i < n; i++)
            {
                T d = lu[i * n + i];
                if (T.IsNegative(d)) s = -s;
                logAbs += T.Log(T.Abs(d));
            }
            if (T.IsNegativeInfinity(logAbs)) s = T.Zero;
            first.Data<T>()[b] = s;
            second!.Data<T>()[b] = logAbs;
        }
        return (first, second);
    }

    public static Tensor Cholesky(Tensor a, string op) => a.DType == DType.Float32 ? Cholesky<float>(a, op) : Cholesky<double>(a, op);

    private static Tensor Cholesky<T>(Tensor a, string op) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (batch, n, _) = MatrixBatch.Dims(a.Shape);
        var y = Tensor.Empty(a.DType, a.Shape);
        var src = a.Data<T>();
        var dst = y.Data<T>();
        for (int b = 0; b < batch; b++)
            if (!Dense.Cholesky<T>(src.AsSpan(b * n * n, n * n), n, dst.AsSpan(b * n * n, n * n)))
                throw new InvalidArgumentError($"{op}: Cholesky decomposition was not successful. The input might not be valid (matrix {b} of shape {a.Shape} is not positive definite).");
        return y;
    }

    /// <summary>X with A X = B (Aᵀ X = B when adjoint), A [..., n, n] and B [..., n, m] of one batch shape.</summary>
    public static Tensor Solve(Tensor a, Tensor rhs, bool adjoint, string op) =>
        a.DType == DType.Float32 ? Solve<float>(a, rhs, adjoint, op) : Solve<double>(a, rhs, adjoint, op);

    private static Tensor Solve<T>(Tensor a, Tensor rhs, bool adjoint, string op) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (batch, n, _) = MatrixBatch.Dims(a.Shape);
        int m = rhs.Shape[-1];
        var y = Tensor.FromBuffer((Array)rhs.Buffer.Clone(), rhs.Shape, rhs.DType);
        var src = a.Data<T>();
        var dst = y.Data<T>();
        var lu = new T[n * n];
        var perm = new int[n];
        for (int b = 0; b < batch; b++)
        {
            src.AsSpan(b * n * n, n * n).CopyTo(lu);
            var (_, minPivot) = Dense.Lu<T>(lu, n, perm);
            if (!(minPivot > T.Zero)) throw new InvalidArgumentError($"{op}: Input matrix is not invertible (matrix {b} of shape {a.Shape}).");
            Dense.LuSolve<T>(lu, perm, n, dst.AsSpan(b * n * m, n * m), m, adjoint);
        }
        return y;
    }

    public static Tensor TriangularSolve(Tensor a, Tensor rhs, bool lower, bool adjoint) =>
        a.DType == DType.Float32 ? TriangularSolve<float>(a, rhs, lower, adjoint) : TriangularSolve<double>(a, rhs, lower, adjoint);

    private static Tensor TriangularSolve<T>(Tensor a, Tensor rhs, bool lower, bool adjoint) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (batch, n, _) = MatrixBatch.Dims(a.Shape);
        int m = rhs.Shape[-1];
        var y = Tensor.FromBuffer((Array)rhs.Buffer.Clone(), rhs.Shape, rhs.DType);
        var src = a.Data<T>();
        var dst = y.Data<T>();
        for (int b = 0; b < batch; b++)
            Dense.TriangularSolve<T>(src.AsSpan(b * n * n, n * n), n, dst.AsSpan(b * n * m, n * m), m, lower, adjoint);
        return y;
    }

    public static (Tensor Q, Tensor R) Qr(Tensor a, bool full) => a.DType == DType.Float32 ? Qr<float>(a, full) : Qr<double>(a, full);

    private static (Tensor, Tensor) Qr<T>(Tensor a, bool full) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (batch, m, n) = MatrixBatch.Dims(a.Shape);
        int qc = full ? m : Math.Min(m, n);
        var lead = a.Shape.Dims[..^2].ToArray();
        var q = Tensor.Empty(a.DType, Shape.Wrap([.. lead, m, qc]));
        var r = Tensor.Empty(a.DType, Shape.Wrap([.. lead, qc, n]));
        var src = a.Data<T>();
        for (int b = 0; b < batch; b++)
            Dense.Qr<T>(src.AsSpan(b * m * n, m * n), m, n, q.Data<T>().AsSpan(b * m * qc, m * qc), r.Data<T>().AsSpan(b * qc * n, qc * n), full);
        return (q, r);
    }

    /// <summary>Keeps element (i, j) of each matrix when (lower &lt; 0 or i - j &lt;= lower) and (upper &lt; 0 or
    /// j - i &lt;= upper); zeros (false) elsewhere. Any dtype: the elements are only moved.</summary>
    public static Tensor BandPart(Tensor x, int lower, int upper)
    {
        var (batch, m, n) = MatrixBatch.Dims(x.Shape);
        var y = Tensor.FromBuffer(Tensor.AllocZeroed(x.DType, x.Size), x.Shape, x.DType);
        for (int b = 0; b < batch; b++)
            for (int i = 0; i < m; i++)
            {
                int from = lower < 0 ? 0 : Math.Max(0, i - lower);
                int to = upper < 0 ? n : Math.Min(n, i + upper + 1);
                if (to > from) Array.Copy(x.Buffer, (long)(b * m + i) * n + from, y.Buffer, (long)(b * m + i) * n + from, to - from);
            }
        return y;
    }

    /// <summary>[..., k] → [..., m, n] zeros with the vector on the main diagonal (k = min(m, n)).</summary>
    public static Tensor DiagEmbed(Tensor d, int m, int n)
    {
        int k = d.Shape[-1];
        int batch = k == 0 ? d.Shape.Dims[..^1].ToArray().Aggregate(1, (p, v) => p * v) : d.Size / k;
        var y = Tensor.FromBuffer(Tensor.AllocZeroed(d.DType, batch * m * n), Shape.Wrap([.. d.Shape.Dims[..^1].ToArray(), m, n]), d.DType);
        for (int b = 0; b < batch; b++)
            for (int i = 0; i < k; i++) Array.Copy(d.Buffer, b * k + i, y.Buffer, (long)b * m * n + i * n + i, 1);
        return y;
    }

    /// <summary>[..., m, n] → [..., min(m, n)]: the main diagonals.</summary>
    public static Tensor DiagPart(Tensor x)
    {
        var (batch, m, n) = MatrixBatch.Dims(x.Shape);
        int k = Math.Min(m, n);
        var y = Tensor.Empty(x.DType, Shape.Wrap([.. x.Shape.Dims[..^2].ToArray(), k]));
        for (int b = 0; b < batch; b++)
            for (int i = 0; i < k; i++) Array.Copy(x.Buffer, (long)b * m * n + i * n + i, y.Buffer, b * k + i, 1);
        return y;
    }
}
