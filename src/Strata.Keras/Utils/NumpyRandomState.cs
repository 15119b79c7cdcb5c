namespace Strata.Keras.Utils;

/// <summary>
/// NumPy's legacy <c>np.random.RandomState(seed)</c>, as far as <c>shuffle</c>: the MT19937 generator seeded by
/// init_genrand, and NumPy's Fisher–Yates shuffle, which draws each swap index with <c>random_interval</c> (the
/// smallest bit mask covering the bound, redrawn until the masked value fits). Keras's index_directory shuffles its
/// file list with this, so a seed gives the same files in the same order (and the same training/validation split) as
/// in Python.
/// </summary>
internal sealed class NumpyRandomState
{
    private const int N = 624, M = 397;
    private readonly uint[] _mt = new uint[N];
    private int _index;

    /// <summary>A generator seeded as <c>RandomState(seed)</c> (NumPy accepts seeds 0 … 2³² − 1).</summary>
    public NumpyRandomState(uint seed)
    {
        _mt[0] = seed;
        for (int i = 1; i < N; i++) _mt[i] = 1812433253u * (_mt[i - 1] ^ (_mt[i - 1] >> 30)) + (uint)i;
        _index = N;
    }

    /// <summary>MT19937's next 32-bit output (genrand_int32).</summary>
    public uint NextUInt32()
    {
        if (_index >= N) Twist();
        uint y = _mt[_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        return y ^ (y >> 18);
    }

    private void Twist()
    {
        for (int i = 0; i < N; i++)
        {
            uint y = (_mt[i] & 0x80000000u) | (_mt[(i + 1) % N] & 0x7fffffffu);
            _mt[i] = _mt[(i + M) % N] ^ (y >> 1) ^ ((y & 1) != 0 ? 0x9908b0dfu : 0u);
        }
        _index = 0;
    }

    /// <summary>NumPy's <c>random_interval(max)</c>: a uniform integer in [0, max].</summary>
    public ulong Interval(ulong max)
    {
        if (max == 0) return 0;
        ulong mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        mask |= mask >> 32;
        ulong value;
        if (max <= uint.MaxValue)
            do value = NextUInt32() & mask; while (value > max);
        else
            do value = (((ulong)NextUInt32() << 32) | NextUInt32()) & mask; while (value > max);
        return value;
    }

    /// <summary><c>RandomState.shuffle(x)</c> in place: for i from n − 1 down to 1, swap x[i] with x[random_interval(i)].</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (int i = items.Count - 1; i >= 1; i--)
        {
            int j = (int)Interval((ulong)i);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
