using Strata.Keras.Initializers;

namespace Strata.Keras.Layers;

/// <summary>
/// Keras's Normalization: <c>(x - mean) / max(sqrt(variance), 1e-7)</c> per position of the kept
/// <see cref="Axis"/> (default the last: one mean and variance per feature), or the inverse
/// <c>mean + x · max(sqrt(variance), 1e-7)</c> with <see cref="Invert"/>. The statistics are given
/// (<c>mean</c>, <c>variance</c>) or learned by <see cref="Adapt"/>, which stores them in the non-trainable weights
/// <c>mean</c> and <c>variance</c> (Keras's names and order); before Adapt they are 0 and 1.
/// </summary>
public sealed class Normalization : Layer
{
    private const double Epsilon = 1e-7; // Keras's backend.epsilon()
    private readonly double[]? _givenMean, _givenVariance;
    private int[]? _kept;          // the kept axes, normalized, once the input rank is known
    private Shape _statShape;      // the kept axes' sizes (the weights' shape)
    private Tensor? _mean, _variance;

    /// <summary>The kept axes (empty: one scalar mean and variance, Keras's <c>axis=None</c>).</summary>
    public IReadOnlyList<int> Axis { get; }
    /// <summary>Whether the layer de-normalizes (<c>mean + x · std</c>) instead of normalizing.</summary>
    public bool Invert { get; }
    /// <summary>The mean learned by <see cref="Adapt"/> (the non-trainable weight <c>mean</c>, shaped like the kept axes);
    /// null before Build or when the mean was given to the constructor.</summary>
    public Variable? AdaptMean { get; private set; }
    /// <summary>The variance learned by <see cref="Adapt"/> (the non-trainable weight <c>variance</c>, shaped like the kept
    /// axes); null before Build or when the variance was given to the constructor.</summary>
    public Variable? AdaptVariance { get; private set; }

    /// <param name="axis">The axis kept (statistics per position along it); null for one scalar mean and variance.</param>
    /// <param name="mean">The mean: one value, or one per position of the kept axes; with <paramref name="variance"/>.</param>
    /// <param name="variance">The variance, shaped as <paramref name="mean"/>.</param>
    /// <param name="invert">Apply the inverse (de-normalize).</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    /// <param name="name">The layer's name; null for <c>normalization</c>, <c>normalization_1</c>….</param>
    public Normalization(int? axis = -1, double[]? mean = null, double[]? variance = null, bool invert = false,
        Shape? inputShape = null, string? name = null)
        : this(axis is { } a ? [a] : [], mean, variance, invert, inputShape, name)
    {
    }

    /// <summary>Several kept axes, e.g. <c>[1, 2]</c>: statistics per (row, column) (Keras's <c>axis=(1, 2)</c>; named
    /// <paramref name="axes"/> here so that <c>axis: null</c> stays unambiguous).</summary>
    public Normalization(int[] axes, double[]? mean = null, double[]? variance = null, bool invert = false,
        Shape? inputShape = null, string? name = null) : base(name, inputShape)
    {
        Guard.NotNull(axes, "Normalization", "axes");
        if ((mean is null) != (variance is null))
            throw new InvalidArgumentError(
                "Normalization: When setting values for `mean` and `variance`, both must be set. " +
                $"Received: mean={(mean is null ? "None" : "[…]")} and variance={(variance is null ? "None" : "[…]")}");
        if (mean is not null && mean.Length != variance!.Length)
            throw new InvalidArgumentError($"Normalization: mean has {mean.Length} values and variance {variance.Length}; they must match.");
        if (variance is not null && variance.Any(v => !(v >= 0)))
            throw new InvalidArgumentError($"Normalization: variance must be non-negative, got [{string.Join(", ", variance)}].");
        Axis = axes.ToArray();
        _givenMean = mean;
        _givenVariance = variance;
        Invert = invert;
    }

