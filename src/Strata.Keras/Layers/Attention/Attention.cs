using Strata.Keras.Engine;
using Strata.Keras.Initializers;

namespace Strata.Keras.Layers;

/// <summary>
/// Keras 3's <c>Attention</c> (Luong-style dot-product attention): scores <c>query·keyᵀ</c> (times a learned scalar
/// <c>scale</c> with <c>useScale</c>), or with <c>scoreMode: "concat"</c> <c>concat_score_weight · Σ tanh(scale·(q + k))</c>;
/// masked keys lowered by 1e9, a softmax over the keys, dropout on the weights in training, then <c>weights·value</c>.
/// Apply it to <c>[query, value]</c> or <c>[query, value, key]</c> ((batch, Tq, dim), (batch, Tv, dim)); the masks riding
/// on query and value (or given to <see cref="Call(Tensor, Tensor, Tensor?, bool, bool?, Tensor?, Tensor?)"/>) are honoured
/// as Keras honours them: the value mask hides keys, the query mask zeroes output steps and rides on the output.
/// </summary>
public class Attention : Layer
{
    private long _dropoutCalls;

    /// <summary>An Attention layer (keras.layers.Attention).</summary>
    /// <param name="useScale">Keras's <c>use_scale</c>: learn a scalar that scales the scores; false by default.</param>
    /// <param name="scoreMode">Keras's <c>score_mode</c>: <c>"dot"</c> (the default) for dot-product scores or
    /// <c>"concat"</c> for <c>tanh</c> of the summed query and key.</param>
    /// <param name="dropout">Keras's <c>dropout</c>: the fraction of attention weights dropped in training, in [0, 1); 0.0 by
    /// default.</param>
    /// <param name="seed">Keras's <c>seed</c> for the dropout masks (stateless, repeatable draws); null (the global stream) by
    /// default.</param>
    /// <param name="name">The layer's name; null for <c>attention</c>, <c>attention_1</c>….</param>
    public Attention(bool useScale = false, string scoreMode = "dot", double dropout = 0.0, long? seed = null, string? name = null)
        : base(name)
    {
        if (scoreMode is not ("dot" or "concat"))
            throw new InvalidArgumentError(
                $"Invalid value for argument score_mode. Expected one of {{'dot', 'concat'}}. Received: score_mode={scoreMode}");
        if (!(dropout >= 0 && dropout < 1))
            throw new InvalidArgumentError($"{GetType().Name}: dropout must be in [0, 1), got dropout={dropout}.");
        UseScale = useScale;
        ScoreMode = scoreMode;
        Dropout = dropout;
        Seed = seed;
        SupportsMasking = true;
    }

    /// <summary>Whether the scores are scaled by the learned <see cref="Scale"/>.</summary>
    public bool UseScale { get; }
    /// <summary>How scores are computed: <c>"dot"</c> or <c>"concat"</c>.</summary>
    public string ScoreMode { get; }
    /// <summary>The fraction of attention weights dropped in training.</summary>
    public double Dropout { get; }
    /// <summary>The seed of the dropout masks, or null to draw them from tf.random's global stream.</summary>
    public long? Seed { get; }

    /// <summary>The learned score scale (a scalar here; one per feature in AdditiveAttention), or null.</summary>
    public Variable? Scale { get; protected set; }
    /// <summary>The learned weight of the concat scores, or null.</summary>
    public Variable? ConcatScoreWeight { get; private set; }

    /// <summary>Creates <see cref="Scale"/> and <see cref="ConcatScoreWeight"/> as the arguments ask, from the shapes of
    /// <c>[query, value]</c> or <c>[query, value, key]</c>.</summary>
    /// <param name="inputShapes">Two or three shapes; any other count is an <see cref="InvalidArgumentError"/>.</param>
    public override void Build(IReadOnlyList<Shape> inputShapes)
    {
        Validate(inputShapes.Count);
        if (UseScale) Scale = AddWeight("scale", [], new Ones());
        if (ScoreMode == "concat") ConcatScoreWeight = AddWeight("concat_score_weight", [], new Ones());
    }

    /// <summary>Rejects a single input: the layer is built from <c>[query, value]</c> or <c>[query, value, key]</c> shapes
    /// (an <see cref="InvalidArgumentError"/>).</summary>
    /// <param name="inputShape">A single shape, which this layer cannot take.</param>
    public override void Build(Shape inputShape) => Validate(1);

