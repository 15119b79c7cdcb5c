using Strata.Kernels;
using Xunit;

namespace Strata.Tests.Kernels;

/// <summary>The GEMM tests change process-wide kernel settings (thread count, code path), so they run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GemmSettingsCollection
{
    public const string Name = "Gemm settings";
}

[Collection(GemmSettingsCollection.Name)]
public class GemmTests
{
    // (m, n, k): odd sizes, vectors, block-boundary crossers (KC = 384, NC = 768, MR = 14/8/6, NR = 32/16),
    // few columns (computed transposed)
    // and the shapes a 784-128 dense layer with batch 32 produces (forward and both backward products).
    private static readonly (int m, int n, int k)[] Sizes = BuildSizes();

    private static (int, int, int)[] BuildSizes()
    {
        var list = new List<(int, int, int)>
        {
            (1, 1, 1), (1, 3, 2), (2, 3, 1), (1, 300, 77), (300, 1, 77), (70, 1, 1), (1, 1, 500), (1, 70, 70),
            (14, 32, 384), (28, 64, 385), (15, 33, 769), (5, 9, 13), (18, 40, 11), (22, 31, 7),
            (20, 800, 30), (127, 129, 131), (300, 200, 257),
            (32, 128, 784), (32, 784, 128), (784, 128, 32),
            (64, 2, 64), (128, 10, 32), (33, 15, 40), (100, 7, 300), (2, 64, 64),
        };
        var rng = new Random(1234);
        for (int i = 0; i < 24; i++) list.Add((rng.Next(1, 71), rng.Next(1, 71), rng.Next(1, 71)));
        return [.. list];
    }

    public static TheoryData<bool, bool, int> TransposesAndThreads()
    {
        var data = new TheoryData<bool, bool, int>();
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
                foreach (int t in new[] { 1, 2 })
                    data.Add(ta, tb, t);
        return data;
    }

    [Theory]
    [MemberData(nameof(TransposesAndThreads))]
    public void Sgemm_matches_reference(bool transA, bool transB, int threads)
    {
        // Default settings, then every size through the packed path, with B read in place and with B packed.
        foreach (int? directBMaxRows in new int?[] { null, int.MaxValue, 0 })
            WithSettings(threads, null, () =>
            {
                foreach (var (m, n, k) in Sizes) CheckFloat(transA, transB, m, n, k);
            }, directBMaxRows);
    }

    public static TheoryData<int, bool, bool> PathsAndTransposes() => WithTransposes(Gemm.Isa.Scalar, Gemm.Isa.Vector128, Gemm.Isa.Vector256);

    /// <summary>Every code path (as an int: xunit cannot show an internal enum) with every pair of transposes.</summary>
    private static TheoryData<int, bool, bool> WithTransposes(params Gemm.Isa[] paths)
    {
        var data = new TheoryData<int, bool, bool>();
        foreach (var path in paths)
            foreach (bool ta in new[] { false, true })
                foreach (bool tb in new[] { false, true })
                    data.Add((int)path, ta, tb);
        return data;
    }

    /// <summary>The narrower fallbacks, forced on this machine (only where its hardware runs them).</summary>
    [Theory]
    [MemberData(nameof(PathsAndTransposes))]
    public void Sgemm_fallback_paths_match_reference(int path, bool transA, bool transB)
    {
        var isa = (Gemm.Isa)path;
        if (isa == Gemm.Isa.Vector256)
            Assert.SkipUnless(System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated && System.Runtime.Intrinsics.X86.Fma.IsSupported,
                "the Vector256 path needs Vector256 hardware acceleration and FMA, which this machine (or DOTNET_Enable* setting) lacks");
        if (isa == Gemm.Isa.Vector128)
            Assert.SkipUnless(System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated,
                "the Vector128 path needs Vector128 hardware acceleration, which this machine (or DOTNET_Enable* setting) lacks");
        foreach (int? directBMaxRows in new int?[] { int.MaxValue, 0 })
            WithSettings(2, isa, () =>
            {
                foreach (var (m, n, k) in Sizes) CheckFloat(transA, transB, m, n, k);
            }, directBMaxRows);
    }

    public static TheoryData<int, bool, bool> AllPathsAndTransposes() => WithTransposes(Enum.GetValues<Gemm.Isa>());

