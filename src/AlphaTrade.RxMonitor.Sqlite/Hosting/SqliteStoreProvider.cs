using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Hosting.Embedding;

namespace AlphaTrade.RxMonitor.Sqlite.Hosting;

/// <summary>
/// Plugs the SQLite store into the monitor: options from the <c>RxMonitor:Sqlite</c> section (docs/storage.md), then
/// <c>configure</c>; the store is opened when the pipeline is built.
/// </summary>
/// <param name="defaults">Creates the options before the section is read; null for the library defaults (<c>rxmonitor.db</c>).</param>
/// <param name="configure">Applied after the section (code wins), or null.</param>
public sealed class SqliteStoreProvider(Func<SqliteStoreOptions>? defaults = null, Action<SqliteStoreOptions>? configure = null)
    : RxMonitorStoreProvider<SqliteStoreOptions>
{
    /// <inheritdoc />
    public override string SectionName => SqliteStoreOptions.SectionName;

    /// <inheritdoc />
    protected override SqliteStoreOptions CreateOptions() => defaults?.Invoke() ?? new SqliteStoreOptions();

    /// <inheritdoc />
    protected override void Configure(SqliteStoreOptions options) => configure?.Invoke(options);

    /// <inheritdoc />
    protected override string LocationOf(SqliteStoreOptions options) => options.Path;

    /// <inheritdoc />
    protected override IRxMonitorStore Open(SqliteStoreOptions options, TimeProvider time, IFailureListener failures) =>
        new SqliteRxMonitorStore(SqliteStore.Open(options, time, failures));
}
