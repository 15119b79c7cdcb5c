namespace Strata.Datasets;

/// <summary>
/// Where an MNIST-like data set is looked for, in order: its own environment variable
/// (e.g. <c>STRATA_FASHION_MNIST_DIR</c>), <c>$STRATA_DATA_DIR/&lt;name&gt;</c>, the per-user folder
/// <c>~/.strata/datasets/&lt;name&gt;</c>, then the system folder a Debian package installs to.
/// The first folder that holds all four files wins.
/// </summary>
public sealed record DatasetLocation(
    string Name,            // folder name, e.g. "fashion-mnist"
    string EnvVar,          // e.g. "STRATA_FASHION_MNIST_DIR"
    string SystemDir,       // e.g. "/usr/share/datasets/fashion-mnist"
    string HowToGet)        // the lines of the error message that say how to install it
{
    /// <summary>The environment variable naming a folder that holds every data set, one subfolder each.</summary>
    public const string DataDirEnvVar = "STRATA_DATA_DIR";

    /// <summary>The four files of an MNIST-like set, as Debian and the original sites name them
    /// (gzipped); the unpacked name, and the dotted variant some mirrors use, are accepted too.</summary>
    public static readonly string[] FileStems =
        ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    /// <summary>The folders looked at, in order, with where each came from (for the error message).</summary>
    public IReadOnlyList<(string Folder, string Source)> Candidates(Func<string, string?>? getEnv = null, string? home = null)
    {
        getEnv ??= Environment.GetEnvironmentVariable;
        home ??= Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var list = new List<(string, string)>();
        if (getEnv(EnvVar) is { Length: > 0 } own) list.Add((own, $"${EnvVar}"));
        if (getEnv(DataDirEnvVar) is { Length: > 0 } root) list.Add((Path.Combine(root, Name), $"${DataDirEnvVar}/{Name}"));
        if (home.Length > 0) list.Add((Path.Combine(home, ".strata", "datasets", Name), "per-user folder"));
        list.Add((SystemDir, "system folder"));
        return list;
    }

    /// <summary>The path of one file in <paramref name="folder"/>, whichever of its accepted names exists; null if none.</summary>
    public static string? FindFile(string folder, string stem)
    {
        string dotted = stem.Replace("-idx", ".idx");   // train-images.idx3-ubyte
        foreach (var name in new[] { stem + ".gz", stem, dotted + ".gz", dotted })
        {
            var p = Path.Combine(folder, name);
            if (File.Exists(p)) return p;
        }
        return null;
    }

    /// <summary>The four file paths (in <see cref="FileStems"/> order) from <paramref name="directory"/> if given,
    /// else from the first candidate folder that holds them all.</summary>
    public string[] Resolve(string? directory = null, Func<string, string?>? getEnv = null, string? home = null)
    {
        var candidates = directory is null
            ? Candidates(getEnv, home)
            : [(directory, "directory argument")];
        foreach (var (folder, _) in candidates)
        {
            var files = FileStems.Select(s => FindFile(folder, s)).ToArray();
            if (files.All(f => f is not null)) return files!;
        }
        throw new DatasetNotFoundError(NotFoundMessage(candidates));
    }

    private string NotFoundMessage(IReadOnlyList<(string Folder, string Source)> looked)
    {
        var lines = new List<string>
        {
            $"The {Name} data set was not found. Looked for {string.Join(", ", FileStems.Select(s => s + "[.gz]"))} in:",
        };
        foreach (var (folder, source) in looked)
        {
            var missing = FileStems.Where(s => FindFile(folder, s) is null).ToArray();
            string state = !Directory.Exists(folder) ? "folder does not exist"
                : $"missing {string.Join(", ", missing)}";
            lines.Add($"  {folder}  ({source}: {state})");
        }
        lines.Add(HowToGet);
        lines.Add($"Or put the four files in a folder and set {EnvVar}=/that/folder " +
                  $"(or {DataDirEnvVar}=/parent, holding {Name}/), or copy them to ~/.strata/datasets/{Name}/.");
        return string.Join(Environment.NewLine, lines);
    }
}
