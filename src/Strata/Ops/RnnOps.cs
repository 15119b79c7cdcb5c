#pragma warning disable CS8981
using Strata.Kernels;

namespace Strata;

public static partial class tf
{
    /// <summary>
    /// A whole LSTM sequence as one op (the kernel Keras's LSTM layer runs, in the spirit of TensorFlow's BlockLSTM and
    /// cuDNN's): from the projected inputs <paramref name="projected"/> (batch, time, 4·units) = x·W + b, the recurrent
    /// kernel (units, 4·units) with Keras's gate order i, f, c, o, sigmoid gates and tanh, and the initial states, it
    /// returns every step's [h | c] as (batch, time, 2·units), in processing order (reversed time with
    /// <paramref name="reverse"/>, Keras's go_backwards). Its gradient is one fused backward pass through time; that
    /// pass is not itself differentiable, so a tape that records it (second derivatives) gets a clear error instead.
    /// </summary>
    internal static Tensor LstmSequence(Tensor projected, Tensor recurrentKernel, Tensor h0, Tensor c0, bool reverse)
    {
        const string op = "LstmSequence";
        foreach (var (t, name) in new[] { (projected, "projected"), (recurrentKernel, "recurrentKernel"), (h0, "h0"), (c0, "c0") })
        {
            NotNull(t, op, name);
            if (t.DType != DType.Float32) throw new UnsupportedDTypeError($"{op}: {name} must be float32, got {t.DType.Name()}.");
        }
        if (projected.Rank != 3 || projected.Shape[2] % 4 != 0)
            throw new InvalidArgumentError($"{op}: projected must be (batch, time, 4·units), got shape {projected.Shape}.");
        int batch = projected.Shape[0], time = projected.Shape[1], units = projected.Shape[2] / 4;
        if (recurrentKernel.Shape != new Shape(units, 4 * units))
            throw new InvalidArgumentError($"{op}: the recurrent kernel must be ({units}, {4 * units}) for projected inputs of shape {projected.Shape}, got {recurrentKernel.Shape}.");
        if (h0.Shape != new Shape(batch, units) || c0.Shape != new Shape(batch, units))
            throw new InvalidArgumentError($"{op}: the initial states must be ({batch}, {units}), got h0 {h0.Shape} and c0 {c0.Shape}.");
        var p = Tensor.Empty(DType.Float32, Shape.Wrap([batch, time, 2 * units]), op);
        var gates = GC.AllocateUninitializedArray<float>(checked(batch * time * 4 * units));   // every element written
        LstmKernels.Forward(projected.Data<float>().AsSpan(0, projected.Size), recurrentKernel.Data<float>().AsSpan(0, recurrentKernel.Size),
            h0.Data<float>().AsSpan(0, h0.Size), c0.Data<float>().AsSpan(0, c0.Size), batch, time, units, reverse,
            p.Data<float>().AsSpan(0, p.Size), gates);
        if (GradientTape.IsRecording)
            Record(op, p, [projected, recurrentKernel, h0, c0], (dp, inputs, output) =>
            {
                if (GradientTape.IsRecording)
                    throw new InvalidArgumentError(
                        $"{op}: the fused LSTM kernel's gradient has no gradient itself (a tape is recording the backward pass). " +
                        "For higher-order gradients run the cell step by step: keras RNN(new LSTMCell(units)) instead of LSTM(units).");
                var dProjected = Tensor.Empty(DType.Float32, inputs[0].Shape, op);
                var du = Tensor.Empty(DType.Float32, inputs[1].Shape, op);
                var dh0 = Tensor.Empty(DType.Float32, inputs[2].Shape, op);
                var dc0 = Tensor.Empty(DType.Float32, inputs[3].Shape, op);
                var dpc = dp.DType == DType.Float32 ? dp : Cast(dp, DType.Float32);
                LstmKernels.Backward(dpc.Data<float>().AsSpan(0, dpc.Size), output.Data<float>().AsSpan(0, output.Size), gates,
                    inputs[1].Data<float>().AsSpan(0, inputs[1].Size), inputs[2].Data<float>().AsSpan(0, inputs[2].Size),
                    inputs[3].Data<float>().AsSpan(0, inputs[3].Size), batch, time, units, reverse,
                    dProjected.Data<float>().AsSpan(0, dProjected.Size), du.Data<float>().AsSpan(0, du.Size),
                    dh0.Data<float>().AsSpan(0, dh0.Size), dc0.Data<float>().AsSpan(0, dc0.Size));
                return [dProjected, du, dh0, dc0];
            });
        return p;
    }
}
