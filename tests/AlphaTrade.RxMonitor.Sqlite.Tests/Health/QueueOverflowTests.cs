using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Sqlite.Health;
using AlphaTrade.RxMonitor.Sqlite.Tests.Support;

namespace AlphaTrade.RxMonitor.Sqlite.Tests.Health;

public sealed class QueueOverflowTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task Record_QueueFull_DropsCountsAndDegradesWithoutBlocking()
    {
        using var committing = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var options = StoreFactory.Options(_directory.File("store.db"));
        options.QueueCapacity = 4;
        options.OnBatchCommitted = _ =>
        {
            committing.Set();
            release.Wait();
        };
        await using var store = SqliteStore.Open(options);
        var alert = TestAlerts.Alert("CpuHigh", AlertState.Firing, Severity.Warning, TestAlerts.T0);

        store.AlertHistory.RecordTransition(TestAlerts.Transition(alert));
        Assert.True(committing.Wait(TimeSpan.FromSeconds(30)));
        for (var i = 0; i < 10; i++)
        {
            store.AlertHistory.RecordTransition(TestAlerts.Transition(alert));
        }

        var whileBlocked = store.Statistics;
        var health = store.Health;
        release.Set();
        await store.FlushAsync();

        Assert.Equal(6, whileBlocked.DroppedQueueFull);
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Equal(5, store.Statistics.Committed);
    }

    public void Dispose() => _directory.Dispose();
}
