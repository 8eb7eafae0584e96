using System.Reactive.Concurrency;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Analytics;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Hosting.Embedding;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sqlite.Health;
using AlphaTrade.RxMonitor.Sqlite.Rollups;

namespace AlphaTrade.RxMonitor.Sqlite.Hosting;

/// <summary>A <see cref="SqliteStore"/> as the embedded pipeline's store (what <c>UseSqliteStore</c> plugs in).</summary>
/// <remarks>Owns the store: disposing this disposes it.</remarks>
public sealed class SqliteRxMonitorStore : IRxMonitorStore
{
    /// <summary>Wraps an open store.</summary>
    /// <param name="store">The store.</param>
    public SqliteRxMonitorStore(SqliteStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        Store = store;
        HealthComponent = new SqliteStoreHealthComponent(store);
    }

    /// <summary>The SQLite store.</summary>
    public SqliteStore Store { get; }

    /// <inheritdoc />
    public string Location => Store.Path;

    /// <inheritdoc />
    public IAlertHistory AlertHistory => Store.AlertHistory;

    /// <inheritdoc />
    public IMetricHistory MetricHistory => Store;

    /// <inheritdoc />
    public IHealthComponent HealthComponent { get; }

    /// <inheritdoc />
    public string? Unusable => Store.Health is { Status: HealthStatus.Unhealthy } health ? health.Description : null;

    /// <inheritdoc />
    public StoreWriteFigures Figures
    {
        get
        {
            var statistics = Store.Statistics;
            return new StoreWriteFigures(Store.Path, statistics.Committed, statistics.DroppedWriteFailed, statistics.DroppedQueueFull, Store.Health.Status != HealthStatus.Unhealthy);
        }
    }

    /// <inheritdoc />
    public IDisposable WriteRollups(IObservable<MetricSample> samples, IScheduler scheduler) => samples.WriteRollupsTo(Store, scheduler);

    /// <inheritdoc />
    public async ValueTask<string?> ConfirmSilenceAsync(string silenceId, CancellationToken cancellationToken)
    {
        bool durable;
        try
        {
            // Once the flush is done the silence's write was committed or dropped, and the writer knows which. Not
            // cancelled with the request: a client that goes away must not leave a silence in effect that the store
            // may not hold (the flush ends with the writer's current batch).
            await Store.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            durable = Store.TakeCommittedSilence(silenceId);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or Microsoft.Data.Sqlite.SqliteException)
        {
            durable = false;
        }

        if (durable)
        {
            return null;
        }

        // Refused before the caller expires it, so the expiry the manager records is kept out of the store too.
        Store.RefuseSilence(silenceId);
        return Store.Health.Description;
    }

    /// <inheritdoc />
    public Task FlushAsync(CancellationToken cancellationToken) => Store.FlushAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
