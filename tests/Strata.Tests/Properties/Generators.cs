using CsCheck;

namespace Strata.Tests.Properties;

/// <summary>What kinds of values a generated tensor holds.</summary>
internal enum Values
{
    /// <summary>Small integers (exact in every dtype, many ties) and moderate fractions.</summary>
    Plain,
    /// <summary>Plain values plus NaN, ±inf and -0 (no overflow in float arithmetic on them).</summary>
    Special,
    /// <summary>Anything: NaN, ±inf, huge values, subnormals, the integer extremes.</summary>
    Wild,
    /// <summary>Small non-negative integers 0..3 (indices, class labels).</summary>
    Index,
}

/// <summary>
/// A tensor to make: shape, dtype and a seed for its values. The values are drawn from the seed by a SplitMix64
/// stream rather than element by element through CsCheck (a 7776-element tensor would otherwise cost thousands of
/// generator calls); CsCheck still shrinks the shape, the dtype and the seed, and the case is reproduced exactly.
/// </summary>
internal sealed record TensorSpec(int[] Dims, DType DType, ulong Seed, Values Kind)
{
    public int Size
    {
        get
        {
            int n = 1;
            foreach (var d in Dims) n *= d;
            return n;
        }
    }

    public Tensor Make()
    {
        var rng = new SplitMix(Seed);
        int n = Size;
        if (Kind == Values.Index)
            return tf.Cast(tf.Constant(Fill(n, () => (int)(rng.Next() % 4)), shape: new Shape(Dims)), DType);
        Array values = DType switch
        {
            DType.Float32 => Fill(n, () => (float)FloatValue(ref rng, Kind, single: true)),
            DType.Float64 => Fill(n, () => FloatValue(ref rng, Kind, single: false)),
            DType.Int32 => Fill(n, () => (int)IntValue(ref rng, Kind, int.MinValue, int.MaxValue)),
            DType.Int64 => Fill(n, () => IntValue(ref rng, Kind, long.MinValue, long.MaxValue)),
            DType.UInt8 => Fill(n, () => (byte)IntValue(ref rng, Kind == Values.Plain ? Values.Plain : Values.Wild, 0, 255, unsigned: true)),
            _ => Fill(n, () => (rng.Next() & 1) == 1),
        };
        return tf.Constant(values, dtype: DType, shape: new Shape(Dims));
    }

    private static T[] Fill<T>(int n, Func<T> next)
    {
        var a = new T[n];
        for (int i = 0; i < n; i++) a[i] = next();
        return a;
    }

    private static double FloatValue(ref SplitMix rng, Values kind, bool single)
    {
        int pick = (int)(rng.Next() % 100);
        double unit = (rng.Next() >> 11) * (1.0 / (1UL << 53));
        if (kind != Values.Plain)
        {
            if (pick < 4) return double.NaN;
            if (pick < 7) return double.PositiveInfinity;
            if (pick < 10) return double.NegativeInfinity;
            if (pick < 12) return -0.0;
            if (kind == Values.Wild)
            {
                if (pick < 17) return (unit < 0.5 ? -1 : 1) * (single ? 3e38 : 1e307) * (0.5 + unit);
                if (pick < 19) return (unit < 0.5 ? -1 : 1) * (single ? 1e-42 : 1e-310);
            }
        }
        if (pick < 70) return Math.Floor(unit * 9) - 4; // -4 .. 4
        return Math.Round((unit - 0.5) * 20, 3);
    }

    private static long IntValue(ref SplitMix rng, Values kind, long min, long max, bool unsigned = false)
    {
        int pick = (int)(rng.Next() % 100);
        ulong raw = rng.Next();
        if (kind == Values.Wild && pick < 10) return (raw & 1) == 0 ? min : max;
        if (kind == Values.Wild && pick < 20)
            return unsigned ? (long)(raw % 256) : max == int.MaxValue ? (int)raw : (long)raw;
        return unsigned ? (long)(raw % 8) : (long)(raw % 11) - 5;
    }

    public override string ToString()
    {
        var t = Make();
        string vals = Size <= 64 ? " " + t.Numpy().ToString().Replace("\n", " ") : "";
        return $"{DType.Name()}({string.Join(", ", Dims)}) seed {Seed}{vals}";
    }
}

internal struct SplitMix(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

internal static class G
{
    /// <summary>A dimension in 0..6: mostly 2..6, often 1 (broadcasting), sometimes 0 (empty tensors).</summary>
    public static readonly Gen<int> Dim = Gen.Int[0, 99].Select(p => p < 8 ? 0 : p < 28 ? 1 : 2 + (p - 28) % 5);

    /// <summary>A dimension in 1..6.</summary>
    public static readonly Gen<int> PositiveDim = Gen.Int[0, 99].Select(p => p < 20 ? 1 : 2 + p % 5);

    /// <summary>Rank 0..5, smaller ranks more often (element counts stay small).</summary>
    public static readonly Gen<int> Rank = Gen.Int[0, 99].Select(p => p < 10 ? 0 : p < 30 ? 1 : p < 55 ? 2 : p < 75 ? 3 : p < 90 ? 4 : 5);

    public static readonly Gen<int[]> Dims = Rank.SelectMany(r => Dim.Array[r]);

    public static readonly Gen<DType> Numeric = Gen.OneOf(DType.Float32, DType.Float64, DType.Int32, DType.Int64);
    public static readonly Gen<DType> Float = Gen.OneOf(DType.Float32, DType.Float64);
    public static readonly Gen<DType> Any = Gen.OneOf(DType.Float32, DType.Float64, DType.Int32, DType.Int64, DType.UInt8, DType.Bool);

    public static Gen<TensorSpec> Tensor(Gen<int[]> dims, Gen<DType> dtype, Values kind) =>
        Gen.Select(dims, dtype, Gen.ULong, (d, t, s) => new TensorSpec(d, t, s, kind));

    public static Gen<TensorSpec> Tensor(int[] dims, DType dtype, Values kind) =>
        Gen.ULong.Select(s => new TensorSpec(dims, dtype, s, kind));

    /// <summary>A random permutation of 0..n-1.</summary>
    public static Gen<int[]> Permutation(int n) =>
        Gen.Int.Array[n].Select(keys => Enumerable.Range(0, n).OrderBy(i => keys[i]).ThenBy(i => i).ToArray());
}
