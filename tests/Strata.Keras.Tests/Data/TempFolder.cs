using StbImageWriteSharp;

namespace Strata.Keras.Tests.Data;

/// <summary>A temporary folder of small generated files (images written with StbImageWriteSharp, texts, raw bytes),
/// deleted when disposed.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "strata-dirdata-" + Guid.NewGuid().ToString("N"));

    public TempFolder() => Directory.CreateDirectory(Root);

    public string PathOf(string relative) => Path.Join(Root, relative);

    /// <summary>A PNG of <paramref name="channels"/> (1, 2, 3 or 4) whose pixel (y, x) is <paramref name="pixel"/>(y, x).</summary>
    public string Png(string relative, int height, int width, Func<int, int, byte[]> pixel, int channels = 3) =>
        Write(relative, height, width, pixel, channels, (w, data, s) => w.WritePng(data, width, height, Components(channels), s));

    /// <summary>A PNG of one color.</summary>
    public string Png(string relative, int height, int width, params byte[] color) =>
        Png(relative, height, width, (_, _) => color, color.Length);

    public string Jpg(string relative, int height, int width, params byte[] color) =>
        Write(relative, height, width, (_, _) => color, color.Length, (w, data, s) => w.WriteJpg(data, width, height, Components(color.Length), s, 100));

    public string Bmp(string relative, int height, int width, params byte[] color) =>
        Write(relative, height, width, (_, _) => color, color.Length, (w, data, s) => w.WriteBmp(data, width, height, Components(color.Length), s));

    public string Text(string relative, string contents)
    {
        string path = Prepare(relative);
        File.WriteAllText(path, contents);
        return path;
    }

    public string Bytes(string relative, byte[] contents)
    {
        string path = Prepare(relative);
        File.WriteAllBytes(path, contents);
        return path;
    }

    public string Folder(string relative) => Directory.CreateDirectory(PathOf(relative)).FullName;

    private string Write(string relative, int height, int width, Func<int, int, byte[]> pixel, int channels,
        Action<ImageWriter, byte[], Stream> write)
    {
        var data = new byte[height * width * channels];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                pixel(y, x).CopyTo(data, (y * width + x) * channels);
        string path = Prepare(relative);
        using var stream = File.Create(path);
        write(new ImageWriter(), data, stream);
        return path;
    }

    private string Prepare(string relative)
    {
        string path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    private static ColorComponents Components(int channels) => channels switch
    {
        1 => ColorComponents.Grey,
        2 => ColorComponents.GreyAlpha,
        3 => ColorComponents.RedGreenBlue,
        _ => ColorComponents.RedGreenBlueAlpha,
    };

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
    }
}
