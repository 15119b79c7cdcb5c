#pragma warning disable CS8981
using System.Numerics;
using Strata.Kernels;

namespace Strata;

public static partial class tf
{
    // Comparisons broadcast like arithmetic and give bool tensors; they have no gradient.

    /// <summary>tf.math.equal: x == y element-wise as a bool tensor, broadcasting; no gradient.</summary>
    public static Tensor Equal(Tensor x, Tensor y) => Compare(x, y, "Equal", Comparison.Equal);
    /// <summary>tf.math.not_equal: x != y element-wise as a bool tensor, broadcasting; no gradient.</summary>
    public static Tensor NotEqual(Tensor x, Tensor y) => Compare(x, y, "NotEqual", Comparison.NotEqual);
    /// <summary>tf.math.greater: x &gt; y element-wise as a bool tensor, broadcasting; bool inputs are an error.</summary>
    public static Tensor Greater(Tensor x, Tensor y) => Compare(x, y, "Greater", Comparison.Greater);
    /// <summary>tf.math.greater_equal: x &gt;= y element-wise as a bool tensor, broadcasting; bool inputs are an error.</summary>
    public static Tensor GreaterEqual(Tensor x, Tensor y) => Compare(x, y, "GreaterEqual", Comparison.GreaterEqual);
    /// <summary>tf.math.less: x &lt; y element-wise as a bool tensor, broadcasting; bool inputs are an error.</summary>
    public static Tensor Less(Tensor x, Tensor y) => Compare(x, y, "Less", Comparison.Less);
    /// <summary>tf.math.less_equal: x &lt;= y element-wise as a bool tensor, broadcasting; bool inputs are an error.</summary>
    public static Tensor LessEqual(Tensor x, Tensor y) => Compare(x, y, "LessEqual", Comparison.LessEqual);

    private enum Comparison { Equal, NotEqual, Greater, GreaterEqual, Less, LessEqual }

    private static Tensor Compare(Tensor x, Tensor y, string op, Comparison kind)
    {
        Unify(op, ref x, ref y);
        if (x.DType == DType.Bool && kind is not (Comparison.Equal or Comparison.NotEqual))
            throw new UnsupportedDTypeError($"{op}: bool tensors can only be compared for equality (shapes {x.Shape} and {y.Shape}).");
        var shape = BroadcastPlan.OutputShape(x.Shape, y.Shape, op);
        var xb = BroadcastRaw(x, shape);
        var yb = BroadcastRaw(y, shape);
        var result = new bool[shape.Size];
        switch (x.DType)
        {
            case DType.Float32: Compare(xb.Data<float>(), yb.Data<float>(), result, kind); break;
            case DType.Float64: Compare(xb.Data<double>(), yb.Data<double>(), result, kind); break;
            case DType.Int32: Compare(xb.Data<int>(), yb.Data<int>(), result, kind); break;
            case DType.Int64: Compare(xb.Data<long>(), yb.Data<long>(), result, kind); break;
            case DType.UInt8: Compare(xb.Data<byte>(), yb.Data<byte>(), result, kind); break;
            case DType.Bool:
                Compare(Array.ConvertAll(xb.Data<bool>(), b => b ? (byte)1 : (byte)0), Array.ConvertAll(yb.Data<bool>(), b => b ? (byte)1 : (byte)0), result, kind);
                break;
        }
        return Tensor.FromBuffer(result, shape, DType.Bool);
    }

    private static void Compare<T>(T[] a, T[] b, bool[] r, Comparison kind) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < r.Length; i++)
            r[i] = kind switch
            {
                Comparison.Equal => a[i] == b[i],
                Comparison.NotEqual => a[i] != b[i],
                Comparison.Greater => a[i] > b[i],
                Comparison.GreaterEqual => a[i] >= b[i],
                Comparison.Less => a[i] < b[i],
                _ => a[i] <= b[i],
            };
    }

    /// <summary>Elementwise logical and/or/not for bool tensors.</summary>
    public static Tensor LogicalAnd(Tensor x, Tensor y) => Logical(x, y, "LogicalAnd", static (a, b) => a && b);
    /// <summary>tf.math.logical_or: x || y element-wise for bool tensors, broadcasting.</summary>
    public static Tensor LogicalOr(Tensor x, Tensor y) => Logical(x, y, "LogicalOr", static (a, b) => a || b);

    /// <summary>tf.math.logical_not: !x element-wise for a bool tensor.</summary>
    public static Tensor LogicalNot(Tensor x)
    {
        NotNull(x, "LogicalNot", "x");
        if (x.DType != DType.Bool) throw new InvalidArgumentError($"LogicalNot: expected bool, got {x.DType.Name()}.");
        return Tensor.FromBuffer(Array.ConvertAll(x.Data<bool>(), b => !b), x.Shape, DType.Bool);
    }

    private static Tensor Logical(Tensor x, Tensor y, string op, Func<bool, bool, bool> f)
    {
        NotNull(x, op, "x");
        NotNull(y, op, "y");
        if (x.DType != DType.Bool || y.DType != DType.Bool)
            throw new InvalidArgumentError($"{op}: expected bool tensors, got {x.DType.Name()} and {y.DType.Name()}.");
        var shape = BroadcastPlan.OutputShape(x.Shape, y.Shape, op);
        var a = BroadcastRaw(x, shape).Data<bool>();
        var b = BroadcastRaw(y, shape).Data<bool>();
        var r = new bool[a.Length];
        for (int i = 0; i < r.Length; i++) r[i] = f(a[i], b[i]);
        return Tensor.FromBuffer(r, shape, DType.Bool);
    }
}
