using System.Numerics;

namespace Strata;

/// <summary>
/// What <see cref="Tensor.Numpy"/> returns: a copy of a tensor's values with NumPy's behaviour where C# users
/// meet it: <c>ToString()</c> prints as <c>str(ndarray)</c>, <c>[i]</c> indexes the first axis, and
/// <see cref="Item{T}"/> / the explicit conversions read a single value.
/// </summary>
public sealed class NDArray
{
    internal readonly Array Buffer;

    /// <summary>The dimensions of the array (<c>ndarray.shape</c>).</summary>
    public Shape Shape { get; }
    /// <summary>The element type (<c>ndarray.dtype</c>).</summary>
    public DType DType { get; }

    internal NDArray(Array buffer, Shape shape, DType dtype)
    {
        Buffer = buffer;
        Shape = shape;
        DType = dtype;
    }

    /// <summary>The number of dimensions (<c>ndarray.ndim</c>); 0 for a scalar.</summary>
    public int Rank => Shape.Rank;
    /// <summary>The number of elements (<c>ndarray.size</c>); 1 for a scalar.</summary>
    public int Size => Buffer.Length;

    /// <summary>The sub-array at index <paramref name="i"/> of the first axis (negative counts from the end).</summary>
    [System.Runtime.CompilerServices.IndexerName("At")]
    public NDArray this[int i]
    {
        get
        {
            if (Rank == 0) throw new InvalidArgumentError("NDArray: too many indices for a 0-dimensional array.");
            int n = Shape[0];
            int j = i < 0 ? i + n : i;
            if (j < 0 || j >= n) throw new OutOfRangeError($"NDArray: index {i} is out of bounds for axis 0 with size {n}.");
            int inner = Size / Math.Max(n, 1);
            var sub = Tensor.AllocBuffer(DType, inner);
            Array.Copy(Buffer, j * inner, sub, 0, inner);
            return new NDArray(sub, Shape.Wrap(Shape.Dims[1..].ToArray()), DType);
        }
    }

    /// <summary>The values, flat and typed (copied). <typeparamref name="T"/> must match the dtype.</summary>
    public T[] ToArray<T>() where T : unmanaged
    {
        if (typeof(T) != DType.ClrType())
            throw new InvalidArgumentError($"NDArray.ToArray: array has dtype {DType.Name()}, asked for {typeof(T).Name}.");
        return (T[])Buffer.Clone();
    }

    /// <summary>The values as a .NET array of the same rank (e.g. <c>float[,]</c> for a matrix).</summary>
    public Array ToMultiDimArray()
    {
        if (Rank == 0)
        {
            var one = DType.NewArray(1);
            Array.Copy(Buffer, one, 1);
            return one;
        }
        var result = MultiDim.Create(DType, Shape.ToArray());
        // Row-major layouts coincide, so a flat block copy fills it.
        System.Buffer.BlockCopy(Buffer, 0, result, 0, System.Buffer.ByteLength(Buffer));
        return result;
    }

    /// <summary>NumPy's <c>.item()</c>: the single value of a one-element array, converted to <typeparamref name="T"/>.</summary>
    public T Item<T>() where T : unmanaged
    {
        if (Size != 1)
            throw new InvalidArgumentError($"NDArray.Item: can only convert an array of size 1 to a scalar, this one has shape {Shape}.");
        if (typeof(T) == typeof(float) && Buffer is float[] f) return System.Runtime.CompilerServices.Unsafe.As<float, T>(ref f[0]);
        if (typeof(T) == typeof(double) && Buffer is double[] d) return System.Runtime.CompilerServices.Unsafe.As<double, T>(ref d[0]);
        object v = Buffer.GetValue(0)!;
        if (v is bool b) v = b ? 1 : 0;
        // Convert.ChangeType rounds a float to the nearest integer (2.7 -> 3); NumPy's int(2.7) and a C# cast
        // truncate toward zero, so truncate first.
        bool toInteger = typeof(T) != typeof(float) && typeof(T) != typeof(double) && typeof(T) != typeof(bool) && typeof(T) != typeof(decimal);
        if (v is float or double && toInteger)
        {
            double x = Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture);
            // Python's int() refuses these too (ValueError for NaN, OverflowError for infinity).
            if (!double.IsFinite(x))
                throw new InvalidArgumentError($"NDArray.Item: cannot convert {DType.Name()} {x} to {typeof(T).Name}: it is not a finite number.");
            v = Math.Truncate(x);
        }
        try
        {
            return (T)Convert.ChangeType(v, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is OverflowException or InvalidCastException)
        {
            throw new InvalidArgumentError($"NDArray.Item: cannot convert the {DType.Name()} value {v} to {typeof(T).Name}: " +
                (e is OverflowException ? "it is out of its range." : "there is no conversion to that type."));
        }
    }

    /// <summary>Python's <c>float(a)</c>: the single value of a one-element array, as <see cref="Item{T}"/>.</summary>
    public static explicit operator float(NDArray a) => a.Item<float>();
    /// <summary>Python's <c>float(a)</c> in double precision: the single value of a one-element array, as <see cref="Item{T}"/>.</summary>
    public static explicit operator double(NDArray a) => a.Item<double>();
    /// <summary>Python's <c>int(a)</c>: the single value of a one-element array, a float truncated toward zero.</summary>
    public static explicit operator int(NDArray a) => a.Item<int>();
    /// <summary>Python's <c>int(a)</c> as a long: the single value of a one-element array, a float truncated toward zero.</summary>
    public static explicit operator long(NDArray a) => a.Item<long>();
    // Truth like Python's bool(): any non-zero value (0.5 included, which a conversion to byte would lose).
    /// <summary>Python's <c>bool(a)</c>: true when the single value of a one-element array is not zero.</summary>
    public static explicit operator bool(NDArray a) => a.Item<double>() != 0;

    /// <summary><c>str(ndarray)</c>, e.g. <c>[[1. 2.]]</c>.</summary>
    public override string ToString() => Formatting.NumpyFormat.Str(Buffer, Shape, DType);

    /// <summary><c>repr(ndarray)</c>, e.g. <c>array([[1., 2.]], dtype=float32)</c>.</summary>
    public string Repr() => Formatting.NumpyFormat.Repr(Buffer, Shape, DType);
}