    private protected void Validate(int count)
    {
        if (count is < 2 or > 3)
            throw new InvalidArgumentError(
                $"{ClassName} layer accepts inputs list of length 2 or 3, namely [query, value] or [query, value, key]. Received length: {count}.");
    }

    /// <summary>Not for a single tensor: throws an <see cref="InvalidArgumentError"/>; call the layer on
    /// <c>[query, value]</c> or <c>[query, value, key]</c>.</summary>
    /// <param name="inputs">A single tensor, which this layer cannot take.</param>
    public override Tensor Call(Tensor inputs) =>
        throw new InvalidArgumentError(
            $"{ClassName} layer must be called on a list of inputs, namely [query, value] or [query, value, key]. Received: inputs of shape {inputs?.Shape}.");

    /// <summary>The attention output (batch, Tq, dim) for <c>[query, value]</c> or <c>[query, value, key]</c>, the masks
    /// taken from the inputs.</summary>
    /// <param name="inputs">Two or three tensors: query (batch, Tq, dim), value (batch, Tv, dim) and optionally key
    /// (batch, Tv, dim; the value by default).</param>
    /// <param name="training">True in training, where the dropout applies.</param>
    public override Tensor Call(IReadOnlyList<Tensor> inputs, bool? training)
    {
        Validate(inputs.Count);
        return Call(inputs[0], inputs[1], inputs.Count > 2 ? inputs[2] : null, training: training);
    }

    /// <summary>Python's <c>layer([query, value, key], mask=[query_mask, value_mask], use_causal_mask=…)</c>.</summary>
    public Tensor Call(Tensor query, Tensor value, Tensor? key = null, bool useCausalMask = false, bool? training = null,
        Tensor? queryMask = null, Tensor? valueMask = null) =>
        Compute(query, value, key, useCausalMask, training, queryMask, valueMask).Output;

    /// <summary>The same with <c>return_attention_scores=True</c>: also the weights (batch, Tq, Tv).</summary>
    public (Tensor Output, Tensor Scores) CallWithScores(Tensor query, Tensor value, Tensor? key = null, bool useCausalMask = false,
        bool? training = null, Tensor? queryMask = null, Tensor? valueMask = null) =>
        Compute(query, value, key, useCausalMask, training, queryMask, valueMask);

    private (Tensor Output, Tensor Scores) Compute(Tensor query, Tensor value, Tensor? key, bool causal, bool? training,
        Tensor? queryMask, Tensor? valueMask)
    {
        Guard.NotNull(query, $"{ClassName} '{Name}'", "query");
        Guard.NotNull(value, $"{ClassName} '{Name}'", "value");
        var k = key ?? value;
        if (query.Rank != 3 || value.Rank != 3 || k.Rank != 3)
            throw new InvalidArgumentError(
                $"{ClassName} '{Name}': query, value and key must have rank 3 (batch, steps, dim), got query {query.Shape}, value {value.Shape}, key {k.Shape}.");
        if (query.Shape[0] != value.Shape[0] || k.Shape[0] != value.Shape[0] || k.Shape[1] != value.Shape[1] || k.Shape[2] != query.Shape[2])
            throw new InvalidArgumentError(
                $"{ClassName} '{Name}': expected query (batch, Tq, dim), value (batch, Tv, dim_v) and key (batch, Tv, dim), got query {query.Shape}, value {value.Shape}, key {k.Shape}.");
        if (!Built) EnsureBuilt([query.Shape, value.Shape, k.Shape]);
        queryMask ??= KerasMasks.Get(query);
        valueMask ??= KerasMasks.Get(value);
        int b = query.Shape[0], tq = query.Shape[1], tv = value.Shape[1];

        var scores = Scores(query, k);
        Tensor? scoresMask = null;
        if (valueMask is not null) scoresMask = tf.ExpandDims(CheckMask("value", valueMask, b, tv), -2);
        if (causal)
        {
            var tri = new bool[tq * tv];
            for (int i = 0; i < tq; i++)
                for (int j = 0; j <= Math.Min(i, tv - 1); j++) tri[i * tv + j] = true;
            var c = tf.Constant(tri, shape: new Shape(1, tq, tv));
            scoresMask = scoresMask is null ? c : tf.LogicalAnd(scoresMask, c);
        }
        if (scoresMask is not null)
            scores = tf.Subtract(scores, tf.Multiply(tf.Cast(tf.LogicalNot(scoresMask), scores.DType), 1e9));
        var weights = tf.Softmax(scores);
        var used = weights;
        if (training == true && Dropout > 0)
        {
            var keep = Seed is { } s
                ? tf.random.StatelessUniform(weights.Shape, (s, _dropoutCalls++), dtype: weights.DType)
                : tf.random.Uniform(weights.Shape, dtype: weights.DType);
            used = tf.Multiply(weights, tf.Cast(tf.GreaterEqual(keep, Tensor.Scalar(Dropout, weights.DType)), weights.DType) * (1.0 / (1.0 - Dropout)));
        }
        var result = tf.MatMul(used, value);
        if (queryMask is not null)
        {
            var qm = CheckMask("query", queryMask, b, tq);
            result = tf.Multiply(result, tf.Cast(tf.ExpandDims(qm, -1), result.DType));
            KerasMasks.Set(result, qm);
        }
        return (result, weights);
    }

