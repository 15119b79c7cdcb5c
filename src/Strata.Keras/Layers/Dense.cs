using Strata.Keras.Constraints;
using Strata.Keras.Engine;
using Strata.Keras.Initializers;
using Strata.Keras.Regularizers;

namespace Strata.Keras.Layers;

/// <summary>Keras's densely connected layer: <c>activation(inputs · kernel + bias)</c>. Kernel starts
/// glorot_uniform, bias zeros (Keras defaults). Inputs of rank > 2 are multiplied on their last axis.</summary>
public class Dense : Layer
{
    /// <summary>The number of outputs per sample: the size of the output's last axis.</summary>
    public int Units { get; }
    /// <summary>The activation applied after the bias (linear, the identity, by default).</summary>
    public Activation Activation { get; }
    /// <summary>Whether the layer adds <see cref="Bias"/>.</summary>
    public bool UseBias { get; }
    /// <summary>The initializer of <see cref="Kernel"/> (glorot_uniform by default).</summary>
    public Initializer KernelInitializer { get; }
    /// <summary>The initializer of <see cref="Bias"/> (zeros by default).</summary>
    public Initializer BiasInitializer { get; }
    /// <summary>The penalty on <see cref="Kernel"/> added to the model's losses, or null.</summary>
    public Regularizer? KernelRegularizer { get; }
    /// <summary>The penalty on <see cref="Bias"/> added to the model's losses, or null.</summary>
    public Regularizer? BiasRegularizer { get; }
    /// <summary>The constraint applied to <see cref="Kernel"/> after each optimizer step, or null.</summary>
    public Constraint? KernelConstraint { get; }
    /// <summary>The constraint applied to <see cref="Bias"/> after each optimizer step, or null.</summary>
    public Constraint? BiasConstraint { get; }

    /// <summary>The layer's kernel, shape (inputDim, units); null before Build.</summary>
    public Variable? Kernel { get; private set; }
    /// <summary>The layer's bias, shape (units); null before Build or without <see cref="UseBias"/>.</summary>
    public Variable? Bias { get; private set; }

    /// <summary>A Dense layer (keras.layers.Dense): (batch, …, inputDim) → (batch, …, units).</summary>
    /// <param name="units">Keras's <c>units</c>: the number of outputs, positive.</param>
    /// <param name="activation">Keras's <c>activation</c>: a name such as <c>"relu"</c> or an <see cref="Keras.Activation"/>;
    /// null (linear) by default.</param>
    /// <param name="useBias">Keras's <c>use_bias</c>: whether to add a bias; true by default.</param>
    /// <param name="kernelInitializer">Keras's <c>kernel_initializer</c>; null for glorot_uniform.</param>
    /// <param name="biasInitializer">Keras's <c>bias_initializer</c>; null for zeros.</param>
    /// <param name="name">The layer's name; null for <c>dense</c>, <c>dense_1</c>….</param>
    /// <param name="inputShape">Keras's <c>input_shape</c>: the shape of one sample (no batch dimension); null by default.</param>
    /// <param name="kernelRegularizer">Keras's <c>kernel_regularizer</c>, e.g. <c>"l2"</c>; null (none) by default.</param>
    /// <param name="biasRegularizer">Keras's <c>bias_regularizer</c>; null (none) by default.</param>
    /// <param name="activityRegularizer">Keras's <c>activity_regularizer</c>: a penalty on the layer's output; null (none)
    /// by default.</param>
    /// <param name="kernelConstraint">Keras's <c>kernel_constraint</c>, e.g. <c>"non_neg"</c>; null (none) by default.</param>
    /// <param name="biasConstraint">Keras's <c>bias_constraint</c>; null (none) by default.</param>
    public Dense(int units, Activation? activation = null, bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? biasInitializer = null, string? name = null, Shape? inputShape = null,
        Regularizer? kernelRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? biasConstraint = null)
        : base(name, inputShape)
    {
        SupportsMasking = true;
        if (units <= 0) throw new InvalidArgumentError($"Dense: units must be positive, got {units}.");
        Units = units;
        Activation = activation ?? Activation.Linear;
        UseBias = useBias;
        KernelInitializer = kernelInitializer ?? new GlorotUniform();
        BiasInitializer = biasInitializer ?? new Zeros();
        KernelRegularizer = kernelRegularizer;
        BiasRegularizer = biasRegularizer;
        ActivityRegularizer = activityRegularizer;
        KernelConstraint = kernelConstraint;
        BiasConstraint = biasConstraint;
        InputSpec = new InputSpec(minNdim: 2);
    }

    /// <summary>The same with the activation given as a function, e.g. <c>activation: tf.Sigmoid</c>.</summary>
    public Dense(int units, Func<Tensor, Tensor> activation, bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? biasInitializer = null, string? name = null, Shape? inputShape = null,
        Regularizer? kernelRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? biasConstraint = null)
        : this(units, (Activation)activation, useBias, kernelInitializer, biasInitializer, name, inputShape,
            kernelRegularizer, biasRegularizer, activityRegularizer, kernelConstraint, biasConstraint)
    {
    }

    /// <summary>The kernel (in, units) from the input's last axis, which must be known (AddWeight says so in
    /// Keras's words); from then on inputs must have that last axis.</summary>
    public override void Build(Shape inputShape)
    {
        // Apply never gets here with rank < 2 (the spec's min_ndim says so first); a direct Build call can.
        if (inputShape.Rank < 2)
            throw new InvalidArgumentError(
                $"Dense '{Name}': expected an input of rank >= 2 (batch, features), got shape {inputShape}.");
        int inputDim = inputShape[-1];
        Kernel = AddWeight("kernel", [inputDim, Units], KernelInitializer, regularizer: KernelRegularizer, constraint: KernelConstraint);
        if (UseBias) Bias = AddWeight("bias", [Units], BiasInitializer, regularizer: BiasRegularizer, constraint: BiasConstraint);
        InputSpec = new InputSpec(minNdim: 2, axes: new Dictionary<int, int> { [-1] = inputDim });
    }

    /// <inheritdoc/>
    public override Tensor Call(Tensor inputs)
    {
        if (Kernel is null)
        {
            InputCompatibility.Assert(CurrentInputSpecs, inputs, Name); // as Apply does, before building
            EnsureBuilt(inputs.Shape);
        }
        if (inputs.Rank < 2 || inputs.Shape[-1] != Kernel!.Shape[0])
        {
            // Called directly rather than through Apply, the input has not met the spec yet: Keras's message.
            InputCompatibility.Assert(CurrentInputSpecs, inputs, Name);
            throw new InvalidArgumentError(
                $"Dense '{Name}': input shape {inputs.Shape} does not match the kernel {Kernel!.Shape} (last dimension must be {Kernel.Shape[0]}).");
        }
        var x = inputs.DType == Kernel.DType ? inputs : tf.Cast(inputs, Kernel.DType);
        Tensor z;
        if (x.Rank == 2) z = tf.MatMul(x, Kernel);
        else
        {
            // (…, in) · (in, units): fold the leading axes into one batch axis.
            var lead = x.Shape.Dims[..^1].ToArray();
            z = tf.Reshape(tf.MatMul(tf.Reshape(x, [-1, Kernel.Shape[0]]), Kernel), [.. lead, Units]);
        }
        // Bias and activation in one pass where the engine has the pair fused (linear, relu, sigmoid, tanh).
        if (Bias is not null && Activation.Fused is { } fused) return tf.BiasAddActivationInPlace(z, Bias, fused);   // z is the fresh product
        if (Bias is not null) z = z + Bias;
        return Activation.Invoke(z);
    }
}
