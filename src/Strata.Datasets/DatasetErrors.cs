namespace Strata.Datasets;

/// <summary>A data set's files are in none of the places looked at. The message says how to get them.</summary>
public class DatasetNotFoundError : StrataException
{
    public DatasetNotFoundError(string message) : base(message) { }
}

/// <summary>A data file exists but is not what it should be (bad magic, wrong dimensions, truncated, …).
/// The message names the file, so that the user knows which one to fetch again.</summary>
public class DatasetFormatError : StrataException
{
    public string Path { get; }

    public DatasetFormatError(string path, string problem) : base(Describe(path, problem))
    {
        Path = path;
    }

    public DatasetFormatError(string path, string problem, Exception inner) : base(Describe(path, problem), inner)
    {
        Path = path;
    }

    private static string Describe(string path, string problem) => $"{path}: {problem}";
}
