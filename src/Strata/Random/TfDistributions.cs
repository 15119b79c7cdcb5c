namespace Strata.Rng;

/// <summary>
/// TensorFlow's distributions over Philox blocks (<c>random_distributions.h</c>) and its CPU kernel's way of
/// filling an output with them (<c>random_op_cpu.h</c>): a fixed-count distribution takes element i from block
/// i / (elements per block); truncated normal, which rejects samples, starts every group of outputs from its own
/// reserved span of counters, so the values do not depend on how the work is split. Floats come from the 23 (or 52)
/// random mantissa bits; normals by Box-Muller in the output's precision, with the platform's
/// logf/sinf/cosf as TensorFlow's CPU kernel uses them.
/// </summary>
internal static class TfDistributions
{
    // How many counter blocks TensorFlow reserves per output of a rejecting distribution: 256 32-bit samples.
    private const int ReservedSamplesPerOutput = 256;

    public static void UniformFloat(Philox gen, Span<float> dst)
    {
        for (int i = 0; i < dst.Length; i += 4)
        {
            var (a, b, c, d) = gen.Next();
            Put(dst, i, Philox.ToFloat(a), Philox.ToFloat(b), Philox.ToFloat(c), Philox.ToFloat(d));
        }
    }

    public static void UniformDouble(Philox gen, Span<double> dst)
    {
        for (int i = 0; i < dst.Length; i += 2)
        {
            var (a, b, c, d) = gen.Next();
            dst[i] = Philox.ToDouble(a, b);
            if (i + 1 < dst.Length) dst[i + 1] = Philox.ToDouble(c, d);
        }
    }

    public static void NormalFloat(Philox gen, Span<float> dst)
    {
        for (int i = 0; i < dst.Length; i += 4)
        {
            var (a, b, c, d) = gen.Next();
            var (f0, f1) = BoxMullerFloat(a, b);
            var (f2, f3) = BoxMullerFloat(c, d);
            Put(dst, i, f0, f1, f2, f3);
        }
    }

    public static void NormalDouble(Philox gen, Span<double> dst)
    {
        for (int i = 0; i < dst.Length; i += 2)
        {
            var (a, b, c, d) = gen.Next();
            var (d0, d1) = BoxMullerDouble(a, b, c, d);
            dst[i] = d0;
            if (i + 1 < dst.Length) dst[i + 1] = d1;
        }
    }

    /// <summary>Normals with |x| &lt; 2, in groups of 4; group g draws its words from the base skipped by g * 256.</summary>
    public static void TruncatedNormalFloat(Philox gen, Span<float> dst)
    {
        const int group = 4;
        Span<float> results = stackalloc float[group];
        for (int g = 0; g * group < dst.Length; g++)
        {
            var words = new Words(gen, (ulong)g * (group * ReservedSamplesPerOutput / 4));
            int n = 0;
            while (n < group)
            {
                var (f0, f1) = BoxMullerFloat(words.Next(), words.Next());
                if (MathF.Abs(f0) < 2f) results[n++] = f0;
                if (n < group && MathF.Abs(f1) < 2f) results[n++] = f1;
            }
            results[..Math.Min(group, dst.Length - g * group)].CopyTo(dst[(g * group)..]);
        }
    }

    /// <summary>As <see cref="TruncatedNormalFloat"/> in double precision: groups of 2, four words per Box-Muller.</summary>
    public static void TruncatedNormalDouble(Philox gen, Span<double> dst)
    {
        const int group = 2;
        Span<double> results = stackalloc double[group];
        for (int g = 0; g * group < dst.Length; g++)
        {
            var words = new Words(gen, (ulong)g * (group * ReservedSamplesPerOutput / 4));
            int n = 0;
            while (n < group)
            {
                var (d0, d1) = BoxMullerDouble(words.Next(), words.Next(), words.Next(), words.Next());
                if (Math.Abs(d0) < 2.0) results[n++] = d0;
                if (n < group && Math.Abs(d1) < 2.0) results[n++] = d1;
            }
            results[..Math.Min(group, dst.Length - g * group)].CopyTo(dst[(g * group)..]);
        }
    }

