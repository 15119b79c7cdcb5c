#pragma warning disable CS8981
namespace Strata;

public static partial class tf
{
    // ----- constants -----
    // As in TensorFlow, C# floating-point values (float or double) become float32 unless a dtype is given,
    // and C# ints become int32, so that ported Python code gets the dtypes it got in Python.

    /// <summary>tf.constant of a C# <c>float</c>: a float32 scalar, or <paramref name="dtype"/> as TensorFlow converts a
    /// Python number (rounded to a float dtype; to an integer dtype only when whole and in range, else a
    /// <see cref="TypeError"/>); with <paramref name="shape"/>, the value repeated to fill that shape.</summary>
    public static Tensor Constant(float value, DType? dtype = null, Shape? shape = null) => Constant(new[] { value }, dtype, shape ?? Shape.Scalar);
    /// <summary>tf.constant of a C# <c>double</c>: float32 by default, rounded as a Python float is, or
    /// <paramref name="dtype"/> (all digits in float64; an integer dtype only for a whole value in range, else a
    /// <see cref="TypeError"/>); with <paramref name="shape"/>, the value repeated to fill that shape.</summary>
    public static Tensor Constant(double value, DType? dtype = null, Shape? shape = null) => Constant(new[] { value }, dtype, shape ?? Shape.Scalar);
    /// <summary>tf.constant of a C# <c>int</c>: an int32 scalar, or <paramref name="dtype"/> (a <see cref="TypeError"/>
    /// when the value is out of its range or the dtype is bool); with <paramref name="shape"/>, the value repeated.</summary>
    public static Tensor Constant(int value, DType? dtype = null, Shape? shape = null) => Constant(new[] { value }, dtype, shape ?? Shape.Scalar);
    /// <summary>tf.constant of a C# <c>long</c>: an int64 scalar, or <paramref name="dtype"/> (a <see cref="TypeError"/>
    /// when the value is out of its range or the dtype is bool); with <paramref name="shape"/>, the value repeated.</summary>
    public static Tensor Constant(long value, DType? dtype = null, Shape? shape = null) => Constant(new[] { value }, dtype, shape ?? Shape.Scalar);
    /// <summary>tf.constant of a C# <c>bool</c>: a bool scalar, or 0 / 1 in a numeric <paramref name="dtype"/>; with
    /// <paramref name="shape"/>, the value repeated to fill that shape.</summary>
    public static Tensor Constant(bool value, DType? dtype = null, Shape? shape = null) => Constant(new[] { value }, dtype, shape ?? Shape.Scalar);

    /// <summary>
    /// A tensor from a .NET array of any rank (<c>new float[,] {{1, 2}}</c> has shape (1, 2)). With
    /// <paramref name="shape"/>, the values are reshaped to it, or a single value is repeated to fill it.
    /// </summary>
    public static Tensor Constant(Array values, DType? dtype = null, Shape? shape = null)
    {
        Guard.NotNull(values, "Constant", "values");
        if (dtype is { } requested) Guard.Known(requested, "Constant");
        if (values is Tensor[] tensors) return Stack(tensors);
        var (flat, dims, elem) = ArrayValues.Flatten(values, "Constant");
        var sourceType = DTypeExtensions.FromClr(elem);
        var natural = elem == typeof(double) ? DType.Float32 : sourceType;
        if (values.Rank == 1 && shape is { Rank: 0 } && values.Length == 1) dims = [];

        var target = dtype ?? natural;
        // Without a dtype, C# doubles become float32 as Python floats do (rounded, never refused); with one, a value
        // the dtype cannot hold exactly is refused as TensorFlow refuses it.
        var buffer = dtype is null ? Kernels.CastKernel.Convert(flat, sourceType, target) : ValueConversion.Exact(flat, sourceType, target, "Constant");
        var t = Tensor.FromBuffer(buffer, Shape.Wrap(dims), target);
        if (shape is not { } s || (s == t.Shape)) return t;
        int wanted = s.CheckedSize("Constant");
        if (t.Size == wanted) return Reshape(t, s);
        if (t.Size == 1) return Fill(s, t);
        throw new InvalidArgumentError(
            $"Constant: {t.Size} values (shape {t.Shape}) cannot fill the requested shape {s} with {wanted} elements.");
    }

