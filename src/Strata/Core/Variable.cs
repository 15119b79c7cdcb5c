namespace Strata;

/// <summary>
/// A tensor whose values can change (<c>tf.Variable</c>): it owns its buffer and <see cref="Assign"/>,
/// <see cref="AssignAdd"/> and <see cref="AssignSub"/> rewrite it in place. It reads as a tensor in every op;
/// a trainable variable read inside a <see cref="GradientTape"/> is watched automatically.
/// </summary>
public sealed class Variable : Tensor
{
    private static int _counter;

    public string Name { get; }
    public bool Trainable { get; }

    public Variable(Tensor initialValue, bool trainable = true, string? name = null, DType? dtype = null)
        : base(CopyBuffer(initialValue, dtype), initialValue.Shape, dtype ?? initialValue.DType)
    {
        Trainable = trainable;
        Name = name ?? (Interlocked.Increment(ref _counter) == 1 ? "Variable" : $"Variable_{_counter - 1}");
    }

    private static Array CopyBuffer(Tensor value, DType? dtype)
    {
        ArgumentNullException.ThrowIfNull(value);
        var source = dtype is { } d && d != value.DType ? tf.Cast(value, d) : value;
        return (Array)source.Buffer.Clone();
    }

    /// <summary>Replaces the value; the shape and dtype must stay the same.</summary>
    public Variable Assign(Tensor value)
    {
        var v = Coerce(value, "Assign");
        Array.Copy(v.Buffer, Buffer, Size);
        return this;
    }

    public Variable AssignAdd(Tensor delta)
    {
        var d = Coerce(delta, "AssignAdd");
        Kernels.Elementwise.AddInPlace(this, d);
        return this;
    }

    public Variable AssignSub(Tensor delta)
    {
        var d = Coerce(delta, "AssignSub");
        Kernels.Elementwise.AddInPlace(this, tf.Negative(d));
        return this;
    }

    private Tensor Coerce(Tensor value, string op)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.DType != DType)
        {
            if (!value.IsWeak)
                throw new InvalidArgumentError($"Variable.{op}: variable '{Name}' has dtype {DType.Name()}, value has dtype {value.DType.Name()}.");
            value = tf.Cast(value, DType);
        }
        if (value.Shape != Shape)
        {
            if (value.Size == 1 && value.IsWeak) return tf.Fill(Shape, value);
            throw new InvalidArgumentError($"Variable.{op}: variable '{Name}' has shape {Shape}, value has shape {value.Shape}.");
        }
        return value;
    }

    /// <summary>The current value as a new, independent tensor.</summary>
    public Tensor Value() => FromBuffer((Array)Buffer.Clone(), Shape, DType);

    /// <summary>Prints as TensorFlow's repr: <c>&lt;tf.Variable 'Variable:0' shape=(1, 1) dtype=float32, numpy=array([[…]], dtype=float32)&gt;</c>.</summary>
    public override string ToString() =>
        $"<tf.Variable '{Name}:0' shape={Shape} dtype={DType.Name()}, numpy={Formatting.NumpyFormat.Repr(Buffer, Shape, DType)}>";
}
