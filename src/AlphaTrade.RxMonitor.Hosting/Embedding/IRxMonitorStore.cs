using System.Reactive.Concurrency;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Analytics;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>
/// What the embedded pipeline needs of a store: alert history, roll-ups written and read back, health and write figures.
/// A store package implements it and plugs it in with an <see cref="RxMonitorStoreProvider{TOptions}"/>
/// (the SQLite store: <c>builder.UseSqliteStore()</c> in AlphaTrade.RxMonitor.Sqlite).
/// </summary>
/// <remarks>
/// The pipeline writes through it from its ingest loop only; the history members are read from HTTP request threads.
/// A store that fails reports through the failure listener it was opened with and keeps the pipeline running.
/// </remarks>
public interface IRxMonitorStore : IAsyncDisposable
{
    /// <summary>Where the store is, for the log (e.g. the database file's path).</summary>
    string Location { get; }

    /// <summary>The alert history the alert manager writes each transition to before it notifies.</summary>
    IAlertHistory AlertHistory { get; }

    /// <summary>The stored roll-ups as a metric history (the query API, the dashboard, the analytics).</summary>
    IMetricHistory MetricHistory { get; }

    /// <summary>The store's health component (for the health monitor).</summary>
    IHealthComponent HealthComponent { get; }

    /// <summary>Why the store cannot record anything (a corrupt or unreadable file); null when it is usable.</summary>
    string? Unusable { get; }

    /// <summary>The store's write figures for the pipeline's own metrics.</summary>
    StoreWriteFigures Figures { get; }

    /// <summary>Writes roll-ups of <paramref name="samples"/>; the roll-up clock and sweeps run on <paramref name="scheduler"/>.</summary>
    /// <param name="samples">The samples.</param>
    /// <param name="scheduler">The pipeline's scheduler (its ingest loop).</param>
    /// <returns>Ends the writing (partial buckets are written).</returns>
    IDisposable WriteRollups(IObservable<MetricSample> samples, IScheduler scheduler);

    /// <summary>Waits until the silence's write was committed or dropped, and says which; a refused silence is kept out of the store for good (neither it nor its expiry is written later).</summary>
    /// <param name="silenceId">The silence the alert manager recorded.</param>
    /// <param name="cancellationToken">Bounds the wait.</param>
    /// <returns>Null when the silence is stored; otherwise why it is not (named for an operator).</returns>
    ValueTask<string?> ConfirmSilenceAsync(string silenceId, CancellationToken cancellationToken);

    /// <summary>Writes everything queued so far.</summary>
    /// <param name="cancellationToken">Bounds the wait.</param>
    /// <returns>Done when it is written (or dropped and counted).</returns>
    Task FlushAsync(CancellationToken cancellationToken);
}