    /// <summary>SgemmAccumulate adds the product to what c holds, on every path this machine runs: the tiny products'
    /// scratch product, and the blocked path with B read in place and packed, whose edge tiles merge into c.</summary>
    [Theory]
    [MemberData(nameof(AllPathsAndTransposes))]
    public void SgemmAccumulate_adds_the_product_to_c(int path, bool transA, bool transB)
    {
        var isa = (Gemm.Isa)path;
        Assert.SkipWhen(isa > Gemm.Path, $"the {isa} path is wider than the widest this machine runs ({Gemm.Path})");
        foreach (int? directBMaxRows in new int?[] { null, int.MaxValue, 0 })
            WithSettings(1, isa, () =>
            {
                foreach (var (m, n, k) in Sizes) CheckAccumulate(transA, transB, m, n, k);
            }, directBMaxRows);
    }

    private static void CheckAccumulate(bool transA, bool transB, int m, int n, int k)
    {
        var rng = new Random(m * 7_000_001 + n * 307 + k);
        var a = RandomFloats(rng, m * k);
        var b = RandomFloats(rng, k * n);
        var c0 = RandomFloats(rng, m * n);
        var c = (float[])c0.Clone();
        Gemm.SgemmAccumulate(transA, transB, m, n, k, a, b, c);
        var (product, absSum) = Reference(transA, transB, m, n, k, a.Select(v => (double)v).ToArray(), b.Select(v => (double)v).ToArray());
        double rel = (k + 3) * 6e-8;
        for (int i = 0; i < m * n; i++)
        {
            double expected = c0[i] + product[i], err = Math.Abs(c[i] - expected);
            if (!(err <= rel * (absSum[i] + Math.Abs(c0[i])) + 1e-30))
                Assert.Fail($"SgemmAccumulate(transA={transA}, transB={transB}) m={m} n={n} k={k} path={Gemm.Path}: " +
                            $"c[{i / n},{i % n}] = {c[i]}, expected {c0[i]} + {product[i]} = {expected} (error {err:G3})");
        }
    }

    /// <summary>Products with many rows on two threads share packed B blocks between the threads: several
    /// column and k blocks, so that both B buffers are reused and later k blocks accumulate.</summary>
    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void Sgemm_shared_b_blocks_match_reference(bool transA, bool transB)
    {
        WithSettings(2, null, () =>
        {
            CheckFloat(transA, transB, 230, 520, 800);
            CheckFloat(transA, transB, 300, 45, 70);
            CheckFloat(transA, transB, 224, 800, 400);
        });
    }

