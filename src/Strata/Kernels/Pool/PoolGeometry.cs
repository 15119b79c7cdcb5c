namespace Strata.Kernels;

/// <summary>
/// The shape of a pooling: NHWC-style input (batch, spatial…, channels) with 1 to 3 spatial axes, each seen as
/// depth × height × width (a 1-D pooling has depth = height = 1), window, strides, and the padding before each
/// spatial axis. Output sizes follow TensorFlow: VALID gives (in - k) / s + 1 (an error when in &lt; k); SAME gives
/// ceil(in / s) with pad_total = max((out - 1) * s + k - in, 0) split as pad_total / 2 before, the rest after.
/// Padded positions are never part of a window (max ignores them, average does not count them).
/// </summary>
internal readonly struct PoolGeometry
{
    public readonly int N, C;
    public readonly int Id, Ih, Iw;
    public readonly int Od, Oh, Ow;
    public readonly int Kd, Kh, Kw;
    public readonly int Sd, Sh, Sw;
    public readonly int Pd, Ph, Pw;
    public readonly Shape InputShape, OutputShape;

    private PoolGeometry(Shape input, int[] i, int[] o, int[] k, int[] s, int[] p, Shape output)
    {
        InputShape = input;
        OutputShape = output;
        N = input[0];
        C = input[-1];
        (Id, Ih, Iw) = (i[0], i[1], i[2]);
        (Od, Oh, Ow) = (o[0], o[1], o[2]);
        (Kd, Kh, Kw) = (k[0], k[1], k[2]);
        (Sd, Sh, Sw) = (s[0], s[1], s[2]);
        (Pd, Ph, Pw) = (p[0], p[1], p[2]);
    }

    /// <summary>No two windows share an input position (stride at least the window on every axis, as in the usual
    /// 2×2 / stride 2): a gradient can store into dx instead of adding.</summary>
    public bool NonOverlapping => Kd <= Sd && Kh <= Sh && Kw <= Sw;

    /// <summary>The windows cover every input position exactly once (non-overlapping, no gaps, no padding, nothing
    /// left over): a gradient then writes all of dx and needs no clearing first.</summary>
    public bool ExactTiling => Kd == Sd && Kh == Sh && Kw == Sw && Od * Sd == Id && Oh * Sh == Ih && Ow * Sw == Iw;

    /// <summary>The CNN's usual pooling: 2×2 windows, stride 2, over height and width, no padding before.</summary>
    public bool IsPlain2x2 => Kd == 1 && Sd == 1 && Kh == 2 && Sh == 2 && Kw == 2 && Sw == 2 && Ph == 0 && Pw == 0 && Pd == 0;

    /// <summary>Input values per batch item and output values per batch item.</summary>
    public int InputItem => Id * Ih * Iw * C;
    public int OutputItem => Od * Oh * Ow * C;

    /// <summary>
    /// Checks and computes the geometry of a pooling of <paramref name="spatial"/> axes. <paramref name="ksize"/> and
    /// <paramref name="strides"/> take TensorFlow's forms: one int for every axis, one per spatial axis, or one per
    /// input axis with 1 for batch and channels.
    /// </summary>
    public static PoolGeometry Create(Shape input, int spatial, int[] ksize, int[] strides, string padding, string op)
    {
        if (input.Rank != spatial + 2)
            throw new InvalidArgumentError(
                $"{op}: input must be {spatial + 2}-D (batch, {string.Join(", ", SpatialNames(spatial))}, channels), got shape {input}.");
        var k = Expand(ksize, spatial, "ksize", op);
        var s = Expand(strides, spatial, "strides", op);
        bool same = padding switch
        {
            "SAME" => true,
            "VALID" => false,
            _ => throw new InvalidArgumentError($"{op}: padding must be \"VALID\" or \"SAME\", got \"{padding}\"."),
        };
        int[] i3 = [1, 1, 1], o3 = [1, 1, 1], k3 = [1, 1, 1], s3 = [1, 1, 1], p3 = [0, 0, 0];
        var outDims = input.ToArray();
        for (int a = 0; a < spatial; a++)
        {
            int j = 3 - spatial + a, inSize = input[1 + a];
            int outSize;
            if (same)
            {
                outSize = (int)(((long)inSize + s[a] - 1) / s[a]);
                long padTotal = Math.Max((long)(outSize - 1) * s[a] + k[a] - inSize, 0);
                p3[j] = (int)(padTotal / 2);
            }
            else
            {
                if (inSize < k[a])
                    throw new InvalidArgumentError(
                        $"{op}: the window is larger than the input with VALID padding, the output size would be negative: " +
                        $"input_size {inSize}, window {k[a]}, stride {s[a]} on spatial axis {a} (input {input}, ksize [{string.Join(", ", ksize)}]).");
                outSize = (inSize - k[a]) / s[a] + 1;
            }
            (i3[j], o3[j], k3[j], s3[j]) = (inSize, outSize, k[a], s[a]);
            outDims[1 + a] = outSize;
        }
        return new PoolGeometry(input, i3, o3, k3, s3, p3, Shape.Wrap(outDims));
    }

    private static IEnumerable<string> SpatialNames(int spatial) => spatial switch
    {
        1 => ["width"],
        2 => ["height", "width"],
        _ => ["depth", "height", "width"],
    };

    private static int[] Expand(int[] values, int spatial, string name, string op)
    {
        if (values is null) throw Guard.Null(op, name);
        int[] result;
        if (values.Length == 1) result = Enumerable.Repeat(values[0], spatial).ToArray();
        else if (values.Length == spatial) result = (int[])values.Clone();
        else if (values.Length == spatial + 2)
        {
            if (values[0] != 1 || values[^1] != 1)
                throw new InvalidArgumentError(
                    $"{op}: pooling over the batch or channel axis is not supported: {name} is [{string.Join(", ", values)}]; its first and last entries must be 1.");
            result = values[1..^1];
        }
        else
            throw new InvalidArgumentError(
                $"{op}: {name} must have 1, {spatial} or {spatial + 2} entries, got {values.Length}: [{string.Join(", ", values)}].");
        foreach (var v in result)
            if (v <= 0) throw new InvalidArgumentError($"{op}: {name} must be positive, got [{string.Join(", ", values)}].");
        return result;
    }
}
