using PureHDF;

namespace Strata.Keras.Saving.Hdf5;

/// <summary>Writes an <see cref="Hdf5Group"/> tree as an HDF5 file through PureHDF: datasets contiguous and
/// unfiltered (no chunks, no compression), as h5py writes them by default, so any HDF5 reader opens them.</summary>
internal static class PureHdfWriter
{
    public static void Write(Hdf5Group root, Stream stream)
    {
        var file = new H5File();
        Fill(file, root);
        // Compact layout would put small datasets in the object header; h5py writes contiguous, so do we.
        file.Write(stream, new H5WriteOptions(PreferCompactDatasetLayout: false));
    }

    private static void Fill(H5Group target, Hdf5Group source)
    {
        foreach (var (name, value) in source.Attributes) target.Attributes[name] = value;
        foreach (var (name, child) in source.Children)
            target[name] = child switch
            {
                Hdf5Group g => ToGroup(g),
                Hdf5Data d => ToDataset(d),
                _ => throw new InvalidOperationException($"HDF5 writer: '{name}' is neither a group nor a dataset."),
            };
    }

    private static H5Group ToGroup(Hdf5Group g)
    {
        var group = new H5Group();
        Fill(group, g);
        return group;
    }

    private static H5Dataset ToDataset(Hdf5Data d)
    {
        // A scalar (Keras's optimizer iteration) is written from the value itself, which gives a scalar dataspace.
        if (d.Dims.Length == 0) return new H5Dataset(d.Values.GetValue(0)!, fileDims: null);
        return new H5Dataset(d.Values, fileDims: d.Dims.Select(x => (ulong)x).ToArray());
    }
}
