using System.Runtime.CompilerServices;

namespace Strata;

/// <summary>
/// A dense, row-major, immutable n-dimensional array with a runtime <see cref="DType"/>.
/// The buffer is a typed .NET array (<c>float[]</c>, <c>long[]</c>, …) of exactly <see cref="Size"/> elements.
/// Tensors are owned by the garbage collector: nothing needs disposing.
/// </summary>
public partial class Tensor
{
    // Typed storage. A Variable rewrites its contents in place (or swaps in a fresh buffer when a tape still
    // holds a snapshot of the old one); every other tensor leaves it alone.
    internal Array Buffer { get; private protected set; }

    /// <summary>The dimensions of the tensor (<c>tensor.shape</c>).</summary>
    public Shape Shape { get; }
    /// <summary>The element type (<c>tensor.dtype</c>).</summary>
    public DType DType { get; }

    /// <summary>True for a scalar made from a C# literal (<c>x * 2</c>): like a Python number in TensorFlow,
    /// it takes the dtype of the tensor it meets in a binary op instead of forcing its own.</summary>
    internal bool IsWeak { get; init; }

    /// <summary>The exact C# value behind a weak scalar made from a <c>double</c>. Alone the scalar is float32, as a
    /// Python float is; meeting a float64 tensor it must take all its digits (0.1, not float32's 0.10000000149).</summary>
    internal double? LiteralValue => (this as DoubleLiteral)?.Value;

    /// <summary>The mark of the gradient tape that watches this tensor (see <see cref="GradientTape"/>).</summary>
    internal GradientTape.WatchMark? WatchMark;

    internal Tensor(Array buffer, Shape shape, DType dtype)
    {
        Buffer = buffer;
        Shape = shape;
        DType = dtype;
    }

    /// <summary>The number of dimensions (<c>tensor.ndim</c>, <c>tf.rank</c>); 0 for a scalar.</summary>
    public int Rank => Shape.Rank;
    /// <summary>The number of elements (<c>tf.size</c>); 1 for a scalar.</summary>
    public int Size => Buffer.Length;

    /// <summary>The values as a NumPy-like array (copied), which prints as NumPy does.</summary>
    public NDArray Numpy() => new((Array)Buffer.Clone(), Shape, DType);

    /// <summary>The values as a flat typed array (copied).</summary>
    public T[] ToArray<T>() where T : unmanaged
    {
        if (typeof(T) != DType.ClrType())
            throw new InvalidArgumentError($"ToArray: tensor has dtype {DType.Name()}, asked for {typeof(T).Name}; use tf.Cast first.");
        return (T[])Buffer.Clone();
    }

    /// <summary>The single value of a tensor with one element, converted to <typeparamref name="T"/>.</summary>
    public T Item<T>() where T : unmanaged => Numpy().Item<T>();

    /// <summary>Element 0 as a double, without boxing (for scalars and literals).</summary>
    internal double FirstAsDouble() => DType switch
    {
        DType.Float32 => Data<float>()[0],
        DType.Float64 => Data<double>()[0],
        DType.Int32 => Data<int>()[0],
        DType.Int64 => Data<long>()[0],
        DType.UInt8 => Data<byte>()[0],
        _ => Data<bool>()[0] ? 1 : 0,
    };

    internal T[] Data<T>() where T : unmanaged => Unsafe.As<T[]>(Buffer);
    internal Span<T> Span<T>() where T : unmanaged => Unsafe.As<T[]>(Buffer).AsSpan();

    /// <summary>The tensor as TensorFlow prints it: <c>tf.Tensor([1. 2.], shape=(2,), dtype=float32)</c>, a multi-line
    /// value starting on its own line.</summary>
    public override string ToString()
    {
        var text = Formatting.NumpyFormat.Str(Buffer, Shape, DType);
        // TensorFlow starts a multi-line value on its own line: "tf.Tensor(\n[[1. 2.]\n [3. 4.]], shape=…".
        if (text.Contains('\n')) text = "\n" + text;
        return $"tf.Tensor({text}, shape={Shape}, dtype={DType.Name()})";
    }

