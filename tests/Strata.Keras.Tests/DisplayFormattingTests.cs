using Strata.Keras.Layers;
using Strata.Keras.Models;
using Strata.Keras.Utils;

namespace Strata.Keras.Tests;

/// <summary>Progbar's ETA and value formats (keras/src/utils/progbar.py) and Summary's sizes
/// (summary_utils.readable_memory_size) beyond the common cases.</summary>
public class DisplayFormattingTests
{
    private static string FirstStep(int target, double secondsForIt, double value = 1)
    {
        var sw = new StringWriter();
        double now = 0;
        var bar = new Progbar(target, verbose: 1, output: sw, dynamic: true, clock: () => now);
        now = secondsForIt;
        bar.Update(1, [new("loss", value)], finalize: false);
        return sw.ToString();
    }

    [Fact]
    public void EtaIsHoursMinutesSecondsPastAnHourAndMinutesSecondsPastAMinute()
    {
        // eta = 2 s · 9999 steps = 19998 s = 5 h 33 min 18 s; 1 s · 99 = 1 min 39 s; 1 s · 9 = 9 s.
        Assert.Contains(" \x1b[1m5:33:18\x1b[0m 2s/step", FirstStep(10000, 2));
        Assert.Contains(" \x1b[1m1:39\x1b[0m 1s/step", FirstStep(100, 1));
        Assert.Contains(" \x1b[1m9s\x1b[0m 1s/step", FirstStep(10, 1));
    }

    [Fact]
    public void NonFiniteValuesPrintAsPythonDoes()
    {
        Assert.EndsWith("- loss: nan", FirstStep(10, 1, double.NaN));
        Assert.EndsWith("- loss: inf", FirstStep(10, 1, double.PositiveInfinity));
        Assert.EndsWith("- loss: -inf", FirstStep(10, 1, double.NegativeInfinity));
        Assert.Equal("-0.5000", Progbar.FormatValue(-0.5));
    }

    [Fact]
    public void SizesBeyondTerabytesAndKerasesLastUnit()
    {
        Assert.Equal("3.00 PB", SummaryPrinter.ReadableSize(3 * Math.Pow(1024, 5)));
        // Keras divides once more before leaving its loop: 1024 PB prints as "1.00 PB".
        Assert.Equal("1.00 PB", SummaryPrinter.ReadableSize(Math.Pow(1024, 6)));
        Assert.Equal("1.50 GB", SummaryPrinter.ReadableSize(1.5 * 1024 * 1024 * 1024));
    }

    private sealed class Float64Scale : Layer
    {
        public Variable? Scale;

        public override void Build(Shape inputShape) => Scale = AddWeight("scale", [inputShape[-1]], new Strata.Keras.Initializers.Ones(), dtype: DType.Float64);

        public override Tensor Call(Tensor inputs) => inputs;
    }

    [Fact]
    public void Float64WeightsTakeEightBytesInTheSummary()
    {
        var model = new Sequential([new Float64Scale { }], name: "wide");
        model.Build([1, 4]);
        string text = "";
        model.Summary(76, s => text = s);
        Assert.Contains(" Total params: 4 (32.00 B)\n", text);
    }

    [Fact]
    public void ATooNarrowSummaryIsRefused() =>
        Assert.Equal("Summary: insufficient console width to print the summary.",
            Assert.Throws<InvalidArgumentError>(() => new Sequential([new Dense(1, inputShape: [2])]).Summary(8, _ => { })).Message);
}
