using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Tests.Ingest;

/// <summary>The ingest's one hygiene stage: each series in time order for every subscriber, late samples counted.</summary>
public sealed class MetricIngestOrderTests
{
    private static readonly SeriesKey Latency = SeriesKey.Create("order_latency_seconds", new Label("desk", "fx"));

    [Fact]
    public void Drain_FourThreadsStampingOneSeries_EverySubscriberSeesNonDecreasingTimesAndEverySampleIsAccounted()
    {
        const int PerWriter = 250_000;
        var ingest = new MetricIngest(new IngestOptions(), TimeProvider.System);
        var first = new OrderChecker();
        var second = new OrderChecker();
        using var firstSubscription = ingest.Samples.Subscribe(first);
        using var secondSubscription = ingest.Samples.Subscribe(second);
        var writers = Enumerable.Range(0, 4).Select(w => new Thread(() =>
        {
            for (var i = 0; i < PerWriter; i++)
            {
                ingest.Record(Latency, i);
            }
        })).ToList();

        writers.ForEach(w => w.Start());
        while (writers.Exists(w => w.IsAlive))
        {
            ingest.Drain();
        }

        while (ingest.Drain() > 0)
        {
        }

        var statistics = ingest.GetStatistics();
        Assert.Equal(0, first.OutOfOrder);
        Assert.Equal(0, second.OutOfOrder);
        Assert.Equal(statistics.Delivered, first.Count);
        Assert.Equal(statistics.Delivered, second.Count);
        Assert.Equal(statistics.Accepted, statistics.Delivered + statistics.Late);
        Assert.Equal(4L * PerWriter, statistics.Accepted + statistics.Dropped);
        Assert.Equal(0, statistics.QueueDepth);
    }

    [Fact]
    public async Task IngestLoop_FourThreadsStampingOneSeries_EverySubscriberSeesNonDecreasingTimesAndEverySampleIsAccounted()
    {
        const int PerWriter = 250_000;
        var options = new IngestOptions();
        var ingest = new MetricIngest(options, TimeProvider.System);
        var first = new OrderChecker();
        var second = new OrderChecker();
        using var firstSubscription = ingest.Samples.Subscribe(first);
        using var secondSubscription = ingest.Samples.Subscribe(second);
        using var loop = new IngestLoop(ingest, options, TimeProvider.System);
        loop.Start();
        var writers = Enumerable.Range(0, 4).Select(w => new Thread(() =>
        {
            for (var i = 0; i < PerWriter; i++)
            {
                ingest.Record(Latency, i);
            }
        })).ToList();

        writers.ForEach(w => w.Start());
        writers.ForEach(w => w.Join());
        await Support.Eventually.TrueAsync(() => ingest.GetStatistics().QueueDepth == 0, "the loop drained every ring");

        var statistics = ingest.GetStatistics();
        Assert.Equal(0, first.OutOfOrder);
        Assert.Equal(0, second.OutOfOrder);
        Assert.Equal(statistics.Delivered, first.Count);
        Assert.Equal(statistics.Delivered, second.Count);
        Assert.Equal(statistics.Accepted, statistics.Delivered + statistics.Late);
        Assert.Equal(4L * PerWriter, statistics.Accepted + statistics.Dropped);
    }

    [Fact]
    public void Drain_WriterPublishesWhileTheRunsAreMerged_ItsSampleIsMergedInOrderNotCountedLate()
    {
        var clock = new SettableClock();
        var ingest = new MetricIngest(new IngestOptions(), clock);
        var received = new List<long>();
        ingest.Samples.Subscribe(s => received.Add(s.TimestampTicks));
        using var writerA = new WriterThread();
        writerA.Run(() =>
        {
            ingest.Record(Latency, 1, 1.0);
            ingest.Record(Latency, 3, 3.0);
        });
        RunOnThread(() => ingest.Record(Latency, 2, 2.0), () => ingest.Record(Latency, 4, 4.0), () => ingest.Record(Latency, 6, 6.0));

        // The drain reads the clock after it noted the runs and before it merges them: writer A publishes 5 there,
        // after its own 3 and before B's 6, so a merge that went on past A's noted run would find it late.
        clock.OnNextRead = () => writerA.Run(() => ingest.Record(Latency, 5, 5.0));
        while (ingest.Drain() > 0)
        {
        }

        Assert.Equal([1L, 2, 3, 4, 5, 6], received);
        Assert.Equal(0, ingest.GetStatistics().Late);
    }

