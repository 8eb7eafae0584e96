using System.Globalization;
using System.Reactive.Subjects;
using System.Runtime.CompilerServices;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Tests.Ingest;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Tests.Metrics;

/// <summary>
/// Each stage that keeps per-series state does so in a <see cref="SeriesTable{TState}"/> and evicts a series it no
/// longer needs: afterwards nothing in the stage holds the series' key, so the key is collected (and its id freed for
/// reuse). Forces collections, so it runs alone.
/// </summary>
[Collection(nameof(ProcessWideAllocation))]
public sealed class SeriesEvictionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void LatestValueStore_SeriesStaleForAStalenessPeriod_EvictedAndItsKeyCollected()
    {
        var scheduler = Scheduler();
        var store = new LatestValueStore(scheduler.AsTimeProvider(), TimeSpan.FromMinutes(5));
        var gone = Feed(store, "evict_latest", T0);

        for (var i = 0; i < 2 * LatestValueStore.PruneCheckInterval; i++)
        {
            scheduler.AdvanceTo(T0.AddMinutes(10).AddSeconds(i).UtcTicks);
            store.OnNext(new MetricSample(Kept, scheduler.Now, i));
        }

        SeriesKeyLifetimeTests.CollectEverything();

        Assert.False(gone.TryGetTarget(out _));
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public void RuleSet_SeriesAndAbsentGroupMemberGoneForTheRetention_RoutesAndStatesEvictedAndKeysCollected()
    {
        var scheduler = Scheduler();
        var samples = new Subject<MetricSample>();
        var selector = SeriesSelector.Parse("evict_rule");
        AlertRule[] rules =
        [
            new("Huge", selector, new ThresholdDetector(ThresholdCondition.Above(1e12))),
            new("Gone", selector, new AbsentDetector(selector, TimeSpan.FromMinutes(2))),
        ];
        using var subscription = samples.EvaluateRules(rules, scheduler).Subscribe(_ => { });
        var gone = Feed(samples, "evict_rule", T0);

        // A new series a minute, for a while: the grid prunes the old states and a new route sweeps the idle ones.
        for (var minute = 1; minute <= 20; minute++)
        {
            scheduler.AdvanceTo(T0.AddMinutes(minute).UtcTicks);
            Feed(samples, "evict_rule", scheduler.Now, minute);
        }

        SeriesKeyLifetimeTests.CollectEverything();

        Assert.False(gone.TryGetTarget(out _));
    }

    [Fact]
    public void Ewma_SeriesBackAfterTheIdlePeriod_StartsAfresh()
    {
        var samples = new Subject<MetricSample>();
        var averages = new List<double>();
        using var subscription = samples.Ewma(0.5).Subscribe(s => averages.Add(s.Value));
        var series = SeriesKey.Create("evict_ewma", new Label("s", "a"));

        samples.OnNext(new MetricSample(series, T0, 10));
        samples.OnNext(new MetricSample(Kept, T0 + MetricObservableExtensions.SeriesIdleAfter + TimeSpan.FromMinutes(1), 0));
        samples.OnNext(new MetricSample(series, T0 + MetricObservableExtensions.SeriesIdleAfter + TimeSpan.FromMinutes(2), 30));

        Assert.Equal([10, 0, 30], averages);
    }

    [Fact]
    public void Ewma_SeriesBackWithinTheIdlePeriod_KeepsItsAverage()
    {
        var samples = new Subject<MetricSample>();
        var averages = new List<double>();
        using var subscription = samples.Ewma(0.5).Subscribe(s => averages.Add(s.Value));
        var series = SeriesKey.Create("evict_ewma", new Label("s", "b"));

        samples.OnNext(new MetricSample(series, T0, 10));
        samples.OnNext(new MetricSample(series, T0.AddMinutes(30), 30));

        Assert.Equal([10, 20], averages);
    }

    private static SeriesKey Kept { get; } = SeriesKey.Create("evict_kept");

    private static TestScheduler Scheduler()
    {
        var scheduler = new TestScheduler();
        scheduler.AdvanceTo(T0.UtcTicks);
        return scheduler;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference<SeriesKey> Feed(IObserver<MetricSample> observer, string name, DateTimeOffset time, int id = 0)
    {
        var key = SeriesKey.Create(name, new Label("conn", id.ToString(CultureInfo.InvariantCulture)));
        observer.OnNext(new MetricSample(key, time, 1));
        return new WeakReference<SeriesKey>(key);
    }
}
