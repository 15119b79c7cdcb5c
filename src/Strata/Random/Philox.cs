namespace Strata.Rng;

/// <summary>
/// Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3"), the counter-based generator
/// TensorFlow uses: a 64-bit key and a 128-bit counter give four 32-bit outputs, identically on every
/// machine. The float conversions follow TensorFlow's (23 random mantissa bits; Box-Muller for normals).
/// </summary>
internal struct Philox
{
    private const uint M0 = 0xD2511F53, M1 = 0xCD9E8D57, W0 = 0x9E3779B9, W1 = 0xBB67AE85;

    private uint _k0, _k1;
    private uint _c0, _c1, _c2, _c3;

    public Philox(ulong seed, ulong seed2)
    {
        _k0 = (uint)seed;
        _k1 = (uint)(seed >> 32);
        _c0 = 0;
        _c1 = 0;
        _c2 = (uint)seed2;
        _c3 = (uint)(seed2 >> 32);
    }

    /// <summary>A generator at a given counter and key (TensorFlow's <c>PhiloxRandom(counter, key)</c>).</summary>
    public Philox(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1)
    {
        (_c0, _c1, _c2, _c3, _k0, _k1) = (c0, c1, c2, c3, k0, k1);
    }

    public (uint C0, uint C1, uint C2, uint C3) Counter => (_c0, _c1, _c2, _c3);
    public (uint K0, uint K1) Key => (_k0, _k1);

    /// <summary>Moves the counter <paramref name="blocks"/> blocks ahead (a 128-bit add), as TensorFlow's <c>Skip</c>.</summary>
    public void Skip(ulong blocks)
    {
        ulong lo = ((ulong)_c1 << 32 | _c0), hi = ((ulong)_c3 << 32 | _c2);
        ulong sum = lo + blocks;
        if (sum < lo) hi++;
        (_c0, _c1, _c2, _c3) = ((uint)sum, (uint)(sum >> 32), (uint)hi, (uint)(hi >> 32));
    }

    /// <summary>The next block of four 32-bit values.</summary>
    public (uint, uint, uint, uint) Next()
    {
        uint c0 = _c0, c1 = _c1, c2 = _c2, c3 = _c3, k0 = _k0, k1 = _k1;
        for (int round = 0; round < 10; round++)
        {
            ulong p0 = (ulong)M0 * c0;
            ulong p1 = (ulong)M1 * c2;
            uint n0 = (uint)(p1 >> 32) ^ c1 ^ k0;
            uint n2 = (uint)(p0 >> 32) ^ c3 ^ k1;
            c1 = (uint)p1;
            c3 = (uint)p0;
            c0 = n0;
            c2 = n2;
            k0 += W0;
            k1 += W1;
        }
        // Advance the 128-bit counter.
        if (++_c0 == 0 && ++_c1 == 0 && ++_c2 == 0) ++_c3;
        return (c0, c1, c2, c3);
    }

    /// <summary>A float in [0, 1) from 23 random bits, as TensorFlow's Uint32ToFloat.</summary>
    public static float ToFloat(uint x) => BitConverter.Int32BitsToSingle((int)((x & 0x7fffffu) | 0x3f800000u)) - 1f;

    /// <summary>A double in [0, 1) from 52 random bits.</summary>
    public static double ToDouble(uint hi, uint lo)
    {
        ulong bits = (((ulong)hi << 32) | lo) & 0xfffffffffffffUL;
        return BitConverter.Int64BitsToDouble((long)(bits | 0x3ff0000000000000UL)) - 1.0;
    }

    /// <summary>Fills <paramref name="dst"/> with uniform values in [0, 1).</summary>
    public void FillUniform(Span<double> dst, bool doublePrecision)
    {
        int i = 0;
        while (i < dst.Length)
        {
            var (a, b, c, d) = Next();
            if (doublePrecision)
            {
                dst[i++] = ToDouble(a, b);
                if (i < dst.Length) dst[i++] = ToDouble(c, d);
            }
            else
            {
                dst[i++] = ToFloat(a);
                if (i < dst.Length) dst[i++] = ToFloat(b);
                if (i < dst.Length) dst[i++] = ToFloat(c);
                if (i < dst.Length) dst[i++] = ToFloat(d);
            }
        }
    }

    /// <summary>Standard normal values by Box-Muller, two per pair of uniforms.</summary>
    public void FillNormal(Span<double> dst)
    {
        int i = 0;
        while (i < dst.Length)
        {
            var (a, b, c, d) = Next();
            BoxMuller(a, b, dst, ref i);
            BoxMuller(c, d, dst, ref i);
        }
    }

    /// <summary>Standard normal values with those beyond two standard deviations drawn again (tf.random.truncated_normal).</summary>
    public void FillTruncatedNormal(Span<double> dst)
    {
        Span<double> pair = stackalloc double[2];
        int i = 0;
        while (i < dst.Length)
        {
            var (a, b, _, _) = Next();
            int k = 0;
            BoxMuller(a, b, pair, ref k);
            foreach (var v in pair)
                if (Math.Abs(v) < 2.0 && i < dst.Length) dst[i++] = v;
        }
    }

    private static void BoxMuller(uint x0, uint x1, Span<double> dst, ref int i)
    {
        const double epsilon = 1e-7;
        double u1 = Math.Max(ToFloat(x0), epsilon);
        double v1 = 2.0 * Math.PI * ToFloat(x1);
        double r = Math.Sqrt(-2.0 * Math.Log(u1));
        if (i < dst.Length) dst[i++] = Math.Sin(v1) * r;
        if (i < dst.Length) dst[i++] = Math.Cos(v1) * r;
    }
}
