using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Alerting.Receivers;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Tests.Support;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Extensions.Time.Testing;

namespace AlphaTrade.RxMonitor.Tests.Sinks;

/// <summary>The proof: a sink that always throws and one that never completes neither slow the manager nor starve other sinks.</summary>
public sealed class DeliveryIsolationTests
{
    private const int Alerts = 1000;

    [Fact]
    public async Task Process_ThrowingAndHangingSinks_OtherSinkGetsEverythingAndBadSinksDropsAreCounted()
    {
        var time = new FakeTimeProvider(AlertingHarness.Start);
        var failures = new CollectingFailureListener();
        var options = AlertingHarness.FastOptions(o =>
        {
            o.Route.GroupBy = ["..."];
            o.Route.GroupWait = "0s";
            o.Delivery = new SinkDeliveryOptions { Capacity = 16, MaxRetries = 1, Timeout = "5s" };
        });
        await using var manager = new AlertManager(options, time.AsScheduler(), failureListener: failures);
        var throwing = new ThrowingSink();
        var hanging = new NeverCompletingSink();
        var good = new CollectingAlertSink();
        manager.AddSink(throwing, "default");
        manager.AddSink(hanging, "default");
        manager.AddSink(good, "default", new SinkDeliveryOptions { Capacity = Alerts });

        for (var i = 0; i < Alerts; i++)
        {
            manager.Process(new AlertEvent
            {
                RuleName = "A",
                State = AlertState.Firing,
                Severity = Severity.Warning,
                Labels = AlertingHarness.Labels("A", ("instance", i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                Timestamp = time.GetUtcNow(),
                ActiveAt = time.GetUtcNow(),
            });
        }

        time.Advance(TimeSpan.FromTicks(1));
        await good.WaitForCountAsync(Alerts);

        Assert.Equal(Alerts, good.Notifications.Select(static n => n.Alerts[0].Fingerprint).Distinct().Count());
        Assert.Equal(Alerts, manager.GetStatistics().Notifications);
        var stats = manager.GetSinkStatistics().ToDictionary(static s => s.Sink);
        foreach (var bad in new[] { "throwing", "hanging" })
        {
            Assert.True(stats[bad].Dropped > 0, $"{bad} dropped {stats[bad].Dropped}");
            Assert.Equal(Alerts, stats[bad].Enqueued);
            Assert.Contains(failures.Failures, f => f.Name == bad && f.Message.Contains("queue is full", StringComparison.Ordinal));
        }

        Assert.Equal(0, stats["collecting"].Dropped);
    }

    [Fact]
    public async Task AddHandler_ThrowingHandler_DoesNotStopOtherHandlers()
    {
        await using var h = new AlertingHarness();
        var received = new CollectingAlertSink();
        h.Manager.AddHandler(_ => throw new InvalidOperationException("handler bug"));
        h.Manager.AddHandler((n, ct) => received.SendAsync(n, ct));

        h.Fire("A");
        h.Advance(TimeSpan.FromSeconds(10));

        await received.WaitForCountAsync(1);
        Assert.Single(received.Notifications);
    }

    [Fact]
    public async Task AddSink_UnknownReceiver_Throws()
    {
        await using var h = new AlertingHarness();

        Assert.Throws<ArgumentException>(() => h.Manager.AddSink(new CollectingAlertSink(), "nobody"));
    }
}
