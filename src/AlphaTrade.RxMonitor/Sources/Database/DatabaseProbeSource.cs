using System.Data.Common;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Sources.Database;

/// <summary>A periodic probe query: its latency and whether it succeeded, per database.</summary>
/// <remarks>
/// <para>
/// Each poll opens a connection from <c>openConnection</c>'s factory, runs the probe (default
/// <c>SELECT 1</c>) and writes <c>db_probe_latency_seconds{db}</c> (success only, open included) and
/// <c>db_probe_up{db}</c> (1 or 0); the outcome also goes to the database's <see cref="DatabaseMetrics"/> for
/// health. A probe that fails is a measurement (up = 0), not a source failure.
/// </para>
/// <para>The poll blocks for the probe's duration: give this source its own scheduler. The probe's command timeout bounds it.</para>
/// </remarks>
public sealed class DatabaseProbeSource : IMetricSource
{
    private readonly Func<DbConnection> _openConnection;
    private readonly DatabaseMetrics _metrics;
    private readonly string _probeSql;
    private readonly int _timeoutSeconds;
    private readonly SeriesKey _latency;
    private readonly SeriesKey _up;

    /// <summary>Creates the probe.</summary>
    /// <param name="metrics">The database's instrumentation (name, clock; receives the outcome).</param>
    /// <param name="createConnection">Creates a new, closed connection (the provider's pool makes this cheap).</param>
    /// <param name="probeSql">The probe statement; default <c>SELECT 1</c>.</param>
    /// <param name="timeoutSeconds">The probe command's timeout; default 5.</param>
    public DatabaseProbeSource(DatabaseMetrics metrics, Func<DbConnection> createConnection, string probeSql = "SELECT 1", int timeoutSeconds = 5)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(createConnection);
        ArgumentException.ThrowIfNullOrWhiteSpace(probeSql);
        ArgumentOutOfRangeException.ThrowIfLessThan(timeoutSeconds, 1);
        _metrics = metrics;
        _openConnection = createConnection;
        _probeSql = probeSql;
        _timeoutSeconds = timeoutSeconds;
        _latency = SeriesKey.Create(DatabaseMetricNames.ProbeLatencySeconds, new Label("db", metrics.DatabaseName));
        _up = SeriesKey.Create(DatabaseMetricNames.ProbeUp, new Label("db", metrics.DatabaseName));
    }

    /// <inheritdoc />
    public string Name => "db-probe." + _metrics.DatabaseName;

    /// <inheritdoc />
    public void Poll(long timestampTicks, IObserver<MetricSample> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var clock = _metrics.TimeProvider;
        var started = clock.GetTimestamp();
        TimeSpan? latency = null;
        try
        {
            using var connection = _openConnection();
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = _probeSql;
            command.CommandTimeout = _timeoutSeconds;
            command.ExecuteScalar();
            latency = clock.GetElapsedTime(started);
        }
        catch (DbException)
        {
            // The database is unreachable or failing: that is the measurement (up = 0).
        }
        catch (InvalidOperationException)
        {
            // Provider-level failures (bad state, pool exhausted) also mean the probe failed.
        }

        _metrics.RecordProbe(latency is not null, latency);
        if (latency is { } l)
        {
            observer.OnNext(new MetricSample(_latency, timestampTicks, l.TotalSeconds));
        }

        observer.OnNext(new MetricSample(_up, timestampTicks, latency is null ? 0 : 1));
    }
}
