#pragma warning disable CS8981
namespace Strata;

public static partial class tf
{
    // ----- constants -----
    // As in TensorFlow, C# floating-point values (float or double) become float32 unless a dtype is given,
    // and C# ints become int32, so that ported Python code gets the dtypes it got in Python.

    public static Tensor Constant(float value, DType? dtype = null, Shape? shape = null) => Constant(new[] { value }, dtype, shape ?? Shape.Scalar);
    public static Tensor Constant(double value, DType? dtype = null, Shape? shape = null) => Constant(new[] { value }, dtype, shape ?? Shape.Scalar);
    public static Tensor Constant(int value, DType? dtype = null, Shape? shape = null) => Constant(new[] { value }, dtype, shape ?? Shape.Scalar);
    public static Tensor Constant(long value, DType? dtype = null, Shape? shape = null) => Constant(new[] { value }, dtype, shape ?? Shape.Scalar);
    public static Tensor Constant(bool value, DType? dtype = null, Shape? shape = null) => Constant(new[] { value }, dtype, shape ?? Shape.Scalar);

    /// <summary>
    /// A tensor from a .NET array of any rank (<c>new float[,] {{1, 2}}</c> has shape (1, 2)). With
    /// <paramref name="shape"/>, the values are reshaped to it, or a single value is repeated to fill it.
    /// </summary>
    public static Tensor Constant(Array values, DType? dtype = null, Shape? shape = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values is Tensor[] tensors) return Stack(tensors);
        var elem = values.GetType().GetElementType()!;
        var natural = elem == typeof(double) ? DType.Float32 : DTypeExtensions.FromClr(elem);
        var sourceType = DTypeExtensions.FromClr(elem);

        var dims = new int[values.Rank];
        for (int i = 0; i < dims.Length; i++) dims[i] = values.GetLength(i);
        if (values.Rank == 1 && shape is { Rank: 0 } && values.Length == 1) dims = [];

        // Flatten (multi-dimensional .NET arrays are row-major, like ours).
        var flat = Array.CreateInstance(elem, values.Length);
        if (elem == typeof(bool) || values.Rank > 1) Buffer.BlockCopy(values, 0, flat, 0, Buffer.ByteLength(values));
        else Array.Copy(values, flat, values.Length);

        var target = dtype ?? natural;
        var buffer = target == sourceType ? flat : Kernels.CastKernel.Convert(flat, sourceType, target);
        var t = Tensor.FromBuffer(buffer, Shape.Wrap(dims), target);
        if (shape is not { } s || (s == t.Shape)) return t;
        if (t.Size == s.Size) return Reshape(t, s);
        if (t.Size == 1) return Fill(s, t);
        throw new InvalidArgumentError(
            $"Constant: {t.Size} values (shape {t.Shape}) cannot fill the requested shape {s} with {s.Size} elements.");
    }

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

    public static Variable Variable(Tensor initialValue, bool trainable = true, string? name = null, DType? dtype = null)
        => new(initialValue, trainable, name, dtype);

    public static Variable Variable(Array initialValue, bool trainable = true, string? name = null, DType? dtype = null)
        => new(Constant(initialValue), trainable, name, dtype);

    // ----- filled tensors -----

    public static Tensor Zeros(Shape shape, DType dtype = DType.Float32)
    {
        var t = Tensor.FromBuffer(Array.CreateInstance(dtype.ClrType(), shape.Size), shape, dtype);
        return t;
    }

    public static Tensor Ones(Shape shape, DType dtype = DType.Float32) => Fill(shape, Tensor.Scalar(1, dtype));

    public static Tensor ZerosLike(Tensor x) => Zeros(x.Shape, x.DType);

    public static Tensor OnesLike(Tensor x) => Ones(x.Shape, x.DType);

    /// <summary>A tensor of <paramref name="shape"/> with every element equal to the scalar <paramref name="value"/>.</summary>
    public static Tensor Fill(Shape shape, Tensor value)
    {
        NotNull(value, "Fill", "value");
        if (value.Size != 1)
            throw new InvalidArgumentError($"Fill: value must be a scalar, got shape {value.Shape}.");
        if (!shape.IsFullyDefined)
            throw new InvalidArgumentError($"Fill: shape {shape} must be fully defined.");
        var y = Tensor.Empty(value.DType, shape);
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
    /// tf.Range(0, 1, 0.25) to zeros).</summary>
    public static Tensor Range(double start, double? limit = null, double delta = 1, DType? dtype = null)
    {
        if (limit is null) (start, limit) = (0, start);
        var type = dtype ?? (double.IsInteger(start) && double.IsInteger(limit.Value) && double.IsInteger(delta) ? DType.Int32 : DType.Float32);
        if (delta == 0) throw new InvalidArgumentError("Range: delta must not be 0.");
        if ((delta > 0 && start > limit) || (delta < 0 && start < limit))
            throw new InvalidArgumentError($"Range: start {start} and limit {limit} are not ordered for delta {delta}.");
        int n = (int)Math.Ceiling(Math.Abs((limit.Value - start) / delta));
        var values = new double[n];
        for (int i = 0; i < n; i++) values[i] = start + i * delta;
        return Cast(Tensor.FromBuffer(values, Shape.Wrap([n]), DType.Float64), type);
    }

    /// <summary>tf.linspace: <paramref name="num"/> evenly spaced values from start to stop inclusive (float32).</summary>
    public static Tensor Linspace(double start, double stop, int num, DType dtype = DType.Float32)
    {
        if (num < 1) throw new InvalidArgumentError($"Linspace: num must be positive, got {num}.");
        var values = new double[num];
        double step = num > 1 ? (stop - start) / (num - 1) : 0;
        for (int i = 0; i < num; i++) values[i] = start + i * step;
        if (num > 1) values[num - 1] = stop;
        return Cast(Tensor.FromBuffer(values, Shape.Wrap([num]), DType.Float64), dtype);
    }

    // ----- dtype conversion -----

    /// <summary>tf.cast. Float to int truncates toward zero. Gradients flow between floating dtypes only.</summary>
    public static Tensor Cast(Tensor x, DType dtype)
    {
        NotNull(x, "Cast", "x");
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
