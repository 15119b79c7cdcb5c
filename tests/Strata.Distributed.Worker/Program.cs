// Runs one scenario as one MPI rank; the tests in Strata.Distributed.Tests start it under mpirun and read what rank 0
// writes. Scenarios:
//   train <sgd|adam> <samples> <globalBatch> <weights-out> [--hidden N] [--unseeded]
//                  one epoch of an MLP 8 → N (16) → 3 under MultiWorkerMirroredStrategy (N = 8192 makes the first
//                  kernel large enough for a collective of its own); after tf.random.SetSeed(1) unless
//                  --unseeded: then each rank's own initial weights and shuffle differ, and Fit must align them);
//                  rank 0 writes the final weights (float32, little-endian) and prints the epoch's logs and whether
//                  every rank ended with the same weights
//   custom <weights-out>  the same model trained by a GradientTape loop: each rank takes its ShardOf every batch of 32,
//                  the optimizer (made in the scope) averages the gradients; rank 0 writes the final weights
//   checkpoint <dir>  two epochs with ModelCheckpoint into <dir>: every rank prints how many files it wrote
//   stop <rank>    a callback on rank <rank> alone stops training after its 4th step; every rank prints its step count
//   throw <rank>   rank <rank> throws inside its 5th training step
//   kill <rank>    rank <rank> kills itself (SIGKILL) in its 5th training step
//   collectives    all-reduce, broadcast and all-gather checks, printing "collectives ok" on every rank
using System.Globalization;
using Strata;
using Strata.Distributed;
using Strata.Keras.Callbacks;
using Strata.Keras.Distribute;
using Strata.Keras.Layers;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;

var strategy = tf.distribute.MultiWorkerMirroredStrategy();
int rank = strategy.ReplicaId;
switch (args[0])
{
    case "train":
        Train(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture), args[4],
            seeded: !args.Contains("--unseeded"), hidden: args.Contains("--hidden") ? int.Parse(args[Array.IndexOf(args, "--hidden") + 1], CultureInfo.InvariantCulture) : 16);
        break;
    case "throw":
    case "kill":
        Fail(args[0], int.Parse(args[1], CultureInfo.InvariantCulture));
        break;
    case "checkpoint":
        Checkpoint(args[1]);
        break;
    case "stop":
        Stop(int.Parse(args[1], CultureInfo.InvariantCulture));
        break;
    case "custom":
        Custom(args[1]);
        break;
    case "collectives":
        Collectives();
        break;
    default:
        throw new ArgumentException($"unknown scenario {args[0]}");
}
return 0;

void Train(string optimizer, int samples, int globalBatch, string output, bool seeded, int hidden)
{
    if (seeded) tf.random.SetSeed(1);
    else tf.random.SetSeed(1000 + rank);
    var (x, y) = Data(samples);
    Sequential model;
    using (strategy.Scope())
    {
        model = new Sequential([new Dense(hidden, activation: "relu", inputShape: [8]), new Dense(3)]);
        model.Compile(optimizer: optimizer == "sgd" ? new SGD(learningRate: 0.1) : new Adam(learningRate: 0.01),
            loss: new Strata.Keras.Losses.SparseCategoricalCrossentropy(fromLogits: true), metrics: ["accuracy"]);
    }
    var history = model.Fit(x, y, batchSize: globalBatch, epochs: 1, verbose: 0);
    double checksum = model.Weights.Sum(w => w.ToArray<float>().Select((v, i) => v * (i + 1.0)).Sum());
    bool agree = strategy.Communicator.AllGather(checksum).All(c => c == checksum);
    if (rank != 0) return;
    using (var file = new BinaryWriter(File.Create(output)))
        foreach (var w in model.Weights)
            foreach (var v in w.ToArray<float>()) file.Write(v);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"replicas {strategy.NumReplicasInSync} loss {history.history["loss"][0]:R} accuracy {history.history["accuracy"][0]:R} steps {model.Optimizer!.Iterations} replicas-agree {agree}"));
}

void Custom(string output)
{
    tf.random.SetSeed(1);
    var (x, y) = Data(640);
    Sequential model;
    Adam adam;
    using (strategy.Scope())
    {
        model = new Sequential([new Dense(16, activation: "relu", inputShape: [8]), new Dense(3)]);
        adam = new Adam(learningRate: 0.01);
    }
    model.Call(tf.Slice(x, [0, 0], [1, -1])); // builds the weights, which rank 0 then gives everyone
    strategy.BroadcastVariables(model.Weights);
    var loss = new Strata.Keras.Losses.SparseCategoricalCrossentropy(fromLogits: true);
    Tensor? last = null;
    for (int start = 0; start < 640; start += 32)
    {
        var (first, rows) = strategy.ShardOf(32);
        var xb = tf.Slice(x, [start + first, 0], [rows, -1]);
        var yb = tf.Slice(y, [start + first], [rows]);
        using var tape = new GradientTape();
        var value = strategy.Run(() => loss.Call(yb, model.Call(xb, training: true)));
        var grads = tape.Gradient(value, model.TrainableWeights);
        adam.ApplyGradients(grads, model.TrainableWeights);
        last = strategy.Reduce(ReduceOp.Mean, value);
    }
    if (rank != 0) return;
    using (var file = new BinaryWriter(File.Create(output)))
        foreach (var w in model.Weights)
            foreach (var v in w.ToArray<float>()) file.Write(v);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"replicas {strategy.NumReplicasInSync} last-loss {last!.ToArray<float>()[0]:R}"));
}

