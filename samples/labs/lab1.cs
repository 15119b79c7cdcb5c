#!/usr/bin/env dotnet
// dotnet run samples/labs/lab1.cs     (a .NET 10 file-based app; `dotnet run --project samples/Lab1` runs the same file)
#:project ../LabSupport/LabSupport.csproj
// MIT Intro to Deep Learning, Lab 1 Part 1 (TensorFlow), ported block by block to Strata.
// Each section prints what the notebook prints, then a [PASS]/[FAIL] line of its own check.
using Lab1;
using Strata;
using Strata.Keras.Layers;
using Strata.Keras.Models;
using Strata.Plot;
using static Lab1.Checks;

static void Section(string title) => Console.WriteLine($"\n### {title} ###");

// ---------------------------------------------------------------- Defining a network Layer
Section("Defining a network Layer");
// Since layer parameters are initialized randomly, we will set a random seed for reproducibility
#region custom-layer
tf.random.SetSeed(1);
var layer = new OurDenseLayer(3);  // Create an instance of OurDenseLayer with 3 output nodes
layer.Build([1, 2]);               // Initialize the weights and biases with input shape (1, 2)
var x_input = tf.Constant(new[,] { { 1, 2.0 } }, shape: [1, 2]); // Create a constant input tensor with shape (1, 2)
var y = layer.Call(x_input);

// Test the output!
Console.WriteLine(y.Numpy());
#endregion
// mdl.lab1.test_custom_dense_layer_output: np.array_equal with the array TensorFlow gives after tf.random.set_seed(1)
// (MIT's check up to 2023-03; tf.keras <= 2.9 draws each weight with a stateful op).
CheckCustomDenseLayerOutput(y, new[,] { { 0.2697859f, 0.45750418f, 0.66536945f } }, "after tf.random.SetSeed(1)");

// ---------------------------------------------------------------- Sequential API
Section("Defining a neural network using the Sequential API");
#region sequential
int n_output_nodes = 3;
var model = new Sequential();
var dense_layer = new Dense(n_output_nodes, activation: "sigmoid", useBias: true, biasInitializer: "zeros");
model.Add(dense_layer);

x_input = tf.Constant(new[,] { { 1, 2.0 } }, shape: [1, 2]);
var model_output = model.Call(x_input);
Console.WriteLine(model_output);
#endregion
Check(model_output.Shape == new Shape(1, 3) && dense_layer.Kernel!.Shape == new Shape(2, 3) && model.TrainableWeights.Count == 2,
    $"Sequential output shape {model_output.Shape}, kernel {dense_layer.Kernel!.Shape}, {model.TrainableWeights.Count} trainable weights");

// ---------------------------------------------------------------- Subclassing the Model class
Section("Defining a model using subclassing");
#region subclass
var subclass_model = new SubclassModel(n_output_nodes);
x_input = tf.Constant(new[,] { { 1, 2.0 } }, shape: [1, 2]);
var subclass_output = subclass_model.Call(x_input);
Console.WriteLine(subclass_output);
#endregion
Check(subclass_output.Shape == new Shape(1, 3) && subclass_model.TrainableWeights.Count == 2,
    $"SubclassModel output shape {subclass_output.Shape}, weights tracked through the field: {subclass_model.TrainableWeights.Count}");

// ---------------------------------------------------------------- Custom behaviour: isidentity
Section("Defining a model using subclassing and specifying custom behavior");
#region isidentity
var identity_model = new IdentityModel(n_output_nodes);
x_input = tf.Constant(new[,] { { 1, 2.0 } }, shape: [1, 2]);
var out_activate = identity_model.Call(x_input, false);
var out_identity = identity_model.Call(x_input, true);
Console.WriteLine($"Network output with activation: {out_activate.Numpy()}; network identity output: {out_identity.Numpy()}");
#endregion
Check(out_identity.Shape == x_input.Shape && out_identity.ToArray<float>().SequenceEqual(x_input.ToArray<float>())
      && out_activate.Shape == new Shape(1, 3),
    "IdentityModel: identity output equals the input, activation output has shape (1, 3)");

// ---------------------------------------------------------------- Gradient computation with GradientTape
Section("Gradient computation with GradientTape");
// y = x^2, at x = 3.0
{
    #region tape
    var x = tf.Variable(3.0);
    Tensor? dy_dx;
    using (var tape = new GradientTape())
    {
        var yy = x * x;
        dy_dx = tape.Gradient(yy, x); // derivative of y with respect to x
    }
    Console.WriteLine(dy_dx);
    #endregion
    Check(dy_dx is not null && (float)dy_dx.Numpy() == 6.0f, "dy_dx.numpy() == 6.0");
}

