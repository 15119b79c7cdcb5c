namespace Lab1;

/// <summary>Prints a [PASS]/[FAIL] line per check and remembers whether any failed (the exit code).</summary>
public static class Checks
{
    public static int Failed { get; private set; }

    public static void Check(bool ok, string what)
    {
        Console.WriteLine($"[{(ok ? "PASS" : "FAIL")}] {what}");
        if (!ok) Failed++;
    }

    /// <summary>MIT's <c>test_custom_dense_layer_output</c>: shape (1, 3) and <c>np.array_equal</c> with the expected
    /// array, every float bit for bit; a failure prints both arrays.</summary>
    public static void CheckCustomDenseLayerOutput(Strata.Tensor y, float[,] expected, string seeding)
    {
        var got = y.ToArray<float>();
        var want = new float[expected.Length];
        System.Buffer.BlockCopy(expected, 0, want, 0, want.Length * sizeof(float));
        bool ok = y.Shape == new Strata.Shape(expected.GetLength(0), expected.GetLength(1)) && got.SequenceEqual(want);
        string Show(float[] v) => "[[" + string.Join(" ", v.Select(f => f.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "]]";
        Check(ok, ok
            ? $"test_custom_dense_layer_output ({seeding}: {Show(got)} equals MIT's array exactly)"
            : $"test_custom_dense_layer_output ({seeding}): got {Show(got)}, MIT expects {Show(want)}");
    }
}