    private Tensor CheckMask(string what, Tensor mask, int batch, int steps)
    {
        if (mask.Rank != 2 || mask.Shape[0] != batch || mask.Shape[1] != steps)
            throw new InvalidArgumentError($"{ClassName} '{Name}': the {what} mask must have shape ({batch}, {steps}), got {mask.Shape}.");
        return mask.DType == DType.Bool ? mask : tf.Cast(mask, DType.Bool);
    }

    /// <summary>The raw scores (batch, Tq, Tv).</summary>
    private protected virtual Tensor Scores(Tensor query, Tensor key)
    {
        if (ScoreMode == "dot")
        {
            var s = tf.MatMul(query, key, transposeB: true);
            return Scale is null ? s : tf.Multiply(s, Scale);
        }
        var sum = tf.Add(tf.ExpandDims(query, -2), tf.ExpandDims(key, -3));
        if (Scale is not null) sum = tf.Multiply(Scale, sum);
        return tf.Multiply(ConcatScoreWeight!, tf.ReduceSum(tf.Tanh(sum), [-1]));
    }
}

/// <summary>
/// Keras 3's <c>AdditiveAttention</c> (Bahdanau-style): scores <c>Σ scale · tanh(query + key)</c> over the features,
/// with a learned <c>scale</c> per feature (glorot_uniform) when <c>useScale</c> (the default); the rest as
/// <see cref="Attention"/>.
/// </summary>
public sealed class AdditiveAttention : Attention
{
    /// <summary>An AdditiveAttention layer (keras.layers.AdditiveAttention).</summary>
    /// <param name="useScale">Keras's <c>use_scale</c>: learn a scale per feature; true by default.</param>
    /// <param name="dropout">Keras's <c>dropout</c>: the fraction of attention weights dropped in training, in [0, 1); 0.0 by
    /// default.</param>
    /// <param name="seed">Keras's <c>seed</c> for the dropout masks; null (the global stream) by default.</param>
    /// <param name="name">The layer's name; null for <c>additive_attention</c>, <c>additive_attention_1</c>….</param>
    public AdditiveAttention(bool useScale = true, double dropout = 0.0, long? seed = null, string? name = null)
        : base(useScale, "dot", dropout, seed, name)
    {
    }

    /// <summary>Creates <see cref="Attention.Scale"/> (one per feature of the query's last axis) when
    /// <see cref="Attention.UseScale"/>.</summary>
    /// <param name="inputShapes">The shapes of <c>[query, value]</c> or <c>[query, value, key]</c>.</param>
    public override void Build(IReadOnlyList<Shape> inputShapes)
    {
        Validate(inputShapes.Count);
        if (UseScale) Scale = AddWeight("scale", [inputShapes[0][-1]], new GlorotUniform());
    }

    private protected override Tensor Scores(Tensor query, Tensor key)
    {
        var t = tf.Tanh(tf.Add(tf.ExpandDims(query, -2), tf.ExpandDims(key, -3)));
        return tf.ReduceSum(Scale is null ? t : tf.Multiply(Scale, t), [-1]);
    }
}
