namespace Strata;

/// <summary>
/// A tensor whose values can change (<c>tf.Variable</c>): it owns its buffer and <see cref="Assign"/>,
/// <see cref="AssignAdd"/> and <see cref="AssignSub"/> rewrite it in place. It reads as a tensor in every op;
/// a trainable variable read inside a <see cref="GradientTape"/> is watched automatically.
/// </summary>
public sealed class Variable : Tensor
{
    private static int _counter;

    /// <summary>The variable's name (<c>Variable</c>, <c>Variable_1</c>, … unless given), printed as <c>'name:0'</c>.</summary>
    public string Name { get; }
    /// <summary><c>tf.Variable.trainable</c>: whether a <see cref="GradientTape"/> watches the variable automatically when an op reads it.</summary>
    public bool Trainable { get; }

    /// <summary><c>tf.Variable(initial_value, trainable, name, dtype)</c>: a variable holding a copy of
    /// <paramref name="initialValue"/>. A <paramref name="dtype"/> other than the value's converts only a C# literal, as
    /// <c>tf.Constant</c> converts a number; a tensor of another dtype is an <see cref="InvalidArgumentError"/> (use <c>tf.Cast</c>).</summary>
    public Variable(Tensor initialValue, bool trainable = true, string? name = null, DType? dtype = null)
        : base(CopyBuffer(initialValue, dtype), initialValue.Shape, dtype ?? initialValue.DType)
    {
        Trainable = trainable;
        Name = name ?? (Interlocked.Increment(ref _counter) == 1 ? "Variable" : $"Variable_{_counter - 1}");
    }

    private static Array CopyBuffer(Tensor value, DType? dtype)
    {
        Guard.NotNull(value, "Variable", "initialValue");
        if (dtype is { } known) Guard.Known(known, "Variable");
        if (dtype is not { } d || d == value.DType) return (Array)value.Buffer.Clone();
        // TensorFlow converts the initial value as tf.convert_to_tensor(value, dtype) does: a Python number (a C#
        // literal here) converts when it fits exactly (2 to float32, not 2.5 to int32); a tensor of another dtype
        // does not convert at all.
        if (!value.IsWeak)
            throw new InvalidArgumentError(
                $"Variable: tensor conversion requested dtype {d.Name()} for a tensor with dtype {value.DType.Name()} (shape {value.Shape}); use tf.Cast first.");
        Array literal = value.LiteralValue is { } exact ? new[] { exact } : value.Buffer;
        return ValueConversion.Exact(literal, value.LiteralValue is null ? value.DType : DType.Float64, d, "Variable");
    }

    /// <summary>Replaces the value; the shape and dtype must stay the same.</summary>
    public Variable Assign(Tensor value)
    {
        var v = Coerce(value, "Assign");
        Array.Copy(v.Buffer, WritableBuffer(), Size);
        return this;
    }

    /// <summary><c>assign_add</c>: adds <paramref name="delta"/> in place (same shape and dtype, or a literal) and returns this variable.</summary>
    public Variable AssignAdd(Tensor delta)
    {
        var d = Coerce(delta, "AssignAdd");
        Kernels.Elementwise.AddInPlace(this, d);
        return this;
    }

    /// <summary><c>assign_sub</c>: subtracts <paramref name="delta"/> in place (same shape and dtype, or a literal) and returns this variable.</summary>
    public Variable AssignSub(Tensor delta)
    {
        var d = Coerce(delta, "AssignSub");
        Kernels.Elementwise.AddInPlace(this, tf.Negative(d));
        return this;
    }

    // ----- copy-on-write snapshots for the tape -----
    // A recorded op keeps the variable's value of its forward pass (as TensorFlow's variable reads do) without
    // copying it: the tape entry shares this buffer and counts itself here. A write while such a snapshot is
    // alive swaps in a fresh buffer first; in a training loop the tape has released its snapshots (after its one
    // Gradient call) before the optimizer writes, so weights are updated in place with no copy.
    private int _snapshots;

    /// <summary>A tape entry shares the current buffer: counted until <see cref="ReleaseSnapshot"/>.</summary>
    internal void Snapshot() => _snapshots++;

    /// <summary>A tape no longer needs its snapshot of <paramref name="buffer"/> (if it is still the current one).</summary>
    internal void ReleaseSnapshot(Array buffer)
    {
        if (ReferenceEquals(buffer, Buffer) && _snapshots > 0) _snapshots--;
    }

    /// <summary>The buffer to write in place: a fresh copy first if a live snapshot shares the current one.
    /// Every in-place write (Assign*, optimizers) goes through here.</summary>
    internal Array WritableBuffer()
    {
        if (_snapshots > 0)
        {
            Buffer = (Array)Buffer.Clone();
            _snapshots = 0;
        }
        return Buffer;
    }

    /// <summary>The typed span to write in place (see <see cref="WritableBuffer"/>).</summary>
    internal Span<T> WritableSpan<T>() where T : unmanaged => ((T[])WritableBuffer()).AsSpan();

    private Tensor Coerce(Tensor value, string op)
    {
        if (value is null) throw Guard.Null($"Variable.{op}", "value");
        // Read before the cast below: its result is an ordinary tensor, and a literal of another dtype
        // (AssignAdd(1) on a float variable) must still spread over the shape.
        bool weak = value.IsWeak;
        if (value.DType != DType)
        {
            if (!value.IsWeak)
                throw new InvalidArgumentError($"Variable.{op}: variable '{Name}' has dtype {DType.Name()}, value has dtype {value.DType.Name()}.");
            value = tf.ConvertWeak($"Variable.{op}", value, DType); // the literal rules of tf.Add: exact, no lost fraction
        }
        if (value.Shape != Shape)
        {
            if (value.Size == 1 && weak) return tf.Fill(Shape, value);
            throw new InvalidArgumentError($"Variable.{op}: variable '{Name}' has shape {Shape}, value has shape {value.Shape}.");
        }
        return value;
    }

    /// <summary><c>v[…]</c> as <see cref="Tensor.this[TensorIndex[]]"/>, returning a slice that can also be assigned:
    /// <c>v[0..2].Assign(values)</c>.</summary>
    [System.Runtime.CompilerServices.IndexerName("Slice")]
    public new VariableSlice this[params TensorIndex[] indices]
    {
        get
        {
            var spec = tf.ResolveIndices(Shape, indices);
            return (VariableSlice)tf.StridedSliceResolved(this, spec, (buffer, shape) => new VariableSlice(buffer, shape, DType, this, spec));
        }
    }

    /// <summary>The current value as a new, independent tensor. A read like any op's: inside a tape it is
    /// recorded, so gradients flow from the value back to the variable, as TensorFlow's <c>value()</c>.</summary>
    public Tensor Value() => tf.Identity(this);

    /// <summary>Prints as TensorFlow's repr: <c>&lt;tf.Variable 'Variable:0' shape=(1, 1) dtype=float32, numpy=array([[…]], dtype=float32)&gt;</c>.</summary>
    public override string ToString()
    {
        var text = Formatting.NumpyFormat.Repr(Buffer, Shape, DType);
        if (text.Contains('\n')) text = "\n" + text; // as TensorFlow: a multi-line value starts on its own line
        return $"<tf.Variable '{Name}:0' shape={Shape} dtype={DType.Name()}, numpy={text}>";
    }
}
