using Strata.Keras.Engine;

namespace Strata.Keras.Tests;

/// <summary>When Fit's garbage bound collects: young generations every 4 MiB allocated, and a full collection once
/// the committed memory has grown 64 MiB past what the last one left (a stand-in GC, so every count is exact).</summary>
public class GarbageBoundTests
{
    private sealed class FakeGc
    {
        public long Allocated, Committed;
        public int Young, Full;
        public long CommittedAfterFull;

        public GarbageBound.Collector Collector => new(
            () => Allocated, () => Young++, () => Committed,
            () => { Full++; Committed = CommittedAfterFull; });
    }

    private const long MiB = 1L << 20;

    [Fact]
    public void YoungCollectionsFollowAllocationAndFullOnesFollowCommittedGrowth()
    {
        var gc = new FakeGc { Committed = 200 * MiB, CommittedAfterFull = 210 * MiB };
        var bound = new GarbageBound(gc.Collector);

        gc.Allocated = 3 * MiB;
        bound.AfterStep();
        Assert.Equal((0, 0), (gc.Young, gc.Full));   // under 4 MiB since the bound began

        gc.Allocated = 4 * MiB;
        bound.AfterStep();
        Assert.Equal((1, 0), (gc.Young, gc.Full));   // the first young collection sets the limit: 200 + 64 MiB

        gc.Allocated = 8 * MiB;
        gc.Committed = 264 * MiB;
        bound.AfterStep();
        Assert.Equal((2, 0), (gc.Young, gc.Full));   // at the limit, not past it

        gc.Allocated = 12 * MiB;
        gc.Committed = 265 * MiB;
        bound.AfterStep();
        Assert.Equal((3, 1), (gc.Young, gc.Full));   // past it: a full collection, which left 210 MiB

        gc.Allocated = 16 * MiB;
        gc.Committed = 270 * MiB;
        bound.AfterStep();
        Assert.Equal((4, 1), (gc.Young, gc.Full));   // the new limit is 210 + 64 MiB

        gc.Allocated = 20 * MiB;
        gc.Committed = 275 * MiB;
        bound.AfterStep();
        Assert.Equal((5, 2), (gc.Young, gc.Full));
    }

    [Fact]
    public void ABoundThatNeverCollectsNeverReadsTheCommittedMemory()
    {
        int reads = 0;
        var bound = new GarbageBound(new GarbageBound.Collector(() => 0, () => { }, () => { reads++; return 0; }, () => { }));
        for (int i = 0; i < 100; i++) bound.AfterStep();
        Assert.Equal(0, reads);
    }
}
