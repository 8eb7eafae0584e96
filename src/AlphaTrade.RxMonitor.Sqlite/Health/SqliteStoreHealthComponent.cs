using AlphaTrade.RxMonitor.Health;

namespace AlphaTrade.RxMonitor.Sqlite.Health;

/// <summary>The store as a component of the health report: named <c>store</c>, its status and reason from <see cref="SqliteStore.Health"/>.</summary>
/// <remarks>
/// Unhealthy while its file cannot be opened or every write fails (a full disk, a read-only file), with the reason
/// naming the file; Degraded after queue overflows; Healthy again once a batch commits. Reads figures the store already
/// keeps, so the check is instant and never touches the file.
/// </remarks>
public sealed class SqliteStoreHealthComponent : IHealthComponent
{
    private readonly SqliteStore _store;

    /// <summary>Creates the component.</summary>
    /// <param name="store">The store.</param>
    public SqliteStoreHealthComponent(SqliteStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <inheritdoc />
    public string Name => "store";

    /// <inheritdoc />
    public ValueTask<ComponentHealth> CheckAsync(CancellationToken cancellationToken)
    {
        var health = _store.Health;
        var statistics = _store.Statistics;
        var status = health.Status;
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["path"] = health.Path,
            ["committed"] = statistics.Committed,
            ["dropped_write_failed"] = statistics.DroppedWriteFailed,
            ["dropped_queue_full"] = statistics.DroppedQueueFull,
        };
        return ValueTask.FromResult(new ComponentHealth(Name, "store", status, status == HealthStatus.Healthy ? "OK" : health.Description, data));
    }
}
