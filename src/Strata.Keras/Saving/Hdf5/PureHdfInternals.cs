using System.Reflection;
using PureHDF.VOL.Native;

namespace Strata.Keras.Saving.Hdf5;

/// <summary>
/// The three facts the safety checks need that PureHDF 2.2 does not make public: an object's header address (two
/// names for one object mean a soft or extra hard link), the file it was read from (an external link resolves into
/// another file) and whether its header holds an External File List (raw data kept in another file). Read by
/// reflection in this one place; if a PureHDF upgrade renames them, every load fails loudly here (and the tests say so)
/// rather than letting unchecked files through.
/// </summary>
internal static class PureHdfInternals
{
    private const BindingFlags Any = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
    private static readonly PropertyInfo HeaderProperty = Find(typeof(NativeObject), "Header");
    private static readonly PropertyInfo ContextProperty = Find(typeof(NativeObject), "Context");

    private static PropertyInfo Find(Type type, string name) =>
        type.GetProperty(name, Any) ?? throw new InvalidOperationException($"PureHDF: {type.Name}.{name} is gone; the HDF5 safety checks need it.");

    private static object Header(NativeObject o) => HeaderProperty.GetValue(o)
        ?? throw new InvalidOperationException("PureHDF: an object without a header.");

    /// <summary>The object header's address: the object's identity in its file.</summary>
    public static ulong Address(NativeObject o)
    {
        var h = Header(o);
        return (ulong)(Find(h.GetType(), "Address").GetValue(h) ?? 0UL);
    }

    /// <summary>The read context (one per file): an object of another context came through an external link.</summary>
    public static object Context(NativeObject o) => ContextProperty.GetValue(o)
        ?? throw new InvalidOperationException("PureHDF: an object without a file context.");

    /// <summary>True when the header has an External File List message (the dataset's bytes live in other files).</summary>
    public static bool HasExternalStorage(NativeObject o)
    {
        var h = Header(o);
        var messages = Find(h.GetType(), "HeaderMessages").GetValue(h) as System.Collections.IEnumerable
            ?? throw new InvalidOperationException("PureHDF: a header without messages.");
        foreach (var m in messages)
        {
            var data = Find(m.GetType(), "Data").GetValue(m);
            if (data?.GetType().Name == "ExternalFileListMessage") return true;
        }
        return false;
    }
}
