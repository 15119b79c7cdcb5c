using Strata.Kernels;

namespace Strata;

/// <summary>
/// <c>v[…]</c> of a <see cref="Variable"/>: the sliced value (an ordinary tensor in every op, with the slice's
/// gradient flowing to the variable), which also remembers where it came from, so that
/// <c>v[0..2].Assign(values)</c> writes those positions of the variable, as TensorFlow's
/// <c>v[0:2].assign(values)</c> does.
/// </summary>
public sealed class VariableSlice : Tensor
{
    private readonly Variable _variable;
    private readonly ResolvedSlice _spec;

    internal VariableSlice(Array buffer, Shape shape, DType dtype, Variable variable, ResolvedSlice spec)
        : base(buffer, shape, dtype)
    {
        _variable = variable;
        _spec = spec;
    }

    /// <summary>Writes <paramref name="value"/> (the slice's shape and dtype; a C# literal fills it) into the
    /// variable's sliced positions and returns the variable.</summary>
    public Variable Assign(Tensor value)
    {
        if (value is null) throw Guard.Null("VariableSlice.Assign", "value");
        if (value.DType != DType)
        {
            if (!value.IsWeak)
                throw new InvalidArgumentError(
                    $"VariableSlice.Assign: variable '{_variable.Name}' has dtype {DType.Name()}, value has dtype {value.DType.Name()}.");
            value = tf.ConvertWeak("VariableSlice.Assign", value, DType);
        }
        if (value.Shape != Shape)
        {
            if (!(value.IsWeak && value.Size == 1))
                throw new InvalidArgumentError(
                    $"VariableSlice.Assign: sliced l-value shape {Shape} does not match r-value shape {value.Shape} " +
                    $"of variable '{_variable.Name}' with shape {_variable.Shape}. Automatic broadcasting not yet implemented.");
            value = tf.Fill(Shape, value);
        }
        StridedKernels.Scatter(value.Buffer, _spec.InputDims, _spec.Begin, _spec.Stride, _spec.Count, _variable.WritableBuffer());
        return _variable;
    }
}
