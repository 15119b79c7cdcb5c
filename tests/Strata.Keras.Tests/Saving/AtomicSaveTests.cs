using Strata.Keras.Layers;
using Strata.Keras.Models;
using Strata.Keras.Saving;

namespace Strata.Keras.Tests.Saving;

/// <summary>Saves are atomic: a failure at any point leaves the previous file as it was, and no temporary file.</summary>
public class AtomicSaveTests
{
    [Fact]
    public void AnExceptionInTheMiddleOfAWriteLeavesThePreviousFileIntact()
    {
        using var dir = new TempDir();
        var model = SavingFiles.TinyMlp();
        model.Save(dir.File("m.keras"));
        var before = File.ReadAllBytes(dir.File("m.keras"));
        var e = Assert.Throws<IOException>(() => AtomicFile.Write(dir.File("m.keras"), s =>
        {
            s.Write(new byte[1000]);
            throw new IOException("disk full (simulated)");
        }));
        Assert.Equal("disk full (simulated)", e.Message);
        Assert.Equal(before, File.ReadAllBytes(dir.File("m.keras")));
        Assert.Single(Directory.GetFiles(dir.Path));
        SavingFiles.AssertSameWeights(model, keras.models.LoadModel(dir.File("m.keras")));
    }

    private sealed class Unregistered : Layer
    {
        public override Tensor Call(Tensor inputs) => inputs;
    }

    [Fact]
    public void AnUnsavableModelFailsBeforeTouchingTheFile()
    {
        using var dir = new TempDir();
        SavingFiles.TinyMlp().Save(dir.File("m.keras"));
        var before = File.ReadAllBytes(dir.File("m.keras"));
        var bad = new Sequential([new InputLayer([4]), new Unregistered(), new Dense(2)]);
        var e = Assert.Throws<ModelFileError>(() => bad.Save(dir.File("m.keras")));
        Assert.Contains("class Unregistered is not registered for saving", e.Message);
        Assert.Equal(before, File.ReadAllBytes(dir.File("m.keras")));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    private sealed class Subclassed : Model
    {
        private readonly Dense _dense = new(2);

        public override Tensor Call(Tensor inputs) => _dense.Apply(inputs);
    }

    [Fact]
    public void SubclassedModelsSaveWeightsButNotConfig()
    {
        using var dir = new TempDir();
        var model = new Subclassed();
        model.Predict(tf.Ones([1, 3]));
        Assert.Contains("is a subclassed model", Assert.Throws<ModelFileError>(() => model.Save(dir.File("s.keras"))).Message);
        model.SaveWeights(dir.File("s.weights.h5"));
        var other = new Subclassed();
        other.Predict(tf.Ones([1, 3]));
        other.LoadWeights(dir.File("s.weights.h5"));
        SavingFiles.AssertSameWeights(model, other);
    }

    [Fact]
    public void PathsAndStateAreChecked()
    {
        using var dir = new TempDir();
        var model = SavingFiles.TinyMlp();
        Assert.Contains("must end in .keras", Assert.Throws<ModelFileError>(() => model.Save(dir.File("m.h5"))).Message);
        Assert.Contains("must end in .weights.h5", Assert.Throws<ModelFileError>(() => model.SaveWeights(dir.File("m.h5"))).Message);
        Assert.Contains("does not exist", Assert.Throws<ModelFileError>(() => model.Save(dir.File("no/such/m.keras"))).Message);
        var unbuilt = new Sequential([new Dense(2)]);
        Assert.Contains("has not been built", Assert.Throws<ModelFileError>(() => unbuilt.Save(dir.File("u.keras"))).Message);
    }
}
