using System.Runtime.CompilerServices;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Tests.Ingest;

namespace AlphaTrade.RxMonitor.Tests.Metrics;

/// <summary>
/// The intern table holds keys weakly: a collected key's entry and id are freed for reuse. It forces full
/// collections and reads process-wide counts, so it runs alone, outside the parallel test phase.
/// </summary>
[Collection(nameof(ProcessWideAllocation))]
public sealed class SeriesKeyLifetimeTests
{
    [Fact]
    public void Create_AfterEarlierKeysWereCollected_ReusesTheirIds()
    {
        CreateAndDrop("lifetime_first", 5_000);
        CollectEverything();
        var idSpace = SeriesKey.IdSpace;

        var kept = CreateAndKeep("lifetime_second", 5_000);

        Assert.Equal(idSpace, SeriesKey.IdSpace);
        Assert.Equal(5_000, kept.Select(k => k.Id).Distinct().Count());
        GC.KeepAlive(kept);
    }

    [Fact]
    public void Create_KeysNoLongerReferenced_AreForgottenByTheInternTable()
    {
        var before = SeriesKey.LiveCount;

        CreateAndDrop("lifetime_churn", 5_000);
        CollectEverything();

        Assert.InRange(SeriesKey.LiveCount, 0, before);
    }

    [Fact]
    public void Create_EqualKeyAfterTheFirstWasCollected_IsANewKeyWithANewStamp()
    {
        var stamp = StampOfDropped("lifetime_again");
        CollectEverything();

        var again = SeriesKey.Create("lifetime_again", new Label("conn", "0"));

        Assert.NotEqual(stamp, again.Stamp);
    }

    internal static void CollectEverything()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CreateAndDrop(string name, int count)
    {
        for (var i = 0; i < count; i++)
        {
            SeriesKey.Create(name, new Label("conn", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static List<SeriesKey> CreateAndKeep(string name, int count) =>
        [.. Enumerable.Range(0, count).Select(i => SeriesKey.Create(name, new Label("conn", i.ToString(System.Globalization.CultureInfo.InvariantCulture))))];

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long StampOfDropped(string name) => SeriesKey.Create(name, new Label("conn", "0")).Stamp;
}
