#pragma warning disable CS8981 // `keras` is lower-case on purpose.
namespace Strata;

public static partial class keras
{
    /// <summary>
    /// Keras 3's <c>keras.ops</c>: the NumPy-style names of Keras 3 (<c>sum</c>, <c>arcsin</c>, <c>concatenate</c>,
    /// <c>arange</c> …) in .NET casing, each a door to the one op defined on <see cref="tf"/> (no copies; gradients come
    /// from there). Where Keras's signature differs from TensorFlow's, the door adapts the arguments, as Keras's
    /// TensorFlow backend does: an <c>axis</c> of null means all axes (flattening for <c>take</c>, <c>repeat</c>,
    /// <c>argmax</c>); <c>tile</c> takes fewer repeats than dimensions (NumPy's rule); <c>argmax</c>/<c>argmin</c> give
    /// int32.
    /// </summary>
    public static class ops
    {
        private static int[]? Axes(int? axis) => axis is { } a ? [a] : null;

        // ----- arithmetic -----
        public static Tensor Add(Tensor x1, Tensor x2) => tf.Add(x1, x2);
        public static Tensor Subtract(Tensor x1, Tensor x2) => tf.Subtract(x1, x2);
        public static Tensor Multiply(Tensor x1, Tensor x2) => tf.Multiply(x1, x2);
        public static Tensor Divide(Tensor x1, Tensor x2) => tf.Divide(x1, x2);
        public static Tensor TrueDivide(Tensor x1, Tensor x2) => tf.Divide(x1, x2);
        public static Tensor FloorDivide(Tensor x1, Tensor x2) => tf.FloorDiv(x1, x2);
        public static Tensor Mod(Tensor x1, Tensor x2) => tf.FloorMod(x1, x2);
        public static Tensor Power(Tensor x1, Tensor x2) => tf.Pow(x1, x2);
        public static Tensor Negative(Tensor x) => tf.Negative(x);
        public static Tensor Abs(Tensor x) => tf.Abs(x);
        public static Tensor Absolute(Tensor x) => tf.Abs(x);
        public static Tensor Square(Tensor x) => tf.Square(x);
        public static Tensor Sqrt(Tensor x) => tf.Sqrt(x);
        public static Tensor Rsqrt(Tensor x) => tf.Rsqrt(x);
        public static Tensor Reciprocal(Tensor x) => tf.Reciprocal(x);
        public static Tensor Exp(Tensor x) => tf.Exp(x);
        public static Tensor Expm1(Tensor x) => tf.Expm1(x);
        public static Tensor Log(Tensor x) => tf.Log(x);
        public static Tensor Log1p(Tensor x) => tf.Log1p(x);
        public static Tensor Erf(Tensor x) => tf.Erf(x);
        public static Tensor Sign(Tensor x) => tf.Sign(x);
        public static Tensor Floor(Tensor x) => tf.Floor(x);
        public static Tensor Ceil(Tensor x) => tf.Ceil(x);
        public static Tensor Round(Tensor x) => tf.Round(x);
        public static Tensor Maximum(Tensor x1, Tensor x2) => tf.Maximum(x1, x2);
        public static Tensor Minimum(Tensor x1, Tensor x2) => tf.Minimum(x1, x2);
        public static Tensor Clip(Tensor x, Tensor xMin, Tensor xMax) => tf.ClipByValue(x, xMin, xMax);

        // ----- trigonometric and hyperbolic (NumPy's arc- names) -----
        public static Tensor Sin(Tensor x) => tf.Sin(x);
        public static Tensor Cos(Tensor x) => tf.Cos(x);
        public static Tensor Tan(Tensor x) => tf.Tan(x);
        public static Tensor Arcsin(Tensor x) => tf.Asin(x);
        public static Tensor Arccos(Tensor x) => tf.Acos(x);
        public static Tensor Arctan(Tensor x) => tf.Atan(x);
        public static Tensor Arctan2(Tensor x1, Tensor x2) => tf.Atan2(x1, x2);
        public static Tensor Sinh(Tensor x) => tf.Sinh(x);
        public static Tensor Cosh(Tensor x) => tf.Cosh(x);
        public static Tensor Tanh(Tensor x) => tf.Tanh(x);
        public static Tensor Arcsinh(Tensor x) => tf.Asinh(x);
        public static Tensor Arccosh(Tensor x) => tf.Acosh(x);
        public static Tensor Arctanh(Tensor x) => tf.Atanh(x);

