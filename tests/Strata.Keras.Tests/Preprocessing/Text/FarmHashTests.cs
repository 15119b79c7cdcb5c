using Strata.Keras.Layers;

namespace Strata.Keras.Tests.Preprocessing.Text;

public class FarmHashTests
{
    // FarmHash's own values (dgryski/go-farm's golden64, "generated from the C++ code"): its Hash64 and Fingerprint64 agree
    // up to 32 bytes, which covers every short-string path (1-3, 4-7, 8-16 and 17-32 bytes).
    [Theory]
    [InlineData("a", 0xb3454265b6df75e3UL)]
    [InlineData("abc", 0x24a5b3a074e7f369UL)]
    [InlineData("abcd", 0x1a5502de4a1f8101UL)]
    [InlineData("abcdefg", 0x3c40c92b1ccb7355UL)]
    [InlineData("abcdefgh", 0xfee9d22990c82909UL)]
    [InlineData("abcdefghij", 0x8a3abb6a5f3fb7fbUL)]
    [InlineData("size:  a.out:  bad magic", 0x80d73b843ba57db8UL)]
    [InlineData("Nepal premier won't resign.", 0x8eb3808d1ccfc779UL)]
    [InlineData("C is as portable as Stonehedge!!", 0xb944f8a16261e414UL)]
    public void Fingerprint64MatchesFarmHash(string s, ulong expected) => Assert.Equal(expected, FarmHash.Fingerprint64(s));

    [Fact]
    public void EmptyStringAndLongStringsAreDeterministic()
    {
        Assert.Equal(0x9ae16a3b2f90404fUL, FarmHash.Fingerprint64(""));
        string longText = string.Concat(Enumerable.Repeat("The fugacity of a constituent ", 7));
        Assert.Equal(FarmHash.Fingerprint64(longText), FarmHash.Fingerprint64(string.Concat(longText)));
        Assert.NotEqual(FarmHash.Fingerprint64(longText), FarmHash.Fingerprint64(longText + "x"));
        Assert.NotEqual(FarmHash.Fingerprint64(longText[..40]), FarmHash.Fingerprint64(longText[..41]));
    }
}
