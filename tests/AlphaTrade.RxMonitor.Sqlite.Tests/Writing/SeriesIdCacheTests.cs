using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sqlite.Writing;

namespace AlphaTrade.RxMonitor.Sqlite.Tests.Writing;

public sealed class SeriesIdCacheTests
{
    private static readonly SeriesKey[] Keys = [.. Enumerable.Range(0, 5).Select(i => SeriesKey.Create("cache_test", new Label("s", i.ToString(System.Globalization.CultureInfo.InvariantCulture))))];

    [Fact]
    public void Add_MoreSeriesThanTwoGenerations_CountStaysBoundedAndTheOldestIsForgotten()
    {
        var cache = new SeriesIdCache(2);
        for (var i = 0; i < Keys.Length; i++)
        {
            cache.Add(Keys[i], i + 100);
        }

        Assert.InRange(cache.Count, 1, 4);
        Assert.False(cache.TryGetValue(Keys[0], out _));
        Assert.True(cache.TryGetValue(Keys[4], out var newest));
        Assert.Equal(104, newest);
    }

    [Fact]
    public void TryGetValue_EntryOfTheOlderGeneration_KeptThroughTheNextTurnover()
    {
        var cache = new SeriesIdCache(2);
        cache.Add(Keys[0], 100);
        cache.Add(Keys[1], 101);
        cache.Add(Keys[2], 102);

        // Keys[0] is in the older generation now; a hit moves it to the newer one, so the next turnover keeps it.
        Assert.True(cache.TryGetValue(Keys[0], out _));
        cache.Add(Keys[3], 103);
        cache.Add(Keys[4], 104);

        Assert.True(cache.TryGetValue(Keys[0], out var id));
        Assert.Equal(100, id);
    }
}
