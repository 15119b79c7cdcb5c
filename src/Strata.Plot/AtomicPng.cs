namespace Strata.Plot;

/// <summary>Writes a PNG to a temporary file beside the target and renames it over the target, so that a
/// reader (a viewer, CI collecting artifacts) never sees a half-written image.</summary>
internal static class AtomicPng
{
    public static string Save(string path, Action<string> write)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var tmp = full + ".tmp-" + Environment.ProcessId + ".png";
        try
        {
            write(tmp);
            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
        return full;
    }
}
