#pragma warning disable CS8981
namespace Strata;

public static partial class tf
{
    /// <summary>TensorFlow's <c>tf.math</c>: doors to the ops defined once on <see cref="tf"/>, under the names
    /// TensorFlow gives them there.</summary>
    public static partial class math
    {
        /// <inheritdoc cref="tf.Abs(Tensor)"/>
        public static Tensor Abs(Tensor x) => tf.Abs(x);
        /// <inheritdoc cref="tf.Add(Tensor, Tensor)"/>
        public static Tensor Add(Tensor x, Tensor y) => tf.Add(x, y);
        /// <inheritdoc cref="tf.Subtract(Tensor, Tensor)"/>
        public static Tensor Subtract(Tensor x, Tensor y) => tf.Subtract(x, y);
        /// <inheritdoc cref="tf.Multiply(Tensor, Tensor)"/>
        public static Tensor Multiply(Tensor x, Tensor y) => tf.Multiply(x, y);
        /// <inheritdoc cref="tf.Divide(Tensor, Tensor)"/>
        public static Tensor Divide(Tensor x, Tensor y) => tf.Divide(x, y);
        /// <inheritdoc cref="tf.Negative(Tensor)"/>
        public static Tensor Negative(Tensor x) => tf.Negative(x);
        /// <inheritdoc cref="tf.Pow(Tensor, Tensor)"/>
        public static Tensor Pow(Tensor x, Tensor y) => tf.Pow(x, y);
        /// <inheritdoc cref="tf.Square(Tensor)"/>
        public static Tensor Square(Tensor x) => tf.Square(x);
        /// <inheritdoc cref="tf.Sqrt(Tensor)"/>
        public static Tensor Sqrt(Tensor x) => tf.Sqrt(x);
        /// <inheritdoc cref="tf.Exp(Tensor)"/>
        public static Tensor Exp(Tensor x) => tf.Exp(x);
        /// <inheritdoc cref="tf.Expm1(Tensor)"/>
        public static Tensor Expm1(Tensor x) => tf.Expm1(x);
        /// <inheritdoc cref="tf.Log(Tensor)"/>
        public static Tensor Log(Tensor x) => tf.Log(x);
        /// <inheritdoc cref="tf.Log1p(Tensor)"/>
        public static Tensor Log1p(Tensor x) => tf.Log1p(x);
        /// <inheritdoc cref="tf.Erf(Tensor)"/>
        public static Tensor Erf(Tensor x) => tf.Erf(x);
        /// <inheritdoc cref="tf.Sigmoid(Tensor)"/>
        public static Tensor Sigmoid(Tensor x) => tf.Sigmoid(x);
        /// <inheritdoc cref="tf.Tanh(Tensor)"/>
        public static Tensor Tanh(Tensor x) => tf.Tanh(x);
        /// <inheritdoc cref="tf.Softplus(Tensor)"/>
        public static Tensor Softplus(Tensor x) => tf.Softplus(x);
        /// <inheritdoc cref="tf.Maximum(Tensor, Tensor)"/>
        public static Tensor Maximum(Tensor x, Tensor y) => tf.Maximum(x, y);
        /// <inheritdoc cref="tf.Minimum(Tensor, Tensor)"/>
        public static Tensor Minimum(Tensor x, Tensor y) => tf.Minimum(x, y);
        /// <inheritdoc cref="tf.SquaredDifference(Tensor, Tensor)"/>
        public static Tensor SquaredDifference(Tensor x, Tensor y) => tf.SquaredDifference(x, y);
        /// <inheritdoc cref="tf.Floor(Tensor)"/>
        public static Tensor Floor(Tensor x) => tf.Floor(x);
        /// <inheritdoc cref="tf.Ceil(Tensor)"/>
        public static Tensor Ceil(Tensor x) => tf.Ceil(x);
        /// <inheritdoc cref="tf.Round(Tensor)"/>
        public static Tensor Round(Tensor x) => tf.Round(x);
        /// <inheritdoc cref="tf.Sign(Tensor)"/>
        public static Tensor Sign(Tensor x) => tf.Sign(x);
        /// <inheritdoc cref="tf.FloorDiv(Tensor, Tensor)"/>
        public static Tensor FloorDiv(Tensor x, Tensor y) => tf.FloorDiv(x, y);
        /// <inheritdoc cref="tf.FloorMod(Tensor, Tensor)"/>
        public static Tensor FloorMod(Tensor x, Tensor y) => tf.FloorMod(x, y);
        /// <inheritdoc cref="tf.TruncateDiv(Tensor, Tensor)"/>
        public static Tensor TruncateDiv(Tensor x, Tensor y) => tf.TruncateDiv(x, y);
        /// <inheritdoc cref="tf.TruncateMod(Tensor, Tensor)"/>
        public static Tensor TruncateMod(Tensor x, Tensor y) => tf.TruncateMod(x, y);
        /// <inheritdoc cref="tf.IsNan(Tensor)"/>
        public static Tensor IsNan(Tensor x) => tf.IsNan(x);
        /// <inheritdoc cref="tf.IsInf(Tensor)"/>
        public static Tensor IsInf(Tensor x) => tf.IsInf(x);
        /// <inheritdoc cref="tf.IsFinite(Tensor)"/>
        public static Tensor IsFinite(Tensor x) => tf.IsFinite(x);
        /// <inheritdoc cref="tf.LogicalAnd(Tensor, Tensor)"/>
        public static Tensor LogicalAnd(Tensor x, Tensor y) => tf.LogicalAnd(x, y);
        /// <inheritdoc cref="tf.LogicalOr(Tensor, Tensor)"/>
        public static Tensor LogicalOr(Tensor x, Tensor y) => tf.LogicalOr(x, y);
        /// <inheritdoc cref="tf.LogicalNot(Tensor)"/>
        public static Tensor LogicalNot(Tensor x) => tf.LogicalNot(x);
        /// <inheritdoc cref="tf.LogicalXor(Tensor, Tensor)"/>
        public static Tensor LogicalXor(Tensor x, Tensor y) => tf.LogicalXor(x, y);
        /// <inheritdoc cref="tf.Equal(Tensor, Tensor)"/>
        public static Tensor Equal(Tensor x, Tensor y) => tf.Equal(x, y);
        /// <inheritdoc cref="tf.NotEqual(Tensor, Tensor)"/>
        public static Tensor NotEqual(Tensor x, Tensor y) => tf.NotEqual(x, y);
        /// <inheritdoc cref="tf.Greater(Tensor, Tensor)"/>
        public static Tensor Greater(Tensor x, Tensor y) => tf.Greater(x, y);
        /// <inheritdoc cref="tf.GreaterEqual(Tensor, Tensor)"/>
        public static Tensor GreaterEqual(Tensor x, Tensor y) => tf.GreaterEqual(x, y);
        /// <inheritdoc cref="tf.Less(Tensor, Tensor)"/>
        public static Tensor Less(Tensor x, Tensor y) => tf.Less(x, y);
        /// <inheritdoc cref="tf.LessEqual(Tensor, Tensor)"/>
        public static Tensor LessEqual(Tensor x, Tensor y) => tf.LessEqual(x, y);
        /// <inheritdoc cref="tf.ReduceSum(Tensor, int[], bool)"/>
        public static Tensor ReduceSum(Tensor x, int[]? axis = null, bool keepDims = false) => tf.ReduceSum(x, axis, keepDims);
        /// <inheritdoc cref="tf.ReduceMean(Tensor, int[], bool)"/>
        public static Tensor ReduceMean(Tensor x, int[]? axis = null, bool keepDims = false) => tf.ReduceMean(x, axis, keepDims);
        /// <inheritdoc cref="tf.ReduceMax(Tensor, int[], bool)"/>
        public static Tensor ReduceMax(Tensor x, int[]? axis = null, bool keepDims = false) => tf.ReduceMax(x, axis, keepDims);
        /// <inheritdoc cref="tf.ReduceMin(Tensor, int[], bool)"/>
        public static Tensor ReduceMin(Tensor x, int[]? axis = null, bool keepDims = false) => tf.ReduceMin(x, axis, keepDims);
        /// <inheritdoc cref="tf.ReduceProd(Tensor, int[], bool)"/>
        public static Tensor ReduceProd(Tensor x, int[]? axis = null, bool keepDims = false) => tf.ReduceProd(x, axis, keepDims);
        /// <inheritdoc cref="tf.ReduceLogSumExp(Tensor, int[], bool)"/>
        public static Tensor ReduceLogSumExp(Tensor x, int[]? axis = null, bool keepDims = false) => tf.ReduceLogSumExp(x, axis, keepDims);
        /// <inheritdoc cref="tf.ReduceStd(Tensor, int[], bool)"/>
        public static Tensor ReduceStd(Tensor x, int[]? axis = null, bool keepDims = false) => tf.ReduceStd(x, axis, keepDims);
        /// <inheritdoc cref="tf.ReduceVariance(Tensor, int[], bool)"/>
        public static Tensor ReduceVariance(Tensor x, int[]? axis = null, bool keepDims = false) => tf.ReduceVariance(x, axis, keepDims);
        /// <inheritdoc cref="tf.ReduceAny(Tensor, int[], bool)"/>
        public static Tensor ReduceAny(Tensor x, int[]? axis = null, bool keepDims = false) => tf.ReduceAny(x, axis, keepDims);
        /// <inheritdoc cref="tf.ReduceAll(Tensor, int[], bool)"/>
        public static Tensor ReduceAll(Tensor x, int[]? axis = null, bool keepDims = false) => tf.ReduceAll(x, axis, keepDims);
        /// <inheritdoc cref="tf.ReduceEuclideanNorm(Tensor, int[], bool)"/>
        public static Tensor ReduceEuclideanNorm(Tensor x, int[]? axis = null, bool keepDims = false) => tf.ReduceEuclideanNorm(x, axis, keepDims);
        /// <inheritdoc cref="tf.CountNonzero(Tensor, int[], bool, DType)"/>
        public static Tensor CountNonzero(Tensor x, int[]? axis = null, bool keepDims = false, DType dtype = DType.Int64) => tf.CountNonzero(x, axis, keepDims, dtype);
        /// <inheritdoc cref="tf.ArgMax(Tensor, int, DType)"/>
        public static Tensor ArgMax(Tensor x, int axis = 0, DType outputType = DType.Int64) => tf.ArgMax(x, axis, outputType);
        /// <inheritdoc cref="tf.ArgMin(Tensor, int, DType)"/>
        public static Tensor ArgMin(Tensor x, int axis = 0, DType outputType = DType.Int64) => tf.ArgMin(x, axis, outputType);
        /// <inheritdoc cref="tf.Cumsum(Tensor, int, bool, bool)"/>
        public static Tensor Cumsum(Tensor x, int axis = 0, bool exclusive = false, bool reverse = false) => tf.Cumsum(x, axis, exclusive, reverse);
        /// <inheritdoc cref="tf.Cumprod(Tensor, int, bool, bool)"/>
        public static Tensor Cumprod(Tensor x, int axis = 0, bool exclusive = false, bool reverse = false) => tf.Cumprod(x, axis, exclusive, reverse);
        /// <inheritdoc cref="tf.TopK(Tensor, int, bool)"/>
        public static (Tensor Values, Tensor Indices) TopK(Tensor input, int k = 1, bool sorted = true) => tf.TopK(input, k, sorted);
        /// <inheritdoc cref="tf.L2Normalize(Tensor, int[], double)"/>
        public static Tensor L2Normalize(Tensor x, int[]? axis = null, double epsilon = 1e-12) => tf.L2Normalize(x, axis, epsilon);
        /// <inheritdoc cref="tf.SegmentSum(Tensor, Tensor)"/>
        public static Tensor SegmentSum(Tensor data, Tensor segmentIds) => tf.SegmentSum(data, segmentIds);
        /// <inheritdoc cref="tf.SegmentMean(Tensor, Tensor)"/>
        public static Tensor SegmentMean(Tensor data, Tensor segmentIds) => tf.SegmentMean(data, segmentIds);
        /// <inheritdoc cref="tf.SegmentMax(Tensor, Tensor)"/>
        public static Tensor SegmentMax(Tensor data, Tensor segmentIds) => tf.SegmentMax(data, segmentIds);
        /// <inheritdoc cref="tf.UnsortedSegmentSum(Tensor, Tensor, int)"/>
        public static Tensor UnsortedSegmentSum(Tensor data, Tensor segmentIds, int numSegments) => tf.UnsortedSegmentSum(data, segmentIds, numSegments);
    }
}
