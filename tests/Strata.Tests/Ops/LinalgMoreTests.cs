using static Strata.Tests.GradientCheck;

namespace Strata.Tests.Ops;

/// <summary>band_part, diag, diag_part, trace, norm, l2_normalize, inv, det, slogdet, cholesky, solve,
/// triangular_solve, qr.</summary>
public class LinalgMoreTests
{
    private static Tensor F32(float[] v, params int[] shape) => tf.Constant(v, shape: new Shape(shape));
    private static Tensor F64(double[] v, params int[] shape) => GradientCheck.F64(v, shape);

    /// <summary>A well-conditioned random square matrix (random entries plus a multiple of the identity).</summary>
    private static Tensor WellConditioned(int seed, int n, int[]? batch = null)
    {
        var shape = (batch ?? []).Concat([n, n]).ToArray();
        return Rand(seed, shape, -1, 1) + tf.Eye(n, batchShape: batch, dtype: DType.Float64) * 3.0;
    }

    [Fact]
    public void BandPartMatchesTheDocsExample()
    {
        var x = F32([0, 1, 2, 3, -1, 0, 1, 2, -2, -1, 0, 1, -3, -2, -1, 0], 4, 4);
        Expect.Values(tf.BandPart(x, 1, -1), [4, 4], [0, 1, 2, 3, -1, 0, 1, 2, 0, -1, 0, 1, 0, 0, -1, 0]);
        Expect.Values(tf.BandPart(x, 2, 1), [4, 4], [0, 1, 0, 0, -1, 0, 1, 0, -2, -1, 0, 1, 0, -2, -1, 0]);
        Expect.Values(tf.BandPart(x, 0, 0), [4, 4], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        Assert.Equal([true, false, true, true], tf.BandPart(tf.Constant(new[] { true, true, true, true }, shape: new Shape(2, 2)), -1, 0).ToArray<bool>());
        Assert.Contains("num_lower must be negative or less or equal to number of rows (4) got: 5", Assert.Throws<InvalidArgumentError>(() => tf.BandPart(x, 5, 0)).Message);
        Assert.Throws<InvalidArgumentError>(() => tf.BandPart(x, 0, 5));
        Assert.Throws<InvalidArgumentError>(() => tf.BandPart(F32([1], 1), 0, 0));
        Check(v => tf.BandPart(v, 0, 1), Rand(1, [2, 3, 3]));
    }

    [Fact]
    public void DiagDiagPartTrace()
    {
        Expect.Values(tf.Diag(F32([1, 2], 2)), [2, 2], [1, 0, 0, 2]);
        Expect.Values(tf.Diag(F32([1, 2, 3, 4], 2, 2)), [2, 2, 2], [1, 0, 0, 2, 3, 0, 0, 4]);
        Expect.Values(tf.DiagPart(F32([1, 2, 3, 4, 5, 6], 2, 3)), [2], [1, 5]);
        // TF docs: trace([[1, 2, 3], [4, 5, 6], [7, 8, 9]]) → 15; batched → [15, -15].
        Expect.Values(tf.Trace(F32([1, 2, 3, 4, 5, 6, 7, 8, 9], 3, 3)), [], [15]);
        Assert.Equal([15, -15], tf.Trace(tf.Constant(new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, -1, -2, -3, -4, -5, -6, -7, -8, -9 }, shape: new Shape(2, 3, 3))).ToArray<int>());
        Assert.Throws<InvalidArgumentError>(() => tf.Diag(tf.Constant(1f)));
        Assert.Throws<InvalidArgumentError>(() => tf.DiagPart(F32([1], 1)));
        Check(v => tf.Diag(v), Rand(2, [2, 3]));
        Check(v => tf.DiagPart(v), Rand(3, [3, 2]));
        Check(v => tf.Trace(v), Rand(4, [2, 2, 2]));
        Assert.Equal(new[] { 1.0, 2 }, tf.linalg.DiagPart(tf.linalg.Diag(F64([1, 2], 2))).ToArray<double>());
    }