    // ----- construction helpers used across the engine -----

    internal static Tensor FromBuffer(Array buffer, Shape shape, DType dtype) => new(buffer, shape, dtype);

    internal static Tensor Empty(DType dtype, Shape shape) => Empty(dtype, shape, "Shape");

    /// <summary>An uninitialised tensor of <paramref name="shape"/>, its size checked once, in the name of
    /// <paramref name="op"/> (for an op whose output shape is new, and may be too large).</summary>
    internal static Tensor Empty(DType dtype, Shape shape, string op)
    {
        int size = shape.CheckedSize(op);
        // float32 first: it is nearly every op's output, and this keeps the allocation inlined here.
        var buffer = dtype == DType.Float32 && size < GuardedAllocation ? Kernels.BufferPool.RentFloat(size) : AllocBuffer(dtype, size);
        return new(buffer, shape, dtype);
    }

    /// <summary>An uninitialised buffer (zeroed for bool and uint8). For a large one the runtime's out-of-memory
    /// becomes TensorFlow's <see cref="ResourceExhaustedError"/>, which says how much was asked for; small ones skip
    /// that guard, which would keep this method from being inlined into every op.</summary>
    internal static Array AllocBuffer(DType dtype, int size) => size < GuardedAllocation ? Alloc(dtype, size) : AllocGuarded(dtype, size);

    private const int GuardedAllocation = 1 << 20;

    private static Array Alloc(DType dtype, int size) => dtype switch
    {
        DType.Float32 => Kernels.BufferPool.RentFloat(size),
        DType.Float64 => GC.AllocateUninitializedArray<double>(size),
        DType.Int32 => GC.AllocateUninitializedArray<int>(size),
        DType.Int64 => GC.AllocateUninitializedArray<long>(size),
        DType.Bool => new bool[size],
        DType.UInt8 => new byte[size],
        _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
    };

    private static Array AllocGuarded(DType dtype, int size)
    {
        try { return Alloc(dtype, size); }
        catch (OutOfMemoryException e) { throw OutOfMemory(dtype, size, e); }
    }

    /// <summary>A zeroed buffer (tf.zeros), with the same out-of-memory error as <see cref="AllocBuffer"/>.</summary>
    internal static Array AllocZeroed(DType dtype, int size)
    {
        try { return dtype.NewArray(size); }
        catch (OutOfMemoryException e) { throw OutOfMemory(dtype, size, e); }
    }

    private static ResourceExhaustedError OutOfMemory(DType dtype, int size, OutOfMemoryException e) =>
        new($"OOM when allocating a tensor of {size} {dtype.Name()} elements ({(long)size * dtype.ByteSize() / (1 << 20)} MiB).", e);

    /// <summary>A scalar of the given dtype holding <paramref name="value"/> (converted).</summary>
    internal static Tensor Scalar(double value, DType dtype, bool weak = false)
    {
        Array buffer = dtype switch
        {
            DType.Float32 => new[] { (float)value },
            DType.Float64 => new[] { value },
            DType.Int32 => new[] { checked((int)value) },
            DType.Int64 => new[] { checked((long)value) },
            DType.Bool => new[] { value != 0 },
            DType.UInt8 => new[] { checked((byte)value) },
            _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
        };
        return new Tensor(buffer, Shape.Scalar, dtype) { IsWeak = weak };
    }

    // ----- C# literals become weakly typed scalars, as Python numbers do in TensorFlow -----

