using Strata.Keras.Engine;
using Strata.Keras.Initializers;

namespace Strata.Keras.Layers;

/// <summary>
/// Keras 3's <c>MultiHeadAttention</c> (Vaswani et al., 2017): query, key and value are projected to
/// <see cref="NumHeads"/> heads of <see cref="KeyDim"/> (values: <see cref="ValueDim"/>) features, each head attends
/// with scaled dot products, and the heads are projected back to the query's last dimension (or
/// <see cref="OutputShapeArg"/>). Weights as Keras's EinsumDense sub-layers <c>query</c>, <c>key</c>, <c>value</c>,
/// <c>attention_output</c>, in Keras's order and shapes: kernels (dim, heads, key_dim) and (heads, value_dim, out),
/// biases (heads, key_dim) and (out).
/// <para>Call it as <see cref="Call(Tensor, Tensor, Tensor?, Tensor?, bool, bool?, Tensor?, Tensor?, Tensor?)"/>
/// (Python's <c>mha(query, value, key=None, attention_mask=None, use_causal_mask=False)</c>) or apply it to
/// <c>[query, value]</c> / <c>[query, value, key]</c>. Masks riding on the inputs (from <c>Embedding(maskZero)</c>) are
/// combined with <c>attention_mask</c> and the causal mask as Keras combines them, and the output carries the query's
/// mask. Without dropout in training and without returned scores, the heads run on the fused
/// <see cref="tf.ScaledDotProductAttention"/> (causal masks skip the masked half); a query step whose keys are all
/// masked then gives zeros, where Keras's explicit softmax gives a near-uniform average (only padding steps differ).</para>
/// Inputs of rank above 3 attend over all their middle axes (Keras's default <c>attention_axes</c>); other
/// <c>attention_axes</c> are not supported.
/// </summary>
public sealed class MultiHeadAttention : Layer
{
    // Declared in Keras's weight order: query, key, value, attention_output.
    private AttentionProjection? _query, _key, _value, _output;
    private long _dropoutCalls;

    /// <summary>A MultiHeadAttention layer (keras.layers.MultiHeadAttention).</summary>
    /// <param name="numHeads">Keras's <c>num_heads</c>: the number of attention heads, positive.</param>
    /// <param name="keyDim">Keras's <c>key_dim</c>: the size of each head for query and key, positive.</param>
    /// <param name="valueDim">Keras's <c>value_dim</c>: the size of each head for value; null (the key size) by default.</param>
    /// <param name="dropout">Keras's <c>dropout</c>: the fraction of attention weights dropped in training, in [0, 1); 0.0 by
    /// default.</param>
    /// <param name="useBias">Keras's <c>use_bias</c>: whether the projections have biases; true by default.</param>
    /// <param name="outputShape">Keras's <c>output_shape</c>: the output's last dimensions; null (the query's last dimension)
    /// by default.</param>
    /// <param name="attentionAxes">Keras's <c>attention_axes</c>: only the default, null (every axis between the batch and the
    /// features), or those axes spelled out, is supported.</param>
    /// <param name="kernelInitializer">Keras's <c>kernel_initializer</c> of the projections; null for glorot_uniform.</param>
    /// <param name="biasInitializer">Keras's <c>bias_initializer</c> of the projections; null for zeros.</param>
    /// <param name="seed">Keras's <c>seed</c> for the dropout masks (stateless, repeatable draws); null (the global stream) by
    /// default.</param>
    /// <param name="name">The layer's name; null for <c>multi_head_attention</c>, <c>multi_head_attention_1</c>….</param>
    public MultiHeadAttention(int numHeads, int keyDim, int? valueDim = null, double dropout = 0.0, bool useBias = true,
        int[]? outputShape = null, int[]? attentionAxes = null, Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
        long? seed = null, string? name = null) : base(name)
    {
        if (numHeads <= 0)
            throw new InvalidArgumentError($"MultiHeadAttention: num_heads must be a positive integer, got num_heads={numHeads}.");
        if (keyDim <= 0)
            throw new InvalidArgumentError($"MultiHeadAttention: key_dim must be a positive integer, got key_dim={keyDim}.");
        if (valueDim is <= 0)
            throw new InvalidArgumentError($"MultiHeadAttention: value_dim must be a positive integer, got value_dim={valueDim}.");
        if (!(dropout >= 0 && dropout < 1))
            throw new InvalidArgumentError($"MultiHeadAttention: dropout must be in [0, 1), got dropout={dropout}.");
        if (outputShape is not null && (outputShape.Length == 0 || outputShape.Any(d => d <= 0)))
            throw new InvalidArgumentError(
                $"Invalid `output_shape`: ({string.Join(", ", outputShape)}). When specified, the `output_shape` should be of type tuple, list, or int.");
        NumHeads = numHeads;
        KeyDim = keyDim;
        ValueDim = valueDim ?? keyDim;
        Dropout = dropout;
        UseBias = useBias;
        OutputShapeArg = outputShape?.ToArray();
        AttentionAxes = attentionAxes?.ToArray();
        KernelInitializer = kernelInitializer ?? new GlorotUniform();
        BiasInitializer = biasInitializer ?? new Zeros();
        Seed = seed;
        SupportsMasking = true;
    }

