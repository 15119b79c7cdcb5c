#pragma warning disable CS8981
using System.Text.Json.Nodes;
using Strata.Rng;

namespace Strata;

public static partial class tf
{
    public static partial class random
    {
        /// <summary>
        /// The whole state of tf.random's stateful streams as JSON: the global seed, the op-seed generator (Python's
        /// random.Random of the global seed), every op's Philox position and the classic streams' counter. For
        /// checkpoints that must resume a run draw for draw (Keras's BackupAndRestore: the shuffling and dropout of a
        /// resumed Fit are those of the uninterrupted one). Stateless ops and tf.random.Generator objects carry their
        /// own state and are not part of it.
        /// </summary>
        internal static JsonObject ExportState()
        {
            lock (Lock)
            {
                var state = new JsonObject
                {
                    ["global_seed"] = _globalSeed,
                    ["classic_counter"] = _classicCounter,
                    ["streams"] = Streams.ToString(),
                };
                if (_opSeeds is not null)
                {
                    var (mt, index) = _opSeeds.State;
                    state["op_seeds"] = new JsonObject { ["mt"] = new JsonArray(mt.Select(v => (JsonNode)v).ToArray()), ["index"] = index };
                }
                state["seeded_kernels"] = Kernels(SeededKernels);
                state["drawn_kernels"] = Kernels(DrawnKernels);
                return state;
            }

            static JsonArray Kernels(Dictionary<(string, DType, long, long), Philox> kernels)
            {
                var list = new JsonArray();
                foreach (var ((op, dtype, s1, s2), gen) in kernels)
                {
                    var (c0, c1, c2, c3) = gen.Counter;
                    var (k0, k1) = gen.Key;
                    list.Add((JsonNode)new JsonArray(op, dtype.ToString(), s1, s2, c0, c1, c2, c3, k0, k1));   // Add(JsonNode): trim-safe
                }
                return list;
            }
        }

        /// <summary>Restores a state from <see cref="ExportState"/>; the next draws are those that followed the export.</summary>
        internal static void ImportState(JsonObject state)
        {
            try
            {
                var seeded = Kernels(state["seeded_kernels"]!.AsArray());
                var drawn = Kernels(state["drawn_kernels"]!.AsArray());
                PythonRandom? opSeeds = null;
                long? globalSeed = state["global_seed"]?.GetValue<long>();
                if (state["op_seeds"] is JsonObject os)
                {
                    opSeeds = new PythonRandom(globalSeed ?? 0);
                    opSeeds.State = (os["mt"]!.AsArray().Select(v => v!.GetValue<uint>()).ToArray(), os["index"]!.GetValue<int>());
                }
                var streams = Enum.Parse<RandomStreams>(state["streams"]!.GetValue<string>());
                lock (Lock)
                {
                    _globalSeed = globalSeed;
                    _opSeeds = opSeeds;
                    _classicCounter = state["classic_counter"]!.GetValue<long>();
                    Streams = streams;
                    Replace(SeededKernels, seeded);
                    Replace(DrawnKernels, drawn);
                }
            }
            catch (Exception e) when (e is InvalidOperationException or NullReferenceException or FormatException or ArgumentException)
            {
                throw new InvalidArgumentError($"tf.random: the saved random state is malformed ({e.Message}).");
            }

            static Dictionary<(string, DType, long, long), Philox> Kernels(JsonArray list)
            {
                var d = new Dictionary<(string, DType, long, long), Philox>();
                foreach (var entry in list)
                {
                    var e = entry!.AsArray();
                    var key = (e[0]!.GetValue<string>(), Enum.Parse<DType>(e[1]!.GetValue<string>()), e[2]!.GetValue<long>(), e[3]!.GetValue<long>());
                    d[key] = new Philox(e[4]!.GetValue<uint>(), e[5]!.GetValue<uint>(), e[6]!.GetValue<uint>(), e[7]!.GetValue<uint>(),
                        e[8]!.GetValue<uint>(), e[9]!.GetValue<uint>());
                }
                return d;
            }

            static void Replace(Dictionary<(string, DType, long, long), Philox> target, Dictionary<(string, DType, long, long), Philox> from)
            {
                target.Clear();
                foreach (var (k, v) in from) target[k] = v;
            }
        }
    }
}
