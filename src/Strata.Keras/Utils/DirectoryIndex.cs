namespace Strata.Keras.Utils;

/// <summary>
/// Keras's <c>dataset_utils.index_directory</c>: the files of a directory with their labels and class names, in
/// Keras's order. With inferred labels each subfolder (not starting with ".") is a class, in alphanumeric order
/// (or the order of the given class names); its files are found recursively, folder by folder in sorted path
/// order and each folder's files sorted, as Keras sorts <c>os.walk</c>'s output; only files whose lower-cased name
/// ends with an allowed extension count. With explicit labels or none the whole tree is indexed from the top. Prints
/// "Found N files belonging to K classes." (or "Found N files."), then shuffles the list with NumPy's RandomState
/// and the seed, as Keras does, so a seed picks the same files for each subset as in Python.
/// </summary>
internal static class DirectoryIndex
{
    /// <summary>Where the labels come from: the subfolders, a list the caller gives, or nowhere.</summary>
    public enum LabelSource { Inferred, Explicit, None }

    /// <summary>The indexed files (directory joined with their relative paths), their labels (null without labels)
    /// and the class names (null without labels).</summary>
    public sealed record Result(List<string> Paths, int[]? Labels, List<string>? ClassNames);

    // os.walk lists hidden entries too and skips what it cannot read.
    private static readonly EnumerationOptions Listing = new()
    {
        AttributesToSkip = 0,
        IgnoreInaccessible = true,
        RecurseSubdirectories = false,
        ReturnSpecialDirectories = false,
    };

    public static Result Index(string fn, string directory, LabelSource source, IReadOnlyList<int>? explicitLabels,
        IReadOnlyList<string>? classNames, IReadOnlyList<string> formats, bool shuffle, long seed, bool followLinks, bool verbose)
    {
        Guard.NotNull(directory, fn, "directory");
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"{fn}: the directory '{directory}' does not exist.");
        if (shuffle && (seed < 0 || seed > uint.MaxValue))
            throw new InvalidArgumentError($"{fn}: Seed must be between 0 and 2**32 - 1, received: seed={seed}");

        List<string> subdirs;
        if (source == LabelSource.Inferred)
        {
            subdirs = Directory.EnumerateFileSystemEntries(directory, "*", Listing)
                .Select(Path.GetFileName).OfType<string>()
                .Order(StringComparer.Ordinal)
                .Where(name => Directory.Exists(Path.Join(directory, name)) && !name.StartsWith('.'))
                .ToList();
            if (classNames is not null)
            {
                if (!classNames.All(subdirs.Contains))
                    throw new InvalidArgumentError(
                        $"{fn}: The `class_names` passed did not match the names of the subdirectories of the target directory. " +
                        $"Expected: {DatasetUtils.PyList(subdirs)} (or a subset of it), but received: class_names={DatasetUtils.PyList(classNames)}");
                subdirs = classNames.ToList();   // the order given
            }
        }
        else
        {
            subdirs = [""];
            if (classNames is not null)
                throw new InvalidArgumentError(source == LabelSource.None
                    ? $"{fn}: When `labels=None` (no labels), argument `class_names` cannot be specified."
                    : $"{fn}: When argument `labels` is specified, argument `class_names` cannot be specified (the `class_names` will be the sorted list of labels).");
        }
        var classIndices = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < subdirs.Count; i++) classIndices[subdirs[i]] = i;   // Python's dict(zip(…)): the last wins

        var relative = new List<string>();
        var inferred = new List<int>();
        foreach (var subdir in subdirs)
        {
            string top = subdir.Length == 0 ? directory : Path.Join(directory, subdir);
            foreach (var file in ValidFiles(top, followLinks, formats))
            {
                relative.Add(Path.Join(subdir, Path.GetRelativePath(top, file)));
                inferred.Add(classIndices[subdir]);
            }
        }

        int[]? labels;
        List<string>? names;
        switch (source)
        {
            case LabelSource.Inferred:
                (labels, names) = (inferred.ToArray(), subdirs);
                break;
            case LabelSource.None:
                (labels, names) = (null, null);
                break;
            default:
                if (explicitLabels!.Count != relative.Count)
                    throw new InvalidArgumentError(
                        $"{fn}: Expected the lengths of `labels` to match the number of files in the target directory. len(labels) is " +
                        $"{explicitLabels.Count} while we found {relative.Count} files in directory {directory}.");
                labels = explicitLabels.ToArray();
                names = labels.Distinct().Order().Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
                break;
        }
        if (verbose)
            Console.Out.Write(names is null
                ? $"Found {relative.Count} files.\n"
                : $"Found {relative.Count} files belonging to {names.Count} classes.\n");

        var paths = relative.Select(r => Path.Join(directory, r)).ToList();
        if (shuffle)
        {
            // Globally, to erase the folders' order: the paths and then the labels, each with a fresh RandomState(seed).
            new NumpyRandomState((uint)seed).Shuffle(paths);
            if (labels is not null) new NumpyRandomState((uint)seed).Shuffle(labels);
        }
        return new Result(paths, labels, names);
    }

    /// <summary>Keras's iter_valid_files: the allowed files under <paramref name="top"/>, folder by folder in sorted
    /// path order, each folder's names sorted (ordinal, as Python sorts strings).</summary>
    private static IEnumerable<string> ValidFiles(string top, bool followLinks, IReadOnlyList<string> formats)
    {
        foreach (var (root, files) in Walk(top, followLinks).OrderBy(w => w.Root, StringComparer.Ordinal))
            foreach (var name in files.Order(StringComparer.Ordinal))
            {
                string lower = name.ToLowerInvariant();
                if (formats.Any(f => lower.EndsWith(f, StringComparison.Ordinal))) yield return Path.Join(root, name);
            }
    }

    /// <summary>
    /// <c>os.walk(top, followlinks)</c>: every folder under <paramref name="top"/> with the names of its non-folder
    /// entries (a link to a file, or a broken link, is a file). Links to folders are entered only with
    /// <paramref name="followLinks"/>, and never when they lead back to a folder being walked (os.walk would loop
    /// until the path grows too long). A folder that cannot be listed is skipped, as os.walk skips it.
    /// </summary>
    private static List<(string Root, List<string> Files)> Walk(string top, bool followLinks)
    {
        var walked = new List<(string, List<string>)>();
        var pending = new Stack<(string Path, string Resolved)>();
        pending.Push((top, Resolve(new DirectoryInfo(top))));
        while (pending.Count > 0)
        {
            var (root, resolved) = pending.Pop();
            FileSystemInfo[] entries;
            try
            {
                entries = new DirectoryInfo(root).GetFileSystemInfos("*", Listing);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            var files = new List<string>();
            foreach (var entry in entries)
            {
                if (entry is not DirectoryInfo folder)
                {
                    files.Add(entry.Name);
                    continue;
                }
                bool link = folder.LinkTarget is not null;
                if (link && !followLinks) continue;
                string target = link ? Resolve(folder) : Path.Join(resolved, folder.Name);
                if (link && (resolved == target || resolved.StartsWith(target + Path.DirectorySeparatorChar, StringComparison.Ordinal))) continue;
                pending.Push((Path.Join(root, folder.Name), target));
            }
            walked.Add((root, files));
        }
        return walked;
    }

    private static string Resolve(DirectoryInfo folder)
    {
        try
        {
            return Path.TrimEndingDirectorySeparator(folder.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? folder.FullName);
        }
        catch (IOException)
        {
            return Path.TrimEndingDirectorySeparator(folder.FullName);
        }
    }
}
