using System.Numerics;
using CsCheck;

namespace Strata.Tests.Properties;

/// <summary>Every broadcasting op against <see cref="Naive"/>: the shape by NumPy's rules (or the op's error), the dtype,
/// and every value computed in the dtype's own arithmetic.</summary>
public class BroadcastingProperties(ITestOutputHelper output)
{
    public const int ArithmeticCases = 8000, ComparisonCases = 4000, LogicalCases = 800, WhereCases = 2000, GradientCases = 2000, MatMulCases = 1500;

    /// <summary>Operand shapes around a common output shape: each dim kept, made 1, or (rarely) replaced by another
    /// size, which is usually incompatible; each operand may drop leading dims.</summary>
    internal static Gen<int[][]> RelatedShapes(int count) =>
        from target in G.Dims
        from shapes in Operand(target).Array[count]
        select shapes;

    private static Gen<int[]> Operand(int[] target) =>
        from drop in Gen.Int[0, target.Length]
        from picks in Gen.Int[0, 99].Array[target.Length]
        from others in G.Dim.Array[target.Length]
        select Enumerable.Range(drop, target.Length - drop)
            .Select(i => picks[i] < 62 ? target[i] : picks[i] < 92 ? 1 : others[i]).ToArray();

    private static readonly string[] ArithmeticOps = ["Add", "Subtract", "Multiply", "Divide", "Maximum", "Minimum", "Pow"];

    private static Tensor Apply(string op, Tensor x, Tensor y) => op switch
    {
        "Add" => tf.Add(x, y),
        "Subtract" => tf.Subtract(x, y),
        "Multiply" => tf.Multiply(x, y),
        "Divide" => tf.Divide(x, y),
        "Maximum" => tf.Maximum(x, y),
        "Minimum" => tf.Minimum(x, y),
        "Pow" => tf.Pow(x, y),
        "Equal" => tf.Equal(x, y),
        "NotEqual" => tf.NotEqual(x, y),
        "Greater" => tf.Greater(x, y),
        "GreaterEqual" => tf.GreaterEqual(x, y),
        "Less" => tf.Less(x, y),
        "LessEqual" => tf.LessEqual(x, y),
        "LogicalAnd" => tf.LogicalAnd(x, y),
        "LogicalOr" => tf.LogicalOr(x, y),
        _ => throw new ArgumentException(op),
    };

    private static Func<T, T, T> Arithmetic<T>(string op) where T : INumber<T> => op switch
    {
        "Add" => static (a, b) => a + b,
        "Subtract" => static (a, b) => a - b,
        "Multiply" => static (a, b) => a * b,
        "Divide" => static (a, b) => a / b,
        "Maximum" => Naive.Max,
        "Pow" => IntPow,
        _ => Naive.Min,
    };

    /// <summary>x^y for y ≥ 0, the product of x^(2^k) over the bits of y, wrapping as two's complement does
    /// (TensorFlow's integer Pow); written apart from the kernel's loop.</summary>
    private static T IntPow<T>(T x, T y) where T : INumber<T>
    {
        T r = T.One, p = x;
        for (ulong e = ulong.CreateTruncating(y); e != 0; e >>= 1)
        {
            if ((e & 1) != 0) r = unchecked(r * p);
            p = unchecked(p * p);
        }
        return r;
    }