    [Fact]
    public void Drain_SeriesWrittenByTwoRings_IsMergedInOrderWhileEachRingsOwnSeriesPassesThrough()
    {
        var mine = SeriesKey.Create("order_latency_seconds", new Label("desk", "rates"));
        var theirs = SeriesKey.Create("order_latency_seconds", new Label("desk", "credit"));
        var ingest = new MetricIngest(new IngestOptions(), new TestScheduler().AsTimeProvider());
        var received = new List<MetricSample>();
        ingest.Samples.Subscribe(received.Add);
        using var writerA = new WriterThread();
        using var writerB = new WriterThread();
        writerA.Run(() =>
        {
            ingest.Record(Latency, 1, 1.0);
            ingest.Record(mine, 100, 1.0);
            ingest.Record(Latency, 3, 3.0);
            ingest.Record(mine, 101, 2.0);
        });
        writerB.Run(() =>
        {
            ingest.Record(Latency, 2, 2.0);
            ingest.Record(theirs, 50, 1.0);
            ingest.Record(Latency, 4, 4.0);
        });

        while (ingest.Drain() > 0)
        {
        }

        Assert.Equal([1L, 2, 3, 4], received.Where(s => s.Key == Latency).Select(s => s.TimestampTicks));
        Assert.Equal([100L, 101], received.Where(s => s.Key == mine).Select(s => s.TimestampTicks));
        Assert.Equal([50L], received.Where(s => s.Key == theirs).Select(s => s.TimestampTicks));

        // Only the shared series is merged: a single writer's newer sample is not held back behind another series' older one.
        Assert.True(received.FindIndex(s => s.Key == mine) < received.FindIndex(s => s.Key == Latency && s.TimestampTicks == 1));
        Assert.Equal(0, ingest.GetStatistics().Late);
    }

    [Fact]
    public void Drain_SecondRingStartsWritingASeries_ItsSamplesAreMergedFromThenOn()
    {
        var ingest = new MetricIngest(new IngestOptions(), new TestScheduler().AsTimeProvider());
        var received = new List<long>();
        ingest.Samples.Subscribe(s => received.Add(s.TimestampTicks));
        using var writerA = new WriterThread();
        using var writerB = new WriterThread();
        writerA.Run(() => ingest.Record(Latency, 1, 1.0));
        ingest.Drain();

        // Ring A has delivered the series alone; now B writes it too, and A's newer sample is queued first.
        writerA.Run(() => ingest.Record(Latency, 3, 3.0));
        writerB.Run(() => ingest.Record(Latency, 2, 2.0));
        while (ingest.Drain() > 0)
        {
        }

        Assert.Equal([1L, 2, 3], received);
        Assert.Equal(0, ingest.GetStatistics().Late);
    }

    [Fact]
    public void Drain_SeveralRingsWithMaxSamples_ShareItBetweenTheRings()
    {
        var other = SeriesKey.Create("order_latency_seconds", new Label("desk", "rates"));
        var ingest = new MetricIngest(new IngestOptions(), new TestScheduler().AsTimeProvider());
        var received = new List<SeriesKey>();
        ingest.Samples.Subscribe(s => received.Add(s.Key));
        RunOnThread(() => ingest.Record(Latency, 1, 1.0), () => ingest.Record(Latency, 2, 2.0), () => ingest.Record(Latency, 3, 3.0));
        RunOnThread(() => ingest.Record(other, 1, 1.0), () => ingest.Record(other, 2, 2.0), () => ingest.Record(other, 3, 3.0));

        var taken = ingest.Drain(4);

        Assert.Equal(4, taken);
        Assert.Equal(2, received.Count(k => k == Latency));
        Assert.Equal(2, received.Count(k => k == other));
        Assert.Equal(2, ingest.GetStatistics().QueueDepth);
    }

    [Fact]
    public void Drain_ClockSteppedBack_SamplesOlderThanTheirSeriesNewestAreCountedLateWithHowFarBehind()
    {
        var clock = new SettableClock();
        var ingest = new MetricIngest(new IngestOptions(), clock);
        var received = new List<double>();
        ingest.Samples.Subscribe(s => received.Add(s.Value));

        ingest.Record(Latency, 1.0);
        clock.Now -= TimeSpan.FromSeconds(2);
        ingest.Record(Latency, 2.0);
        ingest.Drain();

        var statistics = ingest.GetStatistics();
        Assert.Equal([1.0], received);
        Assert.Equal(1, statistics.Late);
        Assert.Equal(TimeSpan.FromSeconds(2), statistics.LateMaxBehind);
    }

