#pragma warning disable CS8981
using System.Numerics;

namespace Strata;

public static partial class tf
{
    // Fused cross-entropies, as TensorFlow's tf.nn.*_cross_entropy_with_logits: one pass over the logits
    // with the log-sum-exp trick, and a backward rule that reuses the softmax of the forward pass
    // (softmax - labels) instead of differentiating through exp/log/sum. When a tape records the backward pass
    // itself (nested tapes: a Hessian, a gradient penalty), the same gradient is built from differentiable ops
    // instead, so that second derivatives are computed (TensorFlow's dense version computes them; its sparse one
    // refuses with an error; a silent null would be a wrong answer).

    /// <summary>
    /// tf.nn.sparse_softmax_cross_entropy_with_logits: per-row <c>logsumexp(logits) - logits[label]</c>.
    /// <paramref name="labels"/> holds class indices (uint8, int32, int64, or integral floats) with the shape of
    /// <paramref name="logits"/> minus its last axis; the result has that shape.
    /// </summary>
    public static Tensor SparseSoftmaxCrossEntropyWithLogits(Tensor labels, Tensor logits)
    {
        const string op = "SparseSoftmaxCrossEntropyWithLogits";
        NotNull(labels, op, "labels");
        RequireFloat(logits, op);
        if (logits.Rank < 1)
            throw new InvalidArgumentError($"{op}: logits must have rank >= 1 (batch..., classes), got a scalar.");
        var rowShape = Shape.Wrap(logits.Shape.Dims[..^1].ToArray());
        if (labels.Shape != rowShape)
            throw new InvalidArgumentError(
                $"{op}: labels must have the shape of logits without its last axis: logits {logits.Shape}, so labels {rowShape}; got labels {labels.Shape}.");
        if (labels.DType == DType.Bool)
            throw new UnsupportedDTypeError($"{op}: labels must be class indices (uint8, int32, int64), got bool.");
        int classes = logits.Shape[-1];
        var index = ClassIndices(labels, classes, op);
        var loss = Tensor.Empty(logits.DType, rowShape);
        var probs = Tensor.Empty(logits.DType, logits.Shape);
        if (logits.DType == DType.Float32) SparseXent<float>(logits.Data<float>(), index, classes, loss.Data<float>(), probs.Data<float>());
        else SparseXent<double>(logits.Data<double>(), index, classes, loss.Data<double>(), probs.Data<double>());
        if (GradientTape.IsRecording)
            Record(op, loss, [labels, logits], (dy, i, _) => [null, GradientTape.IsRecording
                ? Multiply(ExpandDims(dy, -1), Subtract(Softmax(i[1]), OneHot(Tensor.FromBuffer(index, rowShape, DType.Int32), classes, dtype: i[1].DType)))
                : XentGrad(dy, probs, index, null)]);
        return loss;
    }

    /// <summary>
    /// tf.nn.softmax_cross_entropy_with_logits: per-row <c>-sum(labels * log_softmax(logits))</c> over the last
    /// axis, for labels that are a probability distribution (one-hot or soft) of the logits' shape.
    /// </summary>
    public static Tensor SoftmaxCrossEntropyWithLogits(Tensor labels, Tensor logits)
    {
        const string op = "SoftmaxCrossEntropyWithLogits";
        NotNull(labels, op, "labels");
        RequireFloat(logits, op);
        if (logits.Rank < 1)
            throw new InvalidArgumentError($"{op}: logits must have rank >= 1 (batch..., classes), got a scalar.");
        if (labels.Shape != logits.Shape)
            throw new InvalidArgumentError($"{op}: labels and logits must have one shape, got labels {labels.Shape} and logits {logits.Shape}.");
        if (labels.DType != logits.DType) labels = Cast(labels, logits.DType);
        int classes = logits.Shape[-1];
        var rowShape = Shape.Wrap(logits.Shape.Dims[..^1].ToArray());
        var loss = Tensor.Empty(logits.DType, rowShape);
        var probs = Tensor.Empty(logits.DType, logits.Shape);
        if (logits.DType == DType.Float32) DenseXent<float>(logits.Data<float>(), labels.Data<float>(), classes, loss.Data<float>(), probs.Data<float>());
        else DenseXent<double>(logits.Data<double>(), labels.Data<double>(), classes, loss.Data<double>(), probs.Data<double>());
        if (GradientTape.IsRecording)
        {
            Record(op, loss, [labels, logits], (dy, i, _) =>
                // d/dlabels = -log_softmax(logits) * dy (labels may be trained, e.g. distillation).
                [Multiply(Negative(LogSoftmax(i[1])), ExpandDims(dy, -1)), GradientTape.IsRecording
                    ? Multiply(ExpandDims(dy, -1), Subtract(Softmax(i[1]), i[0]))
                    : XentGrad(dy, probs, null, i[0])]);
        }
        return loss;
    }

