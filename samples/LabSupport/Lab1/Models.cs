using Strata;
using Strata.Keras.Layers;
using Strata.Keras.Models;

namespace Lab1;

/// <summary>### Defining a network Layer ### — a perceptron: y = sigmoid(x W + b).</summary>
#region our-dense-layer
public class OurDenseLayer : Layer
{
    private readonly int n_output_nodes;
    public Variable W = null!;
    public Variable b = null!;

    public OurDenseLayer(int n_output_nodes)
    {
        this.n_output_nodes = n_output_nodes;
    }

    public override void Build(Shape input_shape)
    {
        int d = input_shape[-1];
        // Define and initialize parameters: a weight matrix W and bias b
        // Note that parameter initialization is random!
        W = AddWeight("weight", shape: [d, n_output_nodes]); // note the dimensionality
        b = AddWeight("bias", shape: [1, n_output_nodes]);   // note the dimensionality
    }

    public override Tensor Call(Tensor x)
    {
        var z = tf.MatMul(x, W) + b;
        var y = tf.Sigmoid(z);
        return y;
    }
}
#endregion

/// <summary>### Defining a model using subclassing ###</summary>
#region subclass-model
public class SubclassModel : Model
{
    private readonly Dense dense_layer;

    public SubclassModel(int n_output_nodes)
    {
        dense_layer = new Dense(n_output_nodes, activation: "sigmoid", useBias: true, biasInitializer: "zeros");
    }

    public override Tensor Call(Tensor inputs) => dense_layer.Apply(inputs);
}
#endregion

/// <summary>### Defining a model using subclassing and specifying custom behavior ###</summary>
#region identity-model
public class IdentityModel : Model
{
    private readonly Dense dense_layer;

    public IdentityModel(int n_output_nodes)
    {
        dense_layer = new Dense(n_output_nodes, activation: "sigmoid");
    }

    public Tensor Call(Tensor inputs, bool isidentity = false)
    {
        var x = dense_layer.Apply(inputs);
        // When isidentity is true, return the original input; otherwise, return the output of the layer
        if (isidentity)
            return inputs;
        return x;
    }

    public override Tensor Call(Tensor inputs) => Call(inputs, isidentity: false);
}
#endregion
