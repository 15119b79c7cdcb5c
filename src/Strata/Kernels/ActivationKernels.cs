using System.Numerics;
using System.Numerics.Tensors;

namespace Strata.Kernels;

/// <summary>A unary floating-point op with one scalar parameter (the alpha of elu and leaky relu).</summary>
internal interface IUnaryFloatParamOp
{
    static abstract void Apply<T>(ReadOnlySpan<T> x, Span<T> y, T p) where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>
/// The activation kernels. Each works block by block through a stack copy of x, so that temporaries stay in L1 and
/// y may alias x; the exp/log/tanh passes are TensorPrimitives' vectorised ones, and the selects that stitch the
/// branches together are <see cref="Vector{T}"/> loops with a scalar tail (which is all of it when hardware
/// intrinsics are off).
/// </summary>
internal static class ActivationKernels
{
    internal const int Block = 256;

    /// <summary>The driver for parametric ops, threaded over large tensors like <see cref="Elementwise.UnaryFloat{TOp}"/>.</summary>
    public static Tensor Unary<TOp>(Tensor x, double p) where TOp : IUnaryFloatParamOp
    {
        var y = Tensor.Empty(x.DType, x.Shape);
        if (y.Size == 0) return y;
        if (x.DType == DType.Float32) Unary<float, TOp>(x.Data<float>(), y.Data<float>(), (float)p);
        else Unary<double, TOp>(x.Data<double>(), y.Data<double>(), p);
        return y;
    }

    private static void Unary<T, TOp>(T[] x, T[] y, T p) where T : unmanaged, IFloatingPointIeee754<T> where TOp : IUnaryFloatParamOp
    {
        if (y.Length < Elementwise.ParallelThreshold) TOp.Apply(x, y, p);
        else Threaded<T, TOp>(x, y, p);
    }

    private static void Threaded<T, TOp>(T[] x, T[] y, T p) where T : unmanaged, IFloatingPointIeee754<T> where TOp : IUnaryFloatParamOp
        => Elementwise.Chunked(y.Length, (start, end) => TOp.Apply(x.AsSpan(start..end), y.AsSpan(start..end), p));

    /// <summary>y = x · gate(x) (swish, mish, hard_swish, gelu), a block at a time so that the gate's values stay in L1;
    /// <paramref name="y"/> may be <paramref name="x"/> itself.</summary>
    internal static void TimesGate<TGate, T>(ReadOnlySpan<T> x, Span<T> y) where TGate : IUnaryFloatOp where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> gate = stackalloc T[Block];
        for (int start = 0; start < x.Length; start += Block)
        {
            int n = Math.Min(Block, x.Length - start);
            var g = gate[..n];
            TGate.Apply<T>(x.Slice(start, n), g);
            TensorPrimitives.Multiply<T>(x.Slice(start, n), g, y.Slice(start, n));
        }
    }

    /// <summary>Machine epsilon of T (T.Epsilon is the smallest subnormal, not this).</summary>
    internal static double MachineEpsilon<T>() => typeof(T) == typeof(float) ? Math.Pow(2, -23) : Math.Pow(2, -52);
}

