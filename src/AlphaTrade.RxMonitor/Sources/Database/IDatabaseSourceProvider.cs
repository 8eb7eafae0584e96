using AlphaTrade.RxMonitor.Configuration;
namespace AlphaTrade.RxMonitor.Sources.Database;

/// <summary>
/// Builds the sources of one configured database for one ADO.NET provider (SQLite in
/// <c>AlphaTrade.RxMonitor.Sqlite</c>, PostgreSQL in <c>AlphaTrade.RxMonitor.PostgreSql</c>), so the core and the
/// host depend on no database client.
/// </summary>
public interface IDatabaseSourceProvider
{
    /// <summary>The name a configuration gives in <see cref="DatabaseSourceOptions.Provider"/>, e.g. <c>postgresql</c> (matched ignoring case).</summary>
    string Name { get; }

    /// <summary>Lists the provider's problems with <paramref name="options"/> (a connection string it cannot use), each with its configuration key.</summary>
    /// <param name="options">The database, already valid for <see cref="DatabaseSourceOptions.Validate"/>.</param>
    /// <param name="path">The database's key, e.g. <c>RxMonitor:Sources:Databases:0</c>.</param>
    /// <returns>The problems; empty when <see cref="Create"/> will accept the options. Never connects.</returns>
    IReadOnlyList<ConfigurationProblem> Validate(DatabaseSourceOptions options, KeyPath path);

    /// <summary>Creates the database's instrumentation and sources. Never connects: a database that is down is a measurement of the sources.</summary>
    /// <param name="options">The database (valid).</param>
    /// <param name="timeProvider">The clock of every measurement.</param>
    /// <returns>The monitored database; the caller disposes it after its polls stopped.</returns>
    MonitoredDatabase Create(DatabaseSourceOptions options, TimeProvider timeProvider);
}
