using System.Text.Json.Nodes;
using Strata.Keras.Layers;

namespace Strata.Keras.Saving;

/// <summary>Keras 3 configs of Masking, Attention and AdditiveAttention (their weights, <c>scale</c> and
/// <c>concat_score_weight</c>, are own variables in Keras's order). MultiHeadAttention is not registered: a functional
/// graph would have to replay its call arguments (<c>use_causal_mask</c>, masks), which the loader does not do yet.</summary>
internal static class AttentionSerializers
{
    public static void RegisterAll()
    {
        SerializationRegistry.Register<Masking>("Masking", c =>
        {
            c.LayerDType();
            return new Masking(c.Double("mask_value", 0.0), name: c.String("name"));
        }, l => new JsonObject { ["mask_value"] = l.MaskValue });

        SerializationRegistry.Register<Attention>("Attention", c =>
        {
            c.LayerDType();
            return new Attention(c.Bool("use_scale", false), c.OptionalString("score_mode", "dot")!, c.Double("dropout", 0.0),
                c.OptionalLong("seed"), c.String("name"));
        }, l => new JsonObject
        {
            ["use_scale"] = l.UseScale, ["score_mode"] = l.ScoreMode, ["dropout"] = l.Dropout,
            ["seed"] = l.Seed is { } s ? JsonValue.Create(s) : null,
        });

        SerializationRegistry.Register<AdditiveAttention>("AdditiveAttention", c =>
        {
            c.LayerDType();
            return new AdditiveAttention(c.Bool("use_scale", true), c.Double("dropout", 0.0), c.OptionalLong("seed"), c.String("name"));
        }, l => new JsonObject
        {
            ["use_scale"] = l.UseScale, ["dropout"] = l.Dropout, ["seed"] = l.Seed is { } s ? JsonValue.Create(s) : null,
        });
    }
}