    /// <summary>Few rows times a transposed B, computed as Cᵀ = B·op(A)ᵀ with B's rows read in place
    /// (<see cref="GemmTransB"/>): row counts on both sides of the 16- and 32-wide panels and of the row
    /// limit, column counts that end in a full or partial block of 14 or 8, k from 1 to several K blocks of
    /// at most 512 (and 2048, whose rows 8 KB apart take the packed path); on two threads the grid also
    /// hands it blocks that start inside A and end inside C's rows.</summary>
    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 1)]
    [InlineData(false, 2)]
    [InlineData(true, 2)]
    public void Sgemm_few_rows_times_transposed_b_matches_reference(bool transA, int threads)
    {
        WithSettings(threads, null, () =>
        {
            foreach (int m in new[] { 2, 3, 8, 15, 16, 17, 31, 32, 33, 47, 63, 64, 65, 97 })
                foreach (int n in new[] { 5, 9, 14, 15, 22, 23, 28, 29, 100 })
                    foreach (int k in new[] { 1, 5, 128, 512, 513, 1100, 2048 })
                        CheckFloat(transA, true, m, n, k);
        }, directBMaxRows: int.MaxValue);
    }

    /// <summary>Few rows, neither operand transposed: both read in place (<see cref="GemmInPlace"/>). Row
    /// counts that end in a full or partial block of 14 or 8, column counts with and without a partial
    /// panel (16- and 32-wide), k across the in-place K block (400) and its boundary.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Sgemm_few_rows_in_place_matches_reference(int threads)
    {
        WithSettings(threads, null, () =>
        {
            foreach (int m in new[] { 2, 3, 8, 9, 14, 15, 22, 23, 29, 32, 44, 128 })
                foreach (int n in new[] { 5, 16, 17, 32, 33, 100 })
                    foreach (int k in new[] { 1, 7, 400, 401, 801 })
                        CheckFloat(false, false, m, n, k);
        }, directBMaxRows: int.MaxValue);
    }

    /// <summary>A transposed A with small k is read in place by the k-major kernels (whole micro-panels only;
    /// a partial one, or rows 4 KB apart, is packed): row counts ending in full and partial blocks on every
    /// code path, k on both sides of the in-place limit (128).</summary>
    [Theory]
    [InlineData((int)Gemm.Isa.Vector128)]
    [InlineData((int)Gemm.Isa.Vector256)]
    [InlineData((int)Gemm.Isa.Vector512)]
    public void Sgemm_transposed_a_read_in_place_matches_reference(int path)
    {
        var isa = (Gemm.Isa)path;
        Assert.SkipWhen(isa > Gemm.Path, $"the {isa} path is wider than the widest this machine runs ({Gemm.Path})");
        foreach (int threads in new[] { 1, 2 })
            WithSettings(threads, isa, () =>
            {
                foreach (int m in new[] { 6, 8, 14, 15, 22, 29, 100, 1024 })
                    foreach (int n in new[] { 10, 33 })
                        foreach (int k in new[] { 1, 31, 128, 129 })
                            foreach (bool transB in new[] { false, true })
                                CheckFloat(true, transB, m, n, k);
            }, directBMaxRows: int.MaxValue);
    }

    /// <summary>The transposing store of Cᵀ tiles into C (8 x 8 and, for 9 to 16 rows, 16 x 16 transposes):
    /// every row and column count of a tile, with room for exactly the rows, for 16 and for more; nothing
    /// past the writable width or the columns may change.</summary>
    [Fact]
    public unsafe void TransposeStore_writes_exactly_the_transposed_tile()
    {
        Assert.SkipUnless(System.Runtime.Intrinsics.X86.Avx.IsSupported, "GemmPack.TransposeStore is the AVX (x86) store; Avx.IsSupported is false here");
        const int lds = 32, ldd = 48;
        var src = new float[16 * lds];
        for (int i = 0; i < src.Length; i++) src[i] = i + 1;
        foreach (int rows in Enumerable.Range(1, 16))
            foreach (int cols in Enumerable.Range(1, 32))
                foreach (int writable in new[] { rows, Math.Max(rows, 16), 40 })
                {
                    var dst = Enumerable.Repeat(float.NaN, 33 * ldd).ToArray();
                    fixed (float* s = src, d = dst)
                        GemmPack.TransposeStore(s, lds, rows, cols, d, ldd, writable);
                    for (int c = 0; c < 33; c++)
                        for (int r = 0; r < ldd; r++)
                        {
                            float v = dst[c * ldd + r];
                            bool inside = c < cols && r < writable;
                            if (c < cols && r < rows) Assert.Equal(src[r * lds + c], v);
                            else if (!inside) Assert.True(float.IsNaN(v), $"rows={rows} cols={cols} writable={writable}: dst[{c},{r}] = {v} written");
                        }
                }
    }

    [Fact]
    public void Sgemm_overwrites_c_and_leaves_the_rest_alone()
    {
        var a = new float[] { 1, 2 };             // 1 x 2
        var b = new float[] { 1, 2, 3, 4, 5, 6 }; // 2 x 3
        var c = new float[] { float.NaN, float.NaN, float.NaN, 42 };
        Gemm.Sgemm(false, false, 1, 3, 2, a, b, c);
        Assert.Equal(new float[] { 9, 12, 15, 42 }, c);
    }

    [Fact]
    public void Sgemm_with_k_zero_gives_zeros()
    {
        var c = new float[] { 1, 2, 3, 4, 5, 6 };
        Gemm.Sgemm(false, false, 2, 3, 0, [], [], c);
        Assert.All(c, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Sgemm_rejects_short_buffers()
    {
        Assert.Throws<ArgumentException>(() => Gemm.Sgemm(false, false, 2, 2, 2, new float[3], new float[4], new float[4]));
        Assert.Throws<ArgumentException>(() => Gemm.Sgemm(false, false, 2, 2, 2, new float[4], new float[4], new float[3]));
    }

    [Theory]
    [MemberData(nameof(TransposesAndThreads))]
    public void Dgemm_matches_reference(bool transA, bool transB, int threads)
    {
        WithSettings(threads, null, () =>
        {
            foreach (var (m, n, k) in new[] { (1, 1, 1), (1, 3, 2), (7, 5, 3), (33, 17, 65), (64, 70, 50), (127, 129, 131) })
            {
                var rng = new Random(m * 1000 + n * 10 + k);
                var a = RandomDoubles(rng, m * k);
                var b = RandomDoubles(rng, k * n);
                var c = Enumerable.Repeat(double.NaN, m * n).ToArray();
                Gemm.Dgemm(transA, transB, m, n, k, a, b, c);
                var (expected, absSum) = Reference(transA, transB, m, n, k, a, b);
                for (int i = 0; i < m * n; i++)
                    Assert.True(Math.Abs(c[i] - expected[i]) <= 1e-13 * absSum[i] + 1e-300,
                        $"Dgemm({transA},{transB}) {m}x{n}x{k}: c[{i}] = {c[i]}, expected {expected[i]}");
            }
        });
    }

    private static void CheckFloat(bool transA, bool transB, int m, int n, int k)
    {
        var rng = new Random(m * 1_000_003 + n * 1009 + k);
        var a = RandomFloats(rng, m * k);
        var b = RandomFloats(rng, k * n);
        var c = Enumerable.Repeat(float.NaN, m * n).ToArray();
        Gemm.Sgemm(transA, transB, m, n, k, a, b, c);
        var (expected, absSum) = Reference(transA, transB, m, n, k, a.Select(v => (double)v).ToArray(), b.Select(v => (double)v).ToArray());
        // Float rounding: each of the k products and sums errs by at most ~k·eps relative to Σ|a·b|.
        double rel = (k + 2) * 6e-8;
        for (int i = 0; i < m * n; i++)
        {
            double err = Math.Abs(c[i] - expected[i]);
            if (!(err <= rel * absSum[i] + 1e-30))
                Assert.Fail($"Sgemm(transA={transA}, transB={transB}) m={m} n={n} k={k} path={Gemm.Path} threads={Parallelism.MaxThreads}: " +
                            $"c[{i / n},{i % n}] = {c[i]}, expected {expected[i]} (error {err:G3}, allowed {rel * absSum[i]:G3})");
        }
    }

    /// <summary>Triple loop in double: op(A)·op(B) and Σ|op(A)·op(B)| for the error bound.</summary>
    private static (double[] c, double[] absSum) Reference(bool transA, bool transB, int m, int n, int k, double[] a, double[] b)
    {
        var c = new double[m * n];
        var s = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double acc = 0, abs = 0;
                for (int p = 0; p < k; p++)
                {
                    double x = transA ? a[p * m + i] : a[i * k + p];
                    double y = transB ? b[j * k + p] : b[p * n + j];
                    acc += x * y;
                    abs += Math.Abs(x * y);
                }
                c[i * n + j] = acc;
                s[i * n + j] = abs;
            }
        return (c, s);
    }

    private static float[] RandomFloats(Random rng, int count)
    {
        var v = new float[count];
        for (int i = 0; i < count; i++) v[i] = (float)(rng.NextDouble() * 2 - 1);
        return v;
    }

    private static double[] RandomDoubles(Random rng, int count)
    {
        var v = new double[count];
        for (int i = 0; i < count; i++) v[i] = rng.NextDouble() * 2 - 1;
        return v;
    }

    /// <summary>Runs <paramref name="body"/> with the given thread count and code path; with more than one
    /// thread, even small products are split so that the threaded code is exercised. A non-null
    /// <paramref name="directBMaxRows"/> also sends tiny products through the packed path.</summary>
    private static void WithSettings(int threads, Gemm.Isa? path, Action body, int? directBMaxRows = null)
    {
        int oldThreads = Parallelism.MaxThreads, oldDirect = Gemm.DirectBMaxRows;
        double oldMinFlops = Gemm.MinFlopsPerThread;
        long oldSmall = Gemm.SmallVolume;
        var oldPath = Gemm.Path;
        try
        {
            Parallelism.MaxThreads = threads;
            if (threads > 1) Gemm.MinFlopsPerThread = 1;
            if (path is { } p) Gemm.Path = p;
            if (directBMaxRows is { } d) { Gemm.DirectBMaxRows = d; Gemm.SmallVolume = 0; }
            body();
        }
        finally
        {
            Parallelism.MaxThreads = oldThreads;
            Gemm.MinFlopsPerThread = oldMinFlops;
            Gemm.SmallVolume = oldSmall;
            Gemm.DirectBMaxRows = oldDirect;
            Gemm.Path = oldPath;
        }
    }
}
