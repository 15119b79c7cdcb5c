namespace Strata;

/// <summary>Element type of a tensor; names match TensorFlow's (<c>float32</c>, <c>int64</c>, …).</summary>
public enum DType
{
    /// <summary>32-bit IEEE float (<c>tf.float32</c>): the default for floating-point values and Keras weights.</summary>
    Float32,
    /// <summary>64-bit IEEE float (<c>tf.float64</c>).</summary>
    Float64,
    /// <summary>32-bit signed integer (<c>tf.int32</c>): the default for C# <c>int</c> values.</summary>
    Int32,
    /// <summary>64-bit signed integer (<c>tf.int64</c>): the default index type of <c>tf.argmax</c>.</summary>
    Int64,
    /// <summary>Boolean (<c>tf.bool</c>): the result of comparisons and the input of logical ops.</summary>
    Bool,
    /// <summary>8-bit unsigned integer (<c>tf.uint8</c>), as images are stored.</summary>
    UInt8,
}

/// <summary>What TensorFlow's <c>tf.dtypes.DType</c> objects know about themselves: their name, kind, size and the
/// .NET element type behind each.</summary>
public static class DTypeExtensions
{
    /// <summary>TensorFlow's name of the dtype (<c>dtype.name</c>): <c>"float32"</c>, <c>"int64"</c>, <c>"bool"</c>, ….</summary>
    public static string Name(this DType dtype) => dtype switch
    {
        DType.Float32 => "float32",
        DType.Float64 => "float64",
        DType.Int32 => "int32",
        DType.Int64 => "int64",
        DType.Bool => "bool",
        DType.UInt8 => "uint8",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
    };

    extension(DType dtype)
    {
        /// <summary>True for float32 and float64 (<c>dtype.is_floating</c>).</summary>
        public bool IsFloating => dtype is DType.Float32 or DType.Float64;

        /// <summary>True for int32, int64 and uint8 (<c>dtype.is_integer</c>); bool is not an integer type.</summary>
        public bool IsInteger => dtype is DType.Int32 or DType.Int64 or DType.UInt8;

        /// <summary>Numeric types support arithmetic (+ - * /); bool does not.</summary>
        public bool IsNumeric => dtype != DType.Bool;
    }

    /// <summary>The .NET element type of a tensor's buffer: <c>float</c>, <c>double</c>, <c>int</c>, <c>long</c>,
    /// <c>bool</c> or <c>byte</c>.</summary>
    public static Type ClrType(this DType dtype) => dtype switch
    {
        DType.Float32 => typeof(float),
        DType.Float64 => typeof(double),
        DType.Int32 => typeof(int),
        DType.Int64 => typeof(long),
        DType.Bool => typeof(bool),
        DType.UInt8 => typeof(byte),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
    };

    /// <summary>A zeroed rank-1 .NET array of this dtype's element type (<c>new float[length]</c> …): the closed set
    /// of element types, without <c>Array.CreateInstance</c>, so it is trim- and AOT-safe.</summary>
    internal static Array NewArray(this DType dtype, int length) => dtype switch
    {
        DType.Float32 => new float[length],
        DType.Float64 => new double[length],
        DType.Int32 => new int[length],
        DType.Int64 => new long[length],
        DType.Bool => new bool[length],
        DType.UInt8 => new byte[length],
        _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
    };

    /// <summary>Bytes per element.</summary>
    public static int ByteSize(this DType dtype) => dtype switch
    {
        DType.Float32 or DType.Int32 => 4,
        DType.Float64 or DType.Int64 => 8,
        _ => 1,
    };

    /// <summary>The dtype whose element type is <paramref name="t"/> (<c>typeof(float)</c> is float32); a
    /// <see cref="NotSupportedException"/> for a type Strata has no dtype for.</summary>
    public static DType FromClr(Type t)
    {
        if (t == typeof(float)) return DType.Float32;
        if (t == typeof(double)) return DType.Float64;
        if (t == typeof(int)) return DType.Int32;
        if (t == typeof(long)) return DType.Int64;
        if (t == typeof(bool)) return DType.Bool;
        if (t == typeof(byte)) return DType.UInt8;
        throw new NotSupportedException($"No Strata dtype for CLR type {t.Name}.");
    }

    /// <summary>The dtype whose element type is <typeparamref name="T"/>, as <see cref="FromClr(Type)"/>.</summary>
    public static DType Of<T>() => FromClr(typeof(T));

    /// <summary>Parses TensorFlow's dtype names ("float32", "int64", …).</summary>
    public static DType Parse(string name) => name switch
    {
        "float32" or "float" => DType.Float32,
        "float64" or "double" => DType.Float64,
        "int32" => DType.Int32,
        "int64" => DType.Int64,
        "bool" => DType.Bool,
        "uint8" => DType.UInt8,
        _ => throw new InvalidArgumentError($"Unknown dtype name '{name}'."),
    };
}
