namespace Strata.Keras.Regularizers;

/// <summary>
/// A penalty on a weight (or a layer's output), added to the loss that Fit minimises (Keras's
/// <c>keras.regularizers</c>). Strings convert by Keras name: <c>kernelRegularizer: "l2"</c>.
/// </summary>
public abstract class Regularizer
{
    /// <summary>The penalty for <paramref name="x"/>: a scalar of its dtype, differentiable.</summary>
    public abstract Tensor Call(Tensor x);

    /// <summary>Looks up a regularizer by Keras name, as <see cref="Get"/> does (<c>kernelRegularizer: "l2"</c>).</summary>
    public static implicit operator Regularizer(string name) => Get(name);

    /// <summary>Keras's names, with Keras's defaults (l1 0.01, l2 0.01, l1_l2 both 0.01).</summary>
    public static Regularizer Get(string name) => (name ?? throw new ArgumentNullException(nameof(name))).ToLowerInvariant() switch
    {
        "l1" => new L1(),
        "l2" => new L2(),
        "l1_l2" or "l1l2" => new L1L2(0.01, 0.01),
        "orthogonal_regularizer" or "orthogonalregularizer" => new OrthogonalRegularizer(),
        _ => throw new InvalidArgumentError($"Unknown regularizer '{name}'. Known: l1, l2, l1_l2, orthogonal_regularizer."),
    };

    /// <summary>Keras's check: a non-negative, finite factor.</summary>
    private protected static double Factor(double value, string name) =>
        double.IsFinite(value) && value >= 0 ? value
            : throw new InvalidArgumentError($"Invalid value for argument {name}: expected a non-negative float.Received: {name}={value}");
}

/// <summary>l1 · Σ|x| (Keras default l1 = 0.01).</summary>
/// <param name="l1">The factor; Keras 3's default 0.01. It must be non-negative and finite.</param>
public sealed class L1(double l1 = 0.01) : Regularizer
{
    /// <summary>The factor l1 the sum of absolute values is multiplied by.</summary>
    public double L1Factor { get; } = Factor(l1, "l1");
    /// <summary>l1 · Σ|x|.</summary>
    /// <inheritdoc/>
    public override Tensor Call(Tensor x) => tf.ReduceSum(tf.Abs(x)) * L1Factor;
}

/// <summary>l2 · Σx² (Keras default l2 = 0.01).</summary>
/// <param name="l2">The factor; Keras 3's default 0.01. It must be non-negative and finite.</param>
public sealed class L2(double l2 = 0.01) : Regularizer
{
    /// <summary>The factor l2 the sum of squares is multiplied by.</summary>
    public double L2Factor { get; } = Factor(l2, "l2");
    /// <summary>l2 · Σx².</summary>
    /// <inheritdoc/>
    public override Tensor Call(Tensor x) => tf.ReduceSum(tf.Square(x)) * L2Factor;
}

/// <summary>l1 · Σ|x| + l2 · Σx² (Keras's class defaults are 0 and 0; the name "l1_l2" gives 0.01 and 0.01).</summary>
/// <param name="l1">The factor of Σ|x|; Keras 3's class default 0.</param>
/// <param name="l2">The factor of Σx²; Keras 3's class default 0.</param>
public sealed class L1L2(double l1 = 0, double l2 = 0) : Regularizer
{
    /// <summary>The factor of the sum of absolute values.</summary>
    public double L1Factor { get; } = Factor(l1, "l1");
    /// <summary>The factor of the sum of squares.</summary>
    public double L2Factor { get; } = Factor(l2, "l2");

    /// <summary>l1 · Σ|x| + l2 · Σx², leaving out a term whose factor is 0.</summary>
    /// <inheritdoc/>
    public override Tensor Call(Tensor x)
    {
        var penalty = tf.Zeros([], x.DType);
        if (L1Factor != 0) penalty += tf.ReduceSum(tf.Abs(x)) * L1Factor;
        if (L2Factor != 0) penalty += tf.ReduceSum(tf.Square(x)) * L2Factor;
        return penalty;
    }
}

/// <summary>
/// Keras's OrthogonalRegularizer: factor · ½ · the mean absolute dot product between distinct L2-normalised rows
/// (mode "rows") or columns ("columns") of a matrix, pushing them towards orthogonality.
/// </summary>
public sealed class OrthogonalRegularizer : Regularizer
{
    /// <summary>The factor the mean off-diagonal dot product is scaled by (Keras's <c>factor</c>).</summary>
    public double FactorValue { get; }
    /// <summary><c>"rows"</c> or <c>"columns"</c>: which vectors of the matrix are pushed towards orthogonality.</summary>
    public string Mode { get; }

    /// <summary>An orthogonality penalty of strength <paramref name="factor"/> on the rows or columns of a matrix.</summary>
    /// <param name="factor">The penalty's factor; Keras 3's default 0.01. It must be non-negative and finite.</param>
    /// <param name="mode"><c>"rows"</c> (the default) for the dot products between rows, <c>"columns"</c> for those between
    /// columns.</param>
    /// <exception cref="InvalidArgumentError">The factor is negative or not finite, or the mode is another.</exception>
    public OrthogonalRegularizer(double factor = 0.01, string mode = "rows")
    {
        FactorValue = Factor(factor, "factor");
        if (mode is not ("rows" or "columns"))
            throw new InvalidArgumentError($"Invalid value for argument `mode`. Expected one of {{\"rows\", \"columns\"}}. Received: mode={mode}");
        Mode = mode;
    }

    /// <summary>The orthogonality penalty of the rank-2 <paramref name="x"/>.</summary>
    /// <inheritdoc/>
    /// <exception cref="InvalidArgumentError"><paramref name="x"/> is not rank 2.</exception>
    public override Tensor Call(Tensor x)
    {
        if (x.Rank != 2)
            throw new InvalidArgumentError($"Inputs to OrthogonalRegularizer must have rank 2. Received: inputs.shape={x.Shape}");
        bool rows = Mode == "rows";
        var unit = Normalize(x, rows ? 1 : 0);
        var product = rows ? tf.MatMul(unit, unit, transposeB: true) : tf.MatMul(unit, unit, transposeA: true);
        int size = x.Shape[rows ? 0 : 1];
        var offDiagonal = product * (1.0 - Eye(size, x.DType));
        double pairs = size * (size - 1.0) / 2.0;
        return tf.ReduceSum(tf.Abs(offDiagonal)) * (FactorValue * 0.5 / pairs);
    }

    /// <summary>x / max(‖x‖, 1e-12) along <paramref name="axis"/> (Keras's ops.normalize).</summary>
    private static Tensor Normalize(Tensor x, int axis) =>
        x / tf.Maximum(tf.Sqrt(tf.ReduceSum(tf.Square(x), [axis], keepDims: true)), Tensor.Scalar(1e-12, x.DType));

    private static Tensor Eye(int n, DType dtype)
    {
        var values = new double[n * n];
        for (int i = 0; i < n; i++) values[i * n + i] = 1;
        return tf.Constant(values, dtype, new Shape(n, n));
    }
}