    [Fact]
    public void NormsAndL2Normalize()
    {
        var v = F32([3, -4], 2);
        Expect.Values(tf.Norm(v), [], [5]);
        Expect.Values(tf.Norm(v, 1), [], [7]);
        Expect.Values(tf.Norm(v, double.PositiveInfinity), [], [4]);
        Expect.Values(tf.Norm(v, 3), [], [Math.Pow(27 + 64, 1.0 / 3)], 1e-6);
        var m = F32([1, -2, 3, 4], 2, 2);
        Expect.Values(tf.Norm(m, "fro", [0, 1]), [], [Math.Sqrt(30)], 1e-6);
        Expect.Values(tf.Norm(m, 1, [0, 1]), [], [6]);                       // columns: |1|+|3|, |-2|+|4|
        Expect.Values(tf.Norm(m, double.PositiveInfinity, [-2, -1]), [], [7]); // rows: 3, 7
        Expect.Values(tf.Norm(m, 1, [1, 0]), [], [7]);                        // axes swapped: rows are the "columns"
        Expect.Values(tf.Norm(m, axis: [1], keepDims: true), [2, 1], [Math.Sqrt(5), 5], 1e-6);
        Expect.Values(tf.Norm(m, 1, [0, 1], keepDims: true), [1, 1], [6]);
        Assert.Throws<InvalidArgumentError>(() => tf.Norm(m, 2, [0, 1]));
        Assert.Throws<InvalidArgumentError>(() => tf.Norm(m, 3, [0, 1]));
        Assert.Throws<InvalidArgumentError>(() => tf.Norm(v, 0));
        Assert.Throws<InvalidArgumentError>(() => tf.Norm(v, "nuc"));
        Assert.Throws<InvalidArgumentError>(() => tf.Norm(v, "fro", [0]));
        Assert.Throws<InvalidArgumentError>(() => tf.Norm(m, axis: [0, 1, 0]));
        Assert.Throws<UnsupportedDTypeError>(() => tf.Norm(tf.Constant(new[] { 1 })));
        // l2_normalize: [3, 4] → [0.6, 0.8]; a zero row stays zero (epsilon).
        Expect.Values(tf.L2Normalize(F32([3, 4, 0, 0], 2, 2), 1), [2, 2], [0.6, 0.8, 0, 0], 1e-6);
        Expect.Values(tf.L2Normalize(F32([3, 4], 2)), [2], [0.6, 0.8], 1e-6);
        Check(x => tf.Norm(x, axis: [1]), Rand(5, [2, 3]));
        Check(x => tf.Norm(x, 3, [0]), Rand(6, [3, 2], 0.5, 2));
        Check(x => tf.Norm(x, 1, [0, 1]), Rand(7, [2, 3]));
        Check(x => tf.L2Normalize(x, [0]), Rand(8, [3, 2]));
    }

    [Fact]
    public void InverseDeterminantSlogdet()
    {
        Expect.Values(tf.MatrixInverse(F32([4, 7, 2, 6], 2, 2)), [2, 2], [0.6, -0.7, -0.2, 0.4], 1e-6);
        Expect.Values(tf.MatrixInverse(F32([4, 7, 2, 6], 2, 2), adjoint: true), [2, 2], [0.6, -0.2, -0.7, 0.4], 1e-6);
        Expect.Values(tf.MatrixDeterminant(F32([1, 2, 3, 4], 2, 2)), [], [-2], 1e-6);
        Expect.Values(tf.linalg.Det(F64([6, 1, 1, 4, -2, 5, 2, 8, 7], 3, 3)), [], [-306], 1e-12);
        Expect.Values(tf.MatrixDeterminant(F64([2, 0, 1, 1, 3, 2, 1, 1, 1], 3, 3)), [], [0], 1e-12);
        Expect.Values(tf.MatrixDeterminant(tf.Zeros([2, 0, 0])), [2], [1, 1]);
        var (sign, logAbs) = tf.Slogdet(F64([1, 2, 3, 4, 2, 0, 0, 3], 2, 2, 2));
        Assert.Equal([-1.0, 1], sign.ToArray<double>());
        Expect.Close([Math.Log(2), Math.Log(6)], logAbs.ToArray<double>(), 1e-12);
        var (s0, l0) = tf.Slogdet(F64([1, 2, 2, 4], 2, 2));
        Assert.Equal(0.0, s0.Item<double>());
        Assert.Equal(double.NegativeInfinity, l0.Item<double>());
        Assert.Contains("Input is not invertible", Assert.Throws<InvalidArgumentError>(() => tf.MatrixInverse(F32([1, 2, 2, 4], 2, 2))).Message);
        Assert.Contains("square", Assert.Throws<InvalidArgumentError>(() => tf.MatrixDeterminant(F32([1, 2], 1, 2))).Message);
        Assert.Throws<UnsupportedDTypeError>(() => tf.MatrixInverse(tf.Constant(new[] { 1 }, shape: new Shape(1, 1))));
    }

    [Fact]
    public void InverseDeterminantSlogdetGradients()
    {
        Check(a => tf.MatrixInverse(a), WellConditioned(10, 3));
        Check(a => tf.MatrixInverse(a, adjoint: true), WellConditioned(11, 2, [2]));
        Check(a => tf.MatrixDeterminant(a), WellConditioned(12, 3));
        Check(a => tf.Slogdet(a).LogAbsDeterminant, WellConditioned(13, 2, [2]));
        CheckSecondOrder(a => tf.MatrixDeterminant(a), WellConditioned(14, 2));
        CheckSecondOrder(a => tf.MatrixInverse(a), WellConditioned(15, 2));
    }

