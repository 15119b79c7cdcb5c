using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using PureHDF.VOL.Native;

namespace Strata.Keras.Saving.Hdf5;

/// <summary>
/// The facts the safety checks need that PureHDF 2.2 does not make public: the kind of each link of a group read
/// without resolving it (PureHDF follows soft links recursively, so a soft link to itself overflows the stack before
/// any check could run), an object's header address (two names for one object mean a soft or extra hard link), the
/// file it was read from (an external link resolves into another file) and whether its header holds an External File
/// List (raw data kept in another file). Read by
/// reflection in this one place; if a PureHDF upgrade renames them, every load fails loudly here (and the tests say so)
/// rather than letting unchecked files through.
/// Trimming and NativeAOT: the members read here are kept by the DynamicDependency attributes of the static
/// constructor (which a trimmed app keeps whenever it loads HDF5 files), so the lookups find them; the analyzer cannot
/// follow names looked up on runtime types, hence the suppressions, each of which rests on those attributes. Were one
/// missing, the lookup throws (loading fails loudly), as above.
/// </summary>
[UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "PureHDF's members read here are kept by the static constructor's DynamicDependency attributes.")]
[UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "PureHDF's members read here are kept by the static constructor's DynamicDependency attributes.")]
internal static class PureHdfInternals
{
    private const string Vol = "PureHDF.VOL.Native.";
    private const string PureHdf = "PureHDF";

    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(NativeObject))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(NativeGroup))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, Vol + "ObjectHeader", PureHdf)]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, Vol + "ObjectHeader1", PureHdf)]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, Vol + "ObjectHeader2", PureHdf)]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, Vol + "HeaderMessage", PureHdf)]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, Vol + "LinkMessage", PureHdf)]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, Vol + "LinkInfoMessage", PureHdf)]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, Vol + "HardLinkInfo", PureHdf)]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, Vol + "SymbolTableMessage", PureHdf)]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, Vol + "SymbolTableNode", PureHdf)]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, Vol + "SymbolTableEntry", PureHdf)]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, Vol + "BTree1Node`1", PureHdf)]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, Vol + "BTree1GroupKey", PureHdf)]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, Vol + "ExternalFileListMessage", PureHdf)]
    static PureHdfInternals() { }

    private const BindingFlags Any = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
    private static readonly PropertyInfo HeaderProperty = Find(typeof(NativeObject), "Header");
    private static readonly PropertyInfo ContextProperty = Find(typeof(NativeObject), "Context");

    private static PropertyInfo Find(Type type, string name) =>
        type.GetProperty(name, Any) ?? throw new InvalidOperationException($"PureHDF: {type.Name}.{name} is gone; the HDF5 safety checks need it.");

    private static object Header(NativeObject o) => HeaderProperty.GetValue(o)
        ?? throw new InvalidOperationException("PureHDF: an object without a header.");

    private static readonly MethodInfo LinkInfoMessages = typeof(NativeGroup).GetMethod("EnumerateLinkMessagesFromLinkInfoMessage", Any)
        ?? throw new InvalidOperationException("PureHDF: NativeGroup.EnumerateLinkMessagesFromLinkInfoMessage is gone; the HDF5 safety checks need it.");
    private static readonly MethodInfo SymbolTableNodes = typeof(NativeGroup).GetMethod("EnumerateSymbolTableNodes", Any)
        ?? throw new InvalidOperationException("PureHDF: NativeGroup.EnumerateSymbolTableNodes is gone; the HDF5 safety checks need it.");
    private static readonly MethodInfo DecodeGroupKey = typeof(NativeGroup).GetMethod("DecodeGroupKey", Any)
        ?? throw new InvalidOperationException("PureHDF: NativeGroup.DecodeGroupKey is gone; the HDF5 safety checks need it.");

    private static IEnumerable<object> Messages(NativeObject o)
    {
        var h = Header(o);
        var messages = Find(h.GetType(), "HeaderMessages").GetValue(h) as System.Collections.IEnumerable
            ?? throw new InvalidOperationException("PureHDF: a header without messages.");
        foreach (var m in messages)
            if (Find(m.GetType(), "Data").GetValue(m) is { } data) yield return data;
    }

    /// <summary>The name of the first member of <paramref name="group"/> that is not a hard link (a soft, external
    /// or user-defined link), or null; read from the link messages (compact or dense storage) or the symbol table
    /// (old-style groups, where a soft link is an entry cached as SymbolicLink) without resolving anything.</summary>
    public static string? FirstNonHardLink(NativeGroup group)
    {
        foreach (var data in Messages(group))
        {
            switch (data.GetType().Name)
            {
                case "LinkMessage":
                    if (NonHard(data) is { } compact) return compact;
                    break;
                case "LinkInfoMessage":
                    // Dense storage only when the fractal heap exists (compact groups carry LinkMessages as well).
                    if (Find(data.GetType(), "FractalHeapAddress").GetValue(data) is ulong heap && heap == ulong.MaxValue) break;
                    foreach (var link in (System.Collections.IEnumerable)LinkInfoMessages.Invoke(group, [data])!)
                        if (NonHard(link) is { } dense) return dense;
                    break;
                case "SymbolTableMessage":
                    var getBTree1 = data.GetType().GetMethod("GetBTree1", Any)
                        ?? throw new InvalidOperationException("PureHDF: SymbolTableMessage.GetBTree1 is gone; the HDF5 safety checks need it.");
                    // The delegate type as GetBTree1 declares it (Func<BTree1GroupKey>): no MakeGenericType, so AOT-safe.
                    var decode = Delegate.CreateDelegate(getBTree1.GetParameters()[0].ParameterType, group, DecodeGroupKey);
                    var btree = getBTree1.Invoke(data, [decode]);
                    foreach (var node in (System.Collections.IEnumerable)SymbolTableNodes.Invoke(group, [btree])!)
                        foreach (var entry in (System.Collections.IEnumerable)Find(node.GetType(), "GroupEntries").GetValue(node)!)
                            if (Find(entry.GetType(), "CacheType").GetValue(entry)?.ToString() == "SymbolicLink") return "(a symbol-table entry)";
                    break;
            }
        }
        return null;
    }

    private static string? NonHard(object linkMessage)
    {
        var info = Find(linkMessage.GetType(), "LinkInfo").GetValue(linkMessage);
        return info?.GetType().Name == "HardLinkInfo" ? null : Find(linkMessage.GetType(), "LinkName").GetValue(linkMessage) as string ?? "?";
    }

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
    public static bool HasExternalStorage(NativeObject o) => Messages(o).Any(d => d.GetType().Name == "ExternalFileListMessage");
}