/// <summary>
/// expm1(x) = e^x - 1 to a few ulps by Kahan's trick: with u = exp(x) rounded, (u - 1)·x/log(u) cancels the
/// rounding error of u, so small x keep their digits (e^x - 1 alone would lose all of them near 0).
/// </summary>
internal readonly struct Expm1Op : IUnaryFloatOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> xs = stackalloc T[ActivationKernels.Block];
        Span<T> l = stackalloc T[ActivationKernels.Block];
        for (int start = 0; start < x.Length; start += ActivationKernels.Block)
        {
            int n = Math.Min(ActivationKernels.Block, x.Length - start);
            var xb = xs[..n];
            x.Slice(start, n).CopyTo(xb);
            var yb = y.Slice(start, n);
            TensorPrimitives.Exp<T>(xb, yb);
            TensorPrimitives.Log<T>(yb, l[..n]);
            Fix(xb, l[..n], yb);
        }
    }

    /// <summary>u holds exp(x) and becomes expm1(x); l holds log(u).</summary>
    internal static void Fix<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> l, Span<T> u) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var one = Vector<T>.One;
            var inf = new Vector<T>(T.PositiveInfinity);
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var vx = new Vector<T>(x[i..]);
                var vu = new Vector<T>(u[i..]);
                var r = (vu - one) * vx / new Vector<T>(l[i..]);
                r = Vector.ConditionalSelect(Vector.Equals(vu, one), vx, r);          // |x| below half an ulp of 1
                r = Vector.ConditionalSelect(Vector.Equals(vu, Vector<T>.Zero), -one, r); // e^x underflowed
                r = Vector.ConditionalSelect(Vector.Equals(vu, inf), inf, r);           // e^x overflowed (inf·x/inf is NaN)
                r.CopyTo(u[i..]);
            }
        }
        for (; i < x.Length; i++) u[i] = Scalar(x[i], u[i], l[i]);
    }

    private static T Scalar<T>(T x, T u, T l) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (u == T.One) return x;
        if (u == T.Zero) return -T.One;
        if (T.IsPositiveInfinity(u)) return u;
        return (u - T.One) * x / l;
    }
}

/// <summary>log1p(x) = log(1 + x) to a few ulps by the companion trick: with u = 1 + x rounded, log(u)·x/(u - 1).</summary>
internal readonly struct Log1pOp : IUnaryFloatOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> xs = stackalloc T[ActivationKernels.Block];
        Span<T> u = stackalloc T[ActivationKernels.Block];
        for (int start = 0; start < x.Length; start += ActivationKernels.Block)
        {
            int n = Math.Min(ActivationKernels.Block, x.Length - start);
            var xb = xs[..n];
            x.Slice(start, n).CopyTo(xb);
            var yb = y.Slice(start, n);
            TensorPrimitives.Add<T>(xb, T.One, u[..n]);
            TensorPrimitives.Log<T>(u[..n], yb);
            Fix(xb, u[..n], yb);
        }
    }

    /// <summary>l holds log(u) with u = 1 + x rounded, and becomes log1p(x).</summary>
    internal static void Fix<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> u, Span<T> l) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var one = Vector<T>.One;
            var inf = new Vector<T>(T.PositiveInfinity);
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var vx = new Vector<T>(x[i..]);
                var vu = new Vector<T>(u[i..]);
                var vl = new Vector<T>(l[i..]);
                var r = vl * vx / (vu - one);
                r = Vector.ConditionalSelect(Vector.Equals(vu, one), vx, r);  // x below half an ulp of 1: log1p(x) = x
                r = Vector.ConditionalSelect(Vector.Equals(vu, inf), vl, r);  // x = inf (inf·inf/inf is NaN)
                r.CopyTo(l[i..]);
            }
        }
        for (; i < x.Length; i++)
        {
            if (u[i] == T.One) l[i] = x[i];
            else if (!T.IsPositiveInfinity(u[i])) l[i] = l[i] * x[i] / (u[i] - T.One);
        }
    }
}

/// <summary>erf, elementwise, through <see cref="SpecialFunctions.Erf"/> in double.</summary>
internal readonly struct ErfOp : IUnaryFloatOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) y[i] = T.CreateTruncating(SpecialFunctions.Erf(double.CreateTruncating(x[i])));
    }
}

