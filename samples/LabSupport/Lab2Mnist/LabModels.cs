using Strata;
using Strata.Keras.Layers;
using Strata.Keras.Models;

namespace Lab2Mnist;

/// <summary>The lab's two models and its evaluate-and-print block.</summary>
public static class LabModels
{
    /// <summary>build_fc_model(): Flatten, Dense(128, relu), Dense(10, softmax).</summary>
    public static Sequential BuildFcModel() => new([
        new Flatten(),
        new Dense(128, activation: tf.Relu),
        new Dense(10, activation: "softmax"),
    ]);

    /// <summary>build_cnn_model(): Conv2D(24, 3×3, relu), MaxPool2D(2×2), Conv2D(36, 3×3, relu), MaxPool2D(2×2),
    /// Flatten, Dense(128, relu), Dense(10, softmax). Valid padding: 28 → 26 → 13 → 11 → 5, 900 values flat.</summary>
    public static Sequential BuildCnnModel() => new([
        new Conv2D(filters: 24, kernelSize: (3, 3), activation: "relu"),   // activation=tf.nn.relu in the notebook
        new MaxPooling2D(poolSize: (2, 2)),                                // Keras's MaxPool2D is the same class
        new Conv2D(filters: 36, kernelSize: (3, 3), activation: "relu"),
        new MaxPooling2D(poolSize: (2, 2)),
        new Flatten(),
        new Dense(128, activation: tf.Relu),
        new Dense(10, activation: "softmax"),
    ]);

    /// <summary>test_loss, test_acc = model.evaluate(test_images, test_labels); print('Test accuracy:', test_acc)</summary>
    public static (double Loss, double Accuracy) Evaluate(Model model, Tensor images, Tensor labels)
    {
        var results = model.Evaluate(images, labels);
        Console.WriteLine($"Test accuracy: {results["accuracy"]}");
        return (results["loss"], results["accuracy"]);
    }
}
