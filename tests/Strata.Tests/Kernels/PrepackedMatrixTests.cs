using Strata.Kernels;

namespace Strata.Tests.Kernels;

/// <summary>A matrix packed once and multiplied many times gives Sgemm's products, at every shape edge: rows below and
/// above a micro-kernel's height, columns not a multiple of a panel, depths not a multiple of a block, one thread or two.</summary>
public class PrepackedMatrixTests
{
    [Theory]
    [InlineData(8, 1024, 4096)]
    [InlineData(1, 3, 5)]
    [InlineData(5, 385, 33)]
    [InlineData(8, 1000, 17)]
    [InlineData(13, 777, 100)]
    [InlineData(3, 24, 6)]       // the fused LSTM test's backward product (6-row panels on Vector256 overran their buffer once)
    [InlineData(70, 50, 40)]     // rows in several blocks of the micro-kernel's height
    public void Multiply_equals_Sgemm(int m, int k, int n)
    {
        var rng = new Random(m * 7919 + k * 31 + n);
        float[] Rand(int count) => Enumerable.Range(0, count).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var a = Rand(m * k);
        var b = Rand(k * n);
        var expected = new float[m * n];
        Gemm.Sgemm(false, false, m, n, k, a, b, expected);
        var bt = new float[n * k];   // the same matrix stored transposed (n × k), packed with transposed: true
        for (int r = 0; r < k; r++)
            for (int j = 0; j < n; j++) bt[j * k + r] = b[r * n + j];
        foreach (var packed in new[] { new PrepackedMatrix(b, k, n), new PrepackedMatrix(bt, k, n, transposed: true) })
        foreach (int threads in new[] { 1, 2 })
        {
            int saved = Parallelism.MaxThreads;
            Parallelism.MaxThreads = threads;
            try
            {
                var c = new float[m * n];
                Array.Fill(c, float.NaN);   // every element must be written
                packed.Multiply(m, a, c);
                for (int i = 0; i < c.Length; i++)
                    Assert.True(Math.Abs(expected[i] - c[i]) <= 1e-4f * (1 + Math.Abs(expected[i])), $"threads {threads}, element {i}: Sgemm {expected[i]}, prepacked {c[i]}");
            }
            finally
            {
                Parallelism.MaxThreads = saved;
            }
        }
    }
}