    [Fact]
    public void ArithmeticBroadcastsLikeNumPy()
    {
        var gen = Gen.Select(RelatedShapes(2), Gen.OneOf(ArithmeticOps), Gen.OneOf(DType.Float32, DType.Float64, DType.Int32, DType.Int64, DType.UInt8, DType.Bool), Gen.ULong, Gen.ULong);
        PropertyRunner.Run("ArithmeticBroadcastsLikeNumPy", gen, c =>
        {
            var (shapes, op, dtype, sx, sy) = c;
            var kind = dtype.IsFloating ? Values.Special : Values.Wild;
            var x = new TensorSpec(shapes[0], dtype, sx, kind).Make();
            var y = new TensorSpec(shapes[1], dtype, sy, kind).Make();
            var shape = Naive.BroadcastShape(shapes[0], shapes[1]);
            if (dtype == DType.Bool || (op == "Pow" && dtype == DType.UInt8))
            {
                Must.Throw<UnsupportedDTypeError>(op, () => Apply(op, x, y), $"dtype {dtype.Name()}");
                return;
            }
            if (shape is null)
            {
                Must.Throw<InvalidArgumentError>(op, () => Apply(op, x, y), $"shapes {x.Shape} and {y.Shape} do not broadcast");
                return;
            }
            if (op == "Pow" && !dtype.IsFloating && Naive.AsDoubles(y).Any(v => v < 0))
            {
                Must.Throw<InvalidArgumentError>(op, () => Apply(op, x, y), "a negative integer exponent");
                return;
            }
            var z = Apply(op, x, y);
            Must.ShapeIs(shape, z, op);
            var outType = op == "Divide" && !dtype.IsFloating ? DType.Float64 : dtype;
            Must.DTypeIs(outType, z, op);
            switch (dtype)
            {
                case DType.Float32 when op == "Pow":
                    Close(Naive.Broadcast2(x.ToArray<float>(), shapes[0], y.ToArray<float>(), shapes[1], shape, (a, b) => (double)MathF.Pow(a, b)), Naive.AsDoubles(z), 4e-7, op);
                    break;
                case DType.Float64 when op == "Pow":
                    Close(Naive.Broadcast2(x.ToArray<double>(), shapes[0], y.ToArray<double>(), shapes[1], shape, Math.Pow), z.ToArray<double>(), 1e-15, op);
                    break;
                case DType.Float32:
                    Must.SameValues(Naive.Broadcast2(x.ToArray<float>(), shapes[0], y.ToArray<float>(), shapes[1], shape, (a, b) => (double)Arithmetic<float>(op)(a, b)), Naive.AsDoubles(z), op);
                    break;
                case DType.Float64:
                    Must.SameValues(Naive.Broadcast2(x.ToArray<double>(), shapes[0], y.ToArray<double>(), shapes[1], shape, Arithmetic<double>(op)), z.ToArray<double>(), op);
                    break;
                case DType.Int32 or DType.Int64 or DType.UInt8 when op == "Divide":
                    Must.SameValues(Naive.Broadcast2(Naive.AsDoubles(x), shapes[0], Naive.AsDoubles(y), shapes[1], shape, static (a, b) => a / b), z.ToArray<double>(), op);
                    break;
                case DType.Int32:
                    Must.SameBits(Naive.Broadcast2(x.ToArray<int>(), shapes[0], y.ToArray<int>(), shapes[1], shape, (a, b) => (long)Arithmetic<int>(op)(a, b)), Naive.Bits(z), op);
                    break;
                case DType.Int64:
                    Must.SameBits(Naive.Broadcast2(x.ToArray<long>(), shapes[0], y.ToArray<long>(), shapes[1], shape, Arithmetic<long>(op)), Naive.Bits(z), op);
                    break;
                case DType.UInt8:
                    Must.SameBits(Naive.Broadcast2(x.ToArray<byte>(), shapes[0], y.ToArray<byte>(), shapes[1], shape, (a, b) => (long)Arithmetic<byte>(op)(a, b)), Naive.Bits(z), op);
                    break;
            }
        }, ArithmeticCases, output, c => $"{c.Item2} {c.Item3.Name()} x {new TensorSpec(c.Item1[0], c.Item3, c.Item4, Values.Special)} y {new TensorSpec(c.Item1[1], c.Item3, c.Item5, Values.Special)}");
    }

