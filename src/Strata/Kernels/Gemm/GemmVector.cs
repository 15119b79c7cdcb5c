using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Strata.Kernels;

/// <summary>Matrix-vector products, for a GEMM with one row (m = 1) or one column (n = 1): these are
/// memory-bound, and the tiled kernels would compute mostly padding for them.</summary>
internal static unsafe class GemmVector
{
    /// <summary>Handles m == 1 or n == 1; returns false for anything else.</summary>
    public static bool TryRun(bool transA, bool transB, int m, int n, int k, float* a, float* b, float* c)
    {
        if (m == 1)
        {
            // A is one row of k contiguous floats whatever transA says.
            if (transB) MatrixTimesVector(b, n, k, a, c);   // c[j] = B[j,:]·a
            else RowTimesMatrix(a, k, b, n, c);             // c = a·B
            return true;
        }
        if (n == 1)
        {
            // B is one column of k contiguous floats whatever transB says.
            if (!transA) MatrixTimesVector(a, m, k, b, c);  // c[i] = A[i,:]·b
            else RowTimesMatrix(b, k, a, m, c);             // c = bᵀ·A (A stored k x m)
            return true;
        }
        return false;
    }

    /// <summary>y[r] = Σ_p M[r*cols + p]·x[p] for r &lt; rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MatrixTimesVector(float* mat, int rows, int cols, float* x, float* y)
    {
        var xs = new ReadOnlySpan<float>(x, cols);
        for (int r = 0; r < rows; r++)
            y[r] = System.Numerics.Tensors.TensorPrimitives.Dot(new ReadOnlySpan<float>(mat + (nint)r * cols, cols), xs);
    }

    /// <summary>y[j] = Σ_p x[p]·M[p*cols + j] for j &lt; cols: blocks of 64 (or 32) columns of y stay in
    /// registers while the rows of M stream past.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RowTimesMatrix(float* x, int rows, float* mat, int cols, float* y)
    {
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j + 64 <= cols; j += 64)
            {
                Vector512<float> y0 = default, y1 = default, y2 = default, y3 = default;
                float* mp = mat + j;
                for (int p = 0; p < rows; p++, mp += cols)
                {
                    var xv = Vector512.Create(x[p]);
                    y0 = Vector512.FusedMultiplyAdd(xv, Vector512.Load(mp), y0);
                    y1 = Vector512.FusedMultiplyAdd(xv, Vector512.Load(mp + 16), y1);
                    y2 = Vector512.FusedMultiplyAdd(xv, Vector512.Load(mp + 32), y2);
                    y3 = Vector512.FusedMultiplyAdd(xv, Vector512.Load(mp + 48), y3);
                }
                y0.Store(y + j); y1.Store(y + j + 16); y2.Store(y + j + 32); y3.Store(y + j + 48);
            }
            for (; j + 16 <= cols; j += 16)
            {
                Vector512<float> y0 = default;
                float* mp = mat + j;
                for (int p = 0; p < rows; p++, mp += cols)
                    y0 = Vector512.FusedMultiplyAdd(Vector512.Create(x[p]), Vector512.Load(mp), y0);
                y0.Store(y + j);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; j + 32 <= cols; j += 32)
            {
                Vector256<float> y0 = default, y1 = default, y2 = default, y3 = default;
                float* mp = mat + j;
                for (int p = 0; p < rows; p++, mp += cols)
                {
                    var xv = Vector256.Create(x[p]);
                    y0 = Vector256.FusedMultiplyAdd(xv, Vector256.Load(mp), y0);
                    y1 = Vector256.FusedMultiplyAdd(xv, Vector256.Load(mp + 8), y1);
                    y2 = Vector256.FusedMultiplyAdd(xv, Vector256.Load(mp + 16), y2);
                    y3 = Vector256.FusedMultiplyAdd(xv, Vector256.Load(mp + 24), y3);
                }
                y0.Store(y + j); y1.Store(y + j + 8); y2.Store(y + j + 16); y3.Store(y + j + 24);
            }
        }
        if (j < cols)
        {
            int w = cols - j;
            float* yt = y + j;
            for (int q = 0; q < w; q++) yt[q] = 0f;
            float* mp = mat + j;
            for (int p = 0; p < rows; p++, mp += cols)
            {
                float xp = x[p];
                for (int q = 0; q < w; q++) yt[q] += xp * mp[q];
            }
        }
    }
}
