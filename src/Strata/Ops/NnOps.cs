#pragma warning disable CS8981
using System.Numerics;
using System.Numerics.Tensors;
using Strata.Kernels;

namespace Strata;

public static partial class tf
{
    /// <summary>tf.math.sigmoid: 1 / (1 + e⁻ˣ) element-wise, floats only; the gradient is dy·y·(1 - y).</summary>
    public static Tensor Sigmoid(Tensor x)
    {
        RequireFloat(x, "Sigmoid");
        var y = Elementwise.UnaryFloat<SigmoidOp>(x);
        if (GradientTape.IsRecording)
            Record("Sigmoid", y, [x], static (dy, _, y) => [Multiply(dy, Multiply(y, 1.0 - y))]);
        return y;
    }

    /// <summary>tf.math.tanh: the hyperbolic tangent element-wise, floats only; the gradient is dy·(1 - y²).</summary>
    public static Tensor Tanh(Tensor x)
    {
        RequireFloat(x, "Tanh");
        var y = Elementwise.UnaryFloat<TanhOp>(x);
        if (GradientTape.IsRecording)
            Record("Tanh", y, [x], static (dy, _, y) => [Multiply(dy, 1.0 - Square(y))]);
        return y;
    }

    /// <summary>tf.nn.relu: max(x, 0) element-wise, floats only; the gradient passes where the output is positive.</summary>
    public static Tensor Relu(Tensor x)
    {
        RequireFloat(x, "Relu");
        var y = Elementwise.UnaryFloat<ReluOp>(x);
        if (GradientTape.IsRecording) Record("Relu", y, [x], static (dy, _, y) => [ReluGrad(dy, y)]);
        return y;
    }

    /// <summary>dy where y > 0, else 0. Its own gradient passes to dy through the same mask.</summary>
    private static Tensor ReluGrad(Tensor dy, Tensor y)
    {
        var dx = Tensor.Empty(dy.DType, dy.Shape);
        if (dy.DType == DType.Float32) ReluGrad<float>(dy.Data<float>(), y.Data<float>(), dx.Data<float>());
        else ReluGrad<double>(dy.Data<double>(), y.Data<double>(), dx.Data<double>());
        if (GradientTape.IsRecording) Record("ReluGrad", dx, [dy, y], static (ddx, i, _) => [ReluGrad(ddx, i[1]), null]);
        return dx;
    }

    private static void ReluGrad<T>(T[] dy, T[] y, T[] dx) where T : unmanaged, INumber<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            // dy where y > 0: a compare and a mask per vector (the backward pass of every relu layer).
            for (; i <= dx.Length - Vector<T>.Count; i += Vector<T>.Count)
                Vector.ConditionalSelect(Vector.GreaterThan(new Vector<T>(y, i), Vector<T>.Zero), new Vector<T>(dy, i), Vector<T>.Zero).CopyTo(dx, i);
        }
        for (; i < dx.Length; i++) dx[i] = y[i] > T.Zero ? dy[i] : T.Zero;
    }

    /// <summary>Softmax along <paramref name="axis"/> (default the last), computed as exp(x - max) / sum.</summary>
    public static Tensor Softmax(Tensor logits, int axis = -1)
    {
        RequireFloat(logits, "Softmax");
        var y = AlongLastAxis(logits, axis, "Softmax", static x => SoftmaxKernel(x, log: false));
        if (GradientTape.IsRecording)
            Record("Softmax", y, [logits], (dy, _, y) =>
                [Multiply(Subtract(dy, ReduceSum(Multiply(dy, y), [axis], keepDims: true)), y)]);
        return y;
    }

    /// <summary>log(softmax(x)) along <paramref name="axis"/>, computed stably as x - max - log(sum(exp(x - max))).</summary>
    public static Tensor LogSoftmax(Tensor logits, int axis = -1)
    {
        RequireFloat(logits, "LogSoftmax");
        var y = AlongLastAxis(logits, axis, "LogSoftmax", static x => SoftmaxKernel(x, log: true));
        if (GradientTape.IsRecording)
            Record("LogSoftmax", y, [logits], (dy, _, y) =>
                [Subtract(dy, Multiply(Exp(y), ReduceSum(dy, [axis], keepDims: true)))]);
        return y;
    }

    /// <summary>Runs a last-axis kernel on any axis by moving that axis last and back (no tape involved).</summary>
    private static Tensor AlongLastAxis(Tensor x, int axis, string op, Func<Tensor, Tensor> kernel)
    {
        if (x.Rank == 0) throw new InvalidArgumentError($"{op}: input must have rank >= 1, got a scalar.");
        int a = x.Shape.NormalizeAxis(axis, op);
        if (a == x.Rank - 1) return kernel(x);
        var perm = Enumerable.Range(0, x.Rank).ToArray();
        (perm[a], perm[^1]) = (perm[^1], perm[a]);
        using var _ = GradientTape.PauseAll();
        return Transpose(kernel(Transpose(x, perm)), perm);
    }

    private static Tensor SoftmaxKernel(Tensor x, bool log)
    {
        var y = Tensor.Empty(x.DType, x.Shape);
        int n = x.Shape[-1];
        if (x.DType == DType.Float32) SoftmaxRows<float>(x.Data<float>(), y.Data<float>(), n, log);
        else SoftmaxRows<double>(x.Data<double>(), y.Data<double>(), n, log);
        return y;
    }

    private static void SoftmaxRows<T>(T[] x, T[] y, int n, bool log) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (n == 0) return;
        for (int off = 0; off < x.Length; off += n)
        {
            var src = new ReadOnlySpan<T>(x, off, n);
            var dst = new Span<T>(y, off, n);
            T max = TensorPrimitives.Max(src);
            TensorPrimitives.Subtract(src, max, dst);
            if (log)
            {
                // dst = x - max; y = dst - log(sum(exp(dst)))
                T sum = T.Zero;
                foreach (var v in dst) sum += T.Exp(v);
                TensorPrimitives.Subtract(dst, T.Log(sum), dst);
            }
            else
            {
                TensorPrimitives.Exp(dst, dst);
                TensorPrimitives.Divide(dst, TensorPrimitives.Sum<T>(dst), dst);
            }
        }
    }
}
