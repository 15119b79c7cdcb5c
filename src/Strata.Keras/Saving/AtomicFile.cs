namespace Strata.Keras.Saving;

/// <summary>
/// Every save goes through here: the content is written to a temporary file in the target's folder (same file
/// system, so the rename is atomic), flushed to disk, then moved over the target. A failure or a kill at any point
/// before the move leaves the previous file untouched; the temporary file is removed on failure.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir)) throw new ModelFileError(path, $"the folder {dir} does not exist.");
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { } // best effort: the target is intact either way
            throw;
        }
    }
}
