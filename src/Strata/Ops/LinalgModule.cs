#pragma warning disable CS8981
namespace Strata;

public static partial class tf
{
    /// <summary>TensorFlow's <c>tf.linalg</c> module: doors to the ops defined once on <see cref="tf"/>, under
    /// the names TensorFlow gives them there.</summary>
    public static partial class linalg
    {
        public static Tensor BandPart(Tensor input, int numLower, int numUpper) => tf.BandPart(input, numLower, numUpper);
        public static Tensor Diag(Tensor diagonal) => tf.Diag(diagonal);
        public static Tensor DiagPart(Tensor input) => tf.DiagPart(input);
        public static Tensor Trace(Tensor x) => tf.Trace(x);
        public static Tensor SetDiag(Tensor input, Tensor diagonal) => tf.MatrixSetDiag(input, diagonal);
        public static Tensor MatrixTranspose(Tensor x) => tf.MatrixTranspose(x);
        public static Tensor Inv(Tensor input, bool adjoint = false) => tf.MatrixInverse(input, adjoint);
        public static Tensor Det(Tensor input) => tf.MatrixDeterminant(input);
        public static (Tensor Sign, Tensor LogAbsDeterminant) Slogdet(Tensor input) => tf.Slogdet(input);
        public static Tensor Cholesky(Tensor input) => tf.Cholesky(input);
        public static Tensor Solve(Tensor matrix, Tensor rhs, bool adjoint = false) => tf.MatrixSolve(matrix, rhs, adjoint);
        public static Tensor TriangularSolve(Tensor matrix, Tensor rhs, bool lower = true, bool adjoint = false) => tf.MatrixTriangularSolve(matrix, rhs, lower, adjoint);
        public static (Tensor Q, Tensor R) Qr(Tensor input, bool fullMatrices = false) => tf.Qr(input, fullMatrices);
        public static Tensor Norm(Tensor tensor, string ord = "euclidean", int[]? axis = null, bool keepDims = false) => tf.Norm(tensor, ord, axis, keepDims);
        public static Tensor Norm(Tensor tensor, double ord, int[]? axis = null, bool keepDims = false) => tf.Norm(tensor, ord, axis, keepDims);
        public static Tensor L2Normalize(Tensor x, int[]? axis = null, double epsilon = 1e-12) => tf.L2Normalize(x, axis, epsilon);
        public static Tensor GlobalNorm(IReadOnlyList<Tensor?> tensors) => tf.GlobalNorm(tensors);
        public static Tensor Eye(int numRows, int? numColumns = null, int[]? batchShape = null, DType dtype = DType.Float32) => tf.Eye(numRows, numColumns, batchShape, dtype);
        public static Tensor MatMul(Tensor a, Tensor b, bool transposeA = false, bool transposeB = false) => tf.MatMul(a, b, transposeA, transposeB);
    }
}