/// <summary>
/// softplus(x) = log(1 + e^x) with TensorFlow's thresholds (softplus_op.h): t = log(machine epsilon) + 2; x above
/// -t gives x (the 1 is lost in e^x, and e^x may overflow), x below t gives e^x (the log1p would round to it),
/// log1p(e^x) between. So softplus(100) is 100, not inf, and softplus(-100) is e^-100, not 0.
/// </summary>
internal readonly struct SoftplusOp : IUnaryFloatOp
{
    /// <summary>Elements per block: four passes over each block, so a block's calls cost more than its work below a
    /// thousand or so (1M values: 1.14 ms on one thread in blocks of 256, 1.06 ms in blocks of 1024).</summary>
    private const int Block = 1024;

    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T hi = T.CreateTruncating(-(Math.Log(ActivationKernels.MachineEpsilon<T>()) + 2));
        Span<T> xs = stackalloc T[Block];
        Span<T> e = stackalloc T[Block];
        bool inPlace = x.Overlaps(y); // only then must x be saved before y is written (the bench's hot loop skips the copy)
        for (int start = 0; start < x.Length; start += Block)
        {
            int n = Math.Min(Block, x.Length - start);
            var xb = inPlace ? xs[..n] : x.Slice(start, n);
            var eb = e[..n];
            if (inPlace) x.Slice(start, n).CopyTo(xs);
            var yb = y.Slice(start, n);
            TensorPrimitives.Exp<T>(xb, eb);
            TensorPrimitives.Add<T>(eb, T.One, yb);
            TensorPrimitives.Log<T>(yb, yb);
            Combine(xb, eb, yb, hi);
        }
    }

    /// <summary>l holds log(1 + e) with e = exp(x); it becomes softplus(x).</summary>
    private static void Combine<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> e, Span<T> l, T hi) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var one = Vector<T>.One;
            var vhi = new Vector<T>(hi);
            var vlo = -vhi;
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var vx = new Vector<T>(x[i..]);
                var ve = new Vector<T>(e[i..]);
                var u = one + ve;
                var log1p = Vector.ConditionalSelect(Vector.Equals(u, one), ve, new Vector<T>(l[i..]) * ve / (u - one));
                var r = Vector.ConditionalSelect(Vector.LessThan(vx, vlo), ve, log1p);
                Vector.ConditionalSelect(Vector.GreaterThan(vx, vhi), vx, r).CopyTo(l[i..]);
            }
        }
        for (; i < x.Length; i++)
        {
            T u = T.One + e[i];
            if (x[i] > hi) l[i] = x[i];
            else if (x[i] < -hi || u == T.One) l[i] = e[i];
            else l[i] = l[i] * e[i] / (u - T.One);
        }
    }
}

/// <summary>elu(x) = x for x &gt; 0, alpha·expm1(x) otherwise (NaN stays NaN).</summary>
internal readonly struct EluOp : IUnaryFloatParamOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y, T alpha) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> xs = stackalloc T[ActivationKernels.Block];
        for (int start = 0; start < x.Length; start += ActivationKernels.Block)
        {
            int n = Math.Min(ActivationKernels.Block, x.Length - start);
            var xb = xs[..n];
            x.Slice(start, n).CopyTo(xb);
            var yb = y.Slice(start, n);
            Expm1Op.Apply<T>(xb, yb);
            int i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var va = new Vector<T>(alpha);
                for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
                {
                    var vx = new Vector<T>(xb[i..]);
                    Vector.ConditionalSelect(Vector.GreaterThan(vx, Vector<T>.Zero), vx, va * new Vector<T>(yb[i..])).CopyTo(yb[i..]);
                }
            }
            for (; i < n; i++) yb[i] = xb[i] > T.Zero ? xb[i] : alpha * yb[i];
        }
    }
}

/// <summary>selu(x) = scale·elu(x, alpha) with the constants of Klambauer et al. (TensorFlow's and Keras's).</summary>
internal readonly struct SeluOp : IUnaryFloatOp
{
    internal const double Alpha = 1.6732632423543772848170429916717;
    internal const double Scale = 1.0507009873554804934193349852946;

    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        EluOp.Apply(x, y, T.CreateTruncating(Alpha));
        TensorPrimitives.Multiply<T>(y, T.CreateTruncating(Scale), y);
    }
}

/// <summary>leaky_relu(x) = x for x &gt; 0, alpha·x otherwise.</summary>
internal readonly struct LeakyReluOp : IUnaryFloatParamOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y, T alpha) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var va = new Vector<T>(alpha);
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var vx = new Vector<T>(x[i..]);
                Vector.ConditionalSelect(Vector.GreaterThan(vx, Vector<T>.Zero), vx, va * vx).CopyTo(y[i..]);
            }
        }
        for (; i < x.Length; i++) y[i] = x[i] > T.Zero ? x[i] : alpha * x[i];
    }
}

