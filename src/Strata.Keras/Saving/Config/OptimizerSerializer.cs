using System.Text.Json.Nodes;
using Strata.Keras.Optimizers;

namespace Strata.Keras.Saving;

/// <summary>Optimizers to and from Keras 3 configs (<c>keras.optimizers</c>: learning_rate, weight_decay, the clips,
/// then the class's own keys). Keras 2's configs (with <c>decay</c>, <c>lr</c>) are read too.</summary>
internal static class OptimizerSerializer
{
    public static JsonObject ToConfig(Optimizer opt, string where)
    {
        if (opt.Schedule is not ConstantLearningRate)
            throw new ModelFileError(where, $"optimizer '{opt.Name}' uses a learning-rate schedule ({opt.Schedule.GetType().Name}); saving schedules is not supported yet.");
        if (opt.UseEma || opt.GradientAccumulationSteps is not null)
            throw new ModelFileError(where, $"optimizer '{opt.Name}' uses EMA or gradient accumulation, whose state is not saved yet.");
        var c = new JsonObject
        {
            ["name"] = opt.Name,
            ["learning_rate"] = opt.LearningRate,
            ["weight_decay"] = opt.WeightDecay,
            ["clipnorm"] = opt.Clipnorm,
            ["global_clipnorm"] = opt.GlobalClipnorm,
            ["clipvalue"] = opt.Clipvalue,
            ["use_ema"] = false,
            ["ema_momentum"] = opt.EmaMomentum,
            ["ema_overwrite_frequency"] = null,
            ["loss_scale_factor"] = null,
            ["gradient_accumulation_steps"] = null,
        };
        string cls;
        switch (opt)
        {
            case AdamW a: cls = "AdamW"; AdamKeys(c, a.Beta1, a.Beta2, a.Epsilon); c["amsgrad"] = a.Amsgrad; break;
            case Adam a: cls = "Adam"; AdamKeys(c, a.Beta1, a.Beta2, a.Epsilon); c["amsgrad"] = a.Amsgrad; break;
            case SGD s: cls = "SGD"; c["momentum"] = s.Momentum; c["nesterov"] = s.Nesterov; break;
            case RMSprop r: cls = "RMSprop"; c["rho"] = r.Rho; c["momentum"] = r.Momentum; c["epsilon"] = r.Epsilon; c["centered"] = r.Centered; break;
            case Adagrad g: cls = "Adagrad"; c["initial_accumulator_value"] = g.InitialAccumulatorValue; c["epsilon"] = g.Epsilon; break;
            case Adamax m: cls = "Adamax"; AdamKeys(c, m.Beta1, m.Beta2, m.Epsilon); break;
            default:
                throw new ModelFileError(where, $"optimizer {opt.GetType().Name} cannot be saved yet. Supported: Adam, AdamW, SGD, RMSprop, Adagrad, Adamax.");
        }
        return ConfigWriter.Envelope("keras.optimizers", cls, c);
    }

    private static void AdamKeys(JsonObject c, double b1, double b2, double eps)
    {
        c["beta_1"] = b1;
        c["beta_2"] = b2;
        c["epsilon"] = eps;
    }

    public static Optimizer FromConfig(JsonNode node, string where)
    {
        if (node is JsonValue v && v.TryGetValue<string>(out var shortName))
        {
            try
            {
                return Optimizer.Get(shortName);
            }
            catch (InvalidArgumentError e)
            {
                throw new ModelFileError(where, e.Message);
            }
        }
        if (node is not JsonObject o || o["class_name"] is not JsonValue cn || !cn.TryGetValue<string>(out var cls))
            throw new ModelFileError(where, $"expected an optimizer config, got {node.ToJsonString()}.");
        var c = new ConfigReader(o["config"] as JsonObject ?? new JsonObject(), $"{where} ({cls})");
        if (c.Has("learning_rate") && c.Json["learning_rate"] is JsonObject)
            throw new ModelFileError(c.Where, "'learning_rate' is a schedule; loading schedules is not supported yet.");
        double? rate = c.OptionalDouble("learning_rate") ?? c.OptionalDouble("lr"); // "lr": Keras 2.0's key
        LearningRateSchedule? lr = rate is { } r ? new ConstantLearningRate(r) : null;
        if (c.Double("decay", 0) != 0) throw new ModelFileError(c.Where, "Keras 2's 'decay' is not supported (use a schedule).");
        if (c.Bool("use_ema", false)) throw new ModelFileError(c.Where, "'use_ema' is not supported when loading.");
        c.RequireNull("loss_scale_factor", "gradient_accumulation_steps");
        double? wd = c.OptionalDouble("weight_decay"), cn2 = c.OptionalDouble("clipnorm"), cv = c.OptionalDouble("clipvalue"), gcn = c.OptionalDouble("global_clipnorm");
        string name = c.OptionalString("name", cls.ToLowerInvariant())!;
        try
        {
            return cls switch
            {
                "Adam" => new Adam(lr, c.Double("beta_1", 0.9), c.Double("beta_2", 0.999), c.Double("epsilon", 1e-7), c.Bool("amsgrad", false), wd, cn2, cv, gcn, name),
                "AdamW" => new AdamW(lr, wd ?? 0.004, c.Double("beta_1", 0.9), c.Double("beta_2", 0.999), c.Double("epsilon", 1e-7), c.Bool("amsgrad", false), cn2, cv, gcn, name),
                "SGD" => new SGD(lr, c.Double("momentum", 0), c.Bool("nesterov", false), wd, cn2, cv, gcn, name),
                "RMSprop" => new RMSprop(lr, c.Double("rho", 0.9), c.Double("momentum", 0), c.Double("epsilon", 1e-7), c.Bool("centered", false), wd, cn2, cv, gcn, name),
                "Adagrad" => new Adagrad(lr, c.Double("initial_accumulator_value", 0.1), c.Double("epsilon", 1e-7), wd, cn2, cv, gcn, name),
                "Adamax" => new Adamax(lr, c.Double("beta_1", 0.9), c.Double("beta_2", 0.999), c.Double("epsilon", 1e-7), wd, cn2, cv, gcn, name),
                _ => throw new ModelFileError(where, $"optimizer class '{cls}' is not supported. Supported: Adam, AdamW, SGD, RMSprop, Adagrad, Adamax."),
            };
        }
        catch (InvalidArgumentError e) when (e is not ModelFileError)
        {
            throw new ModelFileError(c.Where, e.Message);
        }
    }
}
