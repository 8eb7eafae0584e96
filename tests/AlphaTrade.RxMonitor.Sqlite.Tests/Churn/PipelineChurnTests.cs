using System.Globalization;
using System.Runtime.CompilerServices;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Sqlite.Rollups;
using AlphaTrade.RxMonitor.Sqlite.Tests.Support;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Reactive.Testing;
using Xunit.Abstractions;

namespace AlphaTrade.RxMonitor.Sqlite.Tests.Churn;

/// <summary>
/// Issue 12's churn proof: 10 M samples, each on a new series (a connection id), through ingest, a rule, the latest
/// values and the roll-ups (into a real SQLite file), in virtual time with a sample every second. Every per-series
/// table lets a series go once it is no longer needed, so keys are collected, ids are reused and the heap at 10 M
/// samples is what it was at 1 M.
/// </summary>
public sealed class PipelineChurnTests(ITestOutputHelper output) : IDisposable
{
    private const int Samples = 10_000_000;
    private const int FirstMeasure = 1_000_000;
    private static readonly long Spacing = TimeSpan.FromSeconds(1).Ticks;
    private readonly TempDirectory _directory = new();

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Pipeline_TenMillionSamplesEachOnANewSeries_ReusesIdsAndKeepsTheHeapFlat()
    {
        var scheduler = new TestScheduler();
        scheduler.AdvanceTo(DateTimeOffset.UnixEpoch.AddDays(20_000).UtcTicks);
        var start = scheduler.Clock;
        var time = scheduler.AsTimeProvider();
        await using var store = StoreFactory.Open(_directory.File("churn.db"), time);
        var ingest = new MetricIngest(new IngestOptions { SeriesIdleAfter = TimeSpan.FromMinutes(10) }, time);
        var latest = new LatestValueStore(time);
        using var latestSubscription = ingest.Samples.Subscribe(latest);
        using var rollups = new RollupWriter(store, scheduler);
        using var rollupSubscription = ingest.Samples.Subscribe(rollups);
        var rule = new AlertRule("HugeTransfer", SeriesSelector.Parse("conn_bytes"), new ThresholdDetector(ThresholdCondition.Above(1e12)));
        using var rules = ingest.Samples.EvaluateRules([rule], scheduler).Subscribe(_ => { });

        var maxId = Run(ingest, scheduler, start, 0, FirstMeasure);
        var heapAtFirst = Heap();
        var workingSetAtFirst = Environment.WorkingSet;
        maxId = Math.Max(maxId, Run(ingest, scheduler, start, FirstMeasure, Samples));
        var heapAtEnd = Heap();
        var workingSetAtEnd = Environment.WorkingSet;

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"1 M samples: heap {heapAtFirst >> 20} MiB, working set {workingSetAtFirst >> 20} MiB"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"10 M samples: heap {heapAtEnd >> 20} MiB, working set {workingSetAtEnd >> 20} MiB; largest id {maxId}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"live: ingest {ingest.GetStatistics().Series}, latest {latest.Count}, roll-ups {rollups.SeriesCount}"));

        // A series lives an hour in the roll-ups (its open 1-hour bucket), 10 minutes in the ingest, 5 in the rule and the
        // latest values: at one series a second, about 3,600 live at a time. Without reuse ids would reach 10 M; the
        // bound leaves room for keys the GC has not reached yet.
        Assert.InRange(maxId, 0, 1_000_000);
        Assert.InRange(rollups.SeriesCount, 0, 3_700);

        // The latest values sweep at most once per staleness (300 series at one a second), checking every 1,024 samples:
        // up to twice the staleness plus one check interval of series are held between sweeps.
        Assert.InRange(latest.Count, 0, 2_000);
        Assert.InRange(heapAtEnd, 0, heapAtFirst + (32L << 20));
        Assert.Equal(Samples, ingest.GetStatistics().Delivered);
    }

    public void Dispose() => _directory.Dispose();

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Run(MetricIngest ingest, TestScheduler scheduler, long start, int from, int to)
    {
        var maxId = 0;
        for (var i = from; i < to; i++)
        {
            var ticks = start + (i * Spacing);
            var key = SeriesKey.Create("conn_bytes", new Label("conn", i.ToString(CultureInfo.InvariantCulture)));
            maxId = Math.Max(maxId, key.Id);
            ingest.Record(key, ticks, i);
            if (i % 1_000 == 999)
            {
                scheduler.AdvanceTo(ticks);
                while (ingest.Drain() > 0)
                {
                }
            }
        }

        return maxId;
    }
}