    [Fact]
    public void Drain_TwoWritersWithInterleavedTimes_DeliversTheMergeInTimeOrder()
    {
        var ingest = new MetricIngest(new IngestOptions(), new TestScheduler().AsTimeProvider());
        var received = new List<long>();
        ingest.Samples.Subscribe(s => received.Add(s.TimestampTicks));

        RunOnThread(() => ingest.Record(Latency, 1, 1.0), () => ingest.Record(Latency, 3, 3.0), () => ingest.Record(Latency, 5, 5.0));
        RunOnThread(() => ingest.Record(Latency, 2, 2.0), () => ingest.Record(Latency, 4, 4.0), () => ingest.Record(Latency, 6, 6.0));
        while (ingest.Drain() > 0)
        {
        }

        Assert.Equal([1L, 2, 3, 4, 5, 6], received);
        Assert.Equal(0, ingest.GetStatistics().Late);
    }

    [Fact]
    public void Drain_SampleOlderThanItsSeriesNewest_IsDroppedAndCountedLate()
    {
        var ingest = new MetricIngest(new IngestOptions(), new TestScheduler().AsTimeProvider());
        var received = new List<double>();
        ingest.Samples.Subscribe(s => received.Add(s.Value));

        ingest.Record(Latency, 10, 1.0);
        ingest.Record(Latency, 5, 2.0);
        ingest.Record(Latency, 10, 3.0);
        ingest.Drain();

        Assert.Equal([1.0, 3.0], received);
        var statistics = ingest.GetStatistics();
        Assert.Equal(1, statistics.Late);
        Assert.Equal(2, statistics.Delivered);
    }

    [Fact]
    public void Drain_LateSampleOfOneSeries_DoesNotHoldBackAnother()
    {
        var other = SeriesKey.Create("order_latency_seconds", new Label("desk", "rates"));
        var ingest = new MetricIngest(new IngestOptions(), new TestScheduler().AsTimeProvider());
        var received = new List<SeriesKey>();
        ingest.Samples.Subscribe(s => received.Add(s.Key));

        ingest.Record(Latency, 10, 1.0);
        ingest.Record(other, 5, 1.0);
        ingest.Drain();

        Assert.Equal([Latency, other], received);
        Assert.Equal(0, ingest.GetStatistics().Late);
    }

    [Fact]
    public void Drain_RuleFedByTheIngest_SeesNoOutOfOrderSample()
    {
        var scheduler = new TestScheduler();
        var ingest = new MetricIngest(new IngestOptions(), scheduler.AsTimeProvider());
        var rule = new AlertRule("Slow", SeriesSelector.Parse("order_latency_seconds"), new ThresholdDetector(ThresholdCondition.Above(100)));
        var failures = new Support.CollectingFailureListener();
        var events = new List<AlertEvent>();
        using var subscription = ingest.Samples.EvaluateRules([rule], scheduler, failures).Subscribe(events.Add);

        ingest.Record(Latency, 10, 1.0);
        ingest.Record(Latency, 5, 500.0);
        ingest.Drain();

        Assert.Empty(failures.Failures);
        Assert.Empty(events);
        Assert.Equal(1, ingest.GetStatistics().Late);
    }

    private static void RunOnThread(params Action[] actions)
    {
        var thread = new Thread(() =>
        {
            foreach (var action in actions)
            {
                action();
            }
        });
        thread.Start();
        thread.Join();
    }

    /// <summary>A pipeline clock the test sets, which can run one action at its next read.</summary>
    private sealed class SettableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 6, 22, 0, 0, TimeSpan.Zero);

        public Action? OnNextRead { get; set; }

        public override DateTimeOffset GetUtcNow()
        {
            var action = OnNextRead;
            OnNextRead = null;
            action?.Invoke();
            return Now;
        }
    }

    /// <summary>A writer thread that stays alive (and so keeps its ring) and runs what it is given, one at a time.</summary>
    private sealed class WriterThread : IDisposable
    {
        private readonly System.Collections.Concurrent.BlockingCollection<(Action Action, ManualResetEventSlim Done)> _work = [];
        private readonly Thread _thread;

        public WriterThread()
        {
            _thread = new Thread(() =>
            {
                foreach (var (action, done) in _work.GetConsumingEnumerable())
                {
                    action();
                    done.Set();
                }
            });
            _thread.Start();
        }

        public void Run(Action action)
        {
            using var done = new ManualResetEventSlim();
            _work.Add((action, done));
            done.Wait();
        }

        public void Dispose()
        {
            _work.CompleteAdding();
            _thread.Join();
            _work.Dispose();
        }
    }

    private sealed class OrderChecker : IObserver<MetricSample>
    {
        private long _last = long.MinValue;

        public long Count { get; private set; }

        public long OutOfOrder { get; private set; }

        public void OnNext(MetricSample value)
        {
            if (value.TimestampTicks < _last)
            {
                OutOfOrder++;
            }

            _last = value.TimestampTicks;
            Count++;
        }

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }
    }
}
