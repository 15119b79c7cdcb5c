using System.IO.Compression;
using System.Text;

namespace Strata.Keras.Saving;

/// <summary>
/// The <c>.keras</c> zip: <c>metadata.json</c>, <c>config.json</c>, <c>model.weights.h5</c> (and <c>assets/</c>, which
/// Strata's layers do not use). Reading refuses what Keras 3.11 refuses: members with absolute or parent-relative
/// paths, and members that declare more than 4 GiB and more than 100 times their compressed size (a zip bomb).
/// Members are read with their declared size as a hard limit.
/// </summary>
internal sealed class KerasArchive : IDisposable
{
    public const string Config = "config.json";
    public const string Metadata = "metadata.json";
    public const string Weights = "model.weights.h5";
    public const long FourGiB = 4L << 30;
    public const long MaxRatio = 100;

    private readonly ZipArchive _zip;
    private readonly Dictionary<string, ZipArchiveEntry> _entries;
    private readonly string _path;

    private KerasArchive(ZipArchive zip, string path, Dictionary<string, ZipArchiveEntry> entries)
    {
        _zip = zip;
        _path = path;
        _entries = entries;
    }

    public void Dispose() => _zip.Dispose();

    /// <summary>Opens <paramref name="stream"/> as a .keras zip and checks every member's name and declared size.</summary>
    public static KerasArchive Open(Stream stream, string path)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new ModelFileError(path, $"is not a readable .keras zip archive ({e.Message}); the file is truncated or corrupt.");
        }
        var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        try
        {
            foreach (var e in zip.Entries) Check(e);
        }
        catch (InvalidDataException e)
        {
            zip.Dispose();
            throw new ModelFileError(path, $"has a damaged zip directory ({e.Message}); the file is corrupt.");
        }
        catch
        {
            zip.Dispose();
            throw;
        }
        return new KerasArchive(zip, path, entries);

        void Check(ZipArchiveEntry e)
        {
            CheckName(path, e.FullName);
            if (e.Length > FourGiB && e.Length > Math.Max(e.CompressedLength, 1) * MaxRatio)
                throw new ModelFileError($"{path}, member {e.FullName}",
                    $"declares {e.Length:N0} bytes from {e.CompressedLength:N0} compressed; refused as a zip bomb (limit: 4 GiB and 100x).");
            if (!entries.TryAdd(e.FullName, e))
                throw new ModelFileError($"{path}, member {e.FullName}", "appears twice in the archive.");
        }
    }

    /// <summary>Keras 3.11's filter: no absolute paths, drive letters or <c>..</c> components.</summary>
    internal static void CheckName(string path, string name)
    {
        var parts = name.Replace('\\', '/').Split('/');
        if (name.Length == 0 || name.StartsWith('/') || name.StartsWith('\\') || (name.Length > 1 && name[1] == ':') || parts.Contains(".."))
            throw new ModelFileError($"{path}, member {name}", "has a path outside the archive (absolute or with '..'); refused.");
    }

    public bool Has(string member) => _entries.ContainsKey(member);

    /// <summary>A member's bytes, no more than it declares; an error naming it when it is missing or damaged.</summary>
    public byte[] Read(string member)
    {
        if (!_entries.TryGetValue(member, out var e))
            throw new ModelFileError(_path, $"has no member {member}; a .keras file holds {Metadata}, {Config} and {Weights}.");
        if (e.Length > int.MaxValue) throw new ModelFileError($"{_path}, member {member}", $"is {e.Length:N0} bytes, too large to load.");
        try
        {
            using var s = e.Open();
            var buffer = new byte[e.Length];
            int read = 0;
            while (read < buffer.Length)
            {
                int n = s.Read(buffer, read, buffer.Length - read);
                if (n == 0) throw new ModelFileError($"{_path}, member {member}", $"ends after {read:N0} of {buffer.Length:N0} bytes; the archive is truncated.");
                read += n;
            }
            if (s.ReadByte() >= 0) throw new ModelFileError($"{_path}, member {member}", "holds more bytes than it declares; the archive is corrupt.");
            return buffer;
        }
        catch (InvalidDataException ex)
        {
            throw new ModelFileError($"{_path}, member {member}", $"cannot be decompressed ({ex.Message}); the archive is corrupt.");
        }
    }

    public string ReadText(string member)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Read(member));
        }
        catch (DecoderFallbackException)
        {
            throw new ModelFileError($"{_path}, member {member}", "is not UTF-8 text.");
        }
    }

    /// <summary>Writes a .keras zip with the three members, stored uncompressed as Keras writes them.</summary>
    public static void Write(Stream stream, string config, string metadata, byte[] weights)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        void Add(string name, byte[] bytes)
        {
            var e = zip.CreateEntry(name, CompressionLevel.NoCompression);
            using var s = e.Open();
            s.Write(bytes);
        }
        Add(Metadata, Encoding.UTF8.GetBytes(metadata));
        Add(Config, Encoding.UTF8.GetBytes(config));
        Add(Weights, weights);
    }
}
