using System.Runtime.CompilerServices;

namespace Strata.Data;

/// <summary>
/// <c>cache(filename)</c>: the first complete iteration writes every element to <c>filename</c> (atomically: a
/// temporary file renamed at the end, so an interrupted iteration leaves no half cache); from then on, in this
/// process or a later one, iterations read the file instead of running the pipeline. The file holds each
/// element's structure and its tensors' dtype, shape and raw values.
/// </summary>
internal static class DatasetFileCache
{
    private const uint Magic = 0x53544443; // "STDC"

    public static Dataset<T> Wrap<T>(Dataset<T> source, string filename) =>
        new(() => File.Exists(filename) ? Read<T>(filename) : WriteThrough(source, filename), source.Cardinality);

    private static IEnumerable<T> WriteThrough<T>(Dataset<T> source, string filename)
    {
        string full = Path.GetFullPath(filename);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string tmp = $"{full}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        bool complete = false;
        var stream = new BinaryWriter(File.Create(tmp));
        try
        {
            stream.Write(Magic);
            foreach (var e in source)
            {
                stream.Write((byte)1);
                WriteStructure(stream, e);
                foreach (var t in Structure.Flatten(e, "Cache")) WriteTensor(stream, t);
                yield return e;
            }
            stream.Write((byte)0);
            complete = true;
        }
        finally
        {
            stream.Dispose();
            if (complete) File.Move(tmp, full, overwrite: true);
            else File.Delete(tmp);
        }
    }

    private static IEnumerable<T> Read<T>(string filename)
    {
        using var reader = new BinaryReader(File.OpenRead(filename));
        if (reader.BaseStream.Length < 5 || reader.ReadUInt32() != Magic)
            throw new DataLossError($"Cache: '{filename}' is not a Strata dataset cache file (wrong magic number).");
        while (true)
        {
            byte marker = Guarded(reader, filename, r => r.ReadByte());
            if (marker == 0) yield break;
            if (marker != 1) throw new DataLossError($"Cache: '{filename}' is corrupt at byte {reader.BaseStream.Position - 1} (bad element marker {marker}).");
            var template = Guarded(reader, filename, r => ReadTemplate(r, typeof(T)));
            var tensors = Structure.Flatten(template, "Cache").Select(_ => Guarded(reader, filename, ReadTensor)).ToList();
            yield return Structure.Pack((T)template, tensors);
        }
    }

    private static TResult Guarded<TResult>(BinaryReader reader, string filename, Func<BinaryReader, TResult> read)
    {
        try { return read(reader); }
        catch (EndOfStreamException) { throw new DataLossError($"Cache: '{filename}' is truncated at byte {reader.BaseStream.Position}."); }
    }

    // Structure: 0 tensor, 1 array (length), 2 dictionary (keys), 3 tuple (parts).
    private static void WriteStructure(BinaryWriter w, object? element)
    {
        switch (element)
        {
            case Tensor: w.Write((byte)0); break;
            case Tensor[] a: w.Write((byte)1); w.Write(a.Length); break;
            case IReadOnlyDictionary<string, Tensor> d:
                w.Write((byte)2); w.Write(d.Count);
                foreach (var k in d.Keys.Order(StringComparer.Ordinal)) w.Write(k);
                break;
            case ITuple t:
                w.Write((byte)3); w.Write(t.Length);
                for (int i = 0; i < t.Length; i++) WriteStructure(w, t[i]);
                break;
            default: Structure.Flatten(element, "Cache"); break;   // throws the element error
        }
    }

    /// <summary>An element of <paramref name="type"/> with the stored structure (placeholder tensors), for Pack.</summary>
    private static object ReadTemplate(BinaryReader r, Type type)
    {
        byte tag = r.ReadByte();
        switch (tag)
        {
            case 0: return Placeholder;
            case 1: return new Tensor[Count(r.ReadInt32())].Select(_ => Placeholder).ToArray();
            case 2:
            {
                var d = new Dictionary<string, Tensor>();
                for (int i = Count(r.ReadInt32()); i > 0; i--) d[r.ReadString()] = Placeholder;
                return d;
            }
            case 3:
            {
                int n = Count(r.ReadInt32());
                var args = type.IsGenericType ? type.GetGenericArguments() : [];
                if (args.Length != n) throw new DataLossError($"Cache: the stored tuple of {n} parts does not match the dataset's element type {type.Name}.");
                var parts = new object[n];
                for (int i = 0; i < n; i++) parts[i] = ReadTemplate(r, args[i]);
                return Tuples.Create(type, parts);
            }
            default: throw new DataLossError($"Cache: unknown structure tag {tag}.");
        }
    }

    private static readonly Tensor Placeholder = tf.Constant(0f);

    private static int Count(int n) => n is >= 0 and <= 1 << 20 ? n : throw new DataLossError($"Cache: implausible count {n} in the cache file.");

    private static void WriteTensor(BinaryWriter w, Tensor t)
    {
        w.Write((byte)t.DType);
        w.Write(t.Rank);
        foreach (var d in t.Shape.Dims) w.Write(d);
        var bytes = new byte[Buffer.ByteLength(t.Buffer)];
        Buffer.BlockCopy(t.Buffer, 0, bytes, 0, bytes.Length);
        w.Write(bytes);
    }

    private static Tensor ReadTensor(BinaryReader r)
    {
        var dtype = (DType)r.ReadByte();
        Guard.Known(dtype, "Cache");
        int rank = r.ReadInt32();
        if (rank is < 0 or > Shape.MaxRank) throw new DataLossError($"Cache: implausible rank {rank} in the cache file.");
        var dims = new int[rank];
        for (int i = 0; i < rank; i++) dims[i] = r.ReadInt32() is >= 0 and var d ? d : throw new DataLossError("Cache: a negative dimension in the cache file.");
        var shape = Shape.Checked(dims.Select(d => (long)d).ToArray(), "Cache");
        var t = Tensor.Empty(dtype, shape, "Cache");
        var bytes = r.ReadBytes(Buffer.ByteLength(t.Buffer));
        if (bytes.Length != Buffer.ByteLength(t.Buffer)) throw new EndOfStreamException();
        Buffer.BlockCopy(bytes, 0, t.Buffer, 0, bytes.Length);
        return t;
    }
}
