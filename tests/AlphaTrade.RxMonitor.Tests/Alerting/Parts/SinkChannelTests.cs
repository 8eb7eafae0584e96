using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Alerting.Receivers;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace AlphaTrade.RxMonitor.Tests.Alerting.Parts;

/// <summary>One sink's queue, retries, timeout and breaker, on a <see cref="FakeTimeProvider"/> (the consumer runs on its own thread).</summary>
public sealed class SinkChannelTests
{
    private static readonly DeliverySettings Settings = DeliverySettings.Default with
    {
        Capacity = 4,
        MaxRetries = 2,
        BaseDelay = TimeSpan.FromSeconds(1),
        Timeout = TimeSpan.FromSeconds(5),
        BreakerFailureThreshold = 100,
    };

    private readonly FakeTimeProvider _time = new(AlertingHarness.Start);
    private readonly CollectingFailureListener _failures = new();

    private SinkChannel Channel(IAlertSink sink, DeliverySettings? settings = null) =>
        new(sink, "default", settings ?? Settings, new FailureReporter(_failures, _time));

    private static AlertNotification Notification() => new()
    {
        Id = Guid.NewGuid(),
        Receiver = "default",
        GroupKey = "{}:{}",
        GroupLabels = LabelSet.Empty,
        Timestamp = AlertingHarness.Start,
        Alerts = [],
    };

    /// <summary>Advances virtual time in small steps until the consumer thread has done what we wait for.</summary>
    private Task AdvanceUntilAsync(Func<bool> condition, string what) => Eventually.TrueAsync(() =>
    {
        if (condition())
        {
            return true;
        }

        _time.Advance(TimeSpan.FromMilliseconds(250));
        return false;
    }, what);

    [Fact]
    public async Task TryEnqueue_HealthySink_Delivers()
    {
        var sink = new CollectingAlertSink();
        await using var channel = Channel(sink);

        channel.TryEnqueue(Notification());

        await sink.WaitForCountAsync(1);
        await Eventually.TrueAsync(() => channel.GetStatistics().Delivered == 1, "delivered counted");
    }

    [Fact]
    public async Task Deliver_SinkFailsTwiceThenSucceeds_RetriesWithBackoffAndDelivers()
    {
        var sink = new FlakySink(failures: 2);
        await using var channel = Channel(sink);

        channel.TryEnqueue(Notification());

        await AdvanceUntilAsync(() => channel.GetStatistics().Delivered == 1, "delivery after two retries");
        var stats = channel.GetStatistics();
        Assert.Equal(2, stats.Retries);
        Assert.Equal(0, stats.Failed);
        Assert.Equal(3, sink.Calls);
    }

    [Fact]
    public async Task Deliver_SinkAlwaysThrows_GivesUpAfterMaxRetriesAndReports()
    {
        var sink = new ThrowingSink();
        await using var channel = Channel(sink);

        channel.TryEnqueue(Notification());

        await AdvanceUntilAsync(() => channel.GetStatistics().Failed == 1, "given up");
        Assert.Equal(3, sink.Calls);
        Assert.Contains(_failures.Failures, static f => f.Name == "throwing" && f.Message.Contains("failed after 3 attempt(s)", StringComparison.Ordinal) && f.Exception is InvalidOperationException);
    }

    [Fact]
    public async Task Deliver_SinkNeverCompletes_AbandonsTheAttemptAfterTheTimeout()
    {
        var sink = new NeverCompletingSink();
        await using var channel = Channel(sink, Settings with { MaxRetries = 0 });

        channel.TryEnqueue(Notification());

        await AdvanceUntilAsync(() => channel.GetStatistics().Failed == 1, "timed-out attempt given up");
        Assert.Equal(1, channel.GetStatistics().TimedOut);
    }

