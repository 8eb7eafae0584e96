using AlphaTrade.RxMonitor.Hosting.Embedding;

namespace AlphaTrade.RxMonitor.Sqlite.Hosting;

/// <summary>Plugs the SQLite store into <c>AddRxMonitor</c>: <c>services.AddRxMonitor(…).UseSqliteStore()</c>.</summary>
public static class SqliteRxMonitorBuilderExtensions
{
    /// <summary>
    /// Stores alert history (restored on restart), silences and roll-ups in SQLite: options from the
    /// <c>RxMonitor:Sqlite</c> section (read and validated with the rest of the configuration; <c>Path</c> default
    /// <c>rxmonitor.db</c>), then <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The monitor's builder.</param>
    /// <param name="configure">Sets options in code after the section is read (e.g. <c>o => o.Path = "monitor.db"</c>), or null.</param>
    /// <returns>The builder.</returns>
    public static RxMonitorBuilder UseSqliteStore(this RxMonitorBuilder builder, Action<SqliteStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseStore(new SqliteStoreProvider(configure: configure));
    }
}