// ---------------------------------------------------------------- Function minimization with SGD
Section("Function minimization with automatic differentiation and SGD");
string pngPath;
{
    #region sgd
    // Initialize a random value for our initial x
    var x = tf.Variable(new[] { tf.random.Normal([1]) });
    Console.WriteLine($"Initializing x={x.Numpy()}");

    var learning_rate = 1e-2; // learning rate for SGD
    var history = new List<float>();
    // Define the target value
    var x_f = 4;

    // We will run SGD for a number of iterations. At each iteration, we compute the loss,
    // compute the derivative of the loss with respect to x, and perform the SGD update.
    for (int i = 0; i < 500; i++)
    {
        Tensor? grad;
        using (var tape = new GradientTape())
        {
            var loss = tf.Pow(x - x_f, 2);
            // loss minimization using gradient tape
            grad = tape.Gradient(loss, x); // compute the derivative of the loss with respect to x
        }
        var new_x = x - learning_rate * grad!; // sgd update
        x.Assign(new_x);                      // update the value of x
        history.Add(x.Numpy()[0].Item<float>());
    }

    // Plot the evolution of x as we optimize towards x_f!
    var plt = new Figure();
    plt.Plot(history);
    plt.Plot([0.0, 500.0], [x_f, x_f]);
    plt.Legend("Predicted", "True");
    plt.XLabel("Iteration");
    plt.YLabel("x value");
    pngPath = plt.SaveFig(Path.Combine("out", "lab1", "sgd_history.png"));

    Console.WriteLine($"After 500 steps x={x.Numpy()}");
    #endregion
    float final = x.Numpy()[0].Item<float>();
    Check(Math.Abs(final - x_f) < 1e-3, $"|x - 4| = {Math.Abs(final - x_f):G3} < 1e-3 after 500 steps");
}

// ---------------------------------------------------------------- tf.matmul versus tf.multiply
Section("Difference between tf.matmul and tf.multiply");
{
    #region matmul
    var a = tf.Constant(new[,] { { 1, 2.0 }, { 3, 4 } });
    var b = tf.Constant(new[,] { { 5, 6.0 }, { 7, 8 } });
    var mm = tf.MatMul(a, b);
    var mul = tf.Multiply(a, b);
    Console.WriteLine($"tf.matmul(a, b) =\n{mm}");
    Console.WriteLine($"tf.multiply(a, b) =\n{mul}");
    #endregion
    Check(mm.ToArray<float>().SequenceEqual([19f, 22f, 43f, 50f]) && mul.ToArray<float>().SequenceEqual([5f, 12f, 21f, 32f]),
        "matmul sums rows times columns ([[19 22] [43 50]]); multiply pairs elements ([[5 12] [21 32]])");

    // x (1, 2) with W (2, 3): a dense layer's shapes. matmul fits; multiply does not broadcast.
    var x = tf.Constant(new[,] { { 1, 2.0 } });
    var W = tf.Constant(new[,] { { 1, 2.0, 3 }, { 4, 5, 6 } });
    Console.WriteLine($"tf.matmul(x, W) = {tf.MatMul(x, W)}");
    Check(Throws(() => tf.Multiply(x, W), "Multiply", "(1, 2)", "(2, 3)"), "tf.multiply(x (1, 2), W (2, 3)) raises InvalidArgumentError naming both shapes");
    var W3 = tf.Ones([3, 3]);
    Check(Throws(() => tf.MatMul(x, W3), "MatMul", "(1, 2)", "(3, 3)"), "tf.matmul(x (1, 2), W (3, 3)) raises InvalidArgumentError naming both shapes");
}

// ---------------------------------------------------------------- The custom layer, as the lab checks it since 2023-03
Section("Defining a network Layer, seeded with keras.utils.set_random_seed");
// Since 2023-03 the lab seeds with tf.keras.utils.set_random_seed(1) (Keras 2.10+: stateless initializers whose
// seeds come from Python's random.Random(1)), and checks another array.
#region seeded-layer
keras.utils.SetRandomSeed(1);
var seeded_layer = new OurDenseLayer(3);
seeded_layer.Build([1, 2]);
var seeded_y = seeded_layer.Call(tf.Constant(new[,] { { 1, 2.0 } }, shape: [1, 2]));
Console.WriteLine(seeded_y.Numpy());
#endregion
CheckCustomDenseLayerOutput(seeded_y, new[,] { { 0.27064407f, 0.1826951f, 0.50374055f } }, "after keras.utils.SetRandomSeed(1)");

Console.WriteLine($"\nSGD history plot: {pngPath}");
Console.WriteLine(Failed == 0 ? "All checks passed." : $"{Failed} check(s) failed.");
return Failed == 0 ? 0 : 1;

static bool Throws(Func<Tensor> f, params string[] mustMention)
{
    try
    {
        f();
        Console.WriteLine("  (no error raised)");
        return false;
    }
    catch (InvalidArgumentError e)
    {
        Console.WriteLine($"  {e.GetType().Name}: {e.Message}");
        return mustMention.All(e.Message.Contains);
    }
}