    /// <summary>tf.constant of a NumPy-like array (what <see cref="Tensor.Numpy"/> returns): its values in its own
    /// dtype, or cast to <paramref name="dtype"/>.</summary>
    public static Tensor Constant(NDArray values, DType? dtype = null) =>
        // An NDArray never changes its buffer (Numpy() already copied it), so the tensor can share it.
        Cast(Tensor.FromBuffer(values.Buffer, values.Shape, values.DType), dtype ?? values.DType);

    /// <summary>Identity that copies (tf.identity); also ends a weak literal's weakness.</summary>
    public static Tensor Identity(Tensor x)
    {
        NotNull(x, "Identity", "x");
        var y = Tensor.FromBuffer((Array)x.Buffer.Clone(), x.Shape, x.DType);
        if (GradientTape.IsRecording) Record("Identity", y, [x], static (dy, _, _) => [dy]);
        return y;
    }

    // ----- variables -----

    /// <summary>tf.Variable: a new <see cref="Strata.Variable"/> holding a copy of <paramref name="initialValue"/>,
    /// trainable by default, named <c>Variable</c>, <c>Variable_1</c>, … unless <paramref name="name"/> is given.</summary>
    public static Variable Variable(Tensor initialValue, bool trainable = true, string? name = null, DType? dtype = null)
        => new(initialValue, trainable, name, dtype);

    /// <summary>tf.Variable of a .NET array of any rank (<c>new float[,] {{1, 2}}</c>): its values as
    /// <see cref="Constant(Array, DType?, Shape?)"/> makes them, in a new trainable <see cref="Strata.Variable"/>.</summary>
    public static Variable Variable(Array initialValue, bool trainable = true, string? name = null, DType? dtype = null)
        => new(Constant(initialValue, dtype), trainable, name, dtype);

    // ----- filled tensors -----

    /// <summary>tf.zeros: a tensor of <paramref name="shape"/> filled with zeros, float32 by default.</summary>
    public static Tensor Zeros(Shape shape, DType dtype = DType.Float32)
    {
        return Tensor.FromBuffer(Tensor.AllocZeroed(Guard.Known(dtype, "Zeros"), shape.CheckedSize("Zeros")), shape, dtype);
    }

    /// <summary>tf.ones: a tensor of <paramref name="shape"/> filled with ones, float32 by default.</summary>
    public static Tensor Ones(Shape shape, DType dtype = DType.Float32)
    {
        Guard.Known(dtype, "Ones");
        return Fill(shape, Tensor.Scalar(1, dtype), "Ones");
    }

    /// <summary>tf.zeros_like: zeros of <paramref name="x"/>'s shape and dtype.</summary>
    public static Tensor ZerosLike(Tensor x) => Zeros(x.Shape, x.DType);

    /// <summary>tf.ones_like: ones of <paramref name="x"/>'s shape and dtype.</summary>
    public static Tensor OnesLike(Tensor x) => Ones(x.Shape, x.DType);

    /// <summary>A tensor of <paramref name="shape"/> with every element equal to the scalar <paramref name="value"/>.</summary>
    public static Tensor Fill(Shape shape, Tensor value) => Fill(shape, value, "Fill");

