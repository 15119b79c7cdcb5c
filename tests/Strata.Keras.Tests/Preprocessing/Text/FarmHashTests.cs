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
    public void KnownFingerprints()
    {
        Assert.Equal(0x9ae16a3b2f90404fUL, FarmHash.Fingerprint64(""));
        // TensorFlow's own (tsl/platform/fingerprint_test.cc) and Guava's (FarmHashFingerprint64Test, 4, 32 and 256 bytes)
        Assert.Equal(15404698994557526151UL, FarmHash.Fingerprint64("Hello"));
        Assert.Equal(18308117990299812472UL, FarmHash.Fingerprint64("World"));
        Assert.Equal(8581389452482819506UL, FarmHash.Fingerprint64("test"));
        Assert.Equal(unchecked((ulong)-4196240717365766262L), FarmHash.Fingerprint64(string.Concat(Enumerable.Repeat("test", 8))));
        Assert.Equal(3500507768004279527UL, FarmHash.Fingerprint64(string.Concat(Enumerable.Repeat("test", 64))));
    }

    [Fact]
    public void EveryLengthUpTo3200BytesMatchesTheReference()
    {
        // Guava's testMultipleLengths: a chain of fingerprints of prefixes of a self-modifying buffer (lengths 0 to 3,200,
        // so every branch, the 33-64 byte one and the 64-byte loop included), checked against the C++ reference's result.
        const int iterations = 800;
        var buf = new byte[iterations * 4];
        int bufLen = 0;
        ulong h = 0;
        ulong Fp(int length) => FarmHash.Fingerprint64(buf.AsSpan(0, length));
        static ulong Remix(ulong v) => unchecked((v ^ (v >> 41)) * 949921979UL);
        static byte Char(ulong v) => (byte)('a' + (v & 0xfffff) % 26);
        for (int i = 0; i < iterations; i++)
        {
            h = Remix(h ^ Fp(i));
            buf[bufLen++] = Char(h);
            h = Remix(h ^ Fp(i * i % bufLen));
            buf[bufLen++] = Char(h);
            h = Remix(h ^ Fp(i * i * i % bufLen));
            buf[bufLen++] = Char(h);
            h = Remix(h ^ Fp(bufLen));
            buf[bufLen++] = Char(h);
            int x0 = buf[bufLen - 1], x1 = buf[bufLen - 2], x2 = buf[bufLen - 3], x3 = buf[bufLen / 2];
            buf[((x0 << 16) + (x1 << 8) + x2) % bufLen] ^= (byte)x3;
            buf[((x1 << 16) + (x2 << 8) + x3) % bufLen] ^= (byte)(i % 256);
        }
        Assert.Equal(0x7a1d67c50ec7e167UL, h);
    }
}
