using System.Numerics;

namespace Strata.Kernels.Linalg;

/// <summary>A tensor of shape [..., rows, cols] as a batch of row-major matrices, and the float/double dispatch
/// the dense linear-algebra kernels share.</summary>
internal static class MatrixBatch
{
    public static (int Batch, int Rows, int Cols) Dims(Shape shape)
    {
        int rows = shape[-2], cols = shape[-1];
        int batch = 1;
        for (int i = 0; i < shape.Rank - 2; i++) batch *= shape[i];
        return (batch, rows, cols);
    }
}

/// <summary>Dense linear algebra on single row-major matrices (spans), generic over float and double.</summary>
internal static class Dense
{
    /// <summary>
    /// LU with partial pivoting in place: a = P⁻¹ L U (L unit lower, U upper, both stored in a); perm[i] is the
    /// original row now at row i. Returns the permutation's sign and the smallest |pivot| (0: singular).
    /// </summary>
    public static (int Sign, T MinPivot) Lu<T>(Span<T> a, int n, Span<int> perm) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int sign = 1;
        T minPivot = n == 0 ? T.One : T.PositiveInfinity;
        for (int i = 0; i < n; i++) perm[i] = i;
        for (int k = 0; k < n; k++)
        {
            int p = k;
            T best = T.Abs(a[k * n + k]);
            for (int i = k + 1; i < n; i++)
            {
                T v = T.Abs(a[i * n + k]);
                if (v > best) { best = v; p = i; }
            }
            if (T.IsNaN(best)) best = T.Zero;
            minPivot = T.Min(minPivot, best);
            if (p != k)
            {
                for (int j = 0; j < n; j++) (a[k * n + j], a[p * n + j]) = (a[p * n + j], a[k * n + j]);
                (perm[k], perm[p]) = (perm[p], perm[k]);
                sign = -sign;
            }
            T pivot = a[k * n + k];
            if (pivot == T.Zero) continue; // singular: leave the column; det is 0, solves are refused by the op
            for (int i = k + 1; i < n; i++)
            {
                T f = a[i * n + k] / pivot;
                a[i * n + k] = f;
                if (f == T.Zero) continue;
                for (int j = k + 1; j < n; j++) a[i * n + j] -= f * a[k * n + j];
            }
        }
        return (sign, minPivot);
    }

    /// <summary>Solves A X = B (or Aᵀ X = B when <paramref name="transpose"/>) from A's LU factors; B is n × m,
    /// overwritten by X.</summary>
    public static void LuSolve<T>(ReadOnlySpan<T> lu, ReadOnlySpan<int> perm, int n, Span<T> b, int m, bool transpose)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> tmp = n * m <= 256 ? stackalloc T[n * m] : new T[n * m];
        if (!transpose)
        {
            // P A = L U: X = U⁻¹ L⁻¹ P B.
            for (int i = 0; i < n; i++) b.Slice(perm[i] * m, m).CopyTo(tmp.Slice(i * m, m));
            ForwardUnitLower(lu, n, tmp, m);
            BackUpper(lu, n, tmp, m);
            tmp.CopyTo(b);
        }
        else
        {
            // Aᵀ = Uᵀ Lᵀ P: solve Uᵀ y = B, then Lᵀ z = y, then X = Pᵀ z.
            b.CopyTo(tmp);
            for (int i = 0; i < n; i++) // Uᵀ is lower with U's diagonal
                for (int c = 0; c < m; c++)
                {
                    T s = tmp[i * m + c];
                    for (int k = 0; k < i; k++) s -= lu[k * n + i] * tmp[k * m + c];
                    tmp[i * m + c] = s / lu[i * n + i];
                }
            for (int i = n - 1; i >= 0; i--) // Lᵀ is unit upper
                for (int c = 0; c < m; c++)
                {
                    T s = tmp[i * m + c];
                    for (int k = i + 1; k < n; k++) s -= lu[k * n + i] * tmp[k * m + c];
                    tmp[i * m + c] = s;
                }
            for (int i = 0; i < n; i++) tmp.Slice(i * m, m).CopyTo(b.Slice(perm[i] * m, m));
        }
    }

    private static void ForwardUnitLower<T>(ReadOnlySpan<T> lu, int n, Span<T> b, int m) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < n; i++)
            for (int k = 0; k < i; k++)
            {
                T f = lu[i * n + k];
                if (f == T.Zero) continue;
                for (int c = 0; c < m; c++) b[i * m + c] -= f * b[k * m + c];
            }
    }

    private static void BackUpper<T>(ReadOnlySpan<T> lu, int n, Span<T> b, int m) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = n - 1; i >= 0; i--)
        {
            for (int k = i + 1; k < n; k++)
            {
                T f = lu[i * n + k];
                if (f == T.Zero) continue;
                for (int c = 0; c < m; c++) b[i * m + c] -= f * b[k * m + c];
            }
            T d = lu[i * n + i];
            for (int c = 0; c < m; c++) b[i * m + c] /= d;
        }
    }

    /// <summary>Solves T X = B for a triangular T (only its lower or upper triangle is read), or Tᵀ X = B; B is
    /// n × m, overwritten. A zero on the diagonal gives inf/NaN, as BLAS's trsm does.</summary>
    public static void TriangularSolve<T>(ReadOnlySpan<T> t, int n, Span<T> b, int m, bool lower, bool transpose)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Tᵀ of a lower matrix is upper and vice versa; the element (i, k) of the effective matrix is read at (k, i).
        bool effLower = lower != transpose;
        if (effLower)
            for (int i = 0; i < n; i++)
                for (int c = 0; c < m; c++)
                {
                    T s = b[i * m + c];
                    for (int k = 0; k < i; k++) s -= At(t, n, transpose, i, k) * b[k * m + c];
                    b[i * m + c] = s / At(t, n, transpose, i, i);
                }
        else
            for (int i = n - 1; i >= 0; i--)
                for (int c = 0; c < m; c++)
                {
                    T s = b[i * m + c];
                    for (int k = i + 1; k < n; k++) s -= At(t, n, transpose, i, k) * b[k * m + c];
                    b[i * m + c] = s / At(t, n, transpose, i, i);
                }
    }

    private static T At<T>(ReadOnlySpan<T> t, int n, bool transpose, int i, int k) where T : unmanaged => transpose ? t[k * n + i] : t[i * n + k];

    /// <summary>The lower Cholesky factor of a (its lower triangle read) into l; false when a is not positive definite.</summary>
    public static bool Cholesky<T>(ReadOnlySpan<T> a, int n, Span<T> l) where T : unmanaged, IFloatingPointIeee754<T>
    {
        l.Clear();
        for (int j = 0; j < n; j++)
        {
            T d = a[j * n + j];
            for (int k = 0; k < j; k++) d -= l[j * n + k] * l[j * n + k];
            if (!(d > T.Zero)) return false; // NaN too
            T ljj = T.Sqrt(d);
            l[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++)
            {
                T s = a[i * n + j];
                for (int k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
                l[i * n + j] = s / ljj;
            }
        }
        return true;
    }

    /// <summary>
    /// Householder QR of the m × n matrix a: q is m × qc (qc = m when full, else min(m, n)) with orthonormal
    /// columns, r is qc × n upper triangular, a = q r.
    /// </summary>
    public static void Qr<T>(ReadOnlySpan<T> a, int m, int n, Span<T> q, Span<T> r, bool full) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int p = Math.Min(m, n), qc = full ? m : p;
        var w = a.ToArray(); // reduced in place to R; reflectors kept apart
        var vs = new T[p * m];
        for (int k = 0; k < p; k++)
        {
            T norm = T.Zero;
            for (int i = k; i < m; i++) norm += w[i * n + k] * w[i * n + k];
            norm = T.Sqrt(norm);
            var v = vs.AsSpan(k * m, m);
            if (norm == T.Zero) continue; // nothing to reflect: v stays 0 (the identity)
            T alpha = w[k * n + k] > T.Zero ? -norm : norm; // the sign that avoids cancellation
            for (int i = k; i < m; i++) v[i] = w[i * n + k];
            v[k] -= alpha;
            T vnorm2 = T.Zero;
            for (int i = k; i < m; i++) vnorm2 += v[i] * v[i];
            if (vnorm2 == T.Zero) continue;
            // w = (I - 2 v vᵀ / vᵀv) w on the columns k..n-1.
            for (int j = k; j < n; j++)
            {
                T s = T.Zero;
                for (int i = k; i < m; i++) s += v[i] * w[i * n + j];
                s = (s + s) / vnorm2;
                for (int i = k; i < m; i++) w[i * n + j] -= s * v[i];
            }
            for (int i = k; i < m; i++) v[i] /= T.Sqrt(vnorm2); // unit reflector
        }
        // Q = H_0 H_1 … H_{p-1} applied to the first qc columns of the identity.
        q.Clear();
        for (int i = 0; i < Math.Min(m, qc); i++) q[i * qc + i] = T.One;
        for (int k = p - 1; k >= 0; k--)
        {
            var v = vs.AsSpan(k * m, m);
            for (int j = 0; j < qc; j++)
            {
                T s = T.Zero;
                for (int i = k; i < m; i++) s += v[i] * q[i * qc + j];
                s += s;
                if (s == T.Zero) continue;
                for (int i = k; i < m; i++) q[i * qc + j] -= s * v[i];
            }
        }
        r.Clear();
        for (int i = 0; i < Math.Min(qc, m); i++)
            for (int j = i; j < n; j++) r[i * n + j] = w[i * n + j];
    }
}
