
namespace Strata.Tests.Properties;

/// <summary>The suite's size, stated once: the iteration count of every property, summed (the issue asks for at least
/// 10,000 generated cases per run).</summary>
public class PropertyBudgetTests(ITestOutputHelper output)
{
    public static readonly (string Property, int Cases)[] Budget =
    [
        ("ArithmeticBroadcastsLikeNumPy", BroadcastingProperties.ArithmeticCases),
        ("ComparisonsBroadcastLikeNumPy", BroadcastingProperties.ComparisonCases),
        ("LogicalOpsBroadcastLikeNumPy", BroadcastingProperties.LogicalCases),
        ("WhereBroadcastsAllThreeOperands", BroadcastingProperties.WhereCases),
        ("BroadcastGradientsSumBackToTheOperandShape", BroadcastingProperties.GradientCases),
        ("MatMulMatchesATripleLoop", BroadcastingProperties.MatMulCases),
        ("ReductionsMatchAFloat64Reference", ReductionProperties.ReductionCases),
        ("ArgMaxAndArgMinPickTheFirstExtreme", ReductionProperties.ArgCases),
        ("ReductionGradientsHaveTheInputShape", ReductionProperties.ReductionGradientCases),
        ("ReshapeThereAndBackKeepsTheBuffer", ShapeProperties.ReshapeCases),
        ("TransposeMatchesIndexArithmeticAndItsInverseUndoesIt", ShapeProperties.TransposeCases),
        ("SliceMatchesIndexArithmetic", ShapeProperties.SliceCases),
        ("ConcatStackAndUnstackMatchIndexArithmetic", ShapeProperties.ConcatCases),
        ("GatherMatchesIndexArithmetic", ShapeProperties.GatherCases),
        ("BroadcastToMatchesIndexArithmetic", ShapeProperties.BroadcastToCases),
        ("ExpandDimsThenSqueezeIsIdentity", ShapeProperties.ExpandSqueezeCases),
        ("SoftmaxAlongAnyAxisMatchesTheReference", NnProperties.SoftmaxCases),
        ("BiasAddAddsAlongTheLastAxisOnly", NnProperties.BiasAddCases),
        ("LargeTensorsTakeTheThreadedPathsAndAgree", LargeTensorProperties.LargeCases),
        ("EveryOpReturnsTheRightShapeOrAStrataError", RobustnessProperties.RobustnessCases),
    ];

    public const int MinimumTotal = 10_000;

    [Fact]
    public void TheSuiteGeneratesAtLeastTenThousandCasesPerRun()
    {
        int total = Budget.Sum(b => b.Cases);
        foreach (var (p, n) in Budget) output.WriteLine($"{p}: {n} cases");
        output.WriteLine($"total: {total} cases per run (seed 0x{PropertyRunner.DefaultSeed:X}; CsCheck_Seed replays one case)");
        Assert.True(total >= MinimumTotal, $"the property suite runs {total} cases, fewer than {MinimumTotal}");
        // Every property in the budget exists (a renamed one would silently drop out of the count).
        var names = typeof(PropertyBudgetTests).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(PropertyBudgetTests).Namespace)
            .SelectMany(t => t.GetMethods()).Where(m => m.GetCustomAttributes(typeof(FactAttribute), false).Length > 0).Select(m => m.Name).ToHashSet();
        foreach (var (p, _) in Budget) Assert.Contains(p, names);
        Assert.Equal(names.Count - 1, Budget.Length); // all properties but this test are listed
    }
}
