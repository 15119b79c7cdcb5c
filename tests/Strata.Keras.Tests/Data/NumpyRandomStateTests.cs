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
    public void ShuffleIsNumPysPermutation(uint seed, int[] expected)
    {
        // np.random.RandomState(seed).permutation(10) shuffles arange(10) with the same loop as shuffle(list).
        var values = Enumerable.Range(0, 10).ToList();
        new NumpyRandomState(seed).Shuffle(values);
        Assert.Equal(expected, values);
    }
}