        // ----- bitwise -----
        public static Tensor BitwiseAnd(Tensor x, Tensor y) => tf.BitwiseAnd(x, y);
        public static Tensor BitwiseOr(Tensor x, Tensor y) => tf.BitwiseOr(x, y);
        public static Tensor BitwiseXor(Tensor x, Tensor y) => tf.BitwiseXor(x, y);
        public static Tensor BitwiseInvert(Tensor x) => tf.Invert(x);
        public static Tensor BitwiseNot(Tensor x) => tf.Invert(x);
        public static Tensor LeftShift(Tensor x, Tensor y) => tf.LeftShift(x, y);
        public static Tensor RightShift(Tensor x, Tensor y) => tf.RightShift(x, y);
        public static Tensor BitwiseLeftShift(Tensor x, Tensor y) => tf.LeftShift(x, y);
        public static Tensor BitwiseRightShift(Tensor x, Tensor y) => tf.RightShift(x, y);

        // ----- comparison and logic -----
        public static Tensor Equal(Tensor x1, Tensor x2) => tf.Equal(x1, x2);
        public static Tensor NotEqual(Tensor x1, Tensor x2) => tf.NotEqual(x1, x2);
        public static Tensor Greater(Tensor x1, Tensor x2) => tf.Greater(x1, x2);
        public static Tensor GreaterEqual(Tensor x1, Tensor x2) => tf.GreaterEqual(x1, x2);
        public static Tensor Less(Tensor x1, Tensor x2) => tf.Less(x1, x2);
        public static Tensor LessEqual(Tensor x1, Tensor x2) => tf.LessEqual(x1, x2);
        public static Tensor LogicalAnd(Tensor x1, Tensor x2) => tf.LogicalAnd(x1, x2);
        public static Tensor LogicalOr(Tensor x1, Tensor x2) => tf.LogicalOr(x1, x2);
        public static Tensor LogicalXor(Tensor x1, Tensor x2) => tf.LogicalXor(x1, x2);
        public static Tensor LogicalNot(Tensor x) => tf.LogicalNot(x);
        public static Tensor Isnan(Tensor x) => tf.IsNan(x);
        public static Tensor Isinf(Tensor x) => tf.IsInf(x);
        public static Tensor Isfinite(Tensor x) => tf.IsFinite(x);

        /// <summary>keras.ops.where(condition, x1, x2); with only the condition, the coordinates where it holds
        /// (tf.where's one-argument form).</summary>
        public static Tensor Where(Tensor condition, Tensor? x1 = null, Tensor? x2 = null)
        {
            if (x1 is null && x2 is null) return tf.Where(condition);
            if (x1 is null || x2 is null)
                throw new InvalidArgumentError("keras.ops.where: x1 and x2 must be given both or neither.");
            return tf.Where(condition, x1, x2);
        }

        // ----- reductions (axis null: all axes) -----
        public static Tensor Sum(Tensor x, int? axis = null, bool keepdims = false) => tf.ReduceSum(x, Axes(axis), keepdims);
        public static Tensor Mean(Tensor x, int? axis = null, bool keepdims = false) => tf.ReduceMean(x, Axes(axis), keepdims);
        public static Tensor Max(Tensor x, int? axis = null, bool keepdims = false) => tf.ReduceMax(x, Axes(axis), keepdims);
        public static Tensor Min(Tensor x, int? axis = null, bool keepdims = false) => tf.ReduceMin(x, Axes(axis), keepdims);
        public static Tensor Prod(Tensor x, int? axis = null, bool keepdims = false) => tf.ReduceProd(x, Axes(axis), keepdims);
        public static Tensor Std(Tensor x, int? axis = null, bool keepdims = false) => tf.ReduceStd(x, Axes(axis), keepdims);
        public static Tensor Var(Tensor x, int? axis = null, bool keepdims = false) => tf.ReduceVariance(x, Axes(axis), keepdims);
        public static Tensor Any(Tensor x, int? axis = null, bool keepdims = false) => tf.ReduceAny(x, Axes(axis), keepdims);
        public static Tensor All(Tensor x, int? axis = null, bool keepdims = false) => tf.ReduceAll(x, Axes(axis), keepdims);
        public static Tensor Logsumexp(Tensor x, int? axis = null, bool keepdims = false) => tf.ReduceLogSumExp(x, Axes(axis), keepdims);
        public static Tensor Amax(Tensor x, int? axis = null, bool keepdims = false) => tf.ReduceMax(x, Axes(axis), keepdims);
        public static Tensor Amin(Tensor x, int? axis = null, bool keepdims = false) => tf.ReduceMin(x, Axes(axis), keepdims);
        /// <summary>keras.ops.count_nonzero (int32, as Keras's TensorFlow backend gives).</summary>
        public static Tensor CountNonzero(Tensor x, int? axis = null) => tf.CountNonzero(x, Axes(axis), dtype: DType.Int32);
        public static Tensor Argmax(Tensor x, int? axis = null) => axis is { } a ? tf.ArgMax(x, a, DType.Int32) : tf.ArgMax(Flat(x), 0, DType.Int32);
        public static Tensor Argmin(Tensor x, int? axis = null) => axis is { } a ? tf.ArgMin(x, a, DType.Int32) : tf.ArgMin(Flat(x), 0, DType.Int32);
        public static Tensor Cumsum(Tensor x, int? axis = null) => axis is { } a ? tf.Cumsum(x, a) : tf.Cumsum(Flat(x), 0);
        public static Tensor Cumprod(Tensor x, int? axis = null) => axis is { } a ? tf.Cumprod(x, a) : tf.Cumprod(Flat(x), 0);
        public static Tensor Sort(Tensor x, int axis = -1) => tf.Sort(x, axis);
        public static Tensor Argsort(Tensor x, int axis = -1) => tf.Argsort(x, axis, stable: true);
        public static (Tensor Values, Tensor Indices) TopK(Tensor x, int k, bool sorted = true) => tf.TopK(x, k, sorted);

