using PureHDF;
using System.Reflection;
using PureHDF.VOL.Native;

namespace Strata.Keras.Saving.Hdf5;

/// <summary>
/// <see cref="IHdf5Reader"/> over PureHDF. Opening walks the whole file once and refuses what Keras 3.11 refuses:
/// soft and external links (and any object reached under two names), external and virtual datasets. Reads are
/// then plain lookups in what the walk found, so no later access can follow a link.
/// </summary>
internal sealed class PureHdfReader : IHdf5Reader
{
    private readonly NativeFile _file;
    private readonly long _fileBytes;
    private readonly Dictionary<string, IH5Object> _objects = new(StringComparer.Ordinal);

    public string Where { get; }

    private PureHdfReader(NativeFile file, string where, long fileBytes)
    {
        _file = file;
        Where = where;
        _fileBytes = fileBytes;
    }

    /// <summary>Opens <paramref name="stream"/> (which the reader then owns) and checks its structure.</summary>
    public static PureHdfReader Open(Stream stream, string where)
    {
        long length = stream.Length;
        NativeFile file;
        try
        {
            file = H5File.Open(stream, leaveOpen: false);
        }
        catch (Exception e) when (e is not ModelFileError)
        {
            stream.Dispose();
            throw new ModelFileError(where, $"not a readable HDF5 file ({e.Message}).");
        }
        var reader = new PureHdfReader(file, where, length);
        try
        {
            reader.Walk();
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    private void Walk()
    {
        var context = PureHdfInternals.Context(_file);
        var seen = new Dictionary<ulong, string>();
        var pending = new Stack<(string Path, IH5Group Group)>();
        _objects["/"] = _file;
        seen[PureHdfInternals.Address(_file)] = "/";
        pending.Push(("/", _file));
        while (pending.Count > 0)
        {
            var (path, group) = pending.Pop();
            IEnumerable<IH5Object> children;
            string? link;
            try
            {
                // Before PureHDF resolves anything: it follows soft links recursively (a cycle would overflow the stack).
                link = PureHdfInternals.FirstNonHardLink((NativeGroup)group);
                children = link is null ? group.Children().ToList() : [];
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw new ModelFileError($"{Where}, group {path}", $"cannot be read ({e.InnerException.Message}); the file is corrupt or truncated.");
            }
            catch (Exception e) when (e is not ModelFileError)
            {
                throw new ModelFileError($"{Where}, group {path}", $"cannot be read ({e.Message}); the file is corrupt or truncated.");
            }
            if (link is not null)
                throw new ModelFileError($"{Where}, group {path}", $"member {link} is a soft or external link; links are refused in model files.");
            foreach (var child in children)
            {
                string childPath = path == "/" ? "/" + child.Name : path + "/" + child.Name;
                if (child is IH5UnresolvedLink)
                    throw new ModelFileError($"{Where}, {childPath}", "is a link to something outside the file (an external or dangling link); refused.");
                if (child is not NativeObject native)
                    throw new ModelFileError($"{Where}, {childPath}", $"is an unsupported HDF5 object ({child.GetType().Name}).");
                if (!ReferenceEquals(PureHdfInternals.Context(native), context))
                    throw new ModelFileError($"{Where}, {childPath}", "is an external link into another file; refused.");
                ulong address = PureHdfInternals.Address(native);
                if (seen.TryGetValue(address, out var first))
                    throw new ModelFileError($"{Where}, {childPath}",
                        $"names the same object as {first} (a soft or extra hard link); links are refused in model files.");
                seen[address] = childPath;
                _objects[childPath] = child;
                try
                {
                    if (child is IH5Dataset ds) CheckDataset(childPath, ds, native);
                }
                catch (Exception e) when (e is not ModelFileError)
                {
                    // A damaged object header fails inside PureHDF; say where instead of letting its exception out.
                    throw new ModelFileError($"{Where}, {childPath}", $"cannot be read ({e.Message}); the file is corrupt or truncated.");
                }
                if (child is IH5Group g) pending.Push((childPath, g));
            }
        }
    }

    private void CheckDataset(string path, IH5Dataset ds, NativeObject native)
    {
        if (ds.Layout.Class == H5DataLayoutClass.VirtualStorage)
            throw new ModelFileError($"{Where}, dataset {path}", "is a virtual dataset (its data live in other files); refused.");
        if (PureHdfInternals.HasExternalStorage(native))
            throw new ModelFileError($"{Where}, dataset {path}", "stores its data in external files; refused.");
        Hdf5Guards.CheckDeclaredSize(Where, path, ds.Space.Dimensions, ds.Type.Size, _fileBytes);
    }

    private IH5Object? Find(string path) => _objects.GetValueOrDefault(Normalize(path));

    private static string Normalize(string path) => path.Length > 1 ? "/" + path.Trim('/') : "/";

    public bool IsGroup(string path) => Find(path) is IH5Group;

    public bool IsDataset(string path) => Find(path) is IH5Dataset;

    public IReadOnlyList<string> Children(string path)
    {
        if (Find(path) is not IH5Group)
            throw new ModelFileError($"{Where}, group {Normalize(path)}", "is missing.");
        string prefix = Normalize(path) == "/" ? "/" : Normalize(path) + "/";
        return _objects.Keys.Where(k => k.Length > prefix.Length && k.StartsWith(prefix, StringComparison.Ordinal)
            && k.IndexOf('/', prefix.Length) < 0).Select(k => k[prefix.Length..]).ToList();
    }

    private IH5Attribute? Attribute(string path, string name)
    {
        var o = Find(path) ?? throw new ModelFileError($"{Where}, {Normalize(path)}", "is missing.");
        try
        {
            return o.AttributeExists(name) ? o.Attribute(name) : null;
        }
        catch (Exception e) when (e is not ModelFileError)
        {
            throw new ModelFileError($"{Where}, {Normalize(path)}, attribute {name}", $"cannot be read ({e.Message}).");
        }
    }

    // h5py writes Python str as variable-length strings, numpy bytes as fixed-length ones.
    private static bool IsString(IH5DataType t) => t.Class == H5DataTypeClass.String || (t.Class == H5DataTypeClass.VariableLength && t.VariableLength.BaseType?.Class is H5DataTypeClass.String or H5DataTypeClass.FixedPoint);

    public string? StringAttribute(string path, string name)
    {
        var a = Attribute(path, name);
        if (a is null) return null;
        try
        {
            if (!IsString(a.Type))
                throw new ModelFileError($"{Where}, {Normalize(path)}, attribute {name}", $"is {a.Type.Class}, expected a string.");
            return a.Space.Type == H5DataspaceType.Scalar ? a.Read<string>() : a.Read<string[]>().Single();
        }
        catch (Exception e) when (e is not ModelFileError)
        {
            throw new ModelFileError($"{Where}, {Normalize(path)}, attribute {name}", $"cannot be read as a string ({e.Message}).");
        }
    }

    public string[]? StringListAttribute(string path, string name)
    {
        if (Attribute(path, name) is { } a) return ReadStrings(a, path, name);
        // Keras splits an attribute over 64 KiB into name0, name1, … (legacy h5 format's save_attributes_to_hdf5_group).
        var parts = new List<string>();
        for (int chunk = 0; Attribute(path, $"{name}{chunk}") is { } part; chunk++)
            parts.AddRange(ReadStrings(part, path, $"{name}{chunk}"));
        return parts.Count > 0 || Attribute(path, $"{name}0") is not null ? parts.ToArray() : null;
    }

    private string[] ReadStrings(IH5Attribute a, string path, string name)
    {
        try
        {
            // h5py writes an empty list as an empty float64 array.
            if (a.Space.Type == H5DataspaceType.Null || (a.Space.Dimensions.Length == 1 && a.Space.Dimensions[0] == 0)) return [];
            if (!IsString(a.Type))
                throw new ModelFileError($"{Where}, {Normalize(path)}, attribute {name}", $"is {a.Type.Class}, expected a list of strings.");
            return a.Space.Type == H5DataspaceType.Scalar ? [a.Read<string>()] : a.Read<string[]>();
        }
        catch (Exception e) when (e is not ModelFileError)
        {
            throw new ModelFileError($"{Where}, {Normalize(path)}, attribute {name}", $"cannot be read as strings ({e.Message}).");
        }
    }

    private IH5Dataset Dataset(string path) => Find(path) as IH5Dataset
        ?? throw new ModelFileError($"{Where}, dataset {Normalize(path)}", "is missing.");

    public long[] DatasetShape(string path) => Dataset(path).Space.Dimensions.Select(d => (long)d).ToArray(); // checked by the walk

    public Tensor ReadTensor(string path)
    {
        var ds = Dataset(path);
        string where = $"{Where}, dataset {Normalize(path)}";
        var dims = ds.Space.Dimensions;
        int count = Hdf5Guards.CheckDeclaredSize(Where, Normalize(path), dims, ds.Type.Size, _fileBytes);
        var shape = new Shape(dims.Select(d => (int)d).ToArray());
        try
        {
            (Array values, DType dtype) = (ds.Type.Class, ds.Type.Size) switch
            {
                (H5DataTypeClass.FloatingPoint, 4) => ((Array)ds.Read<float[]>(), DType.Float32),
                (H5DataTypeClass.FloatingPoint, 8) => (ds.Read<double[]>(), DType.Float64),
                (H5DataTypeClass.FixedPoint, 8) => (ds.Read<long[]>(), DType.Int64),
                (H5DataTypeClass.FixedPoint, 4) => (ds.Read<int[]>(), DType.Int32),
                _ => throw new ModelFileError(where, $"has type {ds.Type.Class} of {ds.Type.Size} bytes; only float32, float64, int32 and int64 are read."),
            };
            if (values.Length != count)
                throw new ModelFileError(where, $"holds {values.Length} values for shape {shape}; the file is corrupt.");
            return Tensor.FromBuffer(values, shape, dtype);
        }
        catch (Exception e) when (e is not ModelFileError)
        {
            throw new ModelFileError(where, $"cannot be read ({e.Message}); the file is corrupt or truncated.");
        }
    }

    public void Dispose() => _file.Dispose();
}
