using AlphaTrade.RxMonitor.Configuration;
using System.Net;
using AlphaTrade.RxMonitor.PostgreSql.Sources;
using AlphaTrade.RxMonitor.Sources.Database;
using Npgsql;

namespace AlphaTrade.RxMonitor.PostgreSql;

/// <summary>
/// The <c>postgresql</c> database provider (Npgsql): per database a probe query (its latency and up, through the
/// command instrumentation), the <see cref="DatabaseMetrics"/> it feeds (pool figures from the server's connection
/// slots) and a <see cref="PostgreSqlActivitySource"/> (lock waits, blocked sessions, size, free disk,
/// <c>pg_stat_statements</c>).
/// </summary>
/// <remarks>
/// The connection string is Npgsql's (<c>Host=…;Port=…;Database=…;Username=…;Password=…</c>); without an
/// <c>Application Name</c> the monitor's sessions are named <c>rxmon</c>, so they can be told apart in
/// <c>pg_stat_activity</c>. Creating connects to nothing.
/// </remarks>
public sealed class PostgreSqlDatabaseProvider : IDatabaseSourceProvider
{
    /// <inheritdoc />
    public string Name => "postgresql";

    /// <inheritdoc />
    public IReadOnlyList<ConfigurationProblem> Validate(DatabaseSourceOptions options, KeyPath path)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(path);
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException e) when (e.ParamName is { } keyword)
        {
            var reason = e.InnerException is KeyNotFoundException ? "unknown keyword" : "invalid value";
            return [new ConfigurationProblem(path.Of(options).Key(nameof(DatabaseSourceOptions.ConnectionString)).ToString(), $"not a PostgreSQL connection string: '{keyword}': {reason}.")];
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return [new ConfigurationProblem(path.Of(options).Key(nameof(DatabaseSourceOptions.ConnectionString)).ToString(), $"not a PostgreSQL connection string: {e.Message}")];
        }

        return string.IsNullOrWhiteSpace(builder.Host) ? [new ConfigurationProblem(path.Of(options).Key(nameof(DatabaseSourceOptions.ConnectionString)).ToString(), "names no server (Host=…).")] : [];
    }

    /// <inheritdoc />
    public MonitoredDatabase Create(DatabaseSourceOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "rxmon";
        }

        var dataSource = NpgsqlDataSource.Create(builder);
        var activity = new PostgreSqlActivitySource(options.Name, dataSource, IsLocal(builder.Host!));
        var metrics = new DatabaseMetrics(new DatabaseMetricsOptions { Name = options.Name, PoolUsage = activity.PoolUsage }, timeProvider);
        var probe = new DatabaseProbeSource(metrics, () => dataSource.CreateConnection().WithMonitoring(metrics), options.Probe);
        return new MonitoredDatabase(metrics, [probe, activity, metrics], options.Interval, dataSource);
    }

    private static bool IsLocal(string hosts) =>
        hosts.Split(',').All(static host =>
        {
            var name = host.Trim();
            return name.StartsWith('/') || string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase) ||
                   (IPAddress.TryParse(name, out var address) && IPAddress.IsLoopback(address));
        });
}