    /// <summary>Within a relative tolerance (a few ulps: TensorPrimitives.Pow need not be correctly rounded); NaN and
    /// infinities must match exactly.</summary>
    private static void Close(double[] expected, double[] actual, double rtol, string what)
    {
        Must.True(expected.Length == actual.Length, $"{what}: {actual.Length} values, expected {expected.Length}");
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = actual[i];
            bool ok = e == a || (double.IsNaN(e) && double.IsNaN(a)) || (double.IsFinite(e) && Math.Abs(a - e) <= rtol * Math.Abs(e) + double.Epsilon * 4);
            Must.True(ok, $"{what}: element {i} is {a:R}, expected {e:R}");
        }
    }

    private static readonly string[] ComparisonOps = ["Equal", "NotEqual", "Greater", "GreaterEqual", "Less", "LessEqual"];

    private static Func<T, T, bool> Comparison<T>(string op) where T : INumber<T> => op switch
    {
        "Equal" => static (a, b) => a == b,
        "NotEqual" => static (a, b) => a != b,
        "Greater" => static (a, b) => a > b,
        "GreaterEqual" => static (a, b) => a >= b,
        "Less" => static (a, b) => a < b,
        _ => static (a, b) => a <= b,
    };

    [Fact]
    public void ComparisonsBroadcastLikeNumPy()
    {
        var gen = Gen.Select(RelatedShapes(2), Gen.OneOf(ComparisonOps), G.Any, Gen.ULong, Gen.ULong);
        PropertyRunner.Run("ComparisonsBroadcastLikeNumPy", gen, c =>
        {
            var (shapes, op, dtype, sx, sy) = c;
            var x = new TensorSpec(shapes[0], dtype, sx, Values.Special).Make();
            var y = new TensorSpec(shapes[1], dtype, sy, Values.Special).Make();
            var shape = Naive.BroadcastShape(shapes[0], shapes[1]);
            if (dtype == DType.Bool && op is not ("Equal" or "NotEqual"))
            {
                Must.Throw<UnsupportedDTypeError>(op, () => Apply(op, x, y), "ordering bools");
                return;
            }
            if (shape is null)
            {
                Must.Throw<InvalidArgumentError>(op, () => Apply(op, x, y), $"shapes {x.Shape} and {y.Shape} do not broadcast");
                return;
            }
            var z = Apply(op, x, y);
            Must.ShapeIs(shape, z, op);
            Must.DTypeIs(DType.Bool, z, op);
            bool[] expected = dtype switch
            {
                DType.Float32 => Naive.Broadcast2(x.ToArray<float>(), shapes[0], y.ToArray<float>(), shapes[1], shape, Comparison<float>(op)),
                DType.Float64 => Naive.Broadcast2(x.ToArray<double>(), shapes[0], y.ToArray<double>(), shapes[1], shape, Comparison<double>(op)),
                DType.Int32 => Naive.Broadcast2(x.ToArray<int>(), shapes[0], y.ToArray<int>(), shapes[1], shape, Comparison<int>(op)),
                DType.Int64 => Naive.Broadcast2(x.ToArray<long>(), shapes[0], y.ToArray<long>(), shapes[1], shape, Comparison<long>(op)),
                DType.UInt8 => Naive.Broadcast2(x.ToArray<byte>(), shapes[0], y.ToArray<byte>(), shapes[1], shape, Comparison<byte>(op)),
                _ => Naive.Broadcast2<bool, bool>(x.ToArray<bool>(), shapes[0], y.ToArray<bool>(), shapes[1], shape, op == "Equal" ? static (a, b) => a == b : static (a, b) => a != b),
            };
            Must.True(expected.SequenceEqual(z.ToArray<bool>()), $"{op}: values differ from the reference");
        }, ComparisonCases, output);
    }

    [Fact]
    public void LogicalOpsBroadcastLikeNumPy()
    {
        var gen = Gen.Select(RelatedShapes(2), Gen.OneOf("LogicalAnd", "LogicalOr"), Gen.ULong, Gen.ULong, Gen.Int[0, 9]);
        PropertyRunner.Run("LogicalOpsBroadcastLikeNumPy", gen, c =>
        {
            var (shapes, op, sx, sy, wrongType) = c;
            var x = new TensorSpec(shapes[0], DType.Bool, sx, Values.Plain).Make();
            var y = new TensorSpec(shapes[1], wrongType == 0 ? DType.Int32 : DType.Bool, sy, Values.Plain).Make();
            var shape = Naive.BroadcastShape(shapes[0], shapes[1]);
            if (wrongType == 0) { Must.Throw<InvalidArgumentError>(op, () => Apply(op, x, y), "an int32 operand"); return; }
            if (shape is null) { Must.Throw<InvalidArgumentError>(op, () => Apply(op, x, y), "shapes that do not broadcast"); return; }
            var z = Apply(op, x, y);
            Must.ShapeIs(shape, z, op);
            var expected = Naive.Broadcast2<bool, bool>(x.ToArray<bool>(), shapes[0], y.ToArray<bool>(), shapes[1], shape, op == "LogicalAnd" ? static (a, b) => a && b : static (a, b) => a || b);
            Must.True(expected.SequenceEqual(z.ToArray<bool>()), $"{op}: values differ from the reference");
        }, LogicalCases, output);
    }

    [Fact]
    public void WhereBroadcastsAllThreeOperands()
    {
        var gen = Gen.Select(RelatedShapes(3), G.Any, Gen.ULong, Gen.ULong, Gen.ULong);
        PropertyRunner.Run("WhereBroadcastsAllThreeOperands", gen, c =>
        {
            var (shapes, dtype, sc, sx, sy) = c;
            var cond = new TensorSpec(shapes[0], DType.Bool, sc, Values.Plain).Make();
            var x = new TensorSpec(shapes[1], dtype, sx, Values.Wild).Make();
            var y = new TensorSpec(shapes[2], dtype, sy, Values.Wild).Make();
            var shape = Naive.BroadcastShape(shapes[0], shapes[1], shapes[2]);
            if (shape is null) { Must.Throw<InvalidArgumentError>("Where", () => tf.Where(cond, x, y), "shapes that do not broadcast"); return; }
            var z = tf.Where(cond, x, y);
            Must.ShapeIs(shape, z, "Where");
            Must.DTypeIs(dtype, z, "Where");
            var cb = cond.ToArray<bool>();
            var xb = Naive.Bits(x);
            var yb = Naive.Bits(y);
            var expected = new long[Naive.Count(shape)];
            for (int k = 0; k < expected.Length; k++)
            {
                var idx = Naive.Unravel(k, shape);
                expected[k] = cb[Naive.BroadcastSource(idx, shapes[0])] ? xb[Naive.BroadcastSource(idx, shapes[1])] : yb[Naive.BroadcastSource(idx, shapes[2])];
            }
            Must.SameBits(expected, Naive.Bits(z), "Where");
        }, WhereCases, output);
    }

    /// <summary>The gradient of sum(x op y) for a broadcast operand is the sum, over the output elements it was broadcast
    /// to, of the partial derivative there: its shape is the operand's, even when the output is empty.</summary>
    [Fact]
    public void BroadcastGradientsSumBackToTheOperandShape()
    {
        var gen = Gen.Select(RelatedShapes(2), Gen.OneOf("Add", "Subtract", "Multiply", "Maximum", "Minimum", "Divide", "Pow"), Gen.ULong, Gen.ULong);
        PropertyRunner.Run("BroadcastGradientsSumBackToTheOperandShape", gen, c =>
        {
            var (shapes, op, sx, sy) = c;
            var shape = Naive.BroadcastShape(shapes[0], shapes[1]);
            if (shape is null) return; // errors are covered above
            var x = new TensorSpec(shapes[0], DType.Float64, sx, Values.Plain).Make();
            var y = new TensorSpec(shapes[1], DType.Float64, sy, Values.Plain).Make();
            Tensor?[] g;
            using (var tape = new GradientTape())
            {
                tape.Watch(x);
                tape.Watch(y);
                g = tape.Gradient(tf.ReduceSum(Apply(op, x, y)), [x, y]);
            }
            Must.True(g[0] is not null && g[1] is not null, $"{op}: no gradient");
            Must.ShapeIs(shapes[0], g[0]!, $"d{op}/dx");
            Must.ShapeIs(shapes[1], g[1]!, $"d{op}/dy");
            if (op is not ("Add" or "Subtract" or "Multiply")) return;
            // Reference: accumulate the partials output element by output element (small integers: exact sums).
            var xv = x.ToArray<double>();
            var yv = y.ToArray<double>();
            var dx = new double[xv.Length];
            var dy = new double[yv.Length];
            for (int k = 0; k < Naive.Count(shape); k++)
            {
                var idx = Naive.Unravel(k, shape);
                int i = Naive.BroadcastSource(idx, shapes[0]), j = Naive.BroadcastSource(idx, shapes[1]);
                dx[i] += op == "Multiply" ? yv[j] : 1;
                dy[j] += op == "Multiply" ? xv[i] : op == "Subtract" ? -1 : 1;
            }
            // The values have three decimals: sums of them round, in another order than here.
            Close(dx, g[0]!.ToArray<double>(), 1e-12, $"d{op}/dx");
            Close(dy, g[1]!.ToArray<double>(), 1e-12, $"d{op}/dy");
        }, GradientCases, output);
    }

    /// <summary>MatMul over broadcast batch dims with every transpose flag, k = 0 (zeros) and m or n = 0 (empty), against
    /// a triple loop in float64 with a bound from the dot products' length.</summary>
    [Fact]
    public void MatMulMatchesATripleLoop()
    {
        var gen =
            from batch in RelatedShapes(2)
            // Mostly 0..6, sometimes up to 40 so that products leave the plain-loop path for the packed micro-kernels.
            from mnk in Gen.Frequency((4, G.Dim), (1, Gen.Int[1, 40])).Array[3]
            from flags in Gen.Int[0, 3]
            from dtype in G.Float
            from seeds in Gen.ULong.Array[2]
            from wrongK in Gen.Int[0, 19]
            select (batch, mnk, flags, dtype, seeds, wrongK);
        PropertyRunner.Run("MatMulMatchesATripleLoop", gen, c =>
        {
            var (batch, mnk, flags, dtype, seeds, wrongK) = c;
            int m = mnk[0], n = mnk[1], k = mnk[2];
            bool ta = (flags & 1) != 0, tb = (flags & 2) != 0;
            int kb = wrongK == 0 ? k + 1 : k;
            int[] aDims = [.. batch[0], .. ta ? new[] { k, m } : [m, k]];
            int[] bDims = [.. batch[1], .. tb ? new[] { n, kb } : [kb, n]];
            var a = new TensorSpec(aDims, dtype, seeds[0], Values.Plain).Make();
            var b = new TensorSpec(bDims, dtype, seeds[1], Values.Plain).Make();
            var outBatch = Naive.BroadcastShape(batch[0], batch[1]);
            if (kb != k) { Must.Throw<InvalidArgumentError>("MatMul", () => tf.MatMul(a, b, ta, tb), "inner dimensions differ"); return; }
            if (outBatch is null) { Must.Throw<InvalidArgumentError>("MatMul", () => tf.MatMul(a, b, ta, tb), "batch dims do not broadcast"); return; }
            var cT = tf.MatMul(a, b, ta, tb);
            int[] outDims = [.. outBatch, m, n];
            Must.ShapeIs(outDims, cT, "MatMul");
            Must.DTypeIs(dtype, cT, "MatMul");
            var av = Naive.AsDoubles(a);
            var bv = Naive.AsDoubles(b);
            var cv = Naive.AsDoubles(cT);
            double u = dtype == DType.Float32 ? 1.0 / (1 << 24) : Math.Pow(2, -53);
            for (int flat = 0; flat < cv.Length; flat++)
            {
                var idx = Naive.Unravel(flat, outDims);
                var bIdx = idx[..^2];
                int i = idx[^2], j = idx[^1];
                double sum = 0, abs = 0;
                for (int p = 0; p < k; p++)
                {
                    double x = av[Naive.BroadcastSource(bIdx, batch[0]) * m * k + (ta ? p * m + i : i * k + p)];
                    double y = bv[Naive.BroadcastSource(bIdx, batch[1]) * k * n + (tb ? j * k + p : p * n + j)];
                    sum += x * y;
                    abs += Math.Abs(x * y);
                }
                double bound = (k + 2) * u * abs * 1.01;
                Must.True(Math.Abs(cv[flat] - sum) <= bound, $"MatMul: element {flat} ({string.Join(", ", idx)}) is {cv[flat]:R}, expected {sum:R} ± {bound:G3}");
            }
        }, MatMulCases, output);
    }
}
