using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Hosting.Embedding;
using AlphaTrade.RxMonitor.Hosting.Http;
using AlphaTrade.RxMonitor.Hosting.Tests.Support;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sqlite;
using AlphaTrade.RxMonitor.Sqlite.Hosting;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Embedding;

/// <summary>A silence is acknowledged only once the store committed it; otherwise it is refused and not in effect.</summary>
public sealed class SilenceAdapterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rxmon-silence-").FullName;

    private static Silence Spec(DateTimeOffset now) => TestSilences.Of(string.Empty, LabelMatcher.Parse("alertname=A"), now, now.AddHours(1), "t", "c");

    [Fact]
    public async Task AddSilenceAsync_StoreCannotWrite_RefusesNamingTheStoreAndTheSilenceIsNotInEffect()
    {
        var path = Path.Combine(_directory, "notes.txt");
        await File.WriteAllTextAsync(path, "not a database");
        await using var store = SqliteStore.Open(new SqliteStoreOptions { Path = path, BatchDelay = TimeSpan.Zero });
        var scheduler = new TestScheduler();
        scheduler.AdvanceTo(DateTimeOffset.UtcNow.UtcTicks);
        await using var manager = new AlertManager(new AlertingOptions(), scheduler, store.AlertHistory);
        var adapter = new SilenceAdapter(manager, new SqliteRxMonitorStore(store));

        var refused = await Assert.ThrowsAsync<SilenceRefusedException>(async () => await adapter.AddSilenceAsync(Spec(scheduler.Now), CancellationToken.None));

        Assert.Contains(path, refused.Message, StringComparison.Ordinal);
        Assert.All(manager.GetSilences(), s => Assert.True(s.EndsAt <= scheduler.Now));
    }

    [Fact]
    public async Task AddSilenceAsync_StoreWrites_AcknowledgesOnceTheSilenceIsStored()
    {
        await using var store = SqliteStore.Open(new SqliteStoreOptions { Path = Path.Combine(_directory, "rxmon.db"), BatchDelay = TimeSpan.Zero });
        var scheduler = new TestScheduler();
        scheduler.AdvanceTo(DateTimeOffset.UtcNow.UtcTicks);
        await using var manager = new AlertManager(new AlertingOptions(), scheduler, store.AlertHistory);
        var adapter = new SilenceAdapter(manager, new SqliteRxMonitorStore(store));

        var id = await adapter.AddSilenceAsync(Spec(scheduler.Now), CancellationToken.None);

        Assert.Contains(await store.AlertHistory.QuerySilencesAsync(), s => s.Id == id);
    }

    [Fact]
    public async Task AddSilenceAsync_ClientGoneBeforeTheStoreAnswered_TheSilenceIsStoredAnyway()
    {
        await using var store = SqliteStore.Open(new SqliteStoreOptions { Path = Path.Combine(_directory, "rxmon.db"), BatchDelay = TimeSpan.Zero });
        var scheduler = new TestScheduler();
        scheduler.AdvanceTo(DateTimeOffset.UtcNow.UtcTicks);
        await using var manager = new AlertManager(new AlertingOptions(), scheduler, store.AlertHistory);
        var adapter = new SilenceAdapter(manager, new SqliteRxMonitorStore(store));

        var id = await adapter.AddSilenceAsync(Spec(scheduler.Now), new CancellationToken(canceled: true));

        Assert.Contains(await store.AlertHistory.QuerySilencesAsync(), s => s.Id == id);
        Assert.Contains(manager.GetSilences(), s => s.Id == id && s.EndsAt > scheduler.Now);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