    [Fact]
    public async Task Deliver_ConsecutiveFailuresReachThreshold_OpensCircuitAndRejectsWithoutCallingSink()
    {
        var sink = new ThrowingSink();
        await using var channel = Channel(sink, Settings with { MaxRetries = 0, BreakerFailureThreshold = 2, BreakDuration = TimeSpan.FromMinutes(5) });

        for (var i = 0; i < 4; i++)
        {
            channel.TryEnqueue(Notification());
        }

        await Eventually.TrueAsync(() => channel.GetStatistics() is { Failed: 2, Rejected: 2 }, "two failures then two rejections");
        Assert.Equal(2, sink.Calls);
        Assert.True(channel.GetStatistics().CircuitOpen);
    }

    [Fact]
    public async Task Deliver_AfterBreakDuration_TrialAttemptClosesCircuit()
    {
        var sink = new FlakySink(failures: 2);
        await using var channel = Channel(sink, Settings with { MaxRetries = 0, BreakerFailureThreshold = 2, BreakDuration = TimeSpan.FromMinutes(1) });
        channel.TryEnqueue(Notification());
        channel.TryEnqueue(Notification());
        await Eventually.TrueAsync(() => channel.GetStatistics().CircuitOpen, "circuit open");

        _time.Advance(TimeSpan.FromMinutes(1));
        channel.TryEnqueue(Notification());

        await Eventually.TrueAsync(() => channel.GetStatistics().Delivered == 1, "trial delivered");
        Assert.False(channel.GetStatistics().CircuitOpen);
    }

    [Fact]
    public async Task TryEnqueue_QueueFull_DropsOldestCountsAndReports()
    {
        var sink = new NeverCompletingSink();
        await using var channel = Channel(sink);

        for (var i = 0; i < 20; i++)
        {
            channel.TryEnqueue(Notification());
        }

        await Eventually.TrueAsync(() => sink.Calls == 1, "first attempt started");
        var stats = channel.GetStatistics();
        Assert.Equal(20, stats.Enqueued);
        Assert.True(stats.Dropped >= 15, $"dropped {stats.Dropped}");
        Assert.Contains(_failures.Failures, static f => f.Message.Contains("its queue is full", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TryEnqueue_WaitModeQueueFull_RefusesAndReportsTheFullQueue()
    {
        var sink = new NeverCompletingSink();
        await using var channel = Channel(sink, Settings with { Capacity = 1, FullMode = System.Threading.Channels.BoundedChannelFullMode.Wait });
        channel.TryEnqueue(Notification());
        await Eventually.TrueAsync(() => sink.Calls == 1, "first attempt started");
        channel.TryEnqueue(Notification());

        Assert.False(channel.TryEnqueue(Notification()));

        Assert.Contains(_failures.Failures, static f => f.Message.Contains("its queue is full", StringComparison.Ordinal));
        Assert.DoesNotContain(_failures.Failures, static f => f.Message.Contains("it is stopped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TryEnqueue_Stopped_RefusesAndReportsTheStop()
    {
        var channel = Channel(new CollectingAlertSink());
        await channel.DisposeAsync();

        Assert.False(channel.TryEnqueue(Notification()));

        Assert.Contains(_failures.Failures, static f => f.Message.Contains("it is stopped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StopAsync_CancelledWithItemsQueued_CountsThemAsDropped()
    {
        var sink = new NeverCompletingSink();
        var channel = Channel(sink);
        for (var i = 0; i < 3; i++)
        {
            channel.TryEnqueue(Notification());
        }

        await channel.DisposeAsync();

        Assert.False(channel.TryEnqueue(Notification()));
        var stats = channel.GetStatistics();
        Assert.Equal(3, stats.Enqueued);
        Assert.True(stats.Dropped >= 2, $"dropped {stats.Dropped}");
    }

    private sealed class FlakySink(int failures) : IAlertSink
    {
        private int _calls;

        public string Name => "flaky";

        public int Calls => Volatile.Read(ref _calls);

        public ValueTask SendAsync(AlertNotification notification, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _calls) <= failures ? throw new HttpRequestException("503") : ValueTask.CompletedTask;
    }
}
