using Strata.Keras.Layers;
using Strata.Keras.Losses;
using Strata.Keras.Models;
using Strata.Keras.Optimizers;
using Strata.Keras.Utils;

namespace Strata.Keras.Tests;

public class SummaryTests
{
    private static string Text(Model m, int? lineLength = null)
    {
        string text = "";
        m.Summary(lineLength, s => text = s);
        return text;
    }

    [Fact]
    public void TutorialModelMatchesKerasLiterally()
    {
        // What Keras 3 prints for TensorFlow's basic-classification model (output not on a wide terminal).
        const string expected =
            "Model: \"fashion\"\n" +
            "┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓\n" +
            "┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃\n" +
            "┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩\n" +
            "│ flatten (Flatten)               │ (None, 784)            │             0 │\n" +
            "├─────────────────────────────────┼────────────────────────┼───────────────┤\n" +
            "│ dense (Dense)                   │ (None, 128)            │       100,480 │\n" +
            "├─────────────────────────────────┼────────────────────────┼───────────────┤\n" +
            "│ dense_1 (Dense)                 │ (None, 10)             │         1,290 │\n" +
            "└─────────────────────────────────┴────────────────────────┴───────────────┘\n" +
            " Total params: 101,770 (397.54 KB)\n" +
            " Trainable params: 101,770 (397.54 KB)\n" +
            " Non-trainable params: 0 (0.00 B)\n";
        var model = new Sequential([new Flatten(inputShape: [28, 28], name: "flatten"), new Dense(128, activation: "relu", name: "dense"),
            new Dense(10, name: "dense_1")], name: "fashion");
        Assert.Equal(expected, Text(model, 76));
    }

    [Fact]
    public void AfterTrainingTheOptimizerParamsAreCounted()
    {
        var model = new Sequential([new Flatten(inputShape: [28, 28]), new Dense(128, activation: "relu"), new Dense(10)]);
        model.Compile(optimizer: new Adam(), loss: new SparseCategoricalCrossentropy(fromLogits: true));
        model.Fit(tf.Zeros([4, 28, 28]), tf.Zeros([4], DType.UInt8), verbose: 0);
        var text = Text(model, 76);
        // Keras's Adam: iterations (int64) + learning rate (float32) + momentum and velocity per weight.
        Assert.EndsWith(
            " Total params: 305,312 (1.16 MB)\n" +
            " Trainable params: 101,770 (397.54 KB)\n" +
            " Non-trainable params: 0 (0.00 B)\n" +
            " Optimizer params: 203,542 (795.09 KB)\n", text);
    }

    [Fact]
    public void ColumnWidthsFollowRichLayout()
    {
        // Cell widths Keras prints at 76 and 88 columns (the second from a wide terminal), and with Keras 3.0's positions.
        Assert.Equal([33, 24, 15], SummaryPrinter.ColumnWidths([0.45, 0.80, 1.0], 76));
        Assert.Equal([38, 29, 17], SummaryPrinter.ColumnWidths([0.45, 0.80, 1.0], 88));
        Assert.Equal([33, 27, 12], SummaryPrinter.ColumnWidths([0.45, 0.84, 1.0], 76));
        Assert.Equal([21, 19, 12, 19], SummaryPrinter.ColumnWidths([0.3, 0.56, 0.74, 1.0], 76));
    }

    [Fact]
    public void UnbuiltModelShowsQuestionMarks()
    {
        var text = Text(new Sequential([new Dense(3, name: "d")]), 76);
        Assert.Contains("│ d (Dense)                       │ ?                      │   0 (unbuilt) │", text);
    }

    [Fact]
    public void SizesAreReadable()
    {
        Assert.Equal("0.00 B", SummaryPrinter.ReadableSize(0));
        Assert.Equal("397.54 KB", SummaryPrinter.ReadableSize(101770 * 4));
        Assert.Equal("1.00 MB", SummaryPrinter.ReadableSize(1024 * 1024));
    }
}

public class ProgbarTests
{
    /// <summary>A clock that advances by the given steps: the first step slow (0.5 s), the rest 1.3 ms.</summary>
    private static Func<double> Clock(out Action<double> advance)
    {
        double now = 0;
        advance = dt => now += dt;
        return () => now;
    }

    [Fact]
    public void RedirectedOutputGetsOneKerasLinePerEpoch()
    {
        var sw = new StringWriter();
        var clock = Clock(out var advance);
        var bar = new Progbar(1875, verbose: 1, output: sw, dynamic: false, clock: clock);
        for (int step = 1; step <= 1875; step++)
        {
            advance(step == 1 ? 0.5 : 0.0013);
            bar.Update(step, [new("accuracy", 0.78), new("loss", 0.62)], finalize: false);
        }
        bar.Update(1875, [new("accuracy", 0.7823), new("loss", 0.6235)], finalize: true);
        Assert.Equal("1875/1875 ━━━━━━━━━━━━━━━━━━━━ 3s 1ms/step - accuracy: 0.7823 - loss: 0.6235\n", sw.ToString());
    }

    [Fact]
    public void TerminalOutputRedrawsInPlaceWithColours()
    {
        var sw = new StringWriter();
        var clock = Clock(out var advance);
        var bar = new Progbar(10, verbose: 1, output: sw, dynamic: true, clock: clock);
        advance(1);
        bar.Update(1, [new("loss", 1.0)]);
        advance(1);
        bar.Update(3, [new("loss", 2.0)]);
        // "\r", bold count, green done part, grey rest, bold ETA; the loss is the step-weighted mean (1 + 2·2) / 3.
        Assert.EndsWith("\r\x1b[1m 3/10\x1b[0m \x1b[32m━━━━━━\x1b[0m\x1b[37m━━━━━━━━━━━━━━\x1b[0m \x1b[1m3s\x1b[0m 500ms/step - loss: 1.6667", sw.ToString());
    }

    [Fact]
    public void VerboseTwoPrintsOneLineAtTheEnd()
    {
        var sw = new StringWriter();
        var clock = Clock(out var advance);
        var bar = new Progbar(313, verbose: 2, output: sw, dynamic: false, clock: clock);
        for (int s = 1; s <= 313; s++) { advance(0.0012); bar.Update(s, null, finalize: false); }
        bar.Update(313, [new("accuracy", 0.8767), new("loss", 0.3475)], finalize: true);
        Assert.Equal("313/313 - 0s - 1ms/step - accuracy: 0.8767 - loss: 0.3475\n", sw.ToString());
    }

    [Fact]
    public void SmallValuesUseScientificNotation()
    {
        Assert.Equal("1.2346e-05", Progbar.FormatValue(1.23456e-5));
        Assert.Equal("0.0000e+00", Progbar.FormatValue(0));
        Assert.Equal("0.6235", Progbar.FormatValue(0.62349));
    }
}
