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
        /// <summary>keras.ops.add: x1 + x2 element-wise, broadcasting (<see cref="tf.Add(Tensor, Tensor)"/>).</summary>
        public static Tensor Add(Tensor x1, Tensor x2) => tf.Add(x1, x2);
        /// <summary>keras.ops.subtract: x1 - x2 element-wise, broadcasting (<see cref="tf.Subtract(Tensor, Tensor)"/>).</summary>
        public static Tensor Subtract(Tensor x1, Tensor x2) => tf.Subtract(x1, x2);
        /// <summary>keras.ops.multiply: x1 * x2 element-wise, broadcasting (<see cref="tf.Multiply(Tensor, Tensor)"/>).</summary>
        public static Tensor Multiply(Tensor x1, Tensor x2) => tf.Multiply(x1, x2);
        /// <summary>keras.ops.divide: true division x1 / x2, broadcasting; integers give float64 (<see cref="tf.Divide(Tensor, Tensor)"/>).</summary>
        public static Tensor Divide(Tensor x1, Tensor x2) => tf.Divide(x1, x2);
        /// <summary>keras.ops.true_divide: the same true division as <see cref="Divide(Tensor, Tensor)"/>.</summary>
        public static Tensor TrueDivide(Tensor x1, Tensor x2) => tf.Divide(x1, x2);
        /// <summary>keras.ops.floor_divide: x1 // x2, the quotient rounded toward -inf (<see cref="tf.FloorDiv(Tensor, Tensor)"/>).</summary>
        public static Tensor FloorDivide(Tensor x1, Tensor x2) => tf.FloorDiv(x1, x2);
        /// <summary>keras.ops.mod: x1 % x2 with the sign of x2, as Python's % (<see cref="tf.FloorMod(Tensor, Tensor)"/>).</summary>
        public static Tensor Mod(Tensor x1, Tensor x2) => tf.FloorMod(x1, x2);
        /// <summary>keras.ops.power: x1 to the power x2 element-wise, broadcasting (<see cref="tf.Pow(Tensor, Tensor)"/>).</summary>
        public static Tensor Power(Tensor x1, Tensor x2) => tf.Pow(x1, x2);
        /// <summary>keras.ops.negative: -x element-wise (<see cref="tf.Negative(Tensor)"/>).</summary>
        public static Tensor Negative(Tensor x) => tf.Negative(x);
        /// <summary>keras.ops.abs: |x| element-wise (<see cref="tf.Abs(Tensor)"/>).</summary>
        public static Tensor Abs(Tensor x) => tf.Abs(x);
        /// <summary>keras.ops.absolute: |x| element-wise, the same as <see cref="Abs(Tensor)"/>.</summary>
        public static Tensor Absolute(Tensor x) => tf.Abs(x);
        /// <summary>keras.ops.square: x·x element-wise (<see cref="tf.Square(Tensor)"/>).</summary>
        public static Tensor Square(Tensor x) => tf.Square(x);
        /// <summary>keras.ops.sqrt: √x element-wise, floats only (<see cref="tf.Sqrt(Tensor)"/>).</summary>
        public static Tensor Sqrt(Tensor x) => tf.Sqrt(x);
        /// <summary>keras.ops.rsqrt: 1/√x element-wise (<see cref="tf.Rsqrt(Tensor)"/>).</summary>
        public static Tensor Rsqrt(Tensor x) => tf.Rsqrt(x);
        /// <summary>keras.ops.reciprocal: 1/x element-wise (<see cref="tf.Reciprocal(Tensor)"/>).</summary>
        public static Tensor Reciprocal(Tensor x) => tf.Reciprocal(x);
        /// <summary>keras.ops.exp: eˣ element-wise (<see cref="tf.Exp(Tensor)"/>).</summary>
        public static Tensor Exp(Tensor x) => tf.Exp(x);
        /// <summary>keras.ops.expm1: eˣ - 1 element-wise, exact near 0 (<see cref="tf.Expm1(Tensor)"/>).</summary>
        public static Tensor Expm1(Tensor x) => tf.Expm1(x);
        /// <summary>keras.ops.log: the natural logarithm element-wise (<see cref="tf.Log(Tensor)"/>).</summary>
        public static Tensor Log(Tensor x) => tf.Log(x);
        /// <summary>keras.ops.log1p: log(1 + x) element-wise, exact near 0 (<see cref="tf.Log1p(Tensor)"/>).</summary>
        public static Tensor Log1p(Tensor x) => tf.Log1p(x);
        /// <summary>keras.ops.erf: the error function element-wise (<see cref="tf.Erf(Tensor)"/>).</summary>
        public static Tensor Erf(Tensor x) => tf.Erf(x);
        /// <summary>keras.ops.sign: -1, 0 or 1 by the sign of each element (<see cref="tf.Sign(Tensor)"/>).</summary>
        public static Tensor Sign(Tensor x) => tf.Sign(x);
        /// <summary>keras.ops.floor: the largest whole number not above each element (<see cref="tf.Floor(Tensor)"/>).</summary>
        public static Tensor Floor(Tensor x) => tf.Floor(x);
        /// <summary>keras.ops.ceil: the smallest whole number not below each element (<see cref="tf.Ceil(Tensor)"/>).</summary>
        public static Tensor Ceil(Tensor x) => tf.Ceil(x);
        /// <summary>keras.ops.round: each element rounded to the nearest whole number, halves to even (<see cref="tf.Round(Tensor)"/>).</summary>
        public static Tensor Round(Tensor x) => tf.Round(x);
        /// <summary>keras.ops.maximum: the larger of x1 and x2 element-wise, broadcasting (<see cref="tf.Maximum(Tensor, Tensor)"/>).</summary>
        public static Tensor Maximum(Tensor x1, Tensor x2) => tf.Maximum(x1, x2);
        /// <summary>keras.ops.minimum: the smaller of x1 and x2 element-wise, broadcasting (<see cref="tf.Minimum(Tensor, Tensor)"/>).</summary>
        public static Tensor Minimum(Tensor x1, Tensor x2) => tf.Minimum(x1, x2);
        /// <summary>keras.ops.clip: each element limited to [xMin, xMax] (<see cref="tf.ClipByValue(Tensor, Tensor, Tensor)"/>).</summary>
        public static Tensor Clip(Tensor x, Tensor xMin, Tensor xMax) => tf.ClipByValue(x, xMin, xMax);

        // ----- trigonometric and hyperbolic (NumPy's arc- names) -----
        /// <summary>keras.ops.sin: the sine element-wise (<see cref="tf.Sin(Tensor)"/>).</summary>
        public static Tensor Sin(Tensor x) => tf.Sin(x);
        /// <summary>keras.ops.cos: the cosine element-wise (<see cref="tf.Cos(Tensor)"/>).</summary>
        public static Tensor Cos(Tensor x) => tf.Cos(x);
        /// <summary>keras.ops.tan: the tangent element-wise (<see cref="tf.Tan(Tensor)"/>).</summary>
        public static Tensor Tan(Tensor x) => tf.Tan(x);
        /// <summary>keras.ops.arcsin: the inverse sine element-wise, NaN outside [-1, 1] (<see cref="tf.Asin(Tensor)"/>).</summary>
        public static Tensor Arcsin(Tensor x) => tf.Asin(x);
        /// <summary>keras.ops.arccos: the inverse cosine element-wise, NaN outside [-1, 1] (<see cref="tf.Acos(Tensor)"/>).</summary>
        public static Tensor Arccos(Tensor x) => tf.Acos(x);
        /// <summary>keras.ops.arctan: the inverse tangent element-wise (<see cref="tf.Atan(Tensor)"/>).</summary>
        public static Tensor Arctan(Tensor x) => tf.Atan(x);
        /// <summary>keras.ops.arctan2(x1, x2): the angle of the point (x2, x1) in [-π, π], broadcasting (<see cref="tf.Atan2(Tensor, Tensor)"/>).</summary>
        public static Tensor Arctan2(Tensor x1, Tensor x2) => tf.Atan2(x1, x2);
        /// <summary>keras.ops.sinh: the hyperbolic sine element-wise (<see cref="tf.Sinh(Tensor)"/>).</summary>
        public static Tensor Sinh(Tensor x) => tf.Sinh(x);
        /// <summary>keras.ops.cosh: the hyperbolic cosine element-wise (<see cref="tf.Cosh(Tensor)"/>).</summary>
        public static Tensor Cosh(Tensor x) => tf.Cosh(x);
        /// <summary>keras.ops.tanh: the hyperbolic tangent element-wise (<see cref="tf.Tanh(Tensor)"/>).</summary>
        public static Tensor Tanh(Tensor x) => tf.Tanh(x);
        /// <summary>keras.ops.arcsinh: the inverse hyperbolic sine element-wise (<see cref="tf.Asinh(Tensor)"/>).</summary>
        public static Tensor Arcsinh(Tensor x) => tf.Asinh(x);
        /// <summary>keras.ops.arccosh: the inverse hyperbolic cosine element-wise, NaN below 1 (<see cref="tf.Acosh(Tensor)"/>).</summary>
        public static Tensor Arccosh(Tensor x) => tf.Acosh(x);
        /// <summary>keras.ops.arctanh: the inverse hyperbolic tangent element-wise, ±inf at ±1 (<see cref="tf.Atanh(Tensor)"/>).</summary>
        public static Tensor Arctanh(Tensor x) => tf.Atanh(x);

        // ----- bitwise -----
        /// <summary>keras.ops.bitwise_and: x &amp; y on integer tensors, broadcasting (<see cref="tf.BitwiseAnd(Tensor, Tensor)"/>).</summary>
        public static Tensor BitwiseAnd(Tensor x, Tensor y) => tf.BitwiseAnd(x, y);
        /// <summary>keras.ops.bitwise_or: x | y on integer tensors, broadcasting (<see cref="tf.BitwiseOr(Tensor, Tensor)"/>).</summary>
        public static Tensor BitwiseOr(Tensor x, Tensor y) => tf.BitwiseOr(x, y);
        /// <summary>keras.ops.bitwise_xor: x ^ y on integer tensors, broadcasting (<see cref="tf.BitwiseXor(Tensor, Tensor)"/>).</summary>
        public static Tensor BitwiseXor(Tensor x, Tensor y) => tf.BitwiseXor(x, y);
        /// <summary>keras.ops.bitwise_invert: ~x on an integer tensor (<see cref="tf.Invert(Tensor)"/>).</summary>
        public static Tensor BitwiseInvert(Tensor x) => tf.Invert(x);
        /// <summary>keras.ops.bitwise_not: ~x on an integer tensor, the same as <see cref="BitwiseInvert(Tensor)"/>.</summary>
        public static Tensor BitwiseNot(Tensor x) => tf.Invert(x);
        /// <summary>keras.ops.left_shift: x &lt;&lt; y on integer tensors, the count clamped to the type's bits (<see cref="tf.LeftShift(Tensor, Tensor)"/>).</summary>
        public static Tensor LeftShift(Tensor x, Tensor y) => tf.LeftShift(x, y);
        /// <summary>keras.ops.right_shift: x &gt;&gt; y on integer tensors, arithmetic for signed types (<see cref="tf.RightShift(Tensor, Tensor)"/>).</summary>
        public static Tensor RightShift(Tensor x, Tensor y) => tf.RightShift(x, y);
        /// <summary>keras.ops.bitwise_left_shift: the same as <see cref="LeftShift(Tensor, Tensor)"/>.</summary>
        public static Tensor BitwiseLeftShift(Tensor x, Tensor y) => tf.LeftShift(x, y);
        /// <summary>keras.ops.bitwise_right_shift: the same as <see cref="RightShift(Tensor, Tensor)"/>.</summary>
        public static Tensor BitwiseRightShift(Tensor x, Tensor y) => tf.RightShift(x, y);

        // ----- comparison and logic -----
        /// <summary>keras.ops.equal: x1 == x2 element-wise as bools, broadcasting (<see cref="tf.Equal(Tensor, Tensor)"/>).</summary>
        public static Tensor Equal(Tensor x1, Tensor x2) => tf.Equal(x1, x2);
        /// <summary>keras.ops.not_equal: x1 != x2 element-wise as bools, broadcasting (<see cref="tf.NotEqual(Tensor, Tensor)"/>).</summary>
        public static Tensor NotEqual(Tensor x1, Tensor x2) => tf.NotEqual(x1, x2);
        /// <summary>keras.ops.greater: x1 &gt; x2 element-wise as bools, broadcasting (<see cref="tf.Greater(Tensor, Tensor)"/>).</summary>
        public static Tensor Greater(Tensor x1, Tensor x2) => tf.Greater(x1, x2);
        /// <summary>keras.ops.greater_equal: x1 &gt;= x2 element-wise as bools, broadcasting (<see cref="tf.GreaterEqual(Tensor, Tensor)"/>).</summary>
        public static Tensor GreaterEqual(Tensor x1, Tensor x2) => tf.GreaterEqual(x1, x2);
        /// <summary>keras.ops.less: x1 &lt; x2 element-wise as bools, broadcasting (<see cref="tf.Less(Tensor, Tensor)"/>).</summary>
        public static Tensor Less(Tensor x1, Tensor x2) => tf.Less(x1, x2);
        /// <summary>keras.ops.less_equal: x1 &lt;= x2 element-wise as bools, broadcasting (<see cref="tf.LessEqual(Tensor, Tensor)"/>).</summary>
        public static Tensor LessEqual(Tensor x1, Tensor x2) => tf.LessEqual(x1, x2);
        /// <summary>keras.ops.logical_and: x1 &amp;&amp; x2 on bool tensors, broadcasting (<see cref="tf.LogicalAnd(Tensor, Tensor)"/>).</summary>
        public static Tensor LogicalAnd(Tensor x1, Tensor x2) => tf.LogicalAnd(x1, x2);
        /// <summary>keras.ops.logical_or: x1 || x2 on bool tensors, broadcasting (<see cref="tf.LogicalOr(Tensor, Tensor)"/>).</summary>
        public static Tensor LogicalOr(Tensor x1, Tensor x2) => tf.LogicalOr(x1, x2);
        /// <summary>keras.ops.logical_xor: x1 != x2 on bool tensors, broadcasting (<see cref="tf.LogicalXor(Tensor, Tensor)"/>).</summary>
        public static Tensor LogicalXor(Tensor x1, Tensor x2) => tf.LogicalXor(x1, x2);
        /// <summary>keras.ops.logical_not: !x on a bool tensor (<see cref="tf.LogicalNot(Tensor)"/>).</summary>
        public static Tensor LogicalNot(Tensor x) => tf.LogicalNot(x);
        /// <summary>keras.ops.isnan: true where x is NaN; floats only (<see cref="tf.IsNan(Tensor)"/>).</summary>
        public static Tensor Isnan(Tensor x) => tf.IsNan(x);
        /// <summary>keras.ops.isinf: true where x is +inf or -inf; floats only (<see cref="tf.IsInf(Tensor)"/>).</summary>
        public static Tensor Isinf(Tensor x) => tf.IsInf(x);
        /// <summary>keras.ops.isfinite: true where x is neither NaN nor infinite; floats only (<see cref="tf.IsFinite(Tensor)"/>).</summary>
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
        /// <summary>keras.ops.sum: the sum over <paramref name="axis"/>, or over all axes when null (<see cref="tf.ReduceSum(Tensor, int[], bool)"/>).</summary>
        public static Tensor Sum(Tensor x, int? axis = null, bool keepdims = false) => tf.ReduceSum(x, Axes(axis), keepdims);
        /// <summary>keras.ops.mean: the mean over <paramref name="axis"/>, or over all axes when null (<see cref="tf.ReduceMean(Tensor, int[], bool)"/>).</summary>
        public static Tensor Mean(Tensor x, int? axis = null, bool keepdims = false) => tf.ReduceMean(x, Axes(axis), keepdims);
        /// <summary>keras.ops.max: the largest element over <paramref name="axis"/>, or over all axes when null (<see cref="tf.ReduceMax(Tensor, int[], bool)"/>).</summary>
        public static Tensor Max(Tensor x, int? axis = null, bool keepdims = false) => tf.ReduceMax(x, Axes(axis), keepdims);
        /// <summary>keras.ops.min: the smallest element over <paramref name="axis"/>, or over all axes when null (<see cref="tf.ReduceMin(Tensor, int[], bool)"/>).</summary>
        public static Tensor Min(Tensor x, int? axis = null, bool keepdims = false) => tf.ReduceMin(x, Axes(axis), keepdims);
        /// <summary>keras.ops.prod: the product over <paramref name="axis"/>, or over all axes when null (<see cref="tf.ReduceProd(Tensor, int[], bool)"/>).</summary>
        public static Tensor Prod(Tensor x, int? axis = null, bool keepdims = false) => tf.ReduceProd(x, Axes(axis), keepdims);
        /// <summary>keras.ops.std: the (biased) standard deviation over <paramref name="axis"/>, or over all axes when null (<see cref="tf.ReduceStd(Tensor, int[], bool)"/>).</summary>
        public static Tensor Std(Tensor x, int? axis = null, bool keepdims = false) => tf.ReduceStd(x, Axes(axis), keepdims);
        /// <summary>keras.ops.var: the (biased) variance over <paramref name="axis"/>, or over all axes when null (<see cref="tf.ReduceVariance(Tensor, int[], bool)"/>).</summary>
        public static Tensor Var(Tensor x, int? axis = null, bool keepdims = false) => tf.ReduceVariance(x, Axes(axis), keepdims);
        /// <summary>keras.ops.any: logical or over <paramref name="axis"/> of a bool tensor, or over all axes when null (<see cref="tf.ReduceAny(Tensor, int[], bool)"/>).</summary>
        public static Tensor Any(Tensor x, int? axis = null, bool keepdims = false) => tf.ReduceAny(x, Axes(axis), keepdims);
        /// <summary>keras.ops.all: logical and over <paramref name="axis"/> of a bool tensor, or over all axes when null (<see cref="tf.ReduceAll(Tensor, int[], bool)"/>).</summary>
        public static Tensor All(Tensor x, int? axis = null, bool keepdims = false) => tf.ReduceAll(x, Axes(axis), keepdims);
        /// <summary>keras.ops.logsumexp: log(sum(exp(x))) over <paramref name="axis"/>, computed stably; all axes when null (<see cref="tf.ReduceLogSumExp(Tensor, int[], bool)"/>).</summary>
        public static Tensor Logsumexp(Tensor x, int? axis = null, bool keepdims = false) => tf.ReduceLogSumExp(x, Axes(axis), keepdims);
        /// <summary>keras.ops.amax: the same as <see cref="Max(Tensor, int?, bool)"/>.</summary>
        public static Tensor Amax(Tensor x, int? axis = null, bool keepdims = false) => tf.ReduceMax(x, Axes(axis), keepdims);
        /// <summary>keras.ops.amin: the same as <see cref="Min(Tensor, int?, bool)"/>.</summary>
        public static Tensor Amin(Tensor x, int? axis = null, bool keepdims = false) => tf.ReduceMin(x, Axes(axis), keepdims);
        /// <summary>keras.ops.count_nonzero (int32, as Keras's TensorFlow backend gives).</summary>
        public static Tensor CountNonzero(Tensor x, int? axis = null) => tf.CountNonzero(x, Axes(axis), dtype: DType.Int32);
        /// <summary>keras.ops.argmax: the int32 index of the largest element along <paramref name="axis"/>, or in the flattened tensor when null (<see cref="tf.ArgMax(Tensor, int, DType)"/>).</summary>
        public static Tensor Argmax(Tensor x, int? axis = null) => axis is { } a ? tf.ArgMax(x, a, DType.Int32) : tf.ArgMax(Flat(x), 0, DType.Int32);
        /// <summary>keras.ops.argmin: the int32 index of the smallest element along <paramref name="axis"/>, or in the flattened tensor when null (<see cref="tf.ArgMin(Tensor, int, DType)"/>).</summary>
        public static Tensor Argmin(Tensor x, int? axis = null) => axis is { } a ? tf.ArgMin(x, a, DType.Int32) : tf.ArgMin(Flat(x), 0, DType.Int32);
        /// <summary>keras.ops.cumsum: the running sum along <paramref name="axis"/>, or of the flattened tensor when null (<see cref="tf.Cumsum(Tensor, int, bool, bool)"/>).</summary>
        public static Tensor Cumsum(Tensor x, int? axis = null) => axis is { } a ? tf.Cumsum(x, a) : tf.Cumsum(Flat(x), 0);
        /// <summary>keras.ops.cumprod: the running product along <paramref name="axis"/>, or of the flattened tensor when null (<see cref="tf.Cumprod(Tensor, int, bool, bool)"/>).</summary>
        public static Tensor Cumprod(Tensor x, int? axis = null) => axis is { } a ? tf.Cumprod(x, a) : tf.Cumprod(Flat(x), 0);
        /// <summary>keras.ops.sort: the values sorted ascending along <paramref name="axis"/>, the last by default (<see cref="tf.Sort(Tensor, int, string)"/>).</summary>
        public static Tensor Sort(Tensor x, int axis = -1) => tf.Sort(x, axis);
        /// <summary>keras.ops.argsort: the indices that sort <paramref name="x"/> ascending along <paramref name="axis"/>, ties in their original order (<see cref="tf.Argsort(Tensor, int, string, bool)"/>).</summary>
        public static Tensor Argsort(Tensor x, int axis = -1) => tf.Argsort(x, axis, stable: true);
        /// <summary>keras.ops.top_k: the <paramref name="k"/> largest values along the last axis and their indices (<see cref="tf.TopK(Tensor, int, bool)"/>).</summary>
        public static (Tensor Values, Tensor Indices) TopK(Tensor x, int k, bool sorted = true) => tf.TopK(x, k, sorted);

        private static Tensor Flat(Tensor x) => tf.Reshape(x, [-1]);

        // ----- shapes and data movement -----
        /// <summary>keras.ops.reshape: the same values in <paramref name="newshape"/>, one dimension of which may be -1 (<see cref="tf.Reshape(Tensor, Shape)"/>).</summary>
        public static Tensor Reshape(Tensor x, Shape newshape) => tf.Reshape(x, newshape);
        /// <summary>keras.ops.transpose: the axes permuted by <paramref name="axes"/>, reversed when null (<see cref="tf.Transpose(Tensor, int[])"/>).</summary>
        public static Tensor Transpose(Tensor x, int[]? axes = null) => tf.Transpose(x, axes);
        /// <summary>keras.ops.expand_dims: a dimension of size 1 inserted at <paramref name="axis"/> (<see cref="tf.ExpandDims(Tensor, int)"/>).</summary>
        public static Tensor ExpandDims(Tensor x, int axis) => tf.ExpandDims(x, axis);
        /// <summary>keras.ops.squeeze: dimension <paramref name="axis"/> of size 1 removed, or every size-1 dimension when null (<see cref="tf.Squeeze(Tensor, int[])"/>).</summary>
        public static Tensor Squeeze(Tensor x, int? axis = null) => tf.Squeeze(x, Axes(axis));
        /// <summary>keras.ops.concatenate: the tensors joined along an existing <paramref name="axis"/> (<see cref="tf.Concat(IReadOnlyList{Tensor}, int)"/>).</summary>
        public static Tensor Concatenate(IReadOnlyList<Tensor> xs, int axis = 0) => tf.Concat(xs, axis);
        /// <summary>keras.ops.stack: the tensors, of one shape, joined along a new <paramref name="axis"/> (<see cref="tf.Stack(IReadOnlyList{Tensor}, int)"/>).</summary>
        public static Tensor Stack(IReadOnlyList<Tensor> x, int axis = 0) => tf.Stack(x, axis);
        /// <summary>keras.ops.unstack: the slices of <paramref name="x"/> along <paramref name="axis"/>, that axis removed (<see cref="tf.Unstack(Tensor, int)"/>).</summary>
        public static Tensor[] Unstack(Tensor x, int axis = 0) => tf.Unstack(x, axis);
        /// <summary>keras.ops.split: <paramref name="x"/> cut into <paramref name="indicesOrSections"/> equal parts along <paramref name="axis"/> (<see cref="tf.Split(Tensor, int, int)"/>).</summary>
        public static Tensor[] Split(Tensor x, int indicesOrSections, int axis = 0) => tf.Split(x, indicesOrSections, axis);
        /// <summary>keras.ops.hstack: the tensors joined along axis 1, or along axis 0 for vectors, as NumPy's hstack.</summary>
        public static Tensor Hstack(IReadOnlyList<Tensor> xs) => tf.Concat(xs, xs.Count > 0 && xs[0].Rank == 1 ? 0 : 1);
        /// <summary>keras.ops.vstack: the tensors joined along axis 0, vectors first made rows, as NumPy's vstack.</summary>
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

        /// <summary>keras.ops.roll: the elements shifted by <paramref name="shift"/> along <paramref name="axis"/>, wrapping around; when null, along the flattened tensor, the shape kept (<see cref="tf.Roll(Tensor, int, int)"/>).</summary>
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

        /// <summary>keras.ops.repeat: each element repeated <paramref name="repeats"/> times along <paramref name="axis"/>, or in the flattened tensor when null (<see cref="tf.Repeat(Tensor, int, int?)"/>).</summary>
        public static Tensor Repeat(Tensor x, int repeats, int? axis = null) => tf.Repeat(x, repeats, axis);
        /// <summary>keras.ops.repeat with a count per element along <paramref name="axis"/> (the flattened tensor when null) (<see cref="tf.Repeat(Tensor, int[], int?)"/>).</summary>
        public static Tensor Repeat(Tensor x, int[] repeats, int? axis = null) => tf.Repeat(x, repeats, axis);

        /// <summary>keras.ops.take: elements of the flattened x when <paramref name="axis"/> is null, else tf.gather along it.</summary>
        public static Tensor Take(Tensor x, Tensor indices, int? axis = null) => axis is { } a ? tf.Gather(x, indices, a) : tf.Gather(Flat(x), indices, 0);

        /// <summary>keras.ops.pad: <paramref name="padWidth"/> (before, after) per dimension added in <paramref name="mode"/>, "constant" (with <paramref name="constantValues"/>), "reflect" or "symmetric" (<see cref="tf.Pad(Tensor, int[,], string, double)"/>).</summary>
        public static Tensor Pad(Tensor x, int[,] padWidth, string mode = "constant", double constantValues = 0) =>
            tf.Pad(x, padWidth, mode.ToUpperInvariant(), constantValues);
        /// <summary>keras.ops.cast: the values converted to <paramref name="dtype"/> (<see cref="tf.Cast(Tensor, DType)"/>).</summary>
        public static Tensor Cast(Tensor x, DType dtype) => tf.Cast(x, dtype);
        /// <summary>keras.ops.one_hot: a vector of <paramref name="numClasses"/> per index, 1 at the index and 0 elsewhere, float32 by default (<see cref="tf.OneHot(Tensor, int, double, double, DType)"/>).</summary>
        public static Tensor OneHot(Tensor x, int numClasses, DType dtype = DType.Float32) => tf.OneHot(x, numClasses, dtype: dtype);

        // ----- creation -----
        /// <summary>keras.ops.zeros: a tensor of <paramref name="shape"/> filled with zeros, float32 by default (<see cref="tf.Zeros(Shape, DType)"/>).</summary>
        public static Tensor Zeros(Shape shape, DType dtype = DType.Float32) => tf.Zeros(shape, dtype);
        /// <summary>keras.ops.ones: a tensor of <paramref name="shape"/> filled with ones, float32 by default (<see cref="tf.Ones(Shape, DType)"/>).</summary>
        public static Tensor Ones(Shape shape, DType dtype = DType.Float32) => tf.Ones(shape, dtype);
        /// <summary>keras.ops.full: a tensor of <paramref name="shape"/> with every element <paramref name="fillValue"/>, cast to <paramref name="dtype"/> (float32 by default).</summary>
        public static Tensor Full(Shape shape, double fillValue, DType dtype = DType.Float32) => tf.Fill(shape, tf.Cast(tf.Constant(fillValue, DType.Float64), dtype));
        /// <summary>keras.ops.full_like: a tensor of <paramref name="x"/>'s shape and dtype with every element <paramref name="fillValue"/>.</summary>
        public static Tensor FullLike(Tensor x, double fillValue) => Full(x.Shape, fillValue, x.DType);
        /// <summary>keras.ops.identity: the <paramref name="n"/> × <paramref name="n"/> identity matrix, float32 by default (<see cref="tf.Eye(int, int?, int[], DType)"/>).</summary>
        public static Tensor Identity(int n, DType dtype = DType.Float32) => tf.Eye(n, dtype: dtype);
        /// <summary>keras.ops.zeros_like: zeros of <paramref name="x"/>'s shape and dtype (<see cref="tf.ZerosLike(Tensor)"/>).</summary>
        public static Tensor ZerosLike(Tensor x) => tf.ZerosLike(x);
        /// <summary>keras.ops.ones_like: ones of <paramref name="x"/>'s shape and dtype (<see cref="tf.OnesLike(Tensor)"/>).</summary>
        public static Tensor OnesLike(Tensor x) => tf.OnesLike(x);
        /// <summary>keras.ops.eye: an <paramref name="n"/> × <paramref name="m"/> matrix (square when m is null) with ones on the diagonal (<see cref="tf.Eye(int, int?, int[], DType)"/>).</summary>
        public static Tensor Eye(int n, int? m = null, DType dtype = DType.Float32) => tf.Eye(n, m, dtype: dtype);
        /// <summary>keras.ops.arange: the numbers from <paramref name="start"/> up to (not including) <paramref name="stop"/> in steps of <paramref name="step"/>; with one bound, from 0 to <paramref name="start"/> (<see cref="tf.Range(double, double?, double, DType?)"/>).</summary>
        public static Tensor Arange(double start, double? stop = null, double step = 1, DType? dtype = null) => tf.Range(start, stop, step, dtype);
        /// <summary>keras.ops.linspace: <paramref name="num"/> evenly spaced numbers from <paramref name="start"/> to <paramref name="stop"/>, both included (<see cref="tf.Linspace(double, double, int, DType)"/>).</summary>
        public static Tensor Linspace(double start, double stop, int num = 50, DType dtype = DType.Float32) => tf.Linspace(start, stop, num, dtype);
        /// <summary>keras.ops.meshgrid: coordinate grids from 1-D coordinate vectors, "xy" (Cartesian) or "ij" (matrix) indexing (<see cref="tf.Meshgrid(Tensor[], string)"/>).</summary>
        public static Tensor[] Meshgrid(Tensor[] x, string indexing = "xy") => tf.Meshgrid(x, indexing);

        // ----- linear algebra -----
        /// <summary>keras.ops.matmul: the matrix product of x1 and x2, batched over leading dimensions (<see cref="tf.MatMul(Tensor, Tensor, bool, bool)"/>).</summary>
        public static Tensor Matmul(Tensor x1, Tensor x2) => tf.MatMul(x1, x2);
        /// <summary>keras.ops.einsum: the Einstein summation <paramref name="subscripts"/> (such as "ij,jk-&gt;ik") over <paramref name="operands"/> (<see cref="tf.Einsum(string, Tensor[])"/>).</summary>
        public static Tensor Einsum(string subscripts, params Tensor[] operands) => tf.Einsum(subscripts, operands);
        /// <summary>keras.ops.trace: the sum of the main diagonal of each matrix (<see cref="tf.Trace(Tensor)"/>).</summary>
        public static Tensor Trace(Tensor x) => tf.Trace(x);
        /// <summary>keras.ops.norm: the Euclidean norm over <paramref name="axis"/>, or of the whole tensor when null (<see cref="tf.Norm(Tensor, string, int[], bool)"/>).</summary>
        public static Tensor Norm(Tensor x, int? axis = null, bool keepdims = false) => tf.Norm(x, "euclidean", Axes(axis), keepdims);
        /// <summary>keras.ops.diag: a square matrix with the vector <paramref name="x"/> on its diagonal (<see cref="tf.Diag(Tensor)"/>).</summary>
        public static Tensor Diag(Tensor x) => tf.Diag(x);
        /// <summary>keras.ops.tril: the lower triangle of each matrix, the rest zeros; only k = 0 (<see cref="tf.BandPart(Tensor, int, int)"/>).</summary>
        public static Tensor Tril(Tensor x, int k = 0) => k == 0 ? tf.BandPart(x, -1, 0) : throw new InvalidArgumentError($"keras.ops.tril: only k = 0 is supported, got {k}.");
        /// <summary>keras.ops.triu: the upper triangle of each matrix, the rest zeros; only k = 0 (<see cref="tf.BandPart(Tensor, int, int)"/>).</summary>
        public static Tensor Triu(Tensor x, int k = 0) => k == 0 ? tf.BandPart(x, 0, -1) : throw new InvalidArgumentError($"keras.ops.triu: only k = 0 is supported, got {k}.");

        // ----- neural-network ops (keras.ops.relu … as keras.ops.nn exports them) -----
        /// <summary>keras.ops.relu: max(x, 0) element-wise (<see cref="tf.Relu(Tensor)"/>).</summary>
        public static Tensor Relu(Tensor x) => tf.Relu(x);
        /// <summary>keras.ops.relu6: min(max(x, 0), 6) element-wise (<see cref="tf.Relu6(Tensor)"/>).</summary>
        public static Tensor Relu6(Tensor x) => tf.Relu6(x);
        /// <summary>keras.ops.sigmoid: 1 / (1 + e⁻ˣ) element-wise (<see cref="tf.Sigmoid(Tensor)"/>).</summary>
        public static Tensor Sigmoid(Tensor x) => tf.Sigmoid(x);
        /// <summary>keras.ops.softplus: log(1 + eˣ) element-wise (<see cref="tf.Softplus(Tensor)"/>).</summary>
        public static Tensor Softplus(Tensor x) => tf.Softplus(x);
        /// <summary>keras.ops.softsign: x / (1 + |x|) element-wise (<see cref="tf.Softsign(Tensor)"/>).</summary>
        public static Tensor Softsign(Tensor x) => tf.Softsign(x);
        /// <summary>keras.ops.silu: x·sigmoid(x) element-wise (<see cref="tf.Swish(Tensor)"/>).</summary>
        public static Tensor Silu(Tensor x) => tf.Swish(x);
        /// <summary>keras.ops.swish: x·sigmoid(x) element-wise, the same as <see cref="Silu(Tensor)"/>.</summary>
        public static Tensor Swish(Tensor x) => tf.Swish(x);
        /// <summary>keras.ops.gelu: the Gaussian error linear unit; the tanh approximation by default, as Keras 3's <c>approximate=True</c> (<see cref="tf.Gelu(Tensor, bool)"/>).</summary>
        public static Tensor Gelu(Tensor x, bool approximate = true) => tf.Gelu(x, approximate);
        /// <summary>keras.ops.elu: x for x &gt; 0, else <paramref name="alpha"/>·(eˣ - 1) (<see cref="tf.Elu(Tensor, double)"/>).</summary>
        public static Tensor Elu(Tensor x, double alpha = 1.0) => tf.Elu(x, alpha);
        /// <summary>keras.ops.selu: the scaled exponential linear unit of self-normalising networks (<see cref="tf.Selu(Tensor)"/>).</summary>
        public static Tensor Selu(Tensor x) => tf.Selu(x);
        /// <summary>keras.ops.leaky_relu: x for x &gt; 0, else <paramref name="negativeSlope"/>·x, 0.2 by default (<see cref="tf.LeakyRelu(Tensor, double)"/>).</summary>
        public static Tensor LeakyRelu(Tensor x, double negativeSlope = 0.2) => tf.LeakyRelu(x, negativeSlope);
        /// <summary>keras.ops.hard_sigmoid: the piecewise-linear approximation of the sigmoid (<see cref="tf.HardSigmoid(Tensor)"/>).</summary>
        public static Tensor HardSigmoid(Tensor x) => tf.HardSigmoid(x);
        /// <summary>keras.ops.hard_silu: x·hard_sigmoid(x) element-wise (<see cref="tf.HardSwish(Tensor)"/>).</summary>
        public static Tensor HardSilu(Tensor x) => tf.HardSwish(x);
        /// <summary>keras.ops.softmax: exp(x) normalised to sum to 1 along <paramref name="axis"/>, the last by default (<see cref="tf.Softmax(Tensor, int)"/>).</summary>
        public static Tensor Softmax(Tensor x, int axis = -1) => tf.Softmax(x, axis);
        /// <summary>keras.ops.log_softmax: the logarithm of the softmax along <paramref name="axis"/>, computed stably (<see cref="tf.LogSoftmax(Tensor, int)"/>).</summary>
        public static Tensor LogSoftmax(Tensor x, int axis = -1) => tf.LogSoftmax(x, axis);
    }
}
