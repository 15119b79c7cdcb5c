namespace Strata;

/// <summary>Element type of a tensor; names match TensorFlow's (<c>float32</c>, <c>int64</c>, …).</summary>
public enum DType
{
    Float32,
    Float64,
    Int32,
    Int64,
    Bool,
    UInt8,
}

public static class DTypeExtensions
{
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
        public bool IsFloating => dtype is DType.Float32 or DType.Float64;

        public bool IsInteger => dtype is DType.Int32 or DType.Int64 or DType.UInt8;

        /// <summary>Numeric types support arithmetic (+ - * /); bool does not.</summary>
        public bool IsNumeric => dtype != DType.Bool;
    }

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
