#pragma warning disable CS8981
using System.Numerics;
using System.Numerics.Tensors;
using Strata.Kernels;

namespace Strata;

/// <summary>The activations <see cref="tf.BiasAddActivation(Tensor, Tensor, FusedActivation, string)"/> applies in the same pass as the bias.</summary>
internal enum FusedActivation { Linear, Relu, Sigmoid, Tanh }

public static partial class tf
{
    /// <summary>
    /// <c>tf.nn.bias_add</c>: adds a 1-D <paramref name="bias"/> along the last axis of <paramref name="value"/>.
    /// Unlike <c>value + bias</c>, the bias must be 1-D and match the last dimension exactly (no broadcasting).
    /// </summary>
    public static Tensor BiasAdd(Tensor value, Tensor bias) => BiasAddActivation(value, bias, FusedActivation.Linear, "BiasAdd");

    /// <summary>
    /// activation(value + bias) in one pass over each row while it is in L1, one output and one tape entry instead
    /// of two of each: the end of every Dense layer. The gradient is the activation's (from the output, as
    /// tf.nn.relu's and tf.sigmoid's are), then the bias-add's: the same for value, summed over rows for bias.
    /// </summary>
    internal static Tensor BiasAddActivation(Tensor value, Tensor bias, FusedActivation activation, string op = "BiasAddActivation")
        => BiasAddActivation(value, bias, activation, op, inPlace: false);

    /// <summary>
    /// The same, written over <paramref name="freshValue"/>'s own buffer: for a layer whose pre-activation is a fresh
    /// tensor that nothing else reads (the product of Dense or a convolution). The tape still sees a separate output
    /// (sharing the buffer), and neither gradient reads the pre-activation's values — the product's needs its inputs,
    /// this one its output — so the overwritten values are never missed. Saves one activation-sized allocation and
    /// pass per layer and step.
    /// </summary>
    internal static Tensor BiasAddActivationInPlace(Tensor freshValue, Tensor bias, FusedActivation activation) =>
        BiasAddActivation(freshValue, bias, activation, "BiasAddActivation", inPlace: true);

    private static Tensor BiasAddActivation(Tensor value, Tensor bias, FusedActivation activation, string op, bool inPlace)
    {
        RequireFloat(value, op);
        NotNull(bias, op, "bias");
        if (value.Rank < 1 || bias.Rank != 1 || bias.Shape[0] != value.Shape[-1])
            throw new InvalidArgumentError(
                $"{op}: bias must be 1-D with the size of the last dimension of value: value has shape {value.Shape}, bias has shape {bias.Shape}.");
        if (bias.DType != value.DType)
            throw new InvalidArgumentError($"{op}: value is {value.DType.Name()}, bias is {bias.DType.Name()}; use tf.Cast to make them match.");
        var y = inPlace && value is not Strata.Variable ? Tensor.FromBuffer(value.Buffer, value.Shape, value.DType) : Tensor.Empty(value.DType, value.Shape);
        if (value.DType == DType.Float32) BiasAddActivation(value.Data<float>(), bias.Data<float>(), y.Data<float>(), activation);
        else BiasAddActivation(value.Data<double>(), bias.Data<double>(), y.Data<double>(), activation);
        if (GradientTape.IsRecording) Record(op, y, [value, bias], BiasActivationBackward[(int)activation]);
        return y;
    }

    // One static rule per activation, so that recording allocates no closure.
    private static readonly BackwardFunction[] BiasActivationBackward =
    [
        static (dy, i, _) => [dy, SumToShape(dy, i[1].Shape)],
        static (dy, i, y) => BiasGradients(ReluGrad(dy, y), i[1]),
        static (dy, i, y) => BiasGradients(Multiply(dy, Multiply(y, 1.0 - y)), i[1]),
        static (dy, i, y) => BiasGradients(Multiply(dy, 1.0 - Square(y)), i[1]),
    ];

    private static Tensor?[] BiasGradients(Tensor dPreActivation, Tensor bias) => [dPreActivation, SumToShape(dPreActivation, bias.Shape)];

    private static void BiasAddActivation<T>(T[] value, T[] bias, T[] y, FusedActivation activation)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int units = bias.Length;
        if (units == 0) return;
        int rows = value.Length / units;
        if (value.Length < Elementwise.ParallelThreshold) BiasAddActivationRows(value, bias, y, activation, 0, rows);
        else BiasAddActivationThreaded(value, bias, y, activation, rows);
    }

    // Apart, so that the small case allocates no closure. Threaded as the unfused ops would be on a large tensor.
    private static void BiasAddActivationThreaded<T>(T[] value, T[] bias, T[] y, FusedActivation activation, int rows)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Elementwise.ChunkedRows(rows, bias.Length, (first, end) => BiasAddActivationRows(value, bias, y, activation, first, end));

    private static void BiasAddActivationRows<T>(T[] value, T[] bias, T[] y, FusedActivation activation, int firstRow, int endRow)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int units = bias.Length;
        for (int r = firstRow; r < endRow; r++)
        {
            var row = y.AsSpan(r * units, units);
            TensorPrimitives.Add(value.AsSpan(r * units, units), bias, row);
            switch (activation)
            {
                case FusedActivation.Relu: ReluOp.Apply<T>(row, row); break;
                case FusedActivation.Sigmoid: SigmoidOp.Apply<T>(row, row); break;
                case FusedActivation.Tanh: TanhOp.Apply<T>(row, row); break;
            }
        }
    }
}
