using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Tests.Ingest;

/// <summary>One ring per (thread, ingest), reclaimed when the thread ends or the ingest is disposed.</summary>
public sealed class MetricIngestRingTests
{
    private static readonly SeriesKey Fills = SeriesKey.Create("fills_total", new Label("venue", "xlon"));

    [Fact]
    public void Record_ThreadAlternatingTwoIngests_KeepsOneRingInEach()
    {
        var time = new TestScheduler().AsTimeProvider();
        var first = new MetricIngest(new IngestOptions(), time);
        var second = new MetricIngest(new IngestOptions(), time);

        RunOnThread(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                first.Record(Fills, i, i);
                second.Record(Fills, i, i);
            }
        });

        Assert.Equal(1, first.GetStatistics().Writers);
        Assert.Equal(1, second.GetStatistics().Writers);
        Assert.Equal(100, first.GetStatistics().QueueDepth);
        Assert.Equal(100, second.GetStatistics().QueueDepth);
    }

    [Fact]
    public void Record_FirstWriteOfAThread_AllocatesASmallRing()
    {
        var ingest = new MetricIngest(new IngestOptions(), new TestScheduler().AsTimeProvider());
        var allocated = 0L;

        RunOnThread(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            ingest.Record(Fills, 1, 1.0);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        });

        Assert.Equal(1, ingest.GetStatistics().Accepted);
        Assert.InRange(allocated, 1, 16 * 1024);
    }

    [Fact]
    public void Record_WriterFillingItsRing_GrowsToItsCapacityBeforeDroppingAndKeepsItsOrder()
    {
        var ingest = new MetricIngest(new IngestOptions { CapacityPerWriter = 4096 }, new TestScheduler().AsTimeProvider());
        var received = new List<double>();
        ingest.Samples.Subscribe(s => received.Add(s.Value));

        RunOnThread(() =>
        {
            for (var i = 0; i < 5000; i++)
            {
                ingest.Record(Fills, i, i);
            }
        });
        while (ingest.Drain() > 0)
        {
        }

        var statistics = ingest.GetStatistics();
        Assert.Equal(4096, statistics.Accepted);
        Assert.Equal(5000 - 4096, statistics.Dropped);
        Assert.Equal(Enumerable.Range(0, 4096).Select(i => (double)i), received);
    }

    [Fact]
    public void Dispose_LetsGoOfItsSubscribersThoughAThreadStillHoldsItsRing()
    {
        var ingest = new MetricIngest(new IngestOptions(), new TestScheduler().AsTimeProvider());
        ingest.Record(Fills, 1, 1.0);
        var subscriber = SubscribeWeakly(ingest);

        ingest.Dispose();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(subscriber.TryGetTarget(out _));
        GC.KeepAlive(ingest);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference<IObserver<MetricSample>> SubscribeWeakly(MetricIngest ingest)
    {
        var observer = System.Reactive.Observer.Create<MetricSample>(static _ => { });
        ingest.Samples.Subscribe(observer);
        return new WeakReference<IObserver<MetricSample>>(observer);
    }

    [Fact]
    public void Drain_AfterTheWriterThreadEnded_RetiresItsRingAndKeepsItsCounts()
    {
        var ingest = new MetricIngest(new IngestOptions(), new TestScheduler().AsTimeProvider());
        RunOnThread(() => ingest.Record(Fills, 1, 1.0));

        ingest.Drain();
        ingest.Drain();

        var statistics = ingest.GetStatistics();
        Assert.Equal(0, statistics.Writers);
        Assert.Equal(1, statistics.Accepted);
        Assert.Equal(1, statistics.Delivered);
    }

    [Fact]
    public void Dispose_ThenRecord_RefusesAndCountsWithoutANewRing()
    {
        var ingest = new MetricIngest(new IngestOptions(), new TestScheduler().AsTimeProvider());
        ingest.Record(Fills, 1, 1.0);

        ingest.Dispose();
        var queued = ingest.Record(Fills, 2, 2.0);

        Assert.False(queued);
        var statistics = ingest.GetStatistics();
        Assert.Equal(0, statistics.Writers);
        Assert.Equal(1, statistics.Accepted);
    }

    [Fact]
    public void Record_AfterAnotherIngestWasDisposed_GetsItsOwnRing()
    {
        var time = new TestScheduler().AsTimeProvider();
        var disposed = new MetricIngest(new IngestOptions(), time);
        var live = new MetricIngest(new IngestOptions(), time);
        var received = new List<MetricSample>();
        live.Samples.Subscribe(received.Add);

        disposed.Record(Fills, 1, 1.0);
        disposed.Dispose();
        live.Record(Fills, 2, 2.0);
        live.Drain();

        Assert.Equal(2.0, Assert.Single(received).Value);
        Assert.Equal(1, live.GetStatistics().Writers);
    }

    private static void RunOnThread(Action action)
    {
        var thread = new Thread(() => action());
        thread.Start();
        thread.Join();
    }
}
