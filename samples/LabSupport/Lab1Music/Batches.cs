namespace Lab1Music;

/// <summary>The lab's get_batch and its three checks (mitdeeplearning.lab1's test_batch_func_*), which print
/// [PASS] or [FAIL] lines.</summary>
public static class Batches
{
    /// <summary>batch_size random windows of seq_length characters (x) and the same windows one character on (y).</summary>
    public static (long[,] X, long[,] Y) GetBatch(long[] vectorizedSongs, int seqLength, int batchSize, Random rng)
    {
        int n = vectorizedSongs.Length - 1;
        var x = new long[batchSize, seqLength];
        var y = new long[batchSize, seqLength];
        for (int b = 0; b < batchSize; b++)
        {
            int i = rng.Next(n - seqLength);   // np.random.choice(n - seq_length, batch_size)
            for (int t = 0; t < seqLength; t++)
            {
                x[b, t] = vectorizedSongs[i + t];
                y[b, t] = vectorizedSongs[i + t + 1];
            }
        }
        return (x, y);
    }

    public static bool RunChecks(long[] vectorizedSongs, Random rng)
    {
        const int seqLength = 10, batchSize = 2;
        bool ok = true;
        void Check(bool pass, string name, string failure)
        {
            Console.WriteLine(pass ? $"[PASS] {name}" : $"[FAIL] {name}: {failure}");
            ok &= pass;
        }
        var (x, y) = GetBatch(vectorizedSongs, seqLength, batchSize, rng);
        Check(x is not null && y is not null, "test_batch_func_types", "get_batch must return two arrays (input and label)");
        Check(x!.GetLength(0) == batchSize && x.GetLength(1) == seqLength && y!.GetLength(0) == batchSize && y.GetLength(1) == seqLength,
            "test_batch_func_shapes", $"x and y must have shape ({batchSize}, {seqLength})");
        (x, y) = GetBatch(vectorizedSongs, seqLength, batchSize, rng);
        bool shifted = true;
        for (int b = 0; b < batchSize; b++)
            for (int t = 1; t < seqLength; t++)
                shifted &= x[b, t] == y![b, t - 1];
        Check(shifted, "test_batch_func_next_step", "x_{t} must equal y_{t-1} for all t");
        Console.WriteLine(ok ? "======\n[PASS] passed all tests!" : "======\n[FAIL] could not pass tests");
        return ok;
    }
}
