using System.Buffers.Binary;
using System.IO.Compression;

namespace Strata.Datasets.Tests;

/// <summary>Writes small IDX files into a temporary folder, so that no test needs the real data set.</summary>
internal sealed class IdxFiles : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("strata-idx-").FullName;

    public static byte[] Idx(int[] dims, byte[] data, byte type = 0x08)
    {
        var bytes = new byte[4 + 4 * dims.Length + data.Length];
        bytes[2] = type;
        bytes[3] = (byte)dims.Length;
        for (int i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dims[i]);
        data.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }

    public static byte[] Gzip(byte[] bytes)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest)) gz.Write(bytes);
        return ms.ToArray();
    }

    public string Write(string name, byte[] bytes)
    {
        var p = Path.Combine(Folder, name);
        File.WriteAllBytes(p, bytes);
        return p;
    }

    /// <summary>Deterministic pixels: image k, row r, column c holds (k + r + c) mod 256.</summary>
    public static byte[] Pixels(int n) =>
        Enumerable.Range(0, n * 28 * 28).Select(i => (byte)((i / 784 + i % 784 / 28 + i % 28) % 256)).ToArray();

    public static byte[] Labels(int n) => Enumerable.Range(0, n).Select(i => (byte)(i % 10)).ToArray();

    /// <summary>A complete MNIST-like set: 5 training and 3 test images, gzipped or not.</summary>
    public void WriteSet(bool gzip)
    {
        byte[] Wrap(byte[] b) => gzip ? Gzip(b) : b;
        string ext = gzip ? ".gz" : "";
        Write("train-images-idx3-ubyte" + ext, Wrap(Idx([5, 28, 28], Pixels(5))));
        Write("train-labels-idx1-ubyte" + ext, Wrap(Idx([5], Labels(5))));
        Write("t10k-images-idx3-ubyte" + ext, Wrap(Idx([3, 28, 28], Pixels(3))));
        Write("t10k-labels-idx1-ubyte" + ext, Wrap(Idx([3], Labels(3))));
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
