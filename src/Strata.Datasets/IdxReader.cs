using System.Buffers.Binary;
using System.IO.Compression;

namespace Strata.Datasets;

/// <summary>
/// Reads IDX files (the format of MNIST and Fashion-MNIST): two zero bytes, a type code, the number of
/// dimensions, each dimension as a big-endian int32, then the values row-major. Files may be gzipped or
/// not; the gzip magic (1F 8B) decides, not the file name, so a renamed or unpacked file still reads.
/// Only unsigned bytes (type 0x08) are supported: that is all these data sets use.
/// </summary>
public static class IdxReader
{
    private const byte UnsignedByte = 0x08;

    /// <summary>Reads an IDX file of unsigned bytes as a uint8 tensor with the file's dimensions.
    /// With <paramref name="expectedRank"/>, a file of another rank is reported as corrupt.</summary>
    public static Tensor Read(string path, int? expectedRank = null)
    {
        var (dims, data) = ReadRaw(path, expectedRank);
        return Tensor.FromBuffer(data, new Shape(dims), DType.UInt8); // the freshly read bytes, not a copy
    }

    /// <summary>The dimensions and the raw bytes, for callers that check values before making a tensor.</summary>
    public static (int[] Dims, byte[] Data) ReadRaw(string path, int? expectedRank = null)
    {
        try
        {
            using var file = File.OpenRead(path);
            using var stream = IsGzip(file) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
            return ReadFrom(stream, path, expectedRank);
        }
        catch (InvalidDataException e)
        {
            // GZipStream's own complaint (bad block, bad checksum) says nothing of which file it was.
            throw new DatasetFormatError(path, $"not a valid gzip stream ({e.Message}).", e);
        }
    }

    private static bool IsGzip(FileStream file)
    {
        Span<byte> magic = stackalloc byte[2];
        int n = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return n == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
    }

    private static (int[] Dims, byte[] Data) ReadFrom(Stream stream, string path, int? expectedRank)
    {
        Span<byte> header = stackalloc byte[4];
        if (stream.ReadAtLeast(header, 4, throwOnEndOfStream: false) < 4)
            throw new DatasetFormatError(path, "too short to hold an IDX header (4 bytes of magic number).");
        if (header[0] != 0 || header[1] != 0)
            throw new DatasetFormatError(path,
                $"bad magic number {Convert.ToHexString(header)}: an IDX file starts with 00 00, then a type code and a rank.");
        if (header[2] != UnsignedByte)
            throw new DatasetFormatError(path,
                $"IDX element type 0x{header[2]:X2} is not supported; only unsigned bytes (0x08) are.");
        int rank = header[3];
        if (rank == 0 || (expectedRank is { } r && rank != r))
            throw new DatasetFormatError(path,
                $"has {rank} dimension(s), expected {(expectedRank is { } e ? e.ToString() : "at least 1")}.");

        var dimBytes = new byte[4 * rank];
        if (stream.ReadAtLeast(dimBytes, dimBytes.Length, throwOnEndOfStream: false) < dimBytes.Length)
            throw new DatasetFormatError(path, $"truncated in its header: {rank} dimension sizes expected.");
        var dims = new int[rank];
        long size = 1;
        for (int i = 0; i < rank; i++)
        {
            dims[i] = BinaryPrimitives.ReadInt32BigEndian(dimBytes.AsSpan(4 * i));
            if (dims[i] < 0) throw new DatasetFormatError(path, $"dimension {i} is negative ({dims[i]}).");
            size *= dims[i];
            if (size > Array.MaxLength)
                throw new DatasetFormatError(path, $"dimensions ({string.Join(", ", dims[..(i + 1)])}…) are too large to be real.");
        }

        var data = GC.AllocateUninitializedArray<byte>((int)size);
        int got = stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
        if (got < data.Length)
            throw new DatasetFormatError(path,
                $"truncated: dimensions ({string.Join(", ", dims)}) need {data.Length} bytes of data, found only {got}.");
        // Bytes past the data mean the header lies about the size: better to say so than to guess.
        if (stream.ReadByte() >= 0)
            throw new DatasetFormatError(path,
                $"has more data than its dimensions ({string.Join(", ", dims)}) announce; the file is corrupt.");
        return (dims, data);
    }
}