    /// <summary>The number of attention heads.</summary>
    public int NumHeads { get; }
    /// <summary>The size of each head for query and key.</summary>
    public int KeyDim { get; }
    /// <summary>The size of each head for value (the key size unless given).</summary>
    public int ValueDim { get; }
    /// <summary>The fraction of attention weights dropped in training.</summary>
    public double Dropout { get; }
    /// <summary>Whether the four projections have biases.</summary>
    public bool UseBias { get; }
    /// <summary>Keras's <c>output_shape</c>: the last dimensions of the output (default the query's last dimension).</summary>
    public IReadOnlyList<int>? OutputShapeArg { get; }
    /// <summary>Keras's <c>attention_axes</c> as given, or null for the default (all axes between the batch and the features).</summary>
    public IReadOnlyList<int>? AttentionAxes { get; }
    /// <summary>The initializer of the projections' kernels (glorot_uniform by default).</summary>
    public Initializer KernelInitializer { get; }
    /// <summary>The initializer of the projections' biases (zeros by default).</summary>
    public Initializer BiasInitializer { get; }
    /// <summary>The seed of the dropout masks, or null to draw them from tf.random's global stream.</summary>
    public long? Seed { get; }

    /// <summary>The projections (null before building): Keras's <c>query_dense</c>, <c>key_dense</c>, <c>value_dense</c>,
    /// <c>output_dense</c>.</summary>
    public Layer? QueryDense => _query;
    /// <summary>The key projection, kernel (keyFeatures, heads, keyDim); null before building.</summary>
    public Layer? KeyDense => _key;
    /// <summary>The value projection, kernel (valueFeatures, heads, valueDim); null before building.</summary>
    public Layer? ValueDense => _value;
    /// <summary>The output projection, kernel (heads, valueDim, out…); null before building.</summary>
    public Layer? OutputDense => _output;

    /// <summary>Builds from [query, value] or [query, value, key] shapes.</summary>
    public override void Build(IReadOnlyList<Shape> inputShapes)
    {
        if (inputShapes.Count is < 2 or > 3)
            throw new InvalidArgumentError($"MultiHeadAttention '{Name}': build from [query, value] or [query, value, key] shapes, got {inputShapes.Count}.");
        BuildFrom(inputShapes[0], inputShapes[1], inputShapes.Count > 2 ? inputShapes[2] : inputShapes[1]);
    }

    /// <summary>Self-attention shape: query, value and key of one shape.</summary>
    public override void Build(Shape inputShape) => BuildFrom(inputShape, inputShape, inputShape);

    private void BuildFrom(Shape query, Shape value, Shape key)
    {
        CheckShapes(query, value, key);
        if (AttentionAxes is { } axes)
        {
            int rank = query.Rank + 1;
            var expected = Enumerable.Range(1, rank - 3).ToArray();
            var given = axes.Select(a => a >= 0 ? a : rank - 1 + a).ToArray();
            if (!given.SequenceEqual(expected))
                throw new InvalidArgumentError(
                    $"MultiHeadAttention '{Name}': attention_axes=({string.Join(", ", axes)}) is not supported; only the default, all axes between the batch and the features, ({string.Join(", ", expected)}).");
        }
        int outDims = OutputShapeArg is { } o ? o.Aggregate(1, (a, b) => a * b) : query[-1];
        _query = new AttentionProjection("query", "query_dense", [query[-1], NumHeads, KeyDim], UseBias ? [NumHeads, KeyDim] : null, KernelInitializer, BiasInitializer);
        _key = new AttentionProjection("key", "key_dense", [key[-1], NumHeads, KeyDim], UseBias ? [NumHeads, KeyDim] : null, KernelInitializer, BiasInitializer);
        _value = new AttentionProjection("value", "value_dense", [value[-1], NumHeads, ValueDim], UseBias ? [NumHeads, ValueDim] : null, KernelInitializer, BiasInitializer);
        int[] outShape = OutputShapeArg is { } os ? [NumHeads, ValueDim, .. os] : [NumHeads, ValueDim, outDims];
        _output = new AttentionProjection("attention_output", "output_dense", outShape, UseBias ? outShape[2..] : null, KernelInitializer, BiasInitializer);
    }

