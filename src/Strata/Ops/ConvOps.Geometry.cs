#pragma warning disable CS8981
using Strata.Kernels.Conv;

namespace Strata;

public static partial class tf
{
    private static readonly string[] SpatialNames = ["", "(batch, width, channels)", "(batch, height, width, channels)", "(batch, depth, height, width, channels)"];
    private static readonly string[] FilterNames = ["", "[filter_width, in_channels, out_channels]", "[filter_height, filter_width, in_channels, out_channels]",
        "[filter_depth, filter_height, filter_width, in_channels, out_channels]"];

    /// <summary>
    /// Checks a convolution's arguments the way TensorFlow does and returns its geometry. <paramref name="inputShape"/>
    /// is the convolution's input (for a transpose: its output shape); <paramref name="filterShape"/> is
    /// [k…, in / groups, out] (the number of groups is in_channels / the filter's in-dimension, as in
    /// tf.nn.conv2d), or [k…, in, multiplier] when <paramref name="depthwise"/>.
    /// </summary>
    internal static ConvGeometry ConvGeometryOf(string op, int rank, Shape inputShape, Shape filterShape, int[]? strides, int[]? dilations,
        string padding, bool depthwise = false)
    {
        if (inputShape.Rank != rank + 2)
            throw new InvalidArgumentError($"{op}: input must be {rank + 2}-D {SpatialNames[rank]}, got shape {inputShape}.");
        if (filterShape.Rank != rank + 2)
            throw new InvalidArgumentError(
                $"{op}: filter must be {rank + 2}-D {(depthwise ? "[filter_height, filter_width, in_channels, channel_multiplier]" : FilterNames[rank])}, got shape {filterShape}.");
        var s = SpatialArgument(op, "strides", strides, rank);
        var d = SpatialArgument(op, "dilations", dilations, rank);
        string pad = (padding ?? "").ToUpperInvariant();
        if (pad is not ("VALID" or "SAME") && !(pad == "CAUSAL" && rank == 1))
            throw new InvalidArgumentError(
                $"{op}: padding must be \"VALID\" or \"SAME\"{(rank == 1 ? " or \"CAUSAL\"" : "")}, got \"{padding}\".");

        int c = inputShape[-1], fin = filterShape[-2], fout = filterShape[-1];
        int groups, o;
        if (depthwise)
        {
            if (c != fin)
                throw new InvalidArgumentError($"{op}: input depth must equal the filter's in_channels: input has shape {inputShape}, filter {filterShape}.");
            groups = Math.Max(c, 1);   // no channels: one empty group, and an empty output
            o = c * fout;
        }
        else
        {
            if (fin <= 0 || c % fin != 0)
                throw new InvalidArgumentError(
                    $"{op}: input depth must be evenly divisible by filter depth: {c} vs {fin} (input shape {inputShape}, filter shape {filterShape}).");
            groups = c / fin;
            o = fout;
            if (o % groups != 0)
                throw new InvalidArgumentError(
                    $"{op}: output depth must be evenly divisible by number of groups: {o} vs {groups} (input shape {inputShape}, filter shape {filterShape}).");
        }

        // Spatial sizes as 3-D, missing leading axes 1.
        Span<int> inp = [1, 1, 1], k = [1, 1, 1], st = [1, 1, 1], dl = [1, 1, 1], before = [0, 0, 0], outp = [1, 1, 1];
        for (int i = 0; i < rank; i++)
        {
            int a = 3 - rank + i;
            inp[a] = inputShape[1 + i];
            k[a] = filterShape[i];
            st[a] = s[i];
            dl[a] = d[i];
            int effective = (k[a] - 1) * dl[a] + 1;
            int total = pad switch
            {
                "VALID" => 0,
                "CAUSAL" => effective - 1,
                // TensorFlow's SAME: out = ceil(in / stride); the extra zero, if any, goes after.
                _ => Math.Max(((inp[a] + st[a] - 1) / st[a] - 1) * st[a] + effective - inp[a], 0),
            };
            before[a] = pad == "CAUSAL" ? total : total / 2;
            // TensorFlow's (in + pads - effective + stride) / stride; refused when the window does not fit at all.
            int span = inp[a] + total - effective + st[a];
            if (span < 0)
                throw new InvalidArgumentError(
                    $"{op}: Computed output size would be negative: {(int)Math.Floor((double)span / st[a])} [input_size: {inp[a]}, effective_filter_size: {effective}, stride: {st[a]}] (input shape {inputShape}, filter shape {filterShape}, padding {pad}).");
            outp[a] = span / st[a];
        }
        var outDims = new int[rank + 2];
        outDims[0] = inputShape[0];
        for (int i = 0; i < rank; i++) outDims[1 + i] = outp[3 - rank + i];
        outDims[^1] = o;
        var outShape = new Shape(outDims);
        outShape.CheckedSize(op);
        return new ConvGeometry
        {
            Op = op,
            N = inputShape[0], C = c, O = o, Groups = groups,
            ID = inp[0], IH = inp[1], IW = inp[2], KD = k[0], KH = k[1], KW = k[2],
            SD = st[0], SH = st[1], SW = st[2], DD = dl[0], DH = dl[1], DW = dl[2],
            PD = before[0], PH = before[1], PW = before[2], OD = outp[0], OH = outp[1], OW = outp[2],
            InputShape = inputShape, FilterShape = filterShape, OutputShape = outShape,
        };
    }

    /// <summary>Strides or dilations as one value per spatial axis: given as one number, one per spatial axis, or
    /// TensorFlow's full form with 1 for the batch and channel axes; each at least 1.</summary>
    private static int[] SpatialArgument(string op, string name, int[]? values, int rank)
    {
        if (values is null || values.Length == 0) return Enumerable.Repeat(1, rank).ToArray();
        int[] spatial;
        if (values.Length == 1) spatial = Enumerable.Repeat(values[0], rank).ToArray();
        else if (values.Length == rank) spatial = values;
        else if (values.Length == rank + 2)
        {
            if (values[0] != 1 || values[^1] != 1)
                throw new InvalidArgumentError(
                    $"{op}: {name} in the batch and depth dimensions must be 1 (the current implementation does not support others), got [{string.Join(", ", values)}].");
            spatial = values[1..^1];
        }
        else
            throw new InvalidArgumentError($"{op}: {name} must have 1, {rank} or {rank + 2} elements, got [{string.Join(", ", values)}].");
        foreach (var v in spatial)
            if (v < 1)
                throw new InvalidArgumentError($"{op}: {name} must be positive integers, got [{string.Join(", ", values)}].");
        return spatial;
    }

    /// <summary>Input and filter: both float32 or both float64.</summary>
    private static void RequireConvOperands(string op, Tensor input, Tensor filter, string filterName = "filter")
    {
        NotNull(input, op, "input");
        NotNull(filter, op, filterName);
        if (!input.DType.IsFloating)
            throw new UnsupportedDTypeError($"{op}: expected a float32 or float64 input, got {input.DType.Name()} with shape {input.Shape}; use tf.Cast first.");
        if (filter.DType != input.DType)
            throw new InvalidArgumentError(
                $"{op}: input is {input.DType.Name()} with shape {input.Shape}, {filterName} is {filter.DType.Name()} with shape {filter.Shape}; use tf.Cast to make them match.");
    }
}