    /// <summary>Fill, its errors in the name of <paramref name="op"/> (Ones is a Fill).</summary>
    private static Tensor Fill(Shape shape, Tensor value, string op)
    {
        NotNull(value, op, "value");
        if (value.Size != 1)
            throw new InvalidArgumentError($"{op}: value must be a scalar, got shape {value.Shape}.");
        var y = Tensor.FromBuffer(Tensor.AllocBuffer(value.DType, shape.CheckedSize(op)), shape, value.DType);
        switch (value.DType)
        {
            case DType.Float32: y.Span<float>().Fill(value.Data<float>()[0]); break;
            case DType.Float64: y.Span<double>().Fill(value.Data<double>()[0]); break;
            case DType.Int32: y.Span<int>().Fill(value.Data<int>()[0]); break;
            case DType.Int64: y.Span<long>().Fill(value.Data<long>()[0]); break;
            case DType.Bool: y.Span<bool>().Fill(value.Data<bool>()[0]); break;
            case DType.UInt8: y.Span<byte>().Fill(value.Data<byte>()[0]); break;
        }
        return y;
    }

    /// <summary>tf.range: start, start + delta, … up to (not including) limit. Without a dtype it is int32 when
    /// every argument is whole and float32 otherwise, as TensorFlow infers it (a fixed int32 default truncated
    /// tf.Range(0, 1, 0.25) to zeros). As TensorFlow's kernel, the count and the values are computed in the dtype
    /// itself: in float32, (1.3 - 1) / 0.1 is 2.9999995, so tf.Range(1, 1.3, 0.1) has 3 elements, not 4.</summary>
    public static Tensor Range(double start, double? limit = null, double delta = 1, DType? dtype = null)
    {
        if (limit is null) (start, limit) = (0, start);
        double stop = limit.Value;
        var type = dtype is { } given ? Guard.Known(given, "Range") : (double.IsInteger(start) && double.IsInteger(stop) && double.IsInteger(delta) ? DType.Int32 : DType.Float32);
        if (type is DType.Bool or DType.UInt8)
            throw new UnsupportedDTypeError($"Range: dtype must be float32, float64, int32 or int64, got {type.Name()}.");
        if (double.IsNaN(start) || double.IsNaN(stop) || double.IsNaN(delta))
            throw new InvalidArgumentError($"Range: start {start}, limit {stop} and delta {delta} must not be NaN.");
        if (type.IsInteger)
            foreach (var (name, v) in new[] { ("start", start), ("limit", stop), ("delta", delta) })
                if (!ValueConversion.IsExactInteger(v, type))
                    throw new TypeError($"Range: cannot convert {name} {v} to EagerTensor of dtype {type.Name()}.");
        if (delta == 0) throw new InvalidArgumentError("Range: requires delta != 0.");
        if (delta > 0 && start > stop)
            throw new InvalidArgumentError($"Range: requires start <= limit when delta > 0: {start}/{stop}.");
        if (delta < 0 && start < stop)
            throw new InvalidArgumentError($"Range: requires start >= limit when delta < 0: {start}/{stop}.");
        return type switch
        {
            DType.Float32 => RangeOf((float)start, (float)delta, FloatCount((float)start, (float)stop, (float)delta), type),
            DType.Float64 => RangeOf(start, delta, FloatCount(start, stop, delta), type),
            DType.Int32 => RangeOf((int)start, (int)delta, IntegerCount((long)start, (long)stop, (long)delta), type),
            _ => RangeOf((long)start, (long)delta, IntegerCount((long)start, (long)stop, (long)delta), type),
        };
    }

    // TensorFlow's element counts, in the dtype itself: ceil(|(limit - start) / delta|) for floats,
    // (|limit - start| + |delta| - 1) / |delta| for integers (in 128 bits here, so that int64's extremes do not wrap).
    private static double FloatCount<T>(T start, T limit, T delta) where T : System.Numerics.IFloatingPoint<T> =>
        double.CreateChecked(T.Ceiling(T.Abs((limit - start) / delta)));

    private static double IntegerCount(long start, long limit, long delta)
    {
        Int128 span = Int128.Abs((Int128)limit - start), step = Int128.Abs(delta);
        return (double)((span + step - 1) / step);
    }