    private void CheckShapes(Shape query, Shape value, Shape key)
    {
        if (query.Rank < 3)
            throw new InvalidArgumentError($"MultiHeadAttention '{Name}': query must have rank >= 3 (batch, steps, features), got shape {query}.");
        if (value.Rank != query.Rank || key.Rank != query.Rank)
            throw new InvalidArgumentError(
                $"MultiHeadAttention '{Name}': query, value and key must have one rank, got query {query}, value {value}, key {key}.");
        if (!value.Dims[1..^1].SequenceEqual(key.Dims[1..^1]))
            throw new InvalidArgumentError(
                $"All dimensions of `value` and `key`, except the last one, must be equal. Received: value_shape={value} and key_shape={key}");
        if (query[0] >= 0 && value[0] >= 0 && query[0] != value[0])
            throw new InvalidArgumentError($"MultiHeadAttention '{Name}': query and value must have one batch size, got query {query} and value {value}.");
    }

    /// <summary>Self-attention on one input (query = value = key).</summary>
    public override Tensor Call(Tensor inputs) => Call(inputs, inputs);

    /// <summary>Self-attention on one input (query = value = key), knowing whether it runs in training.</summary>
    /// <param name="inputs">The sequence, (batch, T, features).</param>
    /// <param name="training">True in training, where the dropout applies.</param>
    public override Tensor Call(Tensor inputs, bool? training) => Call(inputs, inputs, training: training);

    /// <summary><c>[query, value]</c> or <c>[query, value, key]</c>, the masks taken from the inputs.</summary>
    public override Tensor Call(IReadOnlyList<Tensor> inputs, bool? training)
    {
        if (inputs.Count is < 2 or > 3)
            throw new InvalidArgumentError(
                $"MultiHeadAttention '{Name}': call it on [query, value] or [query, value, key], got {inputs.Count} input(s).");
        return Call(inputs[0], inputs[1], inputs.Count > 2 ? inputs[2] : null, training: training);
    }

    /// <summary>
    /// Python's <c>mha(query, value, key=None, attention_mask=None, use_causal_mask=False, training=None)</c>: query
    /// (batch, T, dim), value (batch, S, dim_v), key (batch, S, dim_k; default the value). <paramref name="attentionMask"/>
    /// (batch, T, S), bool (or 0/1), true where a query step may attend to a key step. The masks default to those
    /// riding on the inputs.
    /// </summary>
    public Tensor Call(Tensor query, Tensor value, Tensor? key = null, Tensor? attentionMask = null, bool useCausalMask = false,
        bool? training = null, Tensor? queryMask = null, Tensor? valueMask = null, Tensor? keyMask = null) =>
        Compute(query, value, key, attentionMask, useCausalMask, training, false, queryMask, valueMask, keyMask).Output;

    /// <summary>The same with <c>return_attention_scores=True</c>: also the attention weights (batch, heads, T, S).</summary>
    public (Tensor Output, Tensor Scores) CallWithScores(Tensor query, Tensor value, Tensor? key = null, Tensor? attentionMask = null,
        bool useCausalMask = false, bool? training = null, Tensor? queryMask = null, Tensor? valueMask = null, Tensor? keyMask = null)
    {
        var (o, s) = Compute(query, value, key, attentionMask, useCausalMask, training, true, queryMask, valueMask, keyMask);
        return (o, s!);
    }

