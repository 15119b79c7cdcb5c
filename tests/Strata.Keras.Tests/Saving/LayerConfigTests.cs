using System.Text.Json.Nodes;
using Strata.Keras.Layers;

namespace Strata.Keras.Tests.Saving;

/// <summary>Keras's layer.get_config() / cls.from_config(config) as Layer.GetConfig and Layer.FromConfig.</summary>
public class LayerConfigTests
{
    [Fact]
    public void ABuiltInLayerGivesItsKerasConfigAndComesBackFromIt()
    {
        var dense = new Dense(10, activation: "relu", useBias: false, name: "d1");
        var config = dense.GetConfig();
        Assert.Equal("d1", (string)config["name"]!);
        Assert.True((bool)config["trainable"]!);
        Assert.Equal(10, (int)config["units"]!);
        Assert.Equal("relu", (string)config["activation"]!);
        Assert.False((bool)config["use_bias"]!);
        var copy = Layer.FromConfig<Dense>(config);
        Assert.Equal("d1", copy.Name);
        Assert.Equal(10, copy.Units);
        Assert.False(copy.Built);
        Assert.Equal(config.ToJsonString(), copy.GetConfig().ToJsonString());
        // trainable travels too.
        var frozen = new Conv2D(4, 3, name: "c");
        frozen.Trainable = false;
        Assert.False(Layer.FromConfig<Conv2D>(frozen.GetConfig()).Trainable);
    }

    private sealed class Plain() : Layer("p")
    {
        public override Tensor Call(Tensor inputs) => inputs;
    }

    [Fact]
    public void AnyOtherLayerGivesKerasBaseConfig()
    {
        var config = new Plain().GetConfig();
        Assert.Equal(["name", "trainable", "dtype"], config.Select(kv => kv.Key));
        Assert.Equal("p", (string)config["name"]!);
        Assert.Contains("is not registered", Assert.Throws<InvalidArgumentError>(() => Layer.FromConfig<Plain>(config)).Message);
    }
}