    [Fact]
    public void CholeskyValuesAndGradient()
    {
        // The classic example: [[4, 12, -16], [12, 37, -43], [-16, -43, 98]] = L Lᵀ, L = [[2, 0, 0], [6, 1, 0], [-8, 5, 3]].
        var a = F64([4, 12, -16, 12, 37, -43, -16, -43, 98], 3, 3);
        Expect.Values(tf.Cholesky(a), [3, 3], [2, 0, 0, 6, 1, 0, -8, 5, 3], 1e-12);
        Assert.Contains("Cholesky decomposition was not successful", Assert.Throws<InvalidArgumentError>(() => tf.Cholesky(F64([1, 2, 2, 1], 2, 2))).Message);
        // Through a symmetric positive-definite input B Bᵀ + 3 I, so that every perturbation is symmetric.
        Check(b => tf.linalg.Cholesky(tf.MatMul(b, b, transposeB: true) + tf.Eye(3, dtype: DType.Float64) * 3.0), Rand(16, [3, 3]));
        Check(b => tf.Cholesky(tf.MatMul(b, b, transposeB: true) + tf.Eye(2, batchShape: [2], dtype: DType.Float64) * 3.0), Rand(17, [2, 2, 2]));
    }

    [Fact]
    public void SolveAndTriangularSolve()
    {
        var a = F64([1, 2, 3, 4], 2, 2);
        var b = F64([5, 6], 2, 1);
        Expect.Values(tf.MatrixSolve(a, b), [2, 1], [-4, 4.5], 1e-12);
        Expect.Values(tf.linalg.Solve(a, b, adjoint: true), [2, 1], [-1, 2], 1e-12);
        var l = F64([2, 9, 1, 1], 2, 2); // lower triangle [[2, 0], [1, 1]], upper [[2, 9], [0, 1]]
        var r = F64([4, 5], 2, 1);
        Expect.Values(tf.MatrixTriangularSolve(l, r), [2, 1], [2, 3], 1e-12);
        Expect.Values(tf.MatrixTriangularSolve(l, r, lower: false), [2, 1], [-20.5, 5], 1e-12);
        Expect.Values(tf.linalg.TriangularSolve(l, r, adjoint: true), [2, 1], [-0.5, 5], 1e-12);
        Expect.Values(tf.MatrixTriangularSolve(l, r, lower: false, adjoint: true), [2, 1], [2, -13], 1e-12); // [[2, 0], [9, 1]]
        Assert.Contains("not invertible", Assert.Throws<InvalidArgumentError>(() => tf.MatrixSolve(F64([1, 2, 2, 4], 2, 2), b)).Message);
        Assert.Throws<InvalidArgumentError>(() => tf.MatrixSolve(a, F64([1, 2, 3], 3, 1)));
        Assert.Throws<InvalidArgumentError>(() => tf.MatrixSolve(a, F32([1, 2], 2, 1)));
        Assert.Throws<InvalidArgumentError>(() => tf.MatrixTriangularSolve(a, F64([1, 2], 2)));
        foreach (var adj in new[] { false, true })
        {
            Check(xs => tf.MatrixSolve(xs[0], xs[1], adj), WellConditioned(18, 3), Rand(19, [3, 2]));
            Check(xs => tf.MatrixTriangularSolve(xs[0], xs[1], lower: !adj, adjoint: adj), WellConditioned(20, 3), Rand(21, [3, 2]));
        }
        CheckSecondOrder(x => tf.MatrixSolve(x, Rand(23, [2, 1])), WellConditioned(22, 2));
    }

    [Fact]
    public void QrReconstructsWithOrthonormalQ()
    {
        foreach (var (shape, full) in new[] { (new[] { 4, 3 }, false), (new[] { 4, 3 }, true), (new[] { 3, 3 }, false), (new[] { 2, 4 }, false), (new[] { 2, 3, 2 }, false) })
        {
            var a = Rand(24, shape);
            var (q, r) = tf.Qr(a, full);
            int m = shape[^2], n = shape[^1], k = full ? m : Math.Min(m, n);
            Assert.Equal(shape[..^2].Concat([m, k]).ToArray(), q.Shape.ToArray());
            Assert.Equal(shape[..^2].Concat([k, n]).ToArray(), r.Shape.ToArray());
            Expect.Close(a.ToArray<double>(), tf.MatMul(q, r).ToArray<double>(), 1e-12);
            var qtq = tf.MatMul(q, q, transposeA: true);
            Expect.Close(tf.Eye(k, batchShape: shape[..^2], dtype: DType.Float64).ToArray<double>(), qtq.ToArray<double>(), 1e-12);
            Expect.Close(tf.BandPart(r, 0, -1).ToArray<double>(), r.ToArray<double>(), 0);
        }
        Assert.Throws<InvalidArgumentError>(() => tf.Qr(F32([1], 1)));
    }