    /// <summary>Integers in [lo, lo + range): lo + word % range, four per block (TensorFlow's int32 uniform).</summary>
    public static void UniformInt32(Philox gen, Span<int> dst, int lo, uint range)
    {
        for (int i = 0; i < dst.Length; i += 4)
        {
            var (a, b, c, d) = gen.Next();
            Put(dst, i, unchecked(lo + (int)(a % range)), unchecked(lo + (int)(b % range)), unchecked(lo + (int)(c % range)), unchecked(lo + (int)(d % range)));
        }
    }

    /// <summary>Integers in [lo, lo + range) from 64-bit words (w0 | w1 &lt;&lt; 32) % range, two per block.</summary>
    public static void UniformInt64(Philox gen, Span<long> dst, long lo, ulong range)
    {
        for (int i = 0; i < dst.Length; i += 2)
        {
            var (a, b, c, d) = gen.Next();
            dst[i] = unchecked(lo + (long)((a | (ulong)b << 32) % range));
            if (i + 1 < dst.Length) dst[i + 1] = unchecked(lo + (long)((c | (ulong)d << 32) % range));
        }
    }

    /// <summary>TensorFlow's UniformFullIntDistribution32: each Philox output word is one value.</summary>
    public static void FullInt32(Philox gen, Span<int> dst)
    {
        for (int i = 0; i < dst.Length; i += 4)
        {
            var (a, b, c, d) = gen.Next();
            Put(dst, i, (int)a, (int)b, (int)c, (int)d);
        }
    }

    /// <summary>TensorFlow's UniformFullIntDistribution64: two Philox output words per value, the first the low half.</summary>
    public static void FullInt64(Philox gen, Span<long> dst)
    {
        for (int i = 0; i < dst.Length; i += 2)
        {
            var (a, b, c, d) = gen.Next();
            dst[i] = unchecked((long)(a | (ulong)b << 32));
            if (i + 1 < dst.Length) dst[i + 1] = unchecked((long)(c | (ulong)d << 32));
        }
    }

    /// <summary>TensorFlow's BoxMullerFloat. 2π times the uniform is a double product (its M_PI is a double), then
    /// rounded to float; the rest is float arithmetic.</summary>
    public static (float, float) BoxMullerFloat(uint x0, uint x1)
    {
        float u1 = Philox.ToFloat(x0);
        if (u1 < 1e-7f) u1 = 1e-7f;
        float v1 = (float)(2.0 * Math.PI * Philox.ToFloat(x1));
        float u2 = MathF.Sqrt(-2.0f * MathF.Log(u1));
        return (MathF.Sin(v1) * u2, MathF.Cos(v1) * u2);
    }

    public static (double, double) BoxMullerDouble(uint x0, uint x1, uint x2, uint x3)
    {
        double u1 = Philox.ToDouble(x0, x1);
        if (u1 < 1e-7) u1 = 1e-7;
        double v1 = 2 * Math.PI * Philox.ToDouble(x2, x3);
        double u2 = Math.Sqrt(-2.0 * Math.Log(u1));
        return (Math.Sin(v1) * u2, Math.Cos(v1) * u2);
    }

    private static void Put<T>(Span<T> dst, int i, T a, T b, T c, T d)
    {
        dst[i] = a;
        if (i + 1 < dst.Length) dst[i + 1] = b;
        if (i + 2 < dst.Length) dst[i + 2] = c;
        if (i + 3 < dst.Length) dst[i + 3] = d;
    }

    /// <summary>One 32-bit word at a time from consecutive blocks (TensorFlow's SingleSampleAdapter).</summary>
    private ref struct Words
    {
        private Philox _gen;
        private (uint, uint, uint, uint) _block;
        private int _used;

        public Words(Philox gen, ulong skip)
        {
            _gen = gen;
            _gen.Skip(skip);
            _used = 4;
        }

        public uint Next()
        {
            if (_used == 4) { _block = _gen.Next(); _used = 0; }
            return _used++ switch { 0 => _block.Item1, 1 => _block.Item2, 2 => _block.Item3, _ => _block.Item4 };
        }
    }
}
