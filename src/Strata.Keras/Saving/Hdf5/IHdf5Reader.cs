namespace Strata.Keras.Saving.Hdf5;

/// <summary>
/// What Saving needs from an HDF5 file, in our own words (PureHDF stays behind <see cref="PureHdfReader"/>). Paths are
/// absolute ("/layers/dense/vars/0"). Every failure is a <see cref="ModelFileError"/> that names the file and the
/// group, dataset or attribute.
/// </summary>
internal interface IHdf5Reader : IDisposable
{
    /// <summary>How errors name the file ("m.keras, member model.weights.h5").</summary>
    string Where { get; }

    bool IsGroup(string path);

    bool IsDataset(string path);

    /// <summary>The names of a group's members; an error when <paramref name="path"/> is not a group.</summary>
    IReadOnlyList<string> Children(string path);

    /// <summary>A scalar string attribute (Keras's <c>model_config</c>), or null when absent.</summary>
    string? StringAttribute(string path, string name);

    /// <summary>A list-of-strings attribute (Keras's <c>layer_names</c>, <c>weight_names</c>), joined from
    /// <c>name0</c>, <c>name1</c>… when Keras split it; an empty attribute gives an empty list, a missing one null.</summary>
    string[]? StringListAttribute(string path, string name);

    /// <summary>A dataset's values as a tensor (float32, float64, int32 or int64).</summary>
    Tensor ReadTensor(string path);

    /// <summary>A dataset's dimensions, without reading it.</summary>
    long[] DatasetShape(string path);
}