    private static Tensor RangeOf<T>(T start, T delta, double count, DType dtype) where T : unmanaged, System.Numerics.INumber<T>
    {
        if (!(count <= Shape.MaxElements))
            throw new InvalidArgumentError($"Range: start {start} and delta {delta} give {count} elements, more than the {Shape.MaxElements} a tensor can hold.");
        int n = (int)count;
        var values = (T[])Tensor.AllocBuffer(dtype, n);
        T v = start;
        for (int i = 0; i < n; i++) { values[i] = v; v += delta; } // accumulated, as TensorFlow's kernel does
        return Tensor.FromBuffer(values, Shape.Wrap([n]), dtype);
    }

    /// <summary>tf.linspace: <paramref name="num"/> evenly spaced values from start to stop inclusive, computed in the
    /// dtype as TensorFlow's kernel does (start + step * i, the last one exactly stop).</summary>
    public static Tensor Linspace(double start, double stop, int num, DType dtype = DType.Float32)
    {
        if (num < 1) throw new InvalidArgumentError($"Linspace: requires num > 0: {num}.");
        return Guard.Known(dtype, "Linspace") switch
        {
            DType.Float32 => LinspaceOf((float)start, (float)stop, num, dtype),
            DType.Float64 => LinspaceOf(start, stop, num, dtype),
            _ => throw new UnsupportedDTypeError($"Linspace: dtype must be float32 or float64, got {dtype.Name()}."),
        };
    }

    private static Tensor LinspaceOf<T>(T start, T stop, int num, DType dtype) where T : unmanaged, System.Numerics.IFloatingPoint<T>
    {
        var values = (T[])Tensor.AllocBuffer(dtype, num);
        values[0] = start;
        if (num > 1)
        {
            T step = (stop - start) / T.CreateChecked(num - 1);
            for (int i = 1; i < num - 1; i++) values[i] = start + step * T.CreateChecked(i);
            values[num - 1] = stop;
        }
        return Tensor.FromBuffer(values, Shape.Wrap([num]), dtype);
    }

    // ----- dtype conversion -----

    /// <summary>tf.cast, the explicit conversion, lossy where the dtype is narrower (tf.Constant and tf.Variable refuse
    /// such values instead). Float to an integer truncates toward zero and saturates at the dtype's range
    /// (300.7 to uint8 is 255, -1e10 to int32 is -2147483648); NaN becomes 0 (TensorFlow leaves these two cases to the
    /// CPU: on x86 its NaN and out-of-range values become the smallest integer). Integer to a narrower integer
    /// saturates too; anything to bool is "not zero"; bool to a number is 0 or 1. Gradients flow between floating
    /// dtypes only.</summary>
    public static Tensor Cast(Tensor x, DType dtype)
    {
        NotNull(x, "Cast", "x");
        Guard.Known(dtype, "Cast");
        // Nothing to convert: a plain tensor is immutable and can be returned as is, but a variable must be read
        // into a tensor, or later assignments would change the "cast" value.
        if (x.DType == dtype) return x is Variable ? Identity(x) : x;
        var y = Tensor.FromBuffer(Kernels.CastKernel.Convert(x.Buffer, x.DType, dtype), x.Shape, dtype);
        if (GradientTape.IsRecording && x.DType.IsFloating && dtype.IsFloating)
            Record("Cast", y, [x], (dy, inputs, _) => [Cast(dy, inputs[0].DType)]);
        return y;
    }

    /// <summary>The value with gradients blocked: the tape sees a constant.</summary>
    public static Tensor StopGradient(Tensor x)
    {
        NotNull(x, "StopGradient", "x");
        // A plain tensor shares its immutable buffer; a variable's buffer can change, so it is copied.
        var buffer = x is Variable ? (Array)x.Buffer.Clone() : x.Buffer;
        return Tensor.FromBuffer(buffer, x.Shape, x.DType); // never recorded
    }
}