    private (Tensor Output, Tensor? Scores) Compute(Tensor query, Tensor value, Tensor? key, Tensor? attentionMask, bool causal,
        bool? training, bool returnScores, Tensor? queryMask, Tensor? valueMask, Tensor? keyMask)
    {
        Guard.NotNull(query, $"MultiHeadAttention '{Name}'", "query");
        Guard.NotNull(value, $"MultiHeadAttention '{Name}'", "value");
        bool keyIsValue = key is null || ReferenceEquals(key, value);
        var k = key ?? value;
        CheckShapes(query.Shape, value.Shape, k.Shape);
        if (!Built) EnsureBuilt([query.Shape, value.Shape, k.Shape]);
        CheckFeatures("query", query, _query!);
        CheckFeatures("value", value, _value!);
        CheckFeatures("key", k, _key!);
        training ??= false;

        queryMask ??= KerasMasks.Get(query);
        valueMask ??= KerasMasks.Get(value);
        if (!keyIsValue) keyMask ??= KerasMasks.Get(k);

        int batch = query.Shape[0];
        // Rank > 3: the middle axes are one sequence (Keras's default attention_axes).
        var qSeq = Flatten(query);
        var vSeq = Flatten(value);
        var kSeq = keyIsValue ? vSeq : Flatten(k);
        int t = qSeq.Shape[1], s = vSeq.Shape[1];
        bool fused = !returnScores && !(training == true && Dropout > 0);
        var mask = CombineMasks(batch, t, s, attentionMask, queryMask, valueMask, keyIsValue ? null : keyMask, causal && !fused);

        // (B, T, N, H) → (B, N, T, H)
        var q = tf.Transpose(_query!.Project(qSeq), [0, 2, 1, 3]);
        var kk = tf.Transpose(_key!.Project(kSeq), [0, 2, 1, 3]);
        var v = tf.Transpose(_value!.Project(vSeq), [0, 2, 1, 3]);
        double scale = 1.0 / Math.Sqrt(KeyDim);
        Tensor heads;
        Tensor? scores = null;
        if (fused)
        {
            heads = tf.ScaledDotProductAttention(q, kk, v, mask is null ? null : tf.ExpandDims(mask, 1), scale, isCausal: causal);
        }
        else
        {
            // Keras's explicit path: scores, softmax with masked scores lowered by 1e9, dropout on the weights.
            var logits = tf.MatMul(tf.Multiply(q, scale), kk, transposeB: true);
            if (mask is not null)
                logits = tf.Add(logits, tf.Multiply(tf.Subtract(1.0, tf.Cast(tf.ExpandDims(mask, 1), logits.DType)), -1e9));
            scores = tf.Softmax(logits);
            var weights = scores;
            if (training == true && Dropout > 0)
            {
                // Dropout on the attention weights (kept / (1 - rate)), as Keras's dropout layer; with a seed, stateless draws.
                var keep = Seed is { } sd
                    ? tf.random.StatelessUniform(scores.Shape, (sd, _dropoutCalls++), dtype: scores.DType)
                    : tf.random.Uniform(scores.Shape, dtype: scores.DType);
                weights = tf.Multiply(scores, tf.Cast(tf.GreaterEqual(keep, Tensor.Scalar(Dropout, scores.DType)), scores.DType) * (1.0 / (1.0 - Dropout)));
            }
            heads = tf.MatMul(weights, v);
        }
        var merged = tf.Transpose(heads, [0, 2, 1, 3]);                    // (B, T, N, Hv)
        var output = _output!.ProjectHeads(merged);                        // (B, T, out…)
        var outDims = query.Shape.Dims[..^1].ToArray().Concat(OutputShapeArg ?? [query.Shape[-1]]).ToArray();
        if (output.Shape.Rank != outDims.Length || !output.Shape.Dims.SequenceEqual(outDims)) output = tf.Reshape(output, outDims);
        if (queryMask is not null) KerasMasks.Set(output, queryMask);
        return (output, scores);
    }

    private void CheckFeatures(string what, Tensor x, AttentionProjection p)
    {
        if (x.Shape[-1] != p.InputDim)
            throw new InvalidArgumentError(
                $"MultiHeadAttention '{Name}': it was built for a {what} of {p.InputDim} features, got {what} of shape {x.Shape}.");
    }

    private static Tensor Flatten(Tensor x) =>
        x.Rank == 3 ? x : tf.Reshape(x, [x.Shape[0], -1, x.Shape[-1]]);

