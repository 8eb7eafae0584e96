using System.Runtime.CompilerServices;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Tests.Ingest;

namespace AlphaTrade.RxMonitor.Tests.Metrics;

[Collection(nameof(ProcessWideAllocation))]
public sealed class SeriesTableTests
{
    private static readonly SeriesKey A = SeriesKey.Create("table_test", new Label("s", "a"));
    private static readonly SeriesKey B = SeriesKey.Create("table_test", new Label("s", "b"));

    [Fact]
    public void GetOrAdd_SameKeyTwice_AddsOnceAndReturnsTheSameStorage()
    {
        var table = new SeriesTable<int>();

        table.GetOrAdd(A, 1, out var firstAdded) = 42;
        var second = table.GetOrAdd(A, 2, out var secondAdded);

        Assert.Equal((true, false, 42, 1), (firstAdded, secondAdded, second, table.Count));
    }

    [Fact]
    public void TryGetValue_AnotherSeries_NotFound()
    {
        var table = new SeriesTable<int>();
        table.GetOrAdd(A, 1, out _) = 1;

        Assert.False(table.TryGetValue(B, out _));
    }

    [Fact]
    public void Touch_SeriesWithoutEntry_ReturnsANullReference()
    {
        var table = new SeriesTable<int>();

        Assert.True(Unsafe.IsNullRef(ref table.Touch(A, 1)));
    }

    [Fact]
    public void RemoveIdle_EntryTouchedBeforeTheCutoff_RemovedAndTheOtherKept()
    {
        var table = new SeriesTable<int>();
        table.GetOrAdd(A, 10, out _) = 1;
        table.GetOrAdd(B, 10, out _) = 2;
        table.Touch(B, 30);

        var removed = table.RemoveIdle(20);

        Assert.Equal((1, false, true), (removed, table.ContainsKey(A), table.ContainsKey(B)));
    }

    [Fact]
    public void IdleAfter_NewSeriesAddedLater_ForgetsTheSeriesIdleLongerThanThePeriod()
    {
        var table = new SeriesTable<int>(TimeSpan.FromTicks(100));
        table.GetOrAdd(A, 0, out _) = 1;

        table.GetOrAdd(B, 1_000, out _) = 2;

        Assert.Equal((false, true), (table.ContainsKey(A), table.ContainsKey(B)));
    }

    [Fact]
    public void Capacity_AfterManySeriesCameAndWent_FollowsTheLiveEntries()
    {
        var table = new SeriesTable<int>(TimeSpan.FromTicks(10));
        var keys = Keys("table_churn", 20_000);
        for (var i = 0; i < keys.Length; i++)
        {
            table.GetOrAdd(keys[i], i, out _) = i;
        }

        // At most the ten series of the idle period are live at a time: the table stays small, whatever the ids.
        Assert.InRange(table.Count, 1, 20);
        Assert.InRange(table.Capacity, 16, 64);
        GC.KeepAlive(keys);
    }

    [Fact]
    public void Values_AfterARemoval_HoldsTheOtherStatesOnly()
    {
        var table = new SeriesTable<string>();
        table.GetOrAdd(A, 1, out _) = "a";
        table.GetOrAdd(B, 1, out _) = "b";
        table.Remove(A);

        var values = new List<string>();
        foreach (var value in table.Values)
        {
            values.Add(value);
        }

        Assert.Equal(["b"], values);
    }

    [Fact]
    public void RemoveWhere_Predicate_SeesEveryEntryAndRemovesTheChosen()
    {
        var table = new SeriesTable<int>();
        table.GetOrAdd(A, 1, out _) = 1;
        table.GetOrAdd(B, 1, out _) = 2;

        var removed = table.RemoveWhere(static (_, state, _, even) => state % 2 == even, 0);

        Assert.Equal((1, true, false), (removed, table.ContainsKey(A), table.ContainsKey(B)));
    }

    [Fact]
    public void Remove_EntryOfACollectedKey_LetsTheKeyBeCollectedAndItsStampIsNotReused()
    {
        var table = new SeriesTable<int>();
        var (weak, stamp) = AddAndRemove(table, "table_release");
        SeriesKeyLifetimeTests.CollectEverything();

        var again = SeriesKey.Create("table_release", new Label("conn", "0"));

        Assert.False(weak.TryGetTarget(out _));
        Assert.NotEqual(stamp, again.Stamp);
        Assert.False(table.ContainsKey(again));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference<SeriesKey> Key, long Stamp) AddAndRemove(SeriesTable<int> table, string name)
    {
        var key = SeriesKey.Create(name, new Label("conn", "0"));
        table.GetOrAdd(key, 1, out _) = 1;
        table.Remove(key);
        return (new WeakReference<SeriesKey>(key), key.Stamp);
    }

    private static SeriesKey[] Keys(string name, int count)
    {
        var keys = new SeriesKey[count];
        for (var i = 0; i < count; i++)
        {
            keys[i] = SeriesKey.Create(name, new Label("conn", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return keys;
    }
}