        private static Tensor Flat(Tensor x) => tf.Reshape(x, [-1]);

        // ----- shapes and data movement -----
        public static Tensor Reshape(Tensor x, Shape newshape) => tf.Reshape(x, newshape);
        public static Tensor Transpose(Tensor x, int[]? axes = null) => tf.Transpose(x, axes);
        public static Tensor ExpandDims(Tensor x, int axis) => tf.ExpandDims(x, axis);
        public static Tensor Squeeze(Tensor x, int? axis = null) => tf.Squeeze(x, Axes(axis));
        public static Tensor Concatenate(IReadOnlyList<Tensor> xs, int axis = 0) => tf.Concat(xs, axis);
        public static Tensor Stack(IReadOnlyList<Tensor> x, int axis = 0) => tf.Stack(x, axis);
        public static Tensor[] Unstack(Tensor x, int axis = 0) => tf.Unstack(x, axis);
        public static Tensor[] Split(Tensor x, int indicesOrSections, int axis = 0) => tf.Split(x, indicesOrSections, axis);
        public static Tensor Hstack(IReadOnlyList<Tensor> xs) => tf.Concat(xs, xs.Count > 0 && xs[0].Rank == 1 ? 0 : 1);
        public static Tensor Vstack(IReadOnlyList<Tensor> xs) => tf.Concat(xs.Select(t => t.Rank == 1 ? tf.ExpandDims(t, 0) : t).ToList(), 0);

        /// <summary>keras.ops.swapaxes: axes <paramref name="axis1"/> and <paramref name="axis2"/> exchanged.</summary>
        public static Tensor Swapaxes(Tensor x, int axis1, int axis2)
        {
            Guard.NotNull(x, "keras.ops.swapaxes", "x");
            var perm = Enumerable.Range(0, x.Rank).ToArray();
            int a = x.Shape.NormalizeAxis(axis1, "keras.ops.swapaxes"), b = x.Shape.NormalizeAxis(axis2, "keras.ops.swapaxes");
            (perm[a], perm[b]) = (perm[b], perm[a]);
            return tf.Transpose(x, perm);
        }

        public static Tensor Roll(Tensor x, int shift, int? axis = null) =>
            axis is { } a ? tf.Roll(x, shift, a) : tf.Reshape(tf.Roll(Flat(x), shift, 0), x.Shape);

        /// <summary>keras.ops.flip: reversed along <paramref name="axis"/>, or along every axis when null.</summary>
        public static Tensor Flip(Tensor x, int? axis = null) => tf.Reverse(x, axis is { } a ? [a] : Enumerable.Range(0, x.Rank).ToArray());

        /// <summary>keras.ops.tile with NumPy's rule: fewer repeats than dimensions are padded with leading 1s, more
        /// repeats than dimensions give x leading size-1 dimensions first.</summary>
        public static Tensor Tile(Tensor x, int[] repeats)
        {
            Guard.NotNull(x, "keras.ops.tile", "x");
            Guard.NotNull(repeats, "keras.ops.tile", "repeats");
            if (repeats.Length > x.Rank)
                x = tf.Reshape(x, Enumerable.Repeat(1, repeats.Length - x.Rank).Concat(x.Shape.ToArray()).ToArray());
            else if (repeats.Length < x.Rank)
                repeats = Enumerable.Repeat(1, x.Rank - repeats.Length).Concat(repeats).ToArray();
            return tf.Tile(x, repeats);
        }

        public static Tensor Repeat(Tensor x, int repeats, int? axis = null) => tf.Repeat(x, repeats, axis);
        public static Tensor Repeat(Tensor x, int[] repeats, int? axis = null) => tf.Repeat(x, repeats, axis);

