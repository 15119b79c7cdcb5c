#pragma warning disable CS8981
namespace Strata;

public static partial class tf
{
    /// <summary>TensorFlow's <c>tf.math</c>: doors to the ops defined once on <see cref="tf"/>, under the names
    /// TensorFlow gives them there.</summary>
    public static partial class math
    {
        public static Tensor Abs(Tensor x) => tf.Abs(x);
        public static Tensor Add(Tensor x, Tensor y) => tf.Add(x, y);
        public static Tensor Subtract(Tensor x, Tensor y) => tf.Subtract(x, y);
        public static Tensor Multiply(Tensor x, Tensor y) => tf.Multiply(x, y);
        public static Tensor Divide(Tensor x, Tensor y) => tf.Divide(x, y);
        public static Tensor Negative(Tensor x) => tf.Negative(x);
        public static Tensor Pow(Tensor x, Tensor y) => tf.Pow(x, y);
        public static Tensor Square(Tensor x) => tf.Square(x);
        public static Tensor Sqrt(Tensor x) => tf.Sqrt(x);
        public static Tensor Exp(Tensor x) => tf.Exp(x);
        public static Tensor Expm1(Tensor x) => tf.Expm1(x);
        public static Tensor Log(Tensor x) => tf.Log(x);
        public static Tensor Log1p(Tensor x) => tf.Log1p(x);
        public static Tensor Erf(Tensor x) => tf.Erf(x);
        public static Tensor Sigmoid(Tensor x) => tf.Sigmoid(x);
        public static Tensor Tanh(Tensor x) => tf.Tanh(x);
        public static Tensor Softplus(Tensor x) => tf.Softplus(x);
        public static Tensor Maximum(Tensor x, Tensor y) => tf.Maximum(x, y);
        public static Tensor Minimum(Tensor x, Tensor y) => tf.Minimum(x, y);
        public static Tensor SquaredDifference(Tensor x, Tensor y) => tf.SquaredDifference(x, y);
        public static Tensor Floor(Tensor x) => tf.Floor(x);
        public static Tensor Ceil(Tensor x) => tf.Ceil(x);
        public static Tensor Round(Tensor x) => tf.Round(x);
        public static Tensor Sign(Tensor x) => tf.Sign(x);
        public static Tensor FloorDiv(Tensor x, Tensor y) => tf.FloorDiv(x, y);
        public static Tensor FloorMod(Tensor x, Tensor y) => tf.FloorMod(x, y);
        public static Tensor TruncateDiv(Tensor x, Tensor y) => tf.TruncateDiv(x, y);
        public static Tensor TruncateMod(Tensor x, Tensor y) => tf.TruncateMod(x, y);
        public static Tensor IsNan(Tensor x) => tf.IsNan(x);
        public static Tensor IsInf(Tensor x) => tf.IsInf(x);
        public static Tensor IsFinite(Tensor x) => tf.IsFinite(x);
        public static Tensor LogicalAnd(Tensor x, Tensor y) => tf.LogicalAnd(x, y);
        public static Tensor LogicalOr(Tensor x, Tensor y) => tf.LogicalOr(x, y);
        public static Tensor LogicalNot(Tensor x) => tf.LogicalNot(x);
        public static Tensor LogicalXor(Tensor x, Tensor y) => tf.LogicalXor(x, y);
        public static Tensor Equal(Tensor x, Tensor y) => tf.Equal(x, y);
        public static Tensor NotEqual(Tensor x, Tensor y) => tf.NotEqual(x, y);
        public static Tensor Greater(Tensor x, Tensor y) => tf.Greater(x, y);
        public static Tensor GreaterEqual(Tensor x, Tensor y) => tf.GreaterEqual(x, y);
        public static Tensor Less(Tensor x, Tensor y) => tf.Less(x, y);
        public static Tensor LessEqual(Tensor x, Tensor y) => tf.LessEqual(x, y);
        public static Tensor ReduceSum(Tensor x, int[]? axis = null, bool keepDims = false) => tf.ReduceSum(x, axis, keepDims);
        public static Tensor ReduceMean(Tensor x, int[]? axis = null, bool keepDims = false) => tf.ReduceMean(x, axis, keepDims);
        public static Tensor ReduceMax(Tensor x, int[]? axis = null, bool keepDims = false) => tf.ReduceMax(x, axis, keepDims);
        public static Tensor ReduceMin(Tensor x, int[]? axis = null, bool keepDims = false) => tf.ReduceMin(x, axis, keepDims);
        public static Tensor ReduceProd(Tensor x, int[]? axis = null, bool keepDims = false) => tf.ReduceProd(x, axis, keepDims);
        public static Tensor ReduceLogSumExp(Tensor x, int[]? axis = null, bool keepDims = false) => tf.ReduceLogSumExp(x, axis, keepDims);
        public static Tensor ReduceStd(Tensor x, int[]? axis = null, bool keepDims = false) => tf.ReduceStd(x, axis, keepDims);
        public static Tensor ReduceVariance(Tensor x, int[]? axis = null, bool keepDims = false) => tf.ReduceVariance(x, axis, keepDims);
        public static Tensor ReduceAny(Tensor x, int[]? axis = null, bool keepDims = false) => tf.ReduceAny(x, axis, keepDims);
        public static Tensor ReduceAll(Tensor x, int[]? axis = null, bool keepDims = false) => tf.ReduceAll(x, axis, keepDims);
        public static Tensor ReduceEuclideanNorm(Tensor x, int[]? axis = null, bool keepDims = false) => tf.ReduceEuclideanNorm(x, axis, keepDims);
        public static Tensor CountNonzero(Tensor x, int[]? axis = null, bool keepDims = false, DType dtype = DType.Int64) => tf.CountNonzero(x, axis, keepDims, dtype);
        public static Tensor ArgMax(Tensor x, int axis = 0, DType outputType = DType.Int64) => tf.ArgMax(x, axis, outputType);
        public static Tensor ArgMin(Tensor x, int axis = 0, DType outputType = DType.Int64) => tf.ArgMin(x, axis, outputType);
        public static Tensor Cumsum(Tensor x, int axis = 0, bool exclusive = false, bool reverse = false) => tf.Cumsum(x, axis, exclusive, reverse);
        public static Tensor Cumprod(Tensor x, int axis = 0, bool exclusive = false, bool reverse = false) => tf.Cumprod(x, axis, exclusive, reverse);
        public static (Tensor Values, Tensor Indices) TopK(Tensor input, int k = 1, bool sorted = true) => tf.TopK(input, k, sorted);
        public static Tensor L2Normalize(Tensor x, int[]? axis = null, double epsilon = 1e-12) => tf.L2Normalize(x, axis, epsilon);
        public static Tensor SegmentSum(Tensor data, Tensor segmentIds) => tf.SegmentSum(data, segmentIds);
        public static Tensor SegmentMean(Tensor data, Tensor segmentIds) => tf.SegmentMean(data, segmentIds);
        public static Tensor SegmentMax(Tensor data, Tensor segmentIds) => tf.SegmentMax(data, segmentIds);
        public static Tensor UnsortedSegmentSum(Tensor data, Tensor segmentIds, int numSegments) => tf.UnsortedSegmentSum(data, segmentIds, numSegments);
    }
}
