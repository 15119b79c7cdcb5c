#pragma warning disable CS8981
using Strata.Kernels.Conv;

namespace Strata;

/// <summary>
/// The convolutions' three primitive ops, each differentiable in both its inputs, so that any order of gradient
/// is again made of them: the convolution y = conv(x, w); its input gradient dx = convᵀ(w, dy) (a transposed
/// convolution, TensorFlow's Conv2DBackpropInput); its filter gradient dw = corr(x, dy) (Conv2DBackpropFilter).
/// All three are bilinear, so each partial is one of the three again:
/// ⟨ddx, convᵀ(w, dy)⟩ = ⟨conv(ddx, w), dy⟩ gives convᵀ's partials, ⟨ddw, corr(x, dy)⟩ = ⟨conv(x, ddw), dy⟩ corr's.
/// A partial no tape needs is never computed (the first layer's input gradient).
/// </summary>
public static partial class tf
{
    internal static Tensor ConvForward(ConvGeometry g, Tensor x, Tensor w)
    {
        var y = Tensor.Empty(x.DType, g.OutputShape, g.Op);
        if (x.DType == DType.Float32) ConvKernels.Forward(g, x.Data<float>(), w.Data<float>(), y.Data<float>());
        else ConvKernels.Forward(g, x.Data<double>(), w.Data<double>(), y.Data<double>());
        if (GradientTape.IsRecording)
            GradientTape.RecordBinary(g.Op, y, x, w,
                (dy, _, w, _) => ConvBackpropInput(g, w, dy),
                (dy, x, _, _) => ConvBackpropFilter(g, x, dy));
        return y;
    }

    /// <summary>The adjoint of <see cref="ConvForward"/> in x: a tensor of the convolution's input shape.</summary>
    internal static Tensor ConvBackpropInput(ConvGeometry g, Tensor w, Tensor dy)
    {
        CheckGradientOperand(g, dy, g.OutputShape, "out_backprop");
        var dx = Tensor.Empty(dy.DType, g.InputShape, g.Op);
        if (dy.DType == DType.Float32) ConvKernels.BackpropInput(g, w.Data<float>(), dy.Data<float>(), dx.Data<float>());
        else ConvKernels.BackpropInput(g, w.Data<double>(), dy.Data<double>(), dx.Data<double>());
        if (GradientTape.IsRecording)
            GradientTape.RecordBinary(g.Op + "BackpropInput", dx, w, dy,
                (ddx, _, dy, _) => ConvBackpropFilter(g, ddx, dy),
                (ddx, w, _, _) => ConvForward(g, ddx, w));
        return dx;
    }

    /// <summary>The adjoint of <see cref="ConvForward"/> in w: a tensor of the filter's shape.</summary>
    internal static Tensor ConvBackpropFilter(ConvGeometry g, Tensor x, Tensor dy)
    {
        CheckGradientOperand(g, dy, g.OutputShape, "out_backprop");
        var dw = Tensor.Empty(dy.DType, g.FilterShape, g.Op);
        if (dy.DType == DType.Float32) ConvKernels.BackpropFilter(g, x.Data<float>(), dy.Data<float>(), dw.Data<float>());
        else ConvKernels.BackpropFilter(g, x.Data<double>(), dy.Data<double>(), dw.Data<double>());
        if (GradientTape.IsRecording)
            GradientTape.RecordBinary(g.Op + "BackpropFilter", dw, x, dy,
                (ddw, _, dy, _) => ConvBackpropInput(g, ddw, dy),
                (ddw, x, _, _) => ConvForward(g, x, ddw));
        return dw;
    }

    private static void CheckGradientOperand(ConvGeometry g, Tensor t, Shape expected, string name)
    {
        if (t.Shape != expected)
            throw new InvalidArgumentError($"{g.Op}: {name} must have shape {expected}, got {t.Shape}.");
    }
}
