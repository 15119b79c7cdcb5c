namespace Strata.Datasets;

/// <summary>A data set's files are in none of the places looked at. The message says how to get them.</summary>
public class DatasetNotFoundError : StrataException
{
    /// <summary>An error whose <paramref name="message"/> lists the places looked at and how to install the set.</summary>
    public DatasetNotFoundError(string message) : base(message) { }
}

/// <summary>A data file exists but is not what it should be (bad magic, wrong dimensions, truncated, …).
/// The message names the file, so that the user knows which one to fetch again.</summary>
public class DatasetFormatError : StrataException
{
    /// <summary>The file at fault.</summary>
    public string Path { get; }

    /// <summary>An error "<paramref name="path"/>: <paramref name="problem"/>".</summary>
    public DatasetFormatError(string path, string problem) : base(Describe(path, problem))
    {
        Path = path;
    }

    /// <summary>An error "<paramref name="path"/>: <paramref name="problem"/>" caused by <paramref name="inner"/>.</summary>
    public DatasetFormatError(string path, string problem, Exception inner) : base(Describe(path, problem), inner)
    {
        Path = path;
    }

    private static string Describe(string path, string problem) => $"{path}: {problem}";
}