    [Fact]
    public void QrGradient()
    {
        Tensor Both(Tensor a) { var (q, r) = tf.linalg.Qr(a); return tf.Concat([tf.Reshape(q, [-1]), tf.Reshape(r, [-1])], 0); }
        Check(Both, Rand(25, [4, 3]));
        Check(Both, Rand(26, [3, 3]));
        Check(a => tf.Qr(a).R, Rand(27, [2, 3, 2]));
        Check(Both, Rand(28, [2, 3]));               // wide: A = [X | Y]
        Check(a => tf.Qr(a, fullMatrices: true).Q, Rand(29, [2, 4]));
        var x = Rand(28, [3, 2]);
        using var tape = new GradientTape();
        tape.Watch(x);
        var (_, rr) = tf.Qr(x, fullMatrices: true);
        Assert.Throws<InvalidArgumentError>(() => tape.Gradient(tf.ReduceSum(rr), x));
    }

    [Fact]
    public void LinalgModuleDoorsReachTheOps()
    {
        var a = F64([4, 7, 2, 6], 2, 2);
        Expect.Close(tf.MatrixInverse(a).ToArray<double>(), tf.linalg.Inv(a).ToArray<double>(), 0);
        Expect.Close(tf.BandPart(a, 0, 0).ToArray<double>(), tf.linalg.BandPart(a, 0, 0).ToArray<double>(), 0);
        Assert.Equal(10.0, tf.linalg.Trace(a).Item<double>());
        Assert.Equal(1.0, tf.linalg.Slogdet(a).Sign.Item<double>());
        var b = F64([1, 2], 2, 1);
        Expect.Close(tf.MatrixSolve(a, b).ToArray<double>(), tf.linalg.Solve(a, b).ToArray<double>(), 0);
        Assert.Equal(new Shape(2, 2), tf.linalg.Qr(a).Q.Shape);
        Assert.Equal(Math.Sqrt(105), tf.linalg.Norm(a).Item<double>(), 12);
        Assert.Equal(13.0, tf.linalg.Norm(a, 1, [0, 1]).Item<double>());
        Expect.Close([0.6, 0.8], tf.linalg.L2Normalize(F64([3, 4], 2)).ToArray<double>(), 1e-12);
        Assert.Equal(5.0, tf.linalg.GlobalNorm([F64([3, 4], 2)]).Item<double>(), 12);
        Assert.Equal(new Shape(2, 3), tf.linalg.Eye(2, 3).Shape);
        Assert.Equal(new Shape(2, 1), tf.linalg.MatMul(a, b).Shape);
    }

    [Fact]
    public void SetDiagTransposeAndEuclideanNorm()
    {
        var x = F32([1, 2, 3, 4, 5, 6], 2, 3);
        Expect.Values(tf.MatrixSetDiag(x, F32([9, 8], 2)), [2, 3], [9, 2, 3, 4, 8, 6]);
        Expect.Values(tf.linalg.SetDiag(F32([1, 2, 3, 4], 2, 2), F32([0, 0], 2)), [2, 2], [0, 2, 3, 0]);
        Expect.Values(tf.linalg.MatrixTranspose(x), [3, 2], [1, 4, 2, 5, 3, 6]);
        Assert.Throws<InvalidArgumentError>(() => tf.MatrixSetDiag(x, F32([1, 2, 3], 3)));
        Assert.Throws<InvalidArgumentError>(() => tf.MatrixTranspose(F32([1], 1)));
        Expect.Values(tf.ReduceEuclideanNorm(F32([3, 4, 0, 0], 2, 2), [1]), [2], [5, 0]);
        Expect.Values(tf.ReduceEuclideanNorm(F32([3, 4], 2), keepDims: true), [1], [5]);
        Assert.Throws<UnsupportedDTypeError>(() => tf.ReduceEuclideanNorm(tf.Constant(new[] { 1 })));
        Check(xs => tf.MatrixSetDiag(xs[0], xs[1]), Rand(30, [2, 3]), Rand(31, [2]));
        Check(v => tf.ReduceEuclideanNorm(v, [0]), Rand(32, [2, 2]));
    }

    [Fact]
    public void SecondOrderThroughCholeskyQrAndTriangularSolve()
    {
        CheckSecondOrder(b => tf.Cholesky(tf.MatMul(b, b, transposeB: true) + tf.Eye(2, dtype: DType.Float64) * 2.0), Rand(33, [2, 2]));
        CheckSecondOrder(a => tf.Qr(a).R, Rand(34, [2, 2]));
        CheckSecondOrder(a => tf.MatrixTriangularSolve(a, Rand(35, [2, 1])), WellConditioned(36, 2));
    }
}
