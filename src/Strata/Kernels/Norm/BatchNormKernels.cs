using System.Numerics;

namespace Strata.Kernels;

/// <summary>
/// Batch normalization along the last axis of a (rows × C) buffer, float and double: per-channel statistics in one
/// pass, the normalization y = x·a + b in another, and the backward pass in two (its sums, then dx). Every pass
/// walks whole rows with vector ops over channels; the only scratch is a few arrays of C values.
/// </summary>
internal static class BatchNormKernels
{
    /// <summary>Rows summed in T before the partial sums are added into double totals (keeps float32 sums of large
    /// batches accurate without converting each value).</summary>
    private const int Block = 256;

    /// <summary>Training forward: batch mean and biased variance per channel, then y = (x - mean) / sqrt(var + eps) · scale + offset.</summary>
    public static (Tensor Y, Tensor Mean, Tensor Variance) Training(Tensor x, Tensor scale, Tensor offset, double epsilon)
    {
        int c = x.Shape[-1];
        var y = Tensor.Empty(x.DType, x.Shape);
        var mean = Tensor.Empty(x.DType, [c]);
        var variance = Tensor.Empty(x.DType, [c]);
        if (x.DType == DType.Float32) Training<float>(x.Data<float>(), scale.Data<float>(), offset.Data<float>(), epsilon, y.Data<float>(), mean.Data<float>(), variance.Data<float>());
        else Training<double>(x.Data<double>(), scale.Data<double>(), offset.Data<double>(), epsilon, y.Data<double>(), mean.Data<double>(), variance.Data<double>());
        return (y, mean, variance);
    }

    /// <summary>Inference forward with given statistics: one pass of y = x·a + b.</summary>
    public static Tensor Inference(Tensor x, Tensor scale, Tensor offset, Tensor mean, Tensor variance, double epsilon)
    {
        var y = Tensor.Empty(x.DType, x.Shape);
        if (x.DType == DType.Float32)
        {
            var (a, b) = Affine<float>(scale.Data<float>(), offset.Data<float>(), mean.Data<float>(), variance.Data<float>(), epsilon);
            Apply<float>(x.Data<float>(), a, b, y.Data<float>());
        }
        else
        {
            var (a, b) = Affine<double>(scale.Data<double>(), offset.Data<double>(), mean.Data<double>(), variance.Data<double>(), epsilon);
            Apply<double>(x.Data<double>(), a, b, y.Data<double>());
        }
        return y;
    }

    /// <summary>Training backward from the batch statistics of the forward pass: dx, dscale, doffset.</summary>
    public static (Tensor Dx, Tensor DScale, Tensor DOffset) TrainingBackward(Tensor dy, Tensor x, Tensor scale, Tensor mean, Tensor variance, double epsilon)
    {
        int c = x.Shape[-1];
        var dx = Tensor.Empty(x.DType, x.Shape);
        var dscale = Tensor.Empty(x.DType, [c]);
        var doffset = Tensor.Empty(x.DType, [c]);
        if (x.DType == DType.Float32)
            Backward<float>(dy.Data<float>(), x.Data<float>(), scale.Data<float>(), mean.Data<float>(), variance.Data<float>(), epsilon, dx.Data<float>(), dscale.Data<float>(), doffset.Data<float>());
        else
            Backward<double>(dy.Data<double>(), x.Data<double>(), scale.Data<double>(), mean.Data<double>(), variance.Data<double>(), epsilon, dx.Data<double>(), dscale.Data<double>(), doffset.Data<double>());
        return (dx, dscale, doffset);
    }

    private static void Training<T>(T[] x, T[] scale, T[] offset, double epsilon, T[] y, T[] mean, T[] variance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = mean.Length;
        if (c == 0) return;
        int rows = x.Length / c;
        // Sums of (x - shift) with the first row as shift: the variance is then not the small difference of two
        // large numbers when the mean is far from zero.
        var shift = rows > 0 ? x.AsSpan(0, c).ToArray() : new T[c];
        var (s, ss) = Sums(x, shift, null, rows, c);
        for (int j = 0; j < c; j++)
        {
            double m = s[j] / rows;
            mean[j] = T.CreateChecked(double.CreateChecked(shift[j]) + m);
            variance[j] = T.CreateChecked(Math.Max(ss[j] / rows - m * m, 0));
        }
        var (a, b) = Affine<T>(scale, offset, mean, variance, epsilon);
        Apply<T>(x, a, b, y);
    }

