#!/usr/bin/env dotnet
// dotnet run samples/labs/lab1_music.cs [-- --iterations N --generate N --seed S --out DIR]
// (a .NET 10 file-based app; `dotnet run --project samples/Lab1Music` runs the same file).
#:project ../LabSupport/LabSupport.csproj
#:property Configuration=Release
// File-based apps are published with NativeAOT by default, and so analyzed for it: this lab keeps checkpoints
// (SaveWeights/LoadWeights), whose HDF5 library NativeAOT cannot run.
#:property PublishAot=false
// MIT Introduction to Deep Learning, Lab 1 Part 2: music generation with an RNN, ported block by block from
// lab1/solutions/Part2_Music_Generation_Solution.ipynb (© MIT 6.S191: Introduction to Deep Learning,
// http://introtodeeplearning.com, MIT License). A character-level LSTM learns Irish folk tunes in ABC notation and
// writes new ones.
using Lab1Music;
using Strata;
using Strata.Keras.Layers;
using Strata.Keras.Losses;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;
using Strata.Plot;

Options options;
try { options = Options.Parse(args); }
catch (ArgumentException e) { Console.Error.WriteLine(e.Message); return 2; }
Directory.CreateDirectory(options.OutDir);
tf.random.SetSeed(options.Seed);
var rng = new Random((int)options.Seed);   // the lab's np.random, for get_batch

// ---------------------------------------------------------------- 2.2 Dataset
string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "irish.abc"));
var songs = Songs.ExtractSongSnippet(text);
Console.WriteLine($"\nExample song:\n{songs[0]}\n");
// The lab plays it through abc2wav (abcmidi + timidity); writing the .abc file is the portable part.
File.WriteAllText(Path.Combine(options.OutDir, "example_song.abc"), songs[0]);

string songsJoined = string.Join("\n\n", songs);
var vocab = songsJoined.Distinct().Order().ToArray();
Console.WriteLine($"There are {vocab.Length} unique characters in the dataset");

// ---------------------------------------------------------------- 2.3 Process the dataset
var char2idx = vocab.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => (long)p.i);
var idx2char = vocab;
Console.WriteLine("{");
foreach (var c in vocab.Take(20)) Console.WriteLine($"  {Repr(c),-4}: {char2idx[c],3},");
Console.WriteLine("  ...\n}");
long[] vectorizedSongs = songsJoined.Select(c => char2idx[c]).ToArray();
Console.WriteLine($"{Repr(songsJoined[..10])} ---- characters mapped to int ----> [{string.Join(" ", vectorizedSongs[..10])}]");
if (!Batches.RunChecks(vectorizedSongs, rng)) return 1;

// ---------------------------------------------------------------- 2.4 The RNN model
const int EmbeddingDim = 256, RnnUnits = 1024, BatchSize = 8, SeqLength = 100;
const double LearningRate = 5e-3;
Sequential BuildModel(int vocabSize, int embeddingDim, int rnnUnits) => new([
    new Embedding(vocabSize, embeddingDim),
    new LSTM(rnnUnits, returnSequences: true, recurrentInitializer: new Strata.Keras.Initializers.GlorotUniform(),
        recurrentActivation: "sigmoid", stateful: true),
    new Dense(vocabSize),
]);
var model = BuildModel(vocab.Length, EmbeddingDim, RnnUnits);
var (xb, yb) = Batches.GetBatch(vectorizedSongs, SeqLength, 32, rng);
var pred = model.Apply(tf.Constant(xb));
model.Summary();
Console.WriteLine($"Input shape:       {tf.Constant(xb).Shape}  # (batch_size, sequence_length)");
Console.WriteLine($"Prediction shape:  {pred.Shape} # (batch_size, sequence_length, vocab_size)");
var sampled = tf.random.Categorical(pred[0], numSamples: 1).ToArray<long>();
Console.WriteLine($"Input: \n {Repr(new string(Enumerable.Range(0, SeqLength).Select(t => idx2char[xb[0, t]]).ToArray()))}\n");
Console.WriteLine($"Next Char Predictions: \n {Repr(new string(sampled.Select(i => idx2char[i]).ToArray()))}");

