// The child process of the kill tests (tests/Strata.Keras.Tests/Saving/KillTests.cs).
//   fit <backupDir|none> <epochs> [killAtEpoch]   trains the test model; prints "LOSS <epoch> <value:R>" after each epoch;
//                                                  at the start of killAtEpoch prints "WAITING" and waits to be killed.
//   save-loop <path.keras>                          saves the test model over and over, its weights all k in save k;
//                                                  prints "SAVED 1" after the first save, then saves until killed.
using System.Globalization;
using Strata;
using Strata.Keras.Callbacks;
using Strata.Keras.Layers;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;

var inv = CultureInfo.InvariantCulture;
switch (args[0])
{
    case "fit":
    {
        string backup = args[1];
        int epochs = int.Parse(args[2], inv);
        int? killAt = args.Length > 3 ? int.Parse(args[3], inv) : null;
        var (model, x, y) = TestModel.Make();
        var callbacks = new List<Callback>();
        if (backup != "none") callbacks.Add(new BackupAndRestore(backup));
        callbacks.Add(new LambdaCallback(
            onEpochBegin: (e, _) =>
            {
                if (e != killAt) return;
                Console.WriteLine("WAITING");
                Console.Out.Flush();
                Thread.Sleep(Timeout.Infinite);
            },
            onEpochEnd: (e, logs) =>
            {
                Console.WriteLine($"LOSS {e} {logs["loss"].ToString("R", inv)}");
                Console.Out.Flush();
            }));
        model.Fit(x, y, batchSize: 8, epochs: epochs, verbose: 0, callbacks: callbacks);
        Console.WriteLine("DONE");
        return 0;
    }
    case "save-loop":
    {
        var (model, _, _) = TestModel.Make();
        for (int k = 1; ; k++)
        {
            model.SetWeights(model.GetWeights().Select(w => tf.Fill(w.Shape, tf.Cast(tf.Constant((double)k), w.DType))).ToArray());
            model.Save(args[1]);
            if (k == 1)
            {
                Console.WriteLine("SAVED 1");
                Console.Out.Flush();
            }
        }
    }
    default:
        Console.Error.WriteLine($"unknown mode {args[0]}");
        return 2;
}

/// <summary>The model both processes build: relu, unseeded dropout (tf.random), Adam, shuffled batches.</summary>
internal static class TestModel
{
    public static (Sequential, Tensor, Tensor) Make()
    {
        tf.random.SetSeed(21);
        var model = new Sequential([new InputLayer([3]), new Dense(64, activation: "relu"), new Dropout(0.3), new Dense(64, activation: "relu"), new Dense(1)]);
        model.Compile(optimizer: new Adam(0.01), loss: "mse");
        var x = tf.random.Uniform([40, 3], seed: 2);
        var y = tf.ReduceSum(tf.Sin(x * 3.0), 1, keepDims: true);
        return (model, x, y);
    }
}
