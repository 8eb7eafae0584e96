using System.Globalization;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Tests.Metrics;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Tests.Ingest;

/// <summary>
/// Label churn: every sample on a new series (a connection id), through ingest, rules and latest values, in
/// virtual time. Once rules and latest values let a series go, its key is collected and its id reused, so ids
/// and memory stay bounded by the live series, not by every series ever seen. Forces collections, so it runs alone.
/// </summary>
[Collection(nameof(ProcessWideAllocation))]
public sealed class SeriesChurnTests
{
    private const int Samples = 1_000_000;
    private static readonly long Spacing = TimeSpan.FromMilliseconds(10).Ticks;

    [Fact]
    [Trait("Category", "Integration")]
    public void Pipeline_EverySampleOnANewSeries_ReusesIdsAndKeepsMemoryBounded()
    {
        var scheduler = new TestScheduler();
        scheduler.AdvanceTo(DateTimeOffset.UnixEpoch.AddDays(20_000).UtcTicks);
        var start = scheduler.Clock;
        var time = scheduler.AsTimeProvider();
        var ingest = new MetricIngest(new IngestOptions { SeriesIdleAfter = TimeSpan.FromMinutes(10) }, time);
        var latest = new LatestValueStore(time);
        using var latestSubscription = ingest.Samples.Subscribe(latest);
        var rule = new AlertRule("HugeTransfer", SeriesSelector.Parse("conn_bytes"), new ThresholdDetector(ThresholdCondition.Above(1e12)));
        using var rules = ingest.Samples.EvaluateRules([rule], scheduler).Subscribe(_ => { });

        Run(ingest, scheduler, start, 0, Samples / 5);
        SeriesKeyLifetimeTests.CollectEverything();
        var idSpaceAtFifth = SeriesKey.IdSpace;
        var memoryAtFifth = GC.GetTotalMemory(forceFullCollection: true);

        Run(ingest, scheduler, start, Samples / 5, Samples);
        SeriesKeyLifetimeTests.CollectEverything();
        var idSpaceAtEnd = SeriesKey.IdSpace;
        var memoryAtEnd = GC.GetTotalMemory(forceFullCollection: true);

        // 800,000 new keys after the first fifth: without reuse the id space would grow by all of them. With reuse it
        // grows only by the peak of keys not yet collected (the live series plus what the GC has not reached yet,
        // which depends on when gen-2 collections run: 210,000 was seen once), so the bound is half the new keys, not a
        // tight figure; without reuse it is all of them.
        Assert.InRange(idSpaceAtEnd - idSpaceAtFifth, 0, (Samples - (Samples / 5)) / 2);
        Assert.InRange(memoryAtEnd, 0, memoryAtFifth + (64L << 20));
        Assert.InRange(ingest.GetStatistics().Series, 0, 100_000);
        Assert.InRange(latest.Count, 0, 100_000);
        Assert.Equal(Samples, ingest.GetStatistics().Delivered);
    }

    private static void Run(MetricIngest ingest, TestScheduler scheduler, long start, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var ticks = start + (i * Spacing);
            ingest.Record(SeriesKey.Create("conn_bytes", new Label("conn", i.ToString(CultureInfo.InvariantCulture))), ticks, i);
            if (i % 1_000 == 999)
            {
                scheduler.AdvanceTo(ticks);
                while (ingest.Drain() > 0)
                {
                }
            }
        }
    }
}