void Checkpoint(string dir)
{
    var (x, y) = Data(640);
    Sequential model;
    using (strategy.Scope())
    {
        model = new Sequential([new Dense(16, activation: "relu", inputShape: [8]), new Dense(3)]);
        model.Compile(optimizer: new SGD(), loss: new Strata.Keras.Losses.SparseCategoricalCrossentropy(fromLogits: true));
    }
    var checkpoint = new ModelCheckpoint(Path.Combine(dir, "ckpt_{epoch:02d}.weights.h5"), saveWeightsOnly: true);
    model.Fit(x, y, batchSize: 32, epochs: 2, verbose: 0, callbacks: [checkpoint]);
    Console.WriteLine($"rank {rank} wrote {checkpoint.SavedPaths.Count} checkpoint(s)");
}

void Stop(int stopping)
{
    var (x, y) = Data(640);
    Sequential model;
    using (strategy.Scope())
    {
        model = new Sequential([new Dense(16, activation: "relu", inputShape: [8]), new Dense(3)]);
        model.Compile(optimizer: new SGD(), loss: new Strata.Keras.Losses.SparseCategoricalCrossentropy(fromLogits: true));
    }
    var stopper = new LambdaCallback(onBatchEnd: (step, _) =>
    {
        if (step == 3 && rank == stopping) model.StopTraining = true;
    });
    model.Fit(x, y, batchSize: 32, epochs: 5, verbose: 0, callbacks: [stopper]);
    Console.WriteLine($"rank {rank} stopped after {model.Optimizer!.Iterations} steps");
}

void Fail(string how, int failing)
{
    var (x, y) = Data(640);
    Sequential model;
    using (strategy.Scope())
    {
        model = new Sequential([new Dense(16, activation: "relu", inputShape: [8]), new Dense(3)]);
        model.Compile(optimizer: new SGD(), loss: new Strata.Keras.Losses.SparseCategoricalCrossentropy(fromLogits: true));
    }
    var trigger = new LambdaCallback(onBatchBegin: (step, _) =>
    {
        if (step != 4 || rank != failing) return;
        if (how == "kill") System.Diagnostics.Process.GetCurrentProcess().Kill();
        throw new InvalidOperationException($"a deliberate failure on rank {rank}");
    });
    model.Fit(x, y, batchSize: 32, epochs: 1000, verbose: 0, callbacks: [trigger]);
}

void Collectives()
{
    var world = strategy.Communicator;
    int n = world.Size;
    var sum = new float[3 * (1 << 20) + 7];   // more than one chunk's worth of calls would be 1 GiB; this checks a long buffer
    Array.Fill(sum, rank + 1);
    world.AllReduce(sum.AsSpan());
    float expected = n * (n + 1) / 2f;
    if (sum.Any(v => v != expected)) throw new Exception($"AllReduce float: got {sum[0]}, expected {expected}");
    var max = new[] { (double)rank };
    world.AllReduce(max.AsSpan(), Strata.Distributed.Mpi.MpiOp.Max);
    if (max[0] != n - 1) throw new Exception($"AllReduce max: got {max[0]}");
    var ints = new[] { rank == 0 ? 42 : -1, rank == 0 ? 7 : -1 };
    world.Broadcast(ints.AsSpan());
    if (ints[0] != 42 || ints[1] != 7) throw new Exception($"Broadcast: got {ints[0]}, {ints[1]}");
    var ranks = world.AllGather(rank * 10);
    if (!ranks.SequenceEqual(Enumerable.Range(0, n).Select(r => r * 10))) throw new Exception($"AllGather: got {string.Join(",", ranks)}");
    var mean = strategy.Reduce(ReduceOp.Mean, tf.Constant(new[] { (float)rank, 1f }));
    if (mean.ToArray<float>()[0] != (n - 1) / 2f || mean.ToArray<float>()[1] != 1f) throw new Exception($"Reduce mean: got {mean}");
    // Through the strategy: small tensors in a fused bucket, 64K+ floats each in a collective of its own.
    foreach (int length in new[] { 100, 20_000, 70_000, (1 << 20) + 5, 3 * (1 << 20) })
    {
        var mine = tf.Fill([length], (float)(rank + 1));
        var summed = strategy.AllReduce([mine], ReduceOp.Sum)[0]!.ToArray<float>();
        if (summed.Any(v => v != expected)) throw new Exception($"strategy.AllReduce of {length}: got {summed.First(v => v != expected)}, expected {expected}");
    }
    for (int step = 0; step < 50; step++)   // buffers returned to the pool and rented again
    {
        var summed = strategy.AllReduce([tf.Fill([30_000], (float)(rank + step))], ReduceOp.Sum)[0]!.ToArray<float>();
        float want = n * step + n * (n - 1) / 2f;
        if (summed[0] != want || summed[^1] != want) throw new Exception($"step {step}: got {summed[0]}, expected {want}");
    }
    world.Barrier();
    Console.WriteLine($"collectives ok on rank {rank} of {n} ({world.Library})");
}

// A fixed, separable 3-class problem: the same on every rank and every run.
static (Tensor X, Tensor Y) Data(int samples)
{
    var rng = new Random(7);
    var x = new float[samples, 8];
    var y = new int[samples];
    for (int i = 0; i < samples; i++)
    {
        double score = 0;
        for (int j = 0; j < 8; j++)
        {
            x[i, j] = (float)(rng.NextDouble() * 2 - 1);
            score += x[i, j] * (j % 3 - 1);
        }
        y[i] = score > 0.3 ? 2 : score < -0.3 ? 0 : 1;
    }
    return (tf.Constant(x), tf.Constant(y));
}