/// <summary>relu6(x) = min(max(x, 0), 6); NaN propagates (TensorPrimitives' Max and Min do).</summary>
internal readonly struct Relu6Op : IUnaryFloatOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        TensorPrimitives.Max<T>(x, T.Zero, y);
        TensorPrimitives.Min<T>(y, T.CreateTruncating(6), y);
    }
}

/// <summary>Keras 3's hard_sigmoid(x) = relu6(x + 3) / 6.</summary>
internal readonly struct HardSigmoidOp : IUnaryFloatOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var six = T.CreateTruncating(6);
        TensorPrimitives.Add<T>(x, T.CreateTruncating(3), y);
        TensorPrimitives.Max<T>(y, T.Zero, y);
        TensorPrimitives.Min<T>(y, six, y);
        TensorPrimitives.Divide<T>(y, six, y);
    }
}

/// <summary>Keras 3's hard_silu(x) = x · hard_sigmoid(x).</summary>
internal readonly struct HardSwishOp : IUnaryFloatOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> =>
        ActivationKernels.TimesGate<HardSigmoidOp, T>(x, y);
}

/// <summary>softsign(x) = x / (1 + |x|).</summary>
internal readonly struct SoftsignOp : IUnaryFloatOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> d = stackalloc T[ActivationKernels.Block];
        for (int start = 0; start < x.Length; start += ActivationKernels.Block)
        {
            int n = Math.Min(ActivationKernels.Block, x.Length - start);
            var db = d[..n];
            TensorPrimitives.Abs<T>(x.Slice(start, n), db);
            TensorPrimitives.Add<T>(db, T.One, db);
            TensorPrimitives.Divide<T>(x.Slice(start, n), db, y.Slice(start, n));
        }
    }
}

/// <summary>swish / silu(x) = x · sigmoid(x).</summary>
internal readonly struct SwishOp : IUnaryFloatOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> =>
        ActivationKernels.TimesGate<SigmoidOp, T>(x, y);
}

/// <summary>mish(x) = x · tanh(softplus(x)).</summary>
internal readonly struct MishOp : IUnaryFloatOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> =>
        ActivationKernels.TimesGate<TanhOfSoftplus, T>(x, y);

    /// <summary>The gate tanh(softplus(x)).</summary>
    private readonly struct TanhOfSoftplus : IUnaryFloatOp
    {
        public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        {
            SoftplusOp.Apply<T>(x, y);
            TanhOp.Apply<T>(y, y);
        }
    }
}