// ---------------------------------------------------------------- 2.5 Training
var lossFn = new SparseCategoricalCrossentropy(fromLogits: true, reduction: "none");
Tensor ComputeLoss(Tensor labels, Tensor logits) => lossFn.Call(labels, logits);
Console.WriteLine($"scalar_loss:       {tf.ReduceMean(ComputeLoss(tf.Constant(yb), pred)).Item<float>()}");

model = BuildModel(vocab.Length, EmbeddingDim, RnnUnits);
var optimizer = new Adam(learningRate: LearningRate);
string checkpoint = Path.Combine(options.OutDir, "training_checkpoints", "my_ckpt.weights.h5");
Directory.CreateDirectory(Path.GetDirectoryName(checkpoint)!);
var history = new List<double>();
var clock = System.Diagnostics.Stopwatch.StartNew();
for (int iter = 0; iter < options.Iterations; iter++)
{
    var (x, y) = Batches.GetBatch(vectorizedSongs, SeqLength, BatchSize, rng);
    Tensor loss;
    Tensor?[] grads;
    using (var tape = new GradientTape())
    {
        var yHat = model.Apply(tf.Constant(x));
        loss = ComputeLoss(tf.Constant(y), yHat);
        grads = tape.Gradient(loss, model.TrainableWeights);
    }
    optimizer.ApplyGradients(grads, model.TrainableWeights);
    history.Add(tf.ReduceMean(loss).Item<float>());
    if (iter % 100 == 0)
    {
        model.SaveWeights(checkpoint);
        Console.WriteLine($"iteration {iter,5}/{options.Iterations}: loss {history[^1]:F4} ({clock.Elapsed.TotalSeconds:F0} s)");
    }
}
model.SaveWeights(checkpoint);
var plot = new Figure().Plot(history).XLabel("Iterations").YLabel("Loss").SaveFig(Path.Combine(options.OutDir, "training_loss.png"));
Console.WriteLine($"Training loss plot: {plot}");

// ---------------------------------------------------------------- 2.6 Generate music
model = BuildModel(vocab.Length, EmbeddingDim, RnnUnits);
model.Apply(tf.Zeros([1, 1], DType.Int64));            // model.build(tf.TensorShape([1, None]))
model.LoadWeights(checkpoint);
model.Summary();

string GenerateText(Sequential m, string startString, int generationLength)
{
    var inputEval = tf.Constant(startString.Select(c => char2idx[c]).ToArray(), shape: new Shape(1, startString.Length));
    var generated = new System.Text.StringBuilder();
    foreach (var layer in m.Layers) if (layer is RNN rnn) rnn.ResetStates();   // model.reset_states()
    for (int i = 0; i < generationLength; i++)
    {
        var predictions = tf.Squeeze(m.Apply(inputEval), [0]);
        long predictedId = tf.random.Categorical(predictions, numSamples: 1).ToArray<long>()[^1];
        inputEval = tf.Constant(new[] { predictedId }, shape: new Shape(1, 1));
        generated.Append(idx2char[predictedId]);
    }
    return startString + generated;
}
var generatedText = GenerateText(model, "X", options.GenerationLength);
var generatedSongs = Songs.ExtractSongSnippet(generatedText);
int complete = 0;
for (int i = 0; i < generatedSongs.Count; i++)
{
    var path = Path.Combine(options.OutDir, $"generated_song_{i}.abc");
    File.WriteAllText(path, generatedSongs[i]);
    bool ok = Songs.IsComplete(generatedSongs[i]);
    complete += ok ? 1 : 0;
    Console.WriteLine($"Generated song {i}: {path}{(ok ? "" : " (incomplete)")}");
}
Console.WriteLine("To listen: apt-get install abcmidi timidity; abc2midi song.abc -o song.mid; timidity song.mid");
Console.WriteLine();
Console.WriteLine($"Final training loss: {history[^1]:F4}");
Console.WriteLine($"Complete songs generated: {complete}");
return 0;

static string Repr(object s) => "'" + s.ToString()!.Replace("\n", "\\n") + "'";
