#pragma warning disable CS8981
namespace Strata;

public static partial class tf
{
    /// <summary>TensorFlow's <c>tf.linalg</c> module: doors to the ops defined once on <see cref="tf"/>, under
    /// the names TensorFlow gives them there.</summary>
    public static partial class linalg
    {
        /// <inheritdoc cref="tf.BandPart(Tensor, int, int)"/>
        public static Tensor BandPart(Tensor input, int numLower, int numUpper) => tf.BandPart(input, numLower, numUpper);
        /// <inheritdoc cref="tf.Diag(Tensor)"/>
        public static Tensor Diag(Tensor diagonal) => tf.Diag(diagonal);
        /// <inheritdoc cref="tf.DiagPart(Tensor)"/>
        public static Tensor DiagPart(Tensor input) => tf.DiagPart(input);
        /// <inheritdoc cref="tf.Trace(Tensor)"/>
        public static Tensor Trace(Tensor x) => tf.Trace(x);
        /// <inheritdoc cref="tf.MatrixSetDiag(Tensor, Tensor)"/>
        public static Tensor SetDiag(Tensor input, Tensor diagonal) => tf.MatrixSetDiag(input, diagonal);
        /// <inheritdoc cref="tf.MatrixTranspose(Tensor)"/>
        public static Tensor MatrixTranspose(Tensor x) => tf.MatrixTranspose(x);
        /// <inheritdoc cref="tf.MatrixInverse(Tensor, bool)"/>
        public static Tensor Inv(Tensor input, bool adjoint = false) => tf.MatrixInverse(input, adjoint);
        /// <inheritdoc cref="tf.MatrixDeterminant(Tensor)"/>
        public static Tensor Det(Tensor input) => tf.MatrixDeterminant(input);
        /// <inheritdoc cref="tf.Slogdet(Tensor)"/>
        public static (Tensor Sign, Tensor LogAbsDeterminant) Slogdet(Tensor input) => tf.Slogdet(input);
        /// <inheritdoc cref="tf.Cholesky(Tensor)"/>
        public static Tensor Cholesky(Tensor input) => tf.Cholesky(input);
        /// <inheritdoc cref="tf.MatrixSolve(Tensor, Tensor, bool)"/>
        public static Tensor Solve(Tensor matrix, Tensor rhs, bool adjoint = false) => tf.MatrixSolve(matrix, rhs, adjoint);
        /// <inheritdoc cref="tf.MatrixTriangularSolve(Tensor, Tensor, bool, bool)"/>
        public static Tensor TriangularSolve(Tensor matrix, Tensor rhs, bool lower = true, bool adjoint = false) => tf.MatrixTriangularSolve(matrix, rhs, lower, adjoint);
        /// <inheritdoc cref="tf.Qr(Tensor, bool)"/>
        public static (Tensor Q, Tensor R) Qr(Tensor input, bool fullMatrices = false) => tf.Qr(input, fullMatrices);
        /// <inheritdoc cref="tf.Norm(Tensor, string, int[], bool)"/>
        public static Tensor Norm(Tensor tensor, string ord = "euclidean", int[]? axis = null, bool keepDims = false) => tf.Norm(tensor, ord, axis, keepDims);
        /// <inheritdoc cref="tf.Norm(Tensor, double, int[], bool)"/>
        public static Tensor Norm(Tensor tensor, double ord, int[]? axis = null, bool keepDims = false) => tf.Norm(tensor, ord, axis, keepDims);
        /// <inheritdoc cref="tf.L2Normalize(Tensor, int[], double)"/>
        public static Tensor L2Normalize(Tensor x, int[]? axis = null, double epsilon = 1e-12) => tf.L2Normalize(x, axis, epsilon);
        /// <inheritdoc cref="tf.GlobalNorm(IReadOnlyList{Tensor})"/>
        public static Tensor GlobalNorm(IReadOnlyList<Tensor?> tensors) => tf.GlobalNorm(tensors);
        /// <inheritdoc cref="tf.Eye(int, int?, int[], DType)"/>
        public static Tensor Eye(int numRows, int? numColumns = null, int[]? batchShape = null, DType dtype = DType.Float32) => tf.Eye(numRows, numColumns, batchShape, dtype);
        /// <inheritdoc cref="tf.MatMul(Tensor, Tensor, bool, bool)"/>
        public static Tensor MatMul(Tensor a, Tensor b, bool transposeA = false, bool transposeB = false) => tf.MatMul(a, b, transposeA, transposeB);
    }
}
