namespace Strata.Kernels;

/// <summary>
/// NumPy broadcasting: the output shape of two operands, and a plan that walks the output as
/// contiguous inner rows, each operand either advancing one element per output element or standing still.
/// Adjacent dimensions that broadcast alike are merged first so that rows are as long as possible.
/// </summary>
internal sealed class BroadcastPlan
{
    public readonly int[] OuterDims;     // output dims except the innermost, after merging
    public readonly int[] AOuterStrides; // element strides of a for each outer dim (0 = broadcast)
    public readonly int[] BOuterStrides;
    public readonly int Inner;           // length of the innermost run
    public readonly bool AInnerScalar;   // a stays on one element along the inner run
    public readonly bool BInnerScalar;
    public readonly int OuterCount;

    public static Shape OutputShape(Shape a, Shape b, string op)
    {
        if (a == b || BroadcastsInto(b, a)) return a;
        if (BroadcastsInto(a, b)) return b;
        int ra = a.Rank, rb = b.Rank, r = Math.Max(ra, rb);
        var dims = new int[r];
        for (int i = 0; i < r; i++)
        {
            int da = i - (r - ra) >= 0 ? a[i - (r - ra)] : 1;
            int db = i - (r - rb) >= 0 ? b[i - (r - rb)] : 1;
            if (da == db || db == 1) dims[i] = da;
            else if (da == 1) dims[i] = db;
            else throw new InvalidArgumentError($"{op}: incompatible shapes for broadcasting: {a} and {b} (dimension {i}: {da} vs {db}).");
        }
        var result = Shape.Wrap(dims);
        result.CheckedSize(op); // (65536, 1) and (1, 65536) broadcast to more elements than a tensor holds
        return result;
    }

    /// <summary>True when <paramref name="small"/> broadcasts to <paramref name="big"/> unchanged (the common
    /// bias or scalar operand): then the output shape is <paramref name="big"/> itself, with nothing allocated.</summary>
    private static bool BroadcastsInto(Shape small, Shape big)
    {
        var s = small.Dims;
        var g = big.Dims;
        if (s.Length > g.Length) return false;
        for (int i = 1; i <= s.Length; i++)
            if (s[^i] != 1 && s[^i] != g[^i]) return false;
        return true;
    }

    public BroadcastPlan(Shape a, Shape b, Shape output)
    {
        int r = output.Rank;
        var outDims = output.Dims;
        var aStr = PaddedStrides(a, r);
        var bStr = PaddedStrides(b, r);

        // Merge dim i into i+1 when both operands are contiguous across them or broadcast across both.
        Span<int> dims = stackalloc int[Math.Max(r, 1)], sa = stackalloc int[Math.Max(r, 1)], sb = stackalloc int[Math.Max(r, 1)];
        int n = 0;
        for (int i = 0; i < r; i++)
        {
            if (outDims[i] == 1) continue; // size-1 dims do not move anything
            if (n > 0 && sa[n - 1] == aStr[i] * outDims[i] && sb[n - 1] == bStr[i] * outDims[i])
            {
                dims[n - 1] *= outDims[i];
                sa[n - 1] = aStr[i];
                sb[n - 1] = bStr[i];
                continue;
            }
            dims[n] = outDims[i];
            sa[n] = aStr[i];
            sb[n] = bStr[i];
            n++;
        }
        if (n == 0) { dims[0] = 1; sa[0] = 1; sb[0] = 1; n = 1; }

        Inner = dims[n - 1];
        AInnerScalar = sa[n - 1] == 0;
        BInnerScalar = sb[n - 1] == 0;
        OuterDims = dims[..(n - 1)].ToArray();
        AOuterStrides = sa[..(n - 1)].ToArray();
        BOuterStrides = sb[..(n - 1)].ToArray();
        int count = 1;
        foreach (var d in OuterDims) count *= d;
        OuterCount = count;
    }

    /// <summary>Row-major strides of <paramref name="s"/> aligned to rank <paramref name="r"/>, 0 where it broadcasts.</summary>
    internal static int[] PaddedStrides(Shape s, int r)
    {
        var strides = new int[r];
        int stride = 1;
        for (int i = r - 1; i >= 0; i--)
        {
            int j = i - (r - s.Rank);
            int d = j >= 0 ? s[j] : 1;
            strides[i] = d == 1 ? 0 : stride;
            stride *= d;
        }
        return strides;
    }
}
