// A decoder-only character Transformer on the Irish folk tunes of MIT's Lab 1 Part 2 (irish.abc, MIT License):
// token + position embedding → 4 blocks of causal MultiHeadAttention + MLP with LayerNormalization and residuals →
// Dense logits over the characters, trained with Fit. It prints the validation loss per epoch next to a unigram
// model's (each character's frequency in the training text), then samples a tune.
//   dotnet run -c Release --project samples/TinyTransformer [-- --epochs N --seed S --generate N]
using Strata;
using Strata.Keras.Callbacks;
using Strata.Keras.Losses;
using Strata.Keras.Optimizers;
using TinyTransformer;

int epochs = 4, generate = 400;
long seed = 1;
const string Usage = "Usage: TinyTransformer [--epochs N] [--seed S] [--generate N]";
for (int i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : "";
    string option = args[i];
    bool ok = option switch
    {
        "--epochs" => int.TryParse(Next(), out epochs) && epochs > 0,
        "--seed" => long.TryParse(Next(), out seed),
        "--generate" => int.TryParse(Next(), out generate) && generate >= 0,
        _ => false,
    };
    if (!ok)
    {
        Console.Error.WriteLine($"bad or unknown option '{option}'. {Usage}");
        return 2;
    }
}
const int Context = 128, Width = 128, Heads = 4, Blocks = 4, BatchSize = 16;
tf.random.SetSeed(seed);

string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "irish.abc"));
var vocab = text.Distinct().Order().ToArray();
var index = vocab.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
int[] ids = text.Select(c => index[c]).ToArray();
int split = ids.Length * 9 / 10;
Console.WriteLine($"{text.Length} characters, {vocab.Length} distinct; training on the first {split}, validating on the last {ids.Length - split}.");

// Windows of Context + 1 characters: inputs are the first Context, targets the next character at every position.
// Training windows overlap by half; validation windows do not.
(Tensor X, Tensor Y) Windows(int from, int to, int stride)
{
    var starts = new List<int>();
    for (int s = from; s + Context + 1 <= to; s += stride) starts.Add(s);
    var x = new int[starts.Count * Context];
    var y = new int[starts.Count * Context];
    for (int w = 0; w < starts.Count; w++)
        for (int t = 0; t < Context; t++)
        {
            x[w * Context + t] = ids[starts[w] + t];
            y[w * Context + t] = ids[starts[w] + t + 1];
        }
    return (tf.Constant(x, shape: new Shape(starts.Count, Context)), tf.Constant(y, shape: new Shape(starts.Count, Context)));
}
var (xTrain, yTrain) = Windows(0, split, Context / 2);
var (xVal, yVal) = Windows(split, ids.Length, Context);

// The unigram model: each character's frequency in the training text (add-one smoothed), scored on the validation targets.
var counts = new double[vocab.Length];
for (int i = 0; i < split; i++) counts[ids[i]]++;
double total = counts.Sum() + vocab.Length;
var valTargets = yVal.ToArray<int>();
double unigram = valTargets.Average(t => -Math.Log((counts[t] + 1) / total));
Console.WriteLine($"Unigram model validation loss: {unigram:F4}");

var model = new CharTransformer(vocab.Length, Context, Width, Heads, Blocks);
model.Compile(new Adam(learningRate: 2e-3), new SparseCategoricalCrossentropy(fromLogits: true));
var clock = System.Diagnostics.Stopwatch.StartNew();
var history = model.Fit(xTrain, yTrain, batchSize: BatchSize, epochs: epochs, verbose: 0, validationData: (xVal, yVal),
    callbacks: [new EpochPrinter(clock)]);
double val = history["val_loss"][^1];
Console.WriteLine($"Trained {epochs} epochs ({xTrain.Shape[0]} windows of {Context}) in {clock.Elapsed.TotalSeconds:F0} s, {model.CountParams():N0} parameters.");

// Sampling: the next character from the logits of the last position, the context the last Context characters.
var generated = new List<int>(ids[split..(split + 32)]);
for (int i = 0; i < generate; i++)
{
    var window = generated.Skip(Math.Max(0, generated.Count - Context)).ToArray();
    var logits = model.Call(tf.Constant(window, shape: new Shape(1, window.Length)));
    var next = tf.random.Categorical(logits[0, ^1..], numSamples: 1).ToArray<long>()[0];
    generated.Add((int)next);
}
Console.WriteLine("\nSampled text (after a 32-character prompt from the validation text):\n");
Console.WriteLine(new string(generated.Select(i => vocab[i]).ToArray()));
Console.WriteLine();
double ratio = val / unigram;
Console.WriteLine($"[{(ratio <= 0.5 ? "PASS" : "FAIL")}] validation loss {val:F4} is {ratio:P1} of the unigram model's {unigram:F4} (target: at most 50%)");
Console.WriteLine($"Validation loss: {val:F4}");
return ratio <= 0.5 ? 0 : 1;

/// <summary>Prints one line per epoch: training and validation loss, and the time so far.</summary>
internal sealed class EpochPrinter(System.Diagnostics.Stopwatch clock) : Callback
{
    public override void OnEpochEnd(int epoch, Dictionary<string, double> logs) =>
        Console.WriteLine($"Epoch {epoch + 1}: loss {logs["loss"]:F4}, val_loss {logs["val_loss"]:F4} ({clock.Elapsed.TotalSeconds:F0} s)");
}
