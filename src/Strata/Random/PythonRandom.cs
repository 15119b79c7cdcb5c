namespace Strata.Rng;

/// <summary>
/// CPython's <c>random.Random(seed)</c> for an integer seed: MT19937 seeded with <c>init_by_array</c> over the
/// 32-bit words of |seed|, and <c>randint</c> by rejection on <c>getrandbits</c>. TensorFlow draws each eager op's
/// seed with <c>randint(0, 2**31 - 1)</c> from one of these, and Keras 2.10+ its initializers' seeds with
/// <c>randint(1, 10**9)</c>, so reproducing their numbers needs Python's generator bit for bit.
/// </summary>
internal sealed class PythonRandom
{
    private const int N = 624, M = 397;
    private readonly uint[] _mt = new uint[N];
    private int _index = N;

    /// <summary>The generator's whole state (a copy), for checkpoints that resume a run exactly.</summary>
    internal (uint[] Mt, int Index) State
    {
        get => ((uint[])_mt.Clone(), _index);
        set
        {
            if (value.Mt.Length != N || value.Index < 0 || value.Index > N)
                throw new InvalidArgumentError($"PythonRandom: a state needs {N} words and an index in [0, {N}], got {value.Mt.Length} and {value.Index}.");
            value.Mt.CopyTo(_mt, 0);
            _index = value.Index;
        }
    }

    public PythonRandom(long seed)
    {
        ulong magnitude = seed == long.MinValue ? 1UL << 63 : (ulong)Math.Abs(seed);
        // The key is |seed| in 32-bit words, least significant first; 0 is one word of 0.
        uint[] key = magnitude >> 32 == 0 ? [(uint)magnitude] : [(uint)magnitude, (uint)(magnitude >> 32)];
        InitByArray(key);
    }

    private void InitGenrand(uint s)
    {
        _mt[0] = s;
        for (int i = 1; i < N; i++) _mt[i] = 1812433253u * (_mt[i - 1] ^ (_mt[i - 1] >> 30)) + (uint)i;
        _index = N;
    }

    private void InitByArray(uint[] key)
    {
        InitGenrand(19650218u);
        int i = 1, j = 0;
        for (int k = Math.Max(N, key.Length); k > 0; k--)
        {
            _mt[i] = (_mt[i] ^ ((_mt[i - 1] ^ (_mt[i - 1] >> 30)) * 1664525u)) + key[j] + (uint)j;
            i++; j++;
            if (i >= N) { _mt[0] = _mt[N - 1]; i = 1; }
            if (j >= key.Length) j = 0;
        }
        for (int k = N - 1; k > 0; k--)
        {
            _mt[i] = (_mt[i] ^ ((_mt[i - 1] ^ (_mt[i - 1] >> 30)) * 1566083941u)) - (uint)i;
            i++;
            if (i >= N) { _mt[0] = _mt[N - 1]; i = 1; }
        }
        _mt[0] = 0x80000000u;
    }

    /// <summary>The next 32-bit output (genrand_uint32).</summary>
    public uint NextUInt32()
    {
        if (_index >= N)
        {
            for (int k = 0; k < N; k++)
            {
                uint y = (_mt[k] & 0x80000000u) | (_mt[(k + 1) % N] & 0x7fffffffu);
                _mt[k] = _mt[(k + M) % N] ^ (y >> 1) ^ ((y & 1) != 0 ? 0x9908b0dfu : 0u);
            }
            _index = 0;
        }
        uint x = _mt[_index++];
        x ^= x >> 11;
        x ^= (x << 7) & 0x9d2c5680u;
        x ^= (x << 15) & 0xefc60000u;
        x ^= x >> 18;
        return x;
    }

    /// <summary><c>getrandbits(k)</c> for 1 &lt;= k &lt;= 32: the top k bits of one output.</summary>
    private uint GetRandBits(int k) => NextUInt32() >> (32 - k);

    /// <summary><c>randint(a, b)</c>, both ends included, for fewer than 2^32 values (one word per draw).</summary>
    public long RandInt(long a, long b)
    {
        if (b < a || (ulong)(b - a) >= uint.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(b), $"randint({a}, {b}): unsupported range.");
        ulong n = (ulong)(b - a) + 1;
        int k = 64 - System.Numerics.BitOperations.LeadingZeroCount(n); // n.bit_length()
        ulong r;
        do r = GetRandBits(k); while (r >= n);
        return a + (long)r;
    }
}
