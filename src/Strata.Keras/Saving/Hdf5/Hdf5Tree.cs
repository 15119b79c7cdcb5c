namespace Strata.Keras.Saving.Hdf5;

/// <summary>
/// An HDF5 file to write, as plain objects: groups of groups and datasets, each with attributes. Our own model so
/// that Saving does not speak PureHDF's types (the writer that turns it into a file is <see cref="PureHdfWriter"/>).
/// </summary>
internal sealed class Hdf5Group
{
    /// <summary>Children in insertion order (h5py lists them sorted; readers must not rely on order).</summary>
    public List<(string Name, object Child)> Children { get; } = new();

    public Dictionary<string, object> Attributes { get; } = new();

    /// <summary>The child group <paramref name="name"/>, created if missing.</summary>
    public Hdf5Group Group(string name)
    {
        foreach (var (n, c) in Children)
            if (n == name) return c as Hdf5Group ?? throw new InvalidOperationException($"'{name}' is a dataset, not a group.");
        var g = new Hdf5Group();
        Children.Add((name, g));
        return g;
    }

    public void Add(string name, Hdf5Data data) => Children.Add((name, data));
}

/// <summary>A dataset to write: a flat buffer (float[], double[], long[], int[]…) in row-major order and its dimensions
/// (empty for a scalar).</summary>
internal sealed record Hdf5Data(Array Values, long[] Dims)
{
    /// <summary>A copy of the tensor's values (a variable may change after the file is planned).</summary>
    public static Hdf5Data From(Tensor t) => new((Array)t.Buffer.Clone(), t.Shape.ToArray().Select(d => (long)d).ToArray());

    public static Hdf5Data Scalar(long value) => new(new[] { value }, []);

    public static Hdf5Data Scalar(float value) => new(new[] { value }, []);
}
