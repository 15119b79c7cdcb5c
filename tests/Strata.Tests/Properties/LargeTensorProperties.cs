using CsCheck;

namespace Strata.Tests.Properties;

/// <summary>
/// Tensors above <c>Elementwise.ParallelThreshold</c> (2^17 elements) take the threaded kernels, which the small
/// shapes of the other properties never reach: binary ops same-shape, against a scalar and against a row, unary ops
/// and a reduction, against plain loops. Few cases (each has ~10^5 elements).
/// </summary>
public class LargeTensorProperties(ITestOutputHelper output)
{
    public const int LargeCases = 24;

    private static readonly string[] Binary = ["Add", "Subtract", "Multiply", "Divide", "Maximum", "Minimum"];
    private static readonly string[] Unary = ["Sigmoid", "Tanh", "Exp", "Relu", "Sqrt", "Abs", "Negative", "Square", "Log"];

    [Fact]
    public void LargeTensorsTakeTheThreadedPathsAndAgree()
    {
        var gen =
            from rows in Gen.Int[1 << 9, 1 << 10]
            from cols in Gen.Int[250, 400]
            from form in Gen.Int[0, 2]
            from op in Gen.OneOf(Binary)
            from un in Gen.OneOf(Unary)
            from dtype in G.Float
            from seeds in Gen.ULong.Array[2]
            select (rows, cols, form, op, un, dtype, seeds);
        PropertyRunner.Run("LargeTensorsTakeTheThreadedPathsAndAgree", gen, c =>
        {
            var (rows, cols, form, op, un, dtype, seeds) = c;
            var xs = new TensorSpec([rows, cols], dtype, seeds[0], Values.Special);
            int[] yDims = form switch { 0 => [rows, cols], 1 => [], _ => [cols] };
            var x = xs.Make();
            var y = new TensorSpec(yDims, dtype, seeds[1], Values.Special).Make();
            var xv = Naive.AsDoubles(x);
            var yv = Naive.AsDoubles(y);
            bool single = dtype == DType.Float32;
            double R(double v) => single ? (float)v : v;

            var z = op switch
            {
                "Add" => tf.Add(x, y), "Subtract" => tf.Subtract(x, y), "Multiply" => tf.Multiply(x, y),
                "Divide" => tf.Divide(x, y), "Maximum" => tf.Maximum(x, y), _ => tf.Minimum(x, y),
            };
            Must.ShapeIs([rows, cols], z, op);
            var zv = Naive.AsDoubles(z);
            var expected = new double[xv.Length];
            for (int i = 0; i < xv.Length; i++)
            {
                double a = xv[i], b = yv[form == 0 ? i : form == 1 ? 0 : i % cols];
                // In double then rounded once: the same as float arithmetic for + - * / (double has > 2·24+2 bits).
                expected[i] = R(op switch
                {
                    "Add" => a + b, "Subtract" => a - b, "Multiply" => a * b, "Divide" => a / b,
                    "Maximum" => Naive.Max(a, b), _ => Naive.Min(a, b),
                });
            }
            Must.SameValues(expected, zv, op);

            var u = un switch
            {
                "Sigmoid" => tf.Sigmoid(x), "Tanh" => tf.Tanh(x), "Exp" => tf.Exp(x), "Relu" => tf.Relu(x), "Sqrt" => tf.Sqrt(x),
                "Abs" => tf.Abs(x), "Negative" => tf.Negative(x), "Square" => tf.Square(x), _ => tf.Log(x),
            };
            Must.ShapeIs([rows, cols], u, un);
            var uv = Naive.AsDoubles(u);
            double tol = single ? 1e-6 : 1e-13; // TensorPrimitives' vectorised exp/tanh are within a few ulps, not correctly rounded
            for (int i = 0; i < xv.Length; i++)
            {
                double a = xv[i];
                double e = un switch
                {
                    "Sigmoid" => 1 / (1 + Math.Exp(-a)), "Tanh" => Math.Tanh(a), "Exp" => Math.Exp(a), "Relu" => double.IsNaN(a) ? a : Math.Max(a, 0),
                    "Sqrt" => Math.Sqrt(a), "Abs" => Math.Abs(a), "Negative" => -a, "Square" => R(a * a), _ => Math.Log(a),
                };
                e = R(e);
                double g = uv[i];
                bool ok = e == g || (double.IsNaN(e) && double.IsNaN(g)) || (double.IsFinite(e) && Math.Abs(g - e) <= tol * Math.Abs(e) + (single ? 1e-38 : 1e-300));
                Must.True(ok, $"{un}: element {i} of {xv[i]:R} is {g:R}, expected {e:R}");
            }

            var s = tf.ReduceSum(x, 1);
            Must.ShapeIs([rows], s, "ReduceSum");
            var sv = Naive.AsDoubles(s);
            double unit = single ? Math.Pow(2, -24) : Math.Pow(2, -53);
            for (int r = 0; r < rows; r++)
            {
                double sum = 0, abs = 0;
                for (int k = 0; k < cols; k++) { sum += xv[r * cols + k]; abs += Math.Abs(xv[r * cols + k]); }
                double bound = (cols * unit / (1 - cols * unit) + cols * Math.Pow(2, -53)) * abs;
                bool ok = double.IsNaN(sum) ? double.IsNaN(sv[r]) : double.IsInfinity(sum) ? sv[r] == sum : Math.Abs(sv[r] - sum) <= bound;
                Must.True(ok, $"ReduceSum: row {r} is {sv[r]:R}, expected {sum:R} ± {bound:G3}");
            }
        }, LargeCases, output, c => $"{c.op}/{c.un} {c.dtype.Name()} ({c.rows}, {c.cols}) form {c.form}");
    }
}
