namespace Strata.Datasets.Tests;

public class IdxReaderTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadsPlainAndGzippedFilesAlike(bool gzip)
    {
        using var files = new IdxFiles();
        var bytes = IdxFiles.Idx([2, 3], [1, 2, 3, 4, 5, 255]);
        // The name says nothing: detection is by the gzip magic.
        var path = files.Write("data.idx", gzip ? IdxFiles.Gzip(bytes) : bytes);

        var t = IdxReader.Read(path);

        Assert.Equal(DType.UInt8, t.DType);
        Assert.Equal(new Shape(2, 3), t.Shape);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 255 }, t.ToArray<byte>());
    }

    [Fact]
    public void BadMagicNamesTheFile()
    {
        using var files = new IdxFiles();
        var bytes = IdxFiles.Idx([2], [1, 2]);
        bytes[0] = 0x42;
        var path = files.Write("bad-magic", bytes);

        var e = Assert.Throws<DatasetFormatError>(() => IdxReader.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("magic", e.Message);
        Assert.Equal(path, e.Path);
    }

    [Fact]
    public void UnsupportedElementTypeIsReported()
    {
        using var files = new IdxFiles();
        var path = files.Write("floats", IdxFiles.Idx([1], [0, 0, 0, 0], type: 0x0D));
        var e = Assert.Throws<DatasetFormatError>(() => IdxReader.Read(path));
        Assert.Contains("0x0D", e.Message);
    }

    [Fact]
    public void WrongRankIsReported()
    {
        using var files = new IdxFiles();
        var path = files.Write("rank2", IdxFiles.Idx([2, 2], [1, 2, 3, 4]));
        var e = Assert.Throws<DatasetFormatError>(() => IdxReader.Read(path, expectedRank: 3));
        Assert.Contains("2 dimension(s), expected 3", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TruncatedDataIsReported(bool gzip)
    {
        using var files = new IdxFiles();
        var bytes = IdxFiles.Idx([4, 28, 28], IdxFiles.Pixels(4))[..^100];
        var path = files.Write("short", gzip ? IdxFiles.Gzip(bytes) : bytes);

        var e = Assert.Throws<DatasetFormatError>(() => IdxReader.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void TruncatedGzipStreamNamesTheFile()
    {
        using var files = new IdxFiles();
        var gz = IdxFiles.Gzip(IdxFiles.Idx([4, 28, 28], IdxFiles.Pixels(4)));
        var path = files.Write("cut.gz", gz[..(gz.Length / 2)]);

        // Either the gzip layer or the IDX layer notices; either way the file is named.
        var e = Assert.Throws<DatasetFormatError>(() => IdxReader.Read(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void TruncatedHeaderIsReported()
    {
        using var files = new IdxFiles();
        var path = files.Write("header", [0, 0, 8, 3, 0, 0]);
        var e = Assert.Throws<DatasetFormatError>(() => IdxReader.Read(path));
        Assert.Contains("header", e.Message);
        Assert.Throws<DatasetFormatError>(() => IdxReader.Read(files.Write("empty", [])));
    }

    [Fact]
    public void ExtraBytesAfterTheDataAreReported()
    {
        using var files = new IdxFiles();
        var path = files.Write("long", [.. IdxFiles.Idx([2], [1, 2]), 9]);
        var e = Assert.Throws<DatasetFormatError>(() => IdxReader.Read(path));
        Assert.Contains("more data", e.Message);
    }
}