    /// <summary>
    /// tf.nn.sigmoid_cross_entropy_with_logits, elementwise and stable for any logit:
    /// <c>max(x, 0) - x * z + log(1 + exp(-|x|))</c>.
    /// </summary>
    public static Tensor SigmoidCrossEntropyWithLogits(Tensor labels, Tensor logits)
    {
        const string op = "SigmoidCrossEntropyWithLogits";
        NotNull(labels, op, "labels");
        RequireFloat(logits, op);
        if (labels.Shape != logits.Shape)
            throw new InvalidArgumentError($"{op}: labels and logits must have one shape, got labels {labels.Shape} and logits {logits.Shape}.");
        if (labels.DType != logits.DType) labels = Cast(labels, logits.DType);
        var loss = Tensor.Empty(logits.DType, logits.Shape);
        if (logits.DType == DType.Float32) SigmoidXent<float>(logits.Data<float>(), labels.Data<float>(), loss.Data<float>());
        else SigmoidXent<double>(logits.Data<double>(), labels.Data<double>(), loss.Data<double>());
        if (GradientTape.IsRecording)
            Record(op, loss, [labels, logits], static (dy, i, _) =>
                // d/dx = sigmoid(x) - z, d/dz = -x; written with ops so that it is itself differentiable.
                [Multiply(dy, Negative(i[1])), Multiply(dy, Subtract(Sigmoid(i[1]), i[0]))]);
        return loss;
    }

    /// <summary>Labels as int indices in [0, classes), with an error that names the first one outside.</summary>
    private static int[] ClassIndices(Tensor labels, int classes, string op)
    {
        var idx = new int[labels.Size];
        for (int i = 0; i < idx.Length; i++)
        {
            double v = labels.DType switch
            {
                DType.UInt8 => labels.Data<byte>()[i],
                DType.Int32 => labels.Data<int>()[i],
                DType.Int64 => labels.Data<long>()[i],
                DType.Float32 => labels.Data<float>()[i],
                _ => labels.Data<double>()[i],
            };
            if (!(v >= 0 && v < classes) || v != Math.Floor(v))
                throw new InvalidArgumentError(
                    $"{op}: label {v} at index {i} is not a class index in [0, {classes}) (labels {labels.Shape} {labels.DType.Name()}).");
            idx[i] = (int)v;
        }
        return idx;
    }

    private static void SparseXent<T>(T[] x, int[] label, int n, T[] loss, T[] probs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < loss.Length; r++)
        {
            var lse = SoftmaxRow(new ReadOnlySpan<T>(x, r * n, n), new Span<T>(probs, r * n, n));
            loss[r] = lse - x[r * n + label[r]];
        }
    }

    private static void DenseXent<T>(T[] x, T[] z, int n, T[] loss, T[] probs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < loss.Length; r++)
        {
            var lse = SoftmaxRow(new ReadOnlySpan<T>(x, r * n, n), new Span<T>(probs, r * n, n));
            T s = T.Zero;
            for (int j = 0; j < n; j++) s += z[r * n + j] * (lse - x[r * n + j]);
            loss[r] = s;
        }
    }

    /// <summary>Writes softmax(row) to <paramref name="p"/> and returns logsumexp(row).</summary>
    private static T SoftmaxRow<T>(ReadOnlySpan<T> row, Span<T> p) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (row.Length == 0) return T.NegativeInfinity;
        T max = System.Numerics.Tensors.TensorPrimitives.Max(row);
        System.Numerics.Tensors.TensorPrimitives.Subtract(row, max, p);
        System.Numerics.Tensors.TensorPrimitives.Exp(p, p);
        T sum = System.Numerics.Tensors.TensorPrimitives.Sum<T>(p);
        System.Numerics.Tensors.TensorPrimitives.Divide(p, sum, p);
        return max + T.Log(sum);
    }

    private static void SigmoidXent<T>(T[] x, T[] z, T[] loss) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
            loss[i] = T.Max(x[i], T.Zero) - x[i] * z[i] + T.Log(T.One + T.Exp(-T.Abs(x[i])));
    }

    /// <summary>d loss / d logits = dy[row] * (softmax - labels), labels given as indices or as a dense tensor.</summary>
    private static Tensor XentGrad(Tensor dy, Tensor probs, int[]? index, Tensor? dense)
    {
        var dx = Tensor.Empty(probs.DType, probs.Shape);
        if (probs.DType == DType.Float32) XentGrad<float>(dy.Data<float>(), probs.Data<float>(), index, dense?.Data<float>(), dx.Data<float>());
        else XentGrad<double>(dy.Data<double>(), probs.Data<double>(), index, dense?.Data<double>(), dx.Data<double>());
        return dx;
    }

    private static void XentGrad<T>(T[] dy, T[] p, int[]? index, T[]? z, T[] dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = dy.Length, n = rows == 0 ? 0 : p.Length / rows;
        for (int r = 0; r < rows; r++)
        {
            var src = new ReadOnlySpan<T>(p, r * n, n);
            var dst = new Span<T>(dx, r * n, n);
            if (z is not null) System.Numerics.Tensors.TensorPrimitives.Subtract(src, new ReadOnlySpan<T>(z, r * n, n), dst);
            else { src.CopyTo(dst); dst[index![r]] -= T.One; }
            System.Numerics.Tensors.TensorPrimitives.Multiply(dst, dy[r], dst);
        }
    }
}