    /// <summary>Keras's <c>_compute_attention_mask</c>: query (B, T, 1) ∧ value (B, 1, S) ∧ key (B, 1, S) ∧ causal ∧
    /// attention_mask, as one bool (B, T, S), or null when there is none (a causal mask alone goes to the fused op).</summary>
    private Tensor? CombineMasks(int batch, int t, int s, Tensor? attentionMask, Tensor? queryMask, Tensor? valueMask, Tensor? keyMask,
        bool materializeCausal)
    {
        Tensor? auto = null;
        void And(Tensor m) => auto = auto is null ? m : tf.LogicalAnd(auto, m);
        if (queryMask is not null) And(tf.ExpandDims(StepMask("query", queryMask, batch, t), -1));
        if (valueMask is not null) And(tf.ExpandDims(StepMask("value", valueMask, batch, s), -2));
        if (keyMask is not null) And(tf.ExpandDims(StepMask("key", keyMask, batch, s), -2));
        if (materializeCausal)
        {
            var tri = new bool[t * s];
            for (int i = 0; i < t; i++)
                for (int j = 0; j <= Math.Min(i, s - 1); j++) tri[i * s + j] = true;
            And(tf.Constant(tri, shape: new Shape(1, t, s)));
        }
        if (attentionMask is not null)
        {
            var am = attentionMask.DType == DType.Bool ? attentionMask : tf.Cast(attentionMask, DType.Bool);
            bool ok = am.Rank is 2 or 3 && am.Shape[-1] == s && (am.Shape[-2] == t || am.Shape[-2] == 1)
                      && (am.Rank == 2 || am.Shape[0] == batch || am.Shape[0] == 1);
            if (!ok)
                throw new InvalidArgumentError(
                    $"MultiHeadAttention '{Name}': attention_mask must have shape (batch, T, S) = ({batch}, {t}, {s}), got {attentionMask.Shape}.");
            auto = auto is null ? am : tf.LogicalAnd(am, auto);
        }
        return auto is null ? null : tf.BroadcastTo(auto, new Shape(batch, t, s));
    }

    private Tensor StepMask(string what, Tensor mask, int batch, int steps)
    {
        var m = mask.DType == DType.Bool ? mask : tf.Cast(mask, DType.Bool);
        if (m.Rank > 2) m = tf.Reshape(m, [m.Shape[0], -1]);
        if (m.Rank != 2 || m.Shape[0] != batch || m.Shape[1] != steps)
            throw new InvalidArgumentError(
                $"MultiHeadAttention '{Name}': the {what} mask must have shape ({batch}, {steps}), got {mask.Shape}.");
        return m;
    }
}

/// <summary>One of MultiHeadAttention's EinsumDense projections: a kernel (in, heads, dim) applied to the last axis
/// (<c>abc,cde->abde</c>), or the output kernel (heads, dim, out…) contracting the heads (<c>abcd,cde->abe</c>).</summary>
internal sealed class AttentionProjection : Layer
{
    private readonly int[] _kernelShape;

    public AttentionProjection(string name, string kerasAttribute, int[] kernelShape, int[]? biasShape, Initializer kernelInit, Initializer biasInit)
        : base(name)
    {
        KerasAttribute = kerasAttribute;
        _kernelShape = kernelShape;
        Kernel = AddWeight("kernel", kernelShape, kernelInit);
        if (biasShape is not null) Bias = AddWeight("bias", biasShape, biasInit);
        Built = true;
    }

    public override string ClassName => "EinsumDense";

    /// <summary>The attribute Keras's MultiHeadAttention keeps this projection in (<c>query_dense</c>…): the group of its
    /// variables in a weights file (<c>layers/multi_head_attention/query_dense/vars/0</c>).</summary>
    public string KerasAttribute { get; }
    public Variable Kernel { get; }
    public Variable? Bias { get; }
    public int InputDim => _kernelShape[0];

    /// <summary>(B, T, in) → (B, T, heads, dim).</summary>
    public Tensor Project(Tensor x)
    {
        int b = x.Shape[0], t = x.Shape[1], n = _kernelShape[1], h = _kernelShape[2];
        var y = tf.MatMul(tf.Reshape(x, [b * t, _kernelShape[0]]), tf.Reshape(Kernel, [_kernelShape[0], n * h]));
        if (Bias is not null) y = tf.Add(y, tf.Reshape(Bias, [n * h]));
        return tf.Reshape(y, [b, t, n, h]);
    }

    /// <summary>(B, T, heads, dim) → (B, T, out) (out the product of the output dimensions).</summary>
    public Tensor ProjectHeads(Tensor x)
    {
        int b = x.Shape[0], t = x.Shape[1], nh = _kernelShape[0] * _kernelShape[1];
        int outs = 1;
        for (int i = 2; i < _kernelShape.Length; i++) outs *= _kernelShape[i];
        var y = tf.MatMul(tf.Reshape(x, [b * t, nh]), tf.Reshape(Kernel, [nh, outs]));
        if (Bias is not null) y = tf.Add(y, tf.Reshape(Bias, [outs]));
        return tf.Reshape(y, [b, t, outs]);
    }

    public override Tensor Call(Tensor inputs) => Project(inputs);
}
