using System.Reactive.Concurrency;
using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Tests.Ingest;

/// <summary>The loop is the live consumer thread: these tests use real threads and wait on signals, never on time.</summary>
public sealed class IngestLoopTests
{
    private static readonly SeriesKey Key = SeriesKey.Create("loop_test");

    [Fact]
    public async Task Start_SamplesRecordedOnAnotherThread_AreDeliveredOnTheLoopThread()
    {
        var options = new IngestOptions();
        var ingest = new MetricIngest(options, TimeProvider.System);
        using var loop = new IngestLoop(ingest, options, TimeProvider.System);
        var delivered = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        ingest.Samples.Subscribe(_ => delivered.TrySetResult(Thread.CurrentThread.Name));
        loop.Start();

        await Task.Run(() => ingest.Record(Key, 1.0));

        Assert.Equal("rxmon-ingest", await delivered.Task.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Schedule_WorkRunsOnTheLoopThread()
    {
        var options = new IngestOptions();
        var ingest = new MetricIngest(options, TimeProvider.System);
        using var loop = new IngestLoop(ingest, options, TimeProvider.System);
        var ran = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        loop.Start();

        loop.Schedule(TimeSpan.FromMilliseconds(1), () => ran.TrySetResult(Thread.CurrentThread.Name));

        Assert.Equal("rxmon-ingest", await ran.Task.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Schedule_WorkThatThrows_IsReportedAndTheLoopGoesOn()
    {
        var options = new IngestOptions();
        var listener = new Support.CollectingFailureListener();
        var ingest = new MetricIngest(options, TimeProvider.System);
        using var loop = new IngestLoop(ingest, options, TimeProvider.System, listener);
        var after = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        loop.Start();

        loop.Schedule(() => throw new InvalidOperationException("boom"));
        loop.Schedule(() => after.TrySetResult());

        await after.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains(listener.Failures, f => f.Exception is InvalidOperationException);
    }

    [Fact]
    public void Start_NothingToDo_TheLoopParksAndCountsIt()
    {
        var options = new IngestOptions();
        var ingest = new MetricIngest(options, TimeProvider.System);
        using var loop = new IngestLoop(ingest, options, TimeProvider.System);
        loop.Start();

        Assert.True(SpinWait.SpinUntil(() => ingest.GetStatistics().ConsumerParks >= 1, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Dispose_DeliversWhatWasQueued()
    {
        var options = new IngestOptions { SpinBeforePark = TimeSpan.Zero };
        var ingest = new MetricIngest(options, TimeProvider.System);
        var delivered = 0;
        ingest.Samples.Subscribe(_ => Interlocked.Increment(ref delivered));
        var loop = new IngestLoop(ingest, options, TimeProvider.System);
        loop.Start();

        for (var i = 0; i < 1000; i++)
        {
            ingest.Record(Key, i);
        }

        loop.Dispose();

        Assert.Equal(1000, delivered);
    }

    [Fact]
    public void Constructor_SpinBeforeParkLongerThanOneSecond_IsRefusedNamingTheOption()
    {
        var options = new IngestOptions { SpinBeforePark = TimeSpan.MaxValue };
        var ingest = new MetricIngest(new IngestOptions(), TimeProvider.System);

        var error = Assert.Throws<ConfigurationException>(() => new IngestLoop(ingest, options, TimeProvider.System));

        Assert.Contains("RxMonitor:Ingest:SpinBeforePark", error.Message, StringComparison.Ordinal);
    }
}
