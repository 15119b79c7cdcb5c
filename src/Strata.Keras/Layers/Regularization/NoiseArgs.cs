namespace Strata.Keras.Layers;

/// <summary>Keras's checks on the arguments of the noise layers, in Keras's words.</summary>
internal static class NoiseArgs
{
    /// <summary>A rate in [0, 1] (Keras's SpatialDropout and GaussianDropout accept both ends; Dropout refuses 1).</summary>
    public static double Rate(string layer, double rate, bool allowOne = true)
    {
        if (!(rate >= 0 && (allowOne ? rate <= 1 : rate < 1)))
            throw new InvalidArgumentError(
                $"{layer}: Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate={rate}");
        return rate;
    }
}