    /// <summary>Resolves the kept axes against the input's rank and, unless the statistics were given, creates
    /// <see cref="AdaptMean"/> (zeros) and <see cref="AdaptVariance"/> (ones).</summary>
    /// <param name="inputShape">The input's shape; the kept axes must be known.</param>
    public override void Build(Shape inputShape)
    {
        int rank = inputShape.Rank;
        var kept = new int[Axis.Count];
        for (int i = 0; i < kept.Length; i++)
        {
            int a = Axis[i];
            if (a < -rank || a >= rank)
                throw new InvalidArgumentError(
                    $"Normalization: All `axis` values must be in the range [-ndim, ndim). Received inputs with ndim={rank}, while axis=({string.Join(", ", Axis)})");
            kept[i] = a < 0 ? a + rank : a;
            if (inputShape[kept[i]] < 0)
                throw new InvalidArgumentError(
                    $"Normalization: All `axis` values to be kept must have a known shape. Received axis=({string.Join(", ", Axis)}), inputs.shape={inputShape}, with unknown axis at index {kept[i]}");
        }
        _kept = kept;
        _statShape = Shape.Wrap(kept.Select(a => inputShape[a]).ToArray());
        // Broadcast over the input: kept axes keep their size, the others are 1.
        var broadcast = Enumerable.Repeat(1, rank).ToArray();
        foreach (var a in kept) broadcast[a] = inputShape[a];
        if (_givenMean is not null)
        {
            int n = Math.Max(1, _statShape.Size);
            if (_givenMean.Length != 1 && _givenMean.Length != n)
                throw new InvalidArgumentError(
                    $"Normalization: mean and variance must have 1 or {n} values (the kept axes of an input of shape {inputShape}), got {_givenMean.Length}.");
            _mean = Stat(_givenMean, broadcast);
            _variance = Stat(_givenVariance!, broadcast);
        }
        else
        {
            AdaptMean = AddWeight("mean", _statShape, new Zeros(), trainable: false);
            AdaptVariance = AddWeight("variance", _statShape, new Ones(), trainable: false);
        }
        _broadcast = broadcast;
    }

    private int[] _broadcast = [];

    private static Tensor Stat(double[] v, int[] broadcast)
    {
        var t = tf.Constant(v, dtype: DType.Float32);
        return v.Length == 1 ? tf.Reshape(t, Enumerable.Repeat(1, broadcast.Length).ToArray()) : tf.Reshape(t, broadcast);
    }

    /// <summary>
    /// Learns the mean and (population) variance of <paramref name="data"/> over every axis but the kept ones,
    /// as Keras's adapt does on a whole tensor. Builds the layer from the data's shape if needed.
    /// </summary>
    public void Adapt(Tensor data)
    {
        Guard.NotNull(data, "Normalization.Adapt", "data");
        if (_givenMean is not null)
            throw new InvalidArgumentError("Normalization: cannot adapt a layer whose mean and variance were given.");
        EnsureBuilt(data.Shape);
        var x = tf.Cast(data, DType.Float64);
        for (int i = 0; i < _kept!.Length; i++)
            if (x.Rank <= _kept[i] || x.Shape[_kept[i]] != _statShape[i])
                throw new InvalidArgumentError(
                    $"Normalization: Adapt data of shape {data.Shape} does not match the layer's kept axes (sizes {_statShape}).");
        var reduce = Enumerable.Range(0, x.Rank).Where(a => !_kept.Contains(a)).ToArray();
        if (reduce.Length == 0 || x.Size == 0)
            throw new InvalidArgumentError($"Normalization: Adapt needs data to reduce over, got shape {data.Shape}.");
        var mean = tf.ReduceMean(x, reduce, keepDims: true);
        var variance = tf.ReduceMean(tf.Square(x - mean), reduce);
        AdaptMean!.Assign(tf.Cast(tf.Reshape(mean, _statShape), DType.Float32));
        AdaptVariance!.Assign(tf.Cast(tf.Reshape(variance, _statShape), DType.Float32));
    }

    /// <inheritdoc/>
    public override Tensor Call(Tensor inputs)
    {
        EnsureBuilt(inputs.Shape);
        if (inputs.Rank != _broadcast.Length)
            throw new InvalidArgumentError($"Normalization '{Name}': built for inputs of rank {_broadcast.Length}, got shape {inputs.Shape}.");
        var x = ImageInput.ToFloat(inputs);
        var mean = _mean ?? tf.Reshape(AdaptMean!, _broadcast);
        var variance = _variance ?? tf.Reshape(AdaptVariance!, _broadcast);
        if (mean.DType != x.DType) { mean = tf.Cast(mean, x.DType); variance = tf.Cast(variance, x.DType); }
        var std = tf.Maximum(tf.Sqrt(variance), Tensor.Scalar(Epsilon, x.DType));
        return Invert ? mean + x * std : (x - mean) / std;
    }
}