/// <summary>
/// The standard normal CDF Φ(x) = ½·erfc(-x/√2), the heart of the exact gelu. Written through erfc, not ½(1 + erf), so
/// the left tail keeps its digits (1 + erf cancels to 0 below about -6 in double, -4 in float32). float64 takes the
/// accurate <see cref="SpecialFunctions.Erfc"/>; float32 a vectorised erfc(z) ≈ t·exp(-z² + P(t)), t = 1/(1 + z/2),
/// with Numerical Recipes' degree-9 P, whose relative error is below 1.1e-7 for every z ≥ 0 (two float32 ulps).
/// </summary>
internal readonly struct NormalCdfOp : IUnaryFloatOp
{
    private const double InvSqrt2 = 0.70710678118654752;

    // P(t) of Numerical Recipes' erfcc (Press et al., §6.2), constant term first.
    private static readonly float[] P =
    [
        -1.26551223f, 1.00002368f, 0.37409196f, 0.09678418f, -0.18628806f, 0.27886807f, -1.13520398f, 1.48851587f,
        -0.82215223f, 0.17087277f,
    ];

    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            ApplyFloat(System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(x), System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(y));
            return;
        }
        for (int i = 0; i < x.Length; i++)
            y[i] = T.CreateTruncating(0.5 * SpecialFunctions.Erfc(-double.CreateTruncating(x[i]) * InvSqrt2));
    }

    private static void ApplyFloat(ReadOnlySpan<float> x, Span<float> y)
    {
        Span<float> zs = stackalloc float[ActivationKernels.Block];
        Span<float> ts = stackalloc float[ActivationKernels.Block];
        for (int start = 0; start < x.Length; start += ActivationKernels.Block)
        {
            int n = Math.Min(ActivationKernels.Block, x.Length - start);
            var z = zs[..n];
            var t = ts[..n];
            var yb = y.Slice(start, n);
            TensorPrimitives.Multiply(x.Slice(start, n), (float)-InvSqrt2, z); // z = -x/√2; y may alias x from here on
            Exponent(z, t, yb);
            TensorPrimitives.Exp(yb, yb);
            Finish(z, t, yb);
        }
    }

    /// <summary>t = 1/(1 + |z|/2) and e = -z² + P(t).</summary>
    private static void Exponent(ReadOnlySpan<float> z, Span<float> t, Span<float> e)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= z.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var a = Vector.Abs(new Vector<float>(z[i..]));
                var vt = Vector<float>.One / (Vector<float>.One + a * 0.5f);
                var p = new Vector<float>(P[^1]);
                for (int k = P.Length - 2; k >= 0; k--) p = p * vt + new Vector<float>(P[k]);
                vt.CopyTo(t[i..]);
                (p - a * a).CopyTo(e[i..]);
            }
        }
        for (; i < z.Length; i++)
        {
            float a = Math.Abs(z[i]);
            float vt = 1 / (1 + a * 0.5f);
            float p = P[^1];
            for (int k = P.Length - 2; k >= 0; k--) p = p * vt + P[k];
            t[i] = vt;
            e[i] = p - a * a;
        }
    }

    /// <summary>e holds exp(-z² + P(t)) and becomes Φ = ½·erfc(z), with erfc(z) = 2 - erfc(|z|) for z &lt; 0.</summary>
    private static void Finish(ReadOnlySpan<float> z, ReadOnlySpan<float> t, Span<float> e)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var two = new Vector<float>(2f);
            for (; i <= z.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var r = new Vector<float>(t[i..]) * new Vector<float>(e[i..]);
                var erfc = Vector.ConditionalSelect(Vector.LessThan(new Vector<float>(z[i..]), Vector<float>.Zero), two - r, r);
                (erfc * 0.5f).CopyTo(e[i..]);
            }
        }
        for (; i < z.Length; i++)
        {
            float r = t[i] * e[i];
            e[i] = 0.5f * (z[i] < 0 ? 2 - r : r);
        }
    }
}

/// <summary>Exact gelu(x) = x·Φ(x) (Keras's ½·x·(1 + erf(x/√2)), computed through <see cref="NormalCdfOp"/>).</summary>
internal readonly struct GeluOp : IUnaryFloatOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> =>
        ActivationKernels.TimesGate<NormalCdfOp, T>(x, y);
}

/// <summary>The tanh approximation of gelu: ½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).</summary>
internal readonly struct GeluTanhOp : IUnaryFloatOp
{
    internal const double C = 0.7978845608028654; // √(2/π)
    internal const double K = 0.044715;

    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> xs = stackalloc T[ActivationKernels.Block];
        for (int start = 0; start < x.Length; start += ActivationKernels.Block)
        {
            int n = Math.Min(ActivationKernels.Block, x.Length - start);
            var xb = xs[..n];
            x.Slice(start, n).CopyTo(xb);
            var yb = y.Slice(start, n);
            TensorPrimitives.Multiply<T>(xb, xb, yb);                                 // x²
            TensorPrimitives.Multiply<T>(yb, T.CreateTruncating(K), yb);
            TensorPrimitives.Add<T>(yb, T.One, yb);                                   // 1 + k·x²
            TensorPrimitives.Multiply<T>(yb, xb, yb);                                 // x + k·x³
            TensorPrimitives.Multiply<T>(yb, T.CreateTruncating(C), yb);
            TanhOp.Apply<T>(yb, yb);
            TensorPrimitives.Add<T>(yb, T.One, yb);
            TensorPrimitives.Multiply<T>(yb, xb, yb);
            TensorPrimitives.Multiply<T>(yb, T.CreateTruncating(0.5), yb);
        }
    }
}
