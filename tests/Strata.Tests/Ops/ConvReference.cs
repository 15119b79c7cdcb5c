namespace Strata.Tests.Ops;

/// <summary>
/// A straightforward nested-loop convolution in float64, written from the definition, independent of the
/// kernels under test: every spatial rank as 3-D, groups, strides, dilations and TensorFlow's padding rules.
/// </summary>
internal static class ConvReference
{
    /// <summary>Zeros before and the output size on one axis under TensorFlow's padding rule.</summary>
    public static (int before, int output) Pad(int input, int k, int stride, int dilation, string padding)
    {
        int eff = (k - 1) * dilation + 1;
        switch (padding)
        {
            case "VALID": return (0, (input - eff) / stride + 1);
            case "CAUSAL": return (eff - 1, (input - 1) / stride + 1);
            default:
                int output = (input + stride - 1) / stride;
                int total = Math.Max((output - 1) * stride + eff - input, 0);
                return (total / 2, output);
        }
    }

    /// <summary>The geometry as 3-D arrays (depth, height, width): missing leading spatial axes are 1.</summary>
    public sealed record Geo(int N, int[] In, int C, int[] K, int O, int Groups, int[] S, int[] D, int[] P, int[] Out);

    public static Geo Geometry(int[] xShape, int[] wShape, int[] strides, int[] dilations, string padding, bool depthwise = false)
    {
        int rank = xShape.Length - 2;
        int[] In = [1, 1, 1], K = [1, 1, 1], S = [1, 1, 1], D = [1, 1, 1], P = [0, 0, 0], Out = [1, 1, 1];
        for (int i = 0; i < rank; i++)
        {
            int a = 3 - rank + i;
            In[a] = xShape[1 + i]; K[a] = wShape[i]; S[a] = strides[i]; D[a] = dilations[i];
            (P[a], Out[a]) = Pad(In[a], K[a], S[a], D[a], padding);
        }
        int c = xShape[^1];
        int groups = depthwise ? c : c / wShape[^2];
        int o = depthwise ? c * wShape[^1] : wShape[^1];
        return new Geo(xShape[0], In, c, K, o, groups, S, D, P, Out);
    }

    /// <summary>y[n, o…, oc] = Σ x[n, o·s - p + k·d, g·cg + ci] · w[k…, ci, oc] over taps inside the input.
    /// The filter is read as [k…, cg, O] (a depthwise [k…, C, M] is the same buffer with cg = 1, O = C·M).</summary>
    public static double[] Forward(Geo g, double[] x, double[] w)
    {
        int cg = g.C / g.Groups, og = g.O / g.Groups;
        var y = new double[g.N * g.Out[0] * g.Out[1] * g.Out[2] * g.O];
        for (int n = 0; n < g.N; n++)
        for (int od = 0; od < g.Out[0]; od++)
        for (int oh = 0; oh < g.Out[1]; oh++)
        for (int ow = 0; ow < g.Out[2]; ow++)
        for (int oc = 0; oc < g.O; oc++)
        {
            int grp = oc / og;
            double sum = 0;
            for (int kd = 0; kd < g.K[0]; kd++)
            for (int kh = 0; kh < g.K[1]; kh++)
            for (int kw = 0; kw < g.K[2]; kw++)
            {
                int id = od * g.S[0] - g.P[0] + kd * g.D[0], ih = oh * g.S[1] - g.P[1] + kh * g.D[1], iw = ow * g.S[2] - g.P[2] + kw * g.D[2];
                if (id < 0 || id >= g.In[0] || ih < 0 || ih >= g.In[1] || iw < 0 || iw >= g.In[2]) continue;
                for (int ci = 0; ci < cg; ci++)
                {
                    double xv = x[(((n * g.In[0] + id) * g.In[1] + ih) * g.In[2] + iw) * g.C + grp * cg + ci];
                    double wv = w[(((kd * g.K[1] + kh) * g.K[2] + kw) * cg + ci) * g.O + oc];
                    sum += xv * wv;
                }
            }
            y[(((n * g.Out[0] + od) * g.Out[1] + oh) * g.Out[2] + ow) * g.O + oc] = sum;
        }
        return y;
    }

    /// <summary>The transposed convolution, from its own definition: each input value spreads over the output
    /// window it would have come from. <paramref name="g"/> is the forward convolution from the transpose's output.</summary>
    public static double[] Transpose(Geo g, double[] dy, double[] w)
    {
        var dx = new double[g.N * g.In[0] * g.In[1] * g.In[2] * g.C];
        for (int n = 0; n < g.N; n++)
        for (int od = 0; od < g.Out[0]; od++)
        for (int oh = 0; oh < g.Out[1]; oh++)
        for (int ow = 0; ow < g.Out[2]; ow++)
        for (int kd = 0; kd < g.K[0]; kd++)
        for (int kh = 0; kh < g.K[1]; kh++)
        for (int kw = 0; kw < g.K[2]; kw++)
        {
            int id = od * g.S[0] - g.P[0] + kd * g.D[0], ih = oh * g.S[1] - g.P[1] + kh * g.D[1], iw = ow * g.S[2] - g.P[2] + kw * g.D[2];
            if (id < 0 || id >= g.In[0] || ih < 0 || ih >= g.In[1] || iw < 0 || iw >= g.In[2]) continue;
            for (int c = 0; c < g.C; c++)
            for (int oc = 0; oc < g.O; oc++)
                dx[(((n * g.In[0] + id) * g.In[1] + ih) * g.In[2] + iw) * g.C + c] +=
                    dy[(((n * g.Out[0] + od) * g.Out[1] + oh) * g.Out[2] + ow) * g.O + oc] * w[(((kd * g.K[1] + kh) * g.K[2] + kw) * g.C + c) * g.O + oc];
        }
        return dx;
    }

    public static int[] OutputShape(Geo g, int rank) =>
        [g.N, .. g.Out[(3 - rank)..], g.O];
}