        /// <summary>keras.ops.take: elements of the flattened x when <paramref name="axis"/> is null, else tf.gather along it.</summary>
        public static Tensor Take(Tensor x, Tensor indices, int? axis = null) => axis is { } a ? tf.Gather(x, indices, a) : tf.Gather(Flat(x), indices, 0);

        public static Tensor Pad(Tensor x, int[,] padWidth, string mode = "constant", double constantValues = 0) =>
            tf.Pad(x, padWidth, mode.ToUpperInvariant(), constantValues);
        public static Tensor Cast(Tensor x, DType dtype) => tf.Cast(x, dtype);
        public static Tensor OneHot(Tensor x, int numClasses, DType dtype = DType.Float32) => tf.OneHot(x, numClasses, dtype: dtype);

        // ----- creation -----
        public static Tensor Zeros(Shape shape, DType dtype = DType.Float32) => tf.Zeros(shape, dtype);
        public static Tensor Ones(Shape shape, DType dtype = DType.Float32) => tf.Ones(shape, dtype);
        public static Tensor Full(Shape shape, double fillValue, DType dtype = DType.Float32) => tf.Fill(shape, tf.Cast(tf.Constant(fillValue, DType.Float64), dtype));
        public static Tensor FullLike(Tensor x, double fillValue) => Full(x.Shape, fillValue, x.DType);
        public static Tensor Identity(int n, DType dtype = DType.Float32) => tf.Eye(n, dtype: dtype);
        public static Tensor ZerosLike(Tensor x) => tf.ZerosLike(x);
        public static Tensor OnesLike(Tensor x) => tf.OnesLike(x);
        public static Tensor Eye(int n, int? m = null, DType dtype = DType.Float32) => tf.Eye(n, m, dtype: dtype);
        public static Tensor Arange(double start, double? stop = null, double step = 1, DType? dtype = null) => tf.Range(start, stop, step, dtype);
        public static Tensor Linspace(double start, double stop, int num = 50, DType dtype = DType.Float32) => tf.Linspace(start, stop, num, dtype);
        public static Tensor[] Meshgrid(Tensor[] x, string indexing = "xy") => tf.Meshgrid(x, indexing);

        // ----- linear algebra -----
        public static Tensor Matmul(Tensor x1, Tensor x2) => tf.MatMul(x1, x2);
        public static Tensor Einsum(string subscripts, params Tensor[] operands) => tf.Einsum(subscripts, operands);
        public static Tensor Trace(Tensor x) => tf.Trace(x);
        public static Tensor Norm(Tensor x, int? axis = null, bool keepdims = false) => tf.Norm(x, "euclidean", Axes(axis), keepdims);
        public static Tensor Diag(Tensor x) => tf.Diag(x);
        public static Tensor Tril(Tensor x, int k = 0) => k == 0 ? tf.BandPart(x, -1, 0) : throw new InvalidArgumentError($"keras.ops.tril: only k = 0 is supported, got {k}.");
        public static Tensor Triu(Tensor x, int k = 0) => k == 0 ? tf.BandPart(x, 0, -1) : throw new InvalidArgumentError($"keras.ops.triu: only k = 0 is supported, got {k}.");

        // ----- neural-network ops (keras.ops.relu … as keras.ops.nn exports them) -----
        public static Tensor Relu(Tensor x) => tf.Relu(x);
        public static Tensor Relu6(Tensor x) => tf.Relu6(x);
        public static Tensor Sigmoid(Tensor x) => tf.Sigmoid(x);
        public static Tensor Softplus(Tensor x) => tf.Softplus(x);
        public static Tensor Softsign(Tensor x) => tf.Softsign(x);
        public static Tensor Silu(Tensor x) => tf.Swish(x);
        public static Tensor Swish(Tensor x) => tf.Swish(x);
        public static Tensor Gelu(Tensor x, bool approximate = true) => tf.Gelu(x, approximate);
        public static Tensor Elu(Tensor x, double alpha = 1.0) => tf.Elu(x, alpha);
        public static Tensor Selu(Tensor x) => tf.Selu(x);
        public static Tensor LeakyRelu(Tensor x, double negativeSlope = 0.2) => tf.LeakyRelu(x, negativeSlope);
        public static Tensor HardSigmoid(Tensor x) => tf.HardSigmoid(x);
        public static Tensor HardSilu(Tensor x) => tf.HardSwish(x);
        public static Tensor Softmax(Tensor x, int axis = -1) => tf.Softmax(x, axis);
        public static Tensor LogSoftmax(Tensor x, int axis = -1) => tf.LogSoftmax(x, axis);
    }
}
