using System.Runtime.InteropServices;
using Strata.Keras.Layers;
using Strata.Keras.Models;

namespace Strata.Keras.Tests.Saving;

/// <summary>Shared by the saving tests: a temporary folder per test, the real Keras fixtures (../shared), tiny models.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "strata-saving-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}

internal static class SavingFiles
{
    /// <summary>The folder of the real Keras files: $STRATA_SHARED/fixtures/keras or shared/fixtures/keras next to an
    /// ancestor of the test binary (the repository's ../shared); null when absent (tests skip).</summary>
    public static string? FixturesDir
    {
        get
        {
            if (Environment.GetEnvironmentVariable("STRATA_SHARED") is { Length: > 0 } env && Directory.Exists(System.IO.Path.Combine(env, "fixtures", "keras")))
                return System.IO.Path.Combine(env, "fixtures", "keras");
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = System.IO.Path.Combine(dir.FullName, "shared", "fixtures", "keras");
                if (Directory.Exists(candidate)) return candidate;
            }
            return null;
        }
    }

    public static string Fixture(string name)
    {
        var dir = FixturesDir;
        Assert.SkipWhen(dir is null, "the Keras fixtures (../shared/fixtures/keras) are not present");
        var path = System.IO.Path.Combine(dir!, name);
        Assert.SkipUnless(System.IO.File.Exists(path), $"{path} is not present");
        return path;
    }

    public static string Malformed(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Saving", "Files", name);

    /// <summary>Heavy checks (10,000-image accuracy) skip under emulated Arm64, where they take ~20x longer.</summary>
    public static bool UnderArm64 => RuntimeInformation.ProcessArchitecture == Architecture.Arm64;

    /// <summary>Four 28x28 images of a deterministic pattern: pixel (r, c) of image i is ((r(i+1) + c(3 - i mod 3)) mod 29) / 28,
    /// the same formula as the NumPy script whose numbers the fixture tests compare against.</summary>
    public static Tensor PatternImages()
    {
        var x = new float[4, 28, 28];
        for (int i = 0; i < 4; i++)
            for (int r = 0; r < 28; r++)
                for (int c = 0; c < 28; c++)
                    x[i, r, c] = (float)(((r * (i + 1) + c * (3 - i % 3)) % 29) / 28.0);
        return tf.Constant(x);
    }

    public static Sequential TinyMlp(string? name = null, double dropout = 0.25)
    {
        keras.SetRandomSeed(7);
        return new Sequential([new InputLayer([4]), new Dense(5, activation: "relu"), new Dropout(dropout), new Dense(3, activation: "softmax")], name);
    }

    public static Tensor TinyInputs(int n = 6)
    {
        var x = new float[n, 4];
        for (int i = 0; i < n; i++) for (int j = 0; j < 4; j++) x[i, j] = (float)Math.Sin(i * 4 + j);
        return tf.Constant(x);
    }

    public static Tensor TinyLabels(int n = 6) => tf.Constant(Enumerable.Range(0, n).Select(i => (long)(i % 3)).ToArray());

    public static void AssertSameWeights(Model expected, Model actual)
    {
        var a = expected.GetWeights();
        var b = actual.GetWeights();
        Assert.Equal(a.Length, b.Length);
        for (int i = 0; i < a.Length; i++)
        {
            Assert.Equal(a[i].Shape, b[i].Shape);
            Assert.Equal(a[i].ToArray<float>(), b[i].ToArray<float>());
        }
    }
}
