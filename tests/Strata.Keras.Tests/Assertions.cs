namespace Strata.Keras.Tests;

internal static class Check
{
    public static void Close(double expected, double actual, double tol = 1e-5, string? what = null)
    {
        double err = Math.Abs(expected - actual);
        Assert.True(err <= tol * Math.Max(1, Math.Abs(expected)), $"{what} expected {expected}, got {actual} (error {err})");
    }

    public static void Close(double[] expected, double[] actual, double tol = 1e-5, string? what = null)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Close(expected[i], actual[i], tol, $"{what}[{i}]");
    }

    public static double[] Values(Tensor t) => tf.Cast(t, DType.Float64).ToArray<double>();
}
