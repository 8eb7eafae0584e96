using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Health;

namespace AlphaTrade.RxMonitor.Sqlite.Health;

/// <summary>Derives the store's health from open and write outcomes and queue drops; reports changes.</summary>
/// <remarks>
/// Thread-safe. A failure is reported through the failure listener when the store becomes unhealthy (and
/// again when the error changes), and a queue overflow at most once per degraded window, so a full disk
/// does not flood the listener with one report per batch.
/// </remarks>
internal sealed class StoreHealthTracker
{
    private const string ComponentName = "sqlite";
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly TimeSpan _degradedFor;
    private readonly IFailureListener? _listener;
    private volatile SqliteStoreHealth? _openFault;
    private volatile SqliteStoreHealth? _writeFault;
    private volatile bool _readOnly;
    private long _lastDropTicks = long.MinValue;
    private long _lastDropReportTicks = long.MinValue;

    public StoreHealthTracker(string path, TimeProvider time, TimeSpan degradedFor, IFailureListener? listener)
    {
        _path = path;
        _time = time;
        _degradedFor = degradedFor;
        _listener = listener;
    }

    public bool CanWrite => _openFault is null;

    public SqliteStoreHealth Current
    {
        get
        {
            if ((_openFault ?? _writeFault) is { } fault)
            {
                return fault;
            }

            var lastDrop = Interlocked.Read(ref _lastDropTicks);
            return lastDrop != long.MinValue && _time.GetUtcNow().UtcTicks - lastDrop < _degradedFor.Ticks
                ? new SqliteStoreHealth(HealthStatus.Degraded, _path, $"The write queue of '{_path}' overflowed recently; writes were dropped.", null)
                : new SqliteStoreHealth(HealthStatus.Healthy, _path, _readOnly ? $"Reading '{_path}' (opened read-only)." : $"Writing to '{_path}'.", null);
        }
    }

    public void OpenFailed(string description, Exception? exception)
    {
        _openFault = new SqliteStoreHealth(HealthStatus.Unhealthy, _path, description, exception);
        Report(description, exception);
    }

    public void WriteFailed(string description, Exception exception)
    {
        var previous = _writeFault;
        _writeFault = new SqliteStoreHealth(HealthStatus.Unhealthy, _path, description, exception);
        if (previous?.Exception is not Microsoft.Data.Sqlite.SqliteException old ||
            exception is not Microsoft.Data.Sqlite.SqliteException current ||
            old.SqliteExtendedErrorCode != current.SqliteExtendedErrorCode)
        {
            Report(description, exception);
        }
    }

    public void OpenedReadOnly() => _readOnly = true;

    public void WriteSucceeded() => _writeFault = null;

    public void QueueOverflowed()
    {
        var now = _time.GetUtcNow().UtcTicks;
        Interlocked.Exchange(ref _lastDropTicks, now);
        var lastReport = Interlocked.Read(ref _lastDropReportTicks);
        if ((lastReport == long.MinValue || now - lastReport >= _degradedFor.Ticks) &&
            Interlocked.CompareExchange(ref _lastDropReportTicks, now, lastReport) == lastReport)
        {
            Report($"The write queue of '{_path}' is full; writes are dropped and counted until the writer catches up.", null);
        }
    }

    public void Report(string message, Exception? exception)
    {
        if (_listener is null)
        {
            return;
        }

        try
        {
            _listener.OnFailure(new PipelineFailure(PipelineComponent.Store, ComponentName, message, exception, _time.GetUtcNow()));
        }
        // A failing listener must never take the store down.
        catch (Exception)
        {
        }
    }
}
