using System.Data.Common;

namespace AlphaTrade.RxMonitor.Sources.Database;

/// <summary>Wraps ADO.NET connections so their use is measured.</summary>
public static class DbConnectionMonitoringExtensions
{
    /// <summary>Wraps <paramref name="connection"/> so that opens, closes and commands report to <paramref name="metrics"/>.</summary>
    /// <param name="connection">Any provider's connection (Microsoft.Data.Sqlite, Npgsql, SqlClient, …).</param>
    /// <param name="metrics">The database's instrumentation.</param>
    /// <returns>The instrumented connection; use it in place of <paramref name="connection"/>.</returns>
    public static InstrumentedDbConnection WithMonitoring(this DbConnection connection, DatabaseMetrics metrics) =>
        new(connection, metrics);
}