    /// <summary>
    /// Per channel, over all rows: s += (x - shift) and ss += (x - shift)² when <paramref name="dy"/> is null;
    /// s += dy and ss += dy · (x - shift) when it is given. Summed per block of rows in T, the blocks in double.
    /// </summary>
    private static void SumRows<T>(T[] x, T[] shift, T[]? dy, int r0, int r1, int c, double[] s, double[] ss)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (ps, pss) = (new T[c], new T[c]);
        for (int r = r0; r < r1; r++)
        {
            var row = new ReadOnlySpan<T>(x, r * c, c);
            if (dy is null) BatchNormRows.Moments<T>(row, shift, ps, pss);
            else BatchNormRows.GradientSums<T>(row, shift, new ReadOnlySpan<T>(dy, r * c, c), ps, pss);
            if ((r + 1 - r0) % Block == 0 || r == r1 - 1)
            {
                for (int j = 0; j < c; j++) { s[j] += double.CreateChecked(ps[j]); ss[j] += double.CreateChecked(pss[j]); }
                Array.Clear(ps);
                Array.Clear(pss);
            }
        }
    }

    /// <summary>The sums of <see cref="SumRows"/> over all rows: for a large tensor, each thread sums its own range of
    /// rows, and the ranges' double totals are added in order (so the result does not depend on thread timing).</summary>
    private static (double[] S, double[] SS) Sums<T>(T[] x, T[] shift, T[]? dy, int rows, int c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int pieces = Pieces(rows, c);
        var s = new double[pieces][];
        var ss = new double[pieces][];
        void Piece(int p)
        {
            (s[p], ss[p]) = (new double[c], new double[c]);
            SumRows(x, shift, dy, (int)((long)rows * p / pieces), (int)((long)rows * (p + 1) / pieces), c, s[p], ss[p]);
        }
        if (pieces == 1) Piece(0);
        else Parallelism.ForRanges(pieces, 1, (p0, p1) => { for (int p = p0; p < p1; p++) Piece(p); }, align: 1);
        for (int p = 1; p < pieces; p++)
            for (int j = 0; j < c; j++) { s[0][j] += s[p][j]; ss[0][j] += ss[p][j]; }
        return (s[0], ss[0]);
    }

    /// <summary>Below this many values a pass runs on the calling thread.</summary>
    private const int ParallelWork = 1 << 16;

    private static int Pieces(int rows, int c) => (int)Math.Clamp((long)rows * c / ParallelWork, 1, Math.Min(Parallelism.MaxThreads, Math.Max(rows, 1)));

    /// <summary>body(r0, r1) over row ranges, threaded for a large tensor (rows are independent).</summary>
    private static void ForRows(int rows, int c, Action<int, int> body)
    {
        if (Pieces(rows, c) == 1) body(0, rows);
        else Parallelism.ForRanges(rows, Math.Max(1, ParallelWork / c), body, align: 1);
    }

    /// <summary>a = scale / sqrt(var + eps), b = offset - mean · a: the normalization as one multiply-add.</summary>
    private static (T[] A, T[] B) Affine<T>(T[] scale, T[] offset, T[] mean, T[] variance, double epsilon)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = scale.Length;
        var (a, b) = (new T[c], new T[c]);
        for (int j = 0; j < c; j++)
        {
            double inv = 1 / Math.Sqrt(double.CreateChecked(variance[j]) + epsilon);
            a[j] = T.CreateChecked(double.CreateChecked(scale[j]) * inv);
            b[j] = T.CreateChecked(double.CreateChecked(offset[j]) - double.CreateChecked(mean[j]) * double.CreateChecked(scale[j]) * inv);
        }
        return (a, b);
    }

    private static void Apply<T>(T[] x, T[] a, T[] b, T[] y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = a.Length;
        if (c == 0) return;
        ForRows(x.Length / c, c, (r0, r1) =>
        {
            for (int off = r0 * c; off < r1 * c; off += c)
                BatchNormRows.Affine<T>(new ReadOnlySpan<T>(x, off, c), a, b, default, default, new Span<T>(y, off, c));
        });
    }

    /// <summary>
    /// With xhat = (x - mean)·inv, inv = 1/sqrt(var + eps), R rows: doffset = Σ dy, dscale = Σ dy·xhat and
    /// dx = scale·inv·(dy - doffset/R - xhat·dscale/R), computed as dx = dy·k + x·q + r per channel.
    /// </summary>
    private static void Backward<T>(T[] dy, T[] x, T[] scale, T[] mean, T[] variance, double epsilon, T[] dx, T[] dscale, T[] doffset)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = scale.Length;
        if (c == 0) return;
        int rows = x.Length / c;
        var (s, sx) = Sums(x, mean, dy, rows, c);
        var (k, q, r) = (new T[c], new T[c], new T[c]);
        for (int j = 0; j < c; j++)
        {
            double inv = 1 / Math.Sqrt(double.CreateChecked(variance[j]) + epsilon);
            double g = double.CreateChecked(scale[j]), m = double.CreateChecked(mean[j]);
            double ds = sx[j] * inv, dof = s[j];
            dscale[j] = T.CreateChecked(ds);
            doffset[j] = T.CreateChecked(dof);
            double kj = g * inv, qj = -g * inv * inv * ds / rows;
            k[j] = T.CreateChecked(kj);
            q[j] = T.CreateChecked(qj);
            r[j] = T.CreateChecked(-kj * dof / rows - qj * m);
        }
        ForRows(rows, c, (r0, r1) =>
        {
            for (int off = r0 * c; off < r1 * c; off += c)
                BatchNormRows.Affine<T>(new ReadOnlySpan<T>(x, off, c), q, r, new ReadOnlySpan<T>(dy, off, c), k, new Span<T>(dx, off, c));
        });
    }
}