    /// <summary>A weak float32 scalar from a C# <c>float</c>: in a binary op it takes the other tensor's dtype, as a Python number does.</summary>
    public static implicit operator Tensor(float value) => new(new[] { value }, Shape.Scalar, DType.Float32) { IsWeak = true };
    /// <summary>A weak scalar from a C# <c>double</c>: float32 alone, as a Python float; in a binary op it takes the other
    /// tensor's dtype with all its digits.</summary>
    public static implicit operator Tensor(double value) => Literals.Double(value);
    /// <summary>A weak int32 scalar from a C# <c>int</c>: in a binary op it takes the other tensor's dtype, as a Python int does.</summary>
    public static implicit operator Tensor(int value) => Literals.Int32(value);
    /// <summary>A bool scalar from a C# <c>bool</c>.</summary>
    public static implicit operator Tensor(bool value) => new(new[] { value }, Shape.Scalar, DType.Bool);

    // ----- operators: the same ops as tf.Add & co., with broadcasting -----

    /// <summary>Element-wise sum with broadcasting, <see cref="tf.Add(Tensor, Tensor)"/>.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => tf.Add(a, b);
    /// <summary>Element-wise difference with broadcasting, <see cref="tf.Subtract(Tensor, Tensor)"/>.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => tf.Subtract(a, b);
    /// <summary>Element-wise product with broadcasting, <see cref="tf.Multiply(Tensor, Tensor)"/>.</summary>
    public static Tensor operator *(Tensor a, Tensor b) => tf.Multiply(a, b);
    /// <summary>Element-wise quotient with broadcasting, <see cref="tf.Divide(Tensor, Tensor)"/> (true division, as Python's <c>/</c>).</summary>
    public static Tensor operator /(Tensor a, Tensor b) => tf.Divide(a, b);
    /// <summary>Element-wise negation, <see cref="tf.Negative(Tensor)"/>.</summary>
    public static Tensor operator -(Tensor a) => tf.Negative(a);

    // A number goes through the same weak-literal rules as in tf.Add(x, 2.5): it takes the tensor's dtype, exactly,
    // and a fraction meeting an integer tensor is an error (creating the scalar in the tensor's dtype here
    // silently truncated int32 x + 2.5 to x + 2).
    /// <summary>Adds a number, which takes the tensor's dtype (<see cref="tf.Add(Tensor, Tensor)"/>); a fraction added to an integer tensor is an error.</summary>
    public static Tensor operator +(Tensor a, double b) => tf.Add(a, b);
    /// <summary>Subtracts a number, which takes the tensor's dtype (<see cref="tf.Subtract(Tensor, Tensor)"/>); a fraction with an integer tensor is an error.</summary>
    public static Tensor operator -(Tensor a, double b) => tf.Subtract(a, b);
    /// <summary>Multiplies by a number, which takes the tensor's dtype (<see cref="tf.Multiply(Tensor, Tensor)"/>); a fraction with an integer tensor is an error.</summary>
    public static Tensor operator *(Tensor a, double b) => tf.Multiply(a, b);
    /// <summary>Divides by a number, which takes the tensor's dtype (<see cref="tf.Divide(Tensor, Tensor)"/>); a fraction with an integer tensor is an error.</summary>
    public static Tensor operator /(Tensor a, double b) => tf.Divide(a, b);
    /// <summary>A number plus a tensor, the number taking the tensor's dtype (<see cref="tf.Add(Tensor, Tensor)"/>).</summary>
    public static Tensor operator +(double a, Tensor b) => tf.Add(a, b);
    /// <summary>A number minus a tensor, the number taking the tensor's dtype (<see cref="tf.Subtract(Tensor, Tensor)"/>).</summary>
    public static Tensor operator -(double a, Tensor b) => tf.Subtract(a, b);
    /// <summary>A number times a tensor, the number taking the tensor's dtype (<see cref="tf.Multiply(Tensor, Tensor)"/>).</summary>
    public static Tensor operator *(double a, Tensor b) => tf.Multiply(a, b);
    /// <summary>A number divided by a tensor, the number taking the tensor's dtype (<see cref="tf.Divide(Tensor, Tensor)"/>).</summary>
    public static Tensor operator /(double a, Tensor b) => tf.Divide(a, b);
}
