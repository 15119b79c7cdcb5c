namespace Strata.Keras.Layers;

/// <summary>The axis checks the normalization layers share, with Keras's messages.</summary>
internal static class NormalizationAxes
{
    /// <summary>The non-negative form of <paramref name="axis"/> for inputs of <paramref name="shape"/>; the axis must
    /// exist, must not be the batch axis, and its size must be known.</summary>
    public static int Resolve(int axis, Shape shape, string layer, string className)
    {
        int rank = shape.Rank;
        int a = axis < 0 ? axis + rank : axis;
        if (a < 1 || a >= rank)
            throw new InvalidArgumentError(
                $"{className} '{layer}': invalid axis {axis} for an input of shape {shape} (rank {rank}); it must be one of the non-batch axes, 1 to {rank - 1} or -{rank - 1} to -1.");
        if (shape[a] < 0)
            throw new InvalidArgumentError(
                $"Axis {axis} of input tensor should have a defined dimension but the layer received an input with shape {shape}.");
        return a;
    }
}
