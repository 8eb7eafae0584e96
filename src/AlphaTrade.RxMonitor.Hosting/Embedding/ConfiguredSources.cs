using System.Reactive.Disposables;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Sources;
using AlphaTrade.RxMonitor.Sources.Database;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>
/// The sources a configuration asks for beyond the built-in ones: one <c>TcpConnectLatencySource</c> per
/// <c>Sources:Endpoints</c> item and one <see cref="MonitoredDatabase"/> per <c>Sources:Databases</c> item (built by
/// its provider), with a <see cref="DatabaseHealth"/> component each. Shared by <c>rxmon run</c>, <c>AddRxMonitor</c>
/// and the one-shot <c>rxmon health</c> / <c>rxmon metrics</c>.
/// </summary>
/// <remarks>Creating connects to nothing. Dispose after the polls stopped (it closes the databases' pools).</remarks>
internal sealed class ConfiguredSources : IDisposable
{
    private ConfiguredSources(IReadOnlyList<IMetricSource> endpoints, IReadOnlyList<MonitoredDatabase> databases, TimeSpan longestEndpointTimeout)
    {
        Endpoints = endpoints;
        Databases = databases;
        LongestEndpointTimeout = longestEndpointTimeout;
    }

    /// <summary>One TCP connect latency source per endpoint.</summary>
    public IReadOnlyList<IMetricSource> Endpoints { get; }

    /// <summary>The watched databases.</summary>
    public IReadOnlyList<MonitoredDatabase> Databases { get; }

    /// <summary>The longest endpoint timeout (zero without endpoints): a connect started by a poll has reported by then.</summary>
    public TimeSpan LongestEndpointTimeout { get; }

    /// <summary>Every source: the endpoints', then each database's.</summary>
    public IEnumerable<IMetricSource> All => Endpoints.Concat(Databases.SelectMany(static d => d.Sources));

    /// <summary>Builds the sources of the validated <paramref name="settings"/>.</summary>
    public static ConfiguredSources Create(RxMonitorSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        var endpoints = settings.Sources.Endpoints;
        var databases = new List<MonitoredDatabase>();
        try
        {
            foreach (var database in settings.Sources.Databases)
            {
                var provider = SourcesOptions.Provider(settings.DatabaseProviders, database.Provider)
                    ?? throw new InvalidOperationException($"No database provider '{database.Provider}' (the settings were not validated).");
                databases.Add(provider.Create(database, time));
            }
        }
        catch
        {
            databases.ForEach(static d => d.Dispose());
            throw;
        }

        return new ConfiguredSources(
            [.. endpoints.Select(e => e.CreateSource(time))],
            databases,
            endpoints.Count == 0 ? TimeSpan.Zero : endpoints.Max(static e => e.Timeout));
    }

    /// <summary>A health component per database (<c>database:&lt;name&gt;</c>).</summary>
    public IReadOnlyList<IHealthComponent> CreateHealthComponents() => [.. Databases.Select(static d => new DatabaseHealth(d.Metrics))];

    /// <summary>Polls each database's sources on their own timers, every the database's interval, into <paramref name="ingest"/>.</summary>
    /// <param name="ingest">The ingest.</param>
    /// <param name="time">The clock and the timers.</param>
    /// <param name="polling">The back-off, never shorter than a database's interval (the interval is each database's).</param>
    /// <param name="failureListener">Receives every failed poll.</param>
    /// <returns>A handle that stops the polls.</returns>
    public IDisposable RecordDatabasesTo(MetricIngest ingest, TimeProvider time, SourcePollingOptions polling, IFailureListener failureListener)
    {
        var polls = new CompositeDisposable();
        foreach (var database in Databases)
        {
            // A failing database is retried no more often than it is polled when it works.
            var backoff = polling.InitialBackoff > database.Interval ? polling.InitialBackoff : database.Interval;
            var options = new SourcePollingOptions
            {
                Interval = database.Interval,
                InitialDelay = polling.InitialDelay,
                InitialBackoff = backoff,
                MaxBackoff = polling.MaxBackoff > backoff ? polling.MaxBackoff : backoff,
            };
            polls.Add(database.Sources.RecordTo(ingest, time, options, failureListener));
        }

        return polls;
    }

    /// <summary>Closes the databases' pools.</summary>
    public void Dispose()
    {
        foreach (var database in Databases)
        {
            database.Dispose();
        }
    }
}
