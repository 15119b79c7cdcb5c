using Strata.Keras.Utils;

namespace Strata.Keras.Tests.Data;

/// <summary>The NumPy RandomState that orders Keras's directory indexes: its MT19937 stream and its shuffle.</summary>
public class NumpyRandomStateTests
{
    [Fact]
    public void MersenneTwisterStreamIsTheReferences()
    {
        // The 10000th output of MT19937 seeded 5489 is 4123659995 (C++'s std::mt19937 check value).
        var mt = new NumpyRandomState(5489);
        uint first = mt.NextUInt32();
        for (int i = 1; i < 9999; i++) mt.NextUInt32();
        Assert.Equal(3499211612u, first);
        Assert.Equal(4123659995u, mt.NextUInt32());
    }

    [Theory]
    [InlineData(0u, new[] { 2, 8, 4, 9, 1, 6, 7, 3, 0, 5 })]
    [InlineData(42u, new[] { 8, 1, 5, 0, 7, 2, 9, 4, 3, 6 })]
    [InlineData(1337u, new[] { 6, 3, 0, 4, 5, 2, 1, 9, 8, 7 })]
    [InlineData(123456u, new[] { 24, 13, 21, 3, 5, 7, 9, 19, 6, 2, 16, 22, 12, 14, 23, 8, 4, 0, 20, 15, 11, 17, 18, 10, 1 })]
    public void ShuffleIsNumPysPermutation(uint seed, int[] expected)
    {
        // Printed by NumPy 1.24.2 (Debian's python3-numpy): np.random.RandomState(seed).permutation(10) for 0 and 42,
        // and l = list(range(10)); RandomState(1337).shuffle(l) (and 25 values for 123456) — Keras's own call on its list of file paths.
        var values = Enumerable.Range(0, expected.Length).ToList();
        new NumpyRandomState(seed).Shuffle(values);
        Assert.Equal(expected, values);
    }
}
