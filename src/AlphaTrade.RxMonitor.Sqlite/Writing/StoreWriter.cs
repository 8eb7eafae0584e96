using System.Collections.Concurrent;
using System.Threading.Channels;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Analytics;
using AlphaTrade.RxMonitor.Sqlite.Health;
using AlphaTrade.RxMonitor.Sqlite.Rollups;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AlphaTrade.RxMonitor.Sqlite.Writing;

/// <summary>
/// The store's single writer: one task drains a bounded channel and commits what it finds in transactions
/// bounded by <see cref="SqliteStoreOptions.BatchSize"/> and <see cref="SqliteStoreOptions.BatchDelay"/>.
/// </summary>
/// <remarks>
/// <para>Producers call <see cref="TryWrite"/>, which never blocks and never throws: a full queue drops the write
/// and counts it. A failed batch (read-only or full disk, I/O error) is rolled back, its writes are counted
/// as dropped, the store turns Unhealthy, and the writer goes on with the next batch (a batch is not retried: the
/// next one succeeds when space returns). Maintenance (retention, size limit, history deletes) runs on this task
/// between batches, so there is one writer.</para>
/// <para>This class is only the loop: drain the queue, open the transaction, hand each write to its table's writer,
/// flush every table writer, commit, and tell each one whether its batch committed or was abandoned
/// (<see cref="ITableWriter"/>).</para>
/// </remarks>
internal sealed class StoreWriter : IAsyncDisposable
{
    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;

    private readonly Channel<StoreWrite> _channel;
    private readonly SqliteConnection _connection;
    private readonly SqliteStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly StoreCounters _counters;
    private readonly StoreHealthTracker _health;
    private readonly ConcurrentQueue<(Func<int> Work, TaskCompletionSource<int> Done)> _control = new();
    private readonly RawStatement _begin;
    private readonly RawStatement _commit;
    private readonly RawStatement _rollback;
    private readonly JsonColumnBuffer _json = new();
    private readonly RollupTableWriter[] _rollups;
    private readonly TransitionTableWriter _transitions;
    private readonly NotificationTableWriter _notifications;
    private readonly DeliveryTableWriter _deliveries;
    private readonly SilenceTableWriter _silences;

    // Every table writer, in flush order: series rows before the roll-ups that need them, transitions before the
    // alert rows they produce.
    private readonly ITableWriter[] _tables;
    private readonly Task _loop;
    private int _disposed;

    public StoreWriter(SqliteConnection connection, SqliteStoreOptions options, TimeProvider time, StoreCounters counters, StoreHealthTracker health, SketchArena sketches)
    {
        _connection = connection;
        _options = options;
        _time = time;
        _counters = counters;
        _health = health;
        _channel = Channel.CreateBounded<StoreWrite>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
            AllowSynchronousContinuations = false,
        });
        var db = connection.Handle!;
        _begin = new RawStatement(db, "BEGIN IMMEDIATE");
        _commit = new RawStatement(db, "COMMIT");
        _rollback = new RawStatement(db, "ROLLBACK");
        var series = new SeriesTableWriter(db, _json);
        _rollups = new RollupTableWriter[RollupResolutions.Count];
        for (var r = 0; r < _rollups.Length; r++)
        {
            _rollups[r] = new RollupTableWriter(db, (RollupResolution)r, series, sketches);
        }

        var columns = new AlertColumns(_json);
        var alerts = new AlertTableWriter(db, columns);
        _transitions = new TransitionTableWriter(db, columns, alerts, counters);
        _notifications = new NotificationTableWriter(db, _json);
        _deliveries = new DeliveryTableWriter(db);
        _silences = new SilenceTableWriter(db, _json);
        _tables = [series, .. _rollups, _transitions, alerts, _notifications, _deliveries, _silences];
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues a write; never blocks, never throws. False when the queue is full or the writer stopped.</summary>
    public bool TryWrite(in StoreWrite write)
    {
        if (_channel.Writer.TryWrite(write))
        {
            Interlocked.Increment(ref _counters.Enqueued);
            return true;
        }

        if (Volatile.Read(ref _disposed) != 0)
        {
            Interlocked.Increment(ref _counters.DroppedWriteFailed);
        }
        else
        {
            Interlocked.Increment(ref _counters.DroppedQueueFull);
            _health.QueueOverflowed();
        }

        return false;
    }

    /// <summary>Completes when every write queued before the call is committed (or dropped by a failed batch).</summary>
    public Task FlushAsync()
    {
        var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        return _channel.Writer.TryWrite(StoreWrite.Of(StoreWriteKind.Flush, done))
            ? done.Task
            : FlushWhenRoomAsync(done);
    }

    /// <summary>Runs <paramref name="work"/> on the writer task between batches.</summary>
    public Task<int> RunOnWriterAsync(Func<int> work)
    {
        var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Volatile.Read(ref _disposed) != 0)
        {
            done.SetException(new ObjectDisposedException(nameof(SqliteStore)));
            return done.Task;
        }

        _control.Enqueue((work, done));
        Wake();
        return done.Task;
    }

    /// <summary>Whether a write of silence <paramref name="id"/> was committed since the last time this was asked for it.</summary>
    /// <param name="id">The silence id.</param>
    /// <returns><see langword="true"/> when a batch holding a write of it committed.</returns>
    public bool TakeCommittedSilence(string id) => _silences.TakeCommitted(id);

    /// <summary>
    /// Keeps silence <paramref name="id"/> out of the store for good: its writes still queued (or recorded later, such
    /// as its expiry) are skipped, and the next committed batch deletes any row of it, in case a batch reported as failed
    /// had reached the file.
    /// </summary>
    /// <param name="id">The silence id.</param>
    public void RefuseSilence(string id)
    {
        _silences.Refuse(id);

        // So the delete does not wait for the next write.
        Wake();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _channel.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        foreach (var table in _tables)
        {
            table.Dispose();
        }

        _json.Dispose();
        _begin.Dispose();
        _commit.Dispose();
        _rollback.Dispose();
    }

    internal static string Describe(Exception exception) => exception.Message.TrimEnd('.');

    internal static long ToUnixSeconds(long utcTicks) => (utcTicks - UnixEpochTicks) / TimeSpan.TicksPerSecond;

    // Wakes an idle writer; when the queue is full the writer is busy and reaches the control queue after its batch.
    private void Wake() => _channel.Writer.TryWrite(StoreWrite.Of(StoreWriteKind.Maintenance, null));

    private async Task FlushWhenRoomAsync(TaskCompletionSource<int> done)
    {
        while (!_channel.Writer.TryWrite(StoreWrite.Of(StoreWriteKind.Flush, done)))
        {
            if (!await _channel.Writer.WaitToWriteAsync().ConfigureAwait(false))
            {
                return;
            }
        }

        await done.Task.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            await WriteBatchAsync(reader).ConfigureAwait(false);
            RunControl();
        }

        RunControl();
        while (_control.TryDequeue(out var request))
        {
            request.Done.TrySetException(new ObjectDisposedException(nameof(SqliteStore)));
        }
    }

    private async Task WriteBatchAsync(ChannelReader<StoreWrite> reader)
    {
        var batch = 0;
        var inTransaction = false;
        List<TaskCompletionSource<int>>? flushes = null;
        var started = _time.GetTimestamp();
        try
        {
            while (true)
            {
                while (batch < _options.BatchSize && reader.TryRead(out var item))
                {
                    if (item.Kind == StoreWriteKind.Flush)
                    {
                        (flushes ??= []).Add((TaskCompletionSource<int>)item.Record!);
                        continue;
                    }

                    if (item.Kind == StoreWriteKind.Maintenance)
                    {
                        continue;
                    }

                    if (!inTransaction)
                    {
                        _begin.Execute();
                        inTransaction = true;
                    }

                    batch++;
                    Stage(item);
                }

                if (batch == 0 || batch >= _options.BatchSize || flushes is not null || _options.BatchDelay == TimeSpan.Zero)
                {
                    break;
                }

                var remaining = _options.BatchDelay - _time.GetElapsedTime(started);
                if (remaining <= TimeSpan.Zero || !await WaitForMoreAsync(reader, remaining).ConfigureAwait(false))
                {
                    break;
                }
            }

            if (!inTransaction && _silences.HasRefusalsToDelete)
            {
                _begin.Execute();
                inTransaction = true;
            }

            if (inTransaction)
            {
                foreach (var table in _tables)
                {
                    table.Flush();
                }

                _commit.Execute();
                inTransaction = false;
                foreach (var table in _tables)
                {
                    table.Committed();
                }

                Interlocked.Add(ref _counters.Committed, batch);
                Interlocked.Increment(ref _counters.Batches);
                _health.WriteSucceeded();
                NotifyCommitted();
            }
        }
        // Any failure of a batch is isolated: rolled back, counted, reported; the writer goes on.
        catch (Exception ex)
        {
            Abandon(inTransaction);
            Interlocked.Add(ref _counters.DroppedWriteFailed, batch);
            _health.WriteFailed($"{Problem(ex)}: writing failed ({Describe(ex)}); {batch} writes of the batch were dropped.", ex);
        }
        finally
        {
            if (flushes is not null)
            {
                foreach (var flush in flushes)
                {
                    flush.TrySetResult(0);
                }
            }
        }
    }

    private async Task<bool> WaitForMoreAsync(ChannelReader<StoreWrite> reader, TimeSpan remaining)
    {
        using var cancel = new CancellationTokenSource();
        var more = reader.WaitToReadAsync(cancel.Token).AsTask();
        var first = await Task.WhenAny(more, Task.Delay(remaining, _time, cancel.Token)).ConfigureAwait(false);
        await cancel.CancelAsync().ConfigureAwait(false);
        return first == more && more.IsCompletedSuccessfully && more.Result;
    }

    private void Stage(in StoreWrite item)
    {
        switch (item.Kind)
        {
            case StoreWriteKind.Rollup:
                _rollups[(int)item.Resolution].Stage(item);
                break;
            case StoreWriteKind.Transition:
                _transitions.Stage((AlertTransition)item.Record!);
                break;
            case StoreWriteKind.Notification:
                _notifications.Stage((AlertNotification)item.Record!);
                break;
            case StoreWriteKind.Delivery:
                _deliveries.Stage((NotificationDelivery)item.Record!);
                break;
            case StoreWriteKind.Silence:
                _silences.Stage((Silence)item.Record!);
                break;
            default:
                break;
        }
    }

    private void Abandon(bool inTransaction)
    {
        foreach (var table in _tables)
        {
            table.Abandon();
        }

        if (inTransaction || raw.sqlite3_get_autocommit(_connection.Handle) == 0)
        {
            try
            {
                _rollback.Execute();
            }
            // SQLite may already have rolled back (e.g. after SQLITE_FULL); nothing more to undo.
            catch (SqliteException)
            {
            }
        }
    }

    private void NotifyCommitted()
    {
        if (_options.OnBatchCommitted is not { } callback)
        {
            return;
        }

        try
        {
            callback(_counters.Snapshot());
        }
        // A throwing callback is reported and must not fail the committed batch.
        catch (Exception ex)
        {
            _health.Report("The OnBatchCommitted callback threw; the batch stays committed.", ex);
        }
    }

    private void RunControl()
    {
        while (_control.TryDequeue(out var request))
        {
            try
            {
                request.Done.TrySetResult(request.Work());
            }
            // Maintenance failures go back to the caller (and the health) and never stop the writer.
            catch (Exception ex)
            {
                if (raw.sqlite3_get_autocommit(_connection.Handle) == 0)
                {
                    Abandon(inTransaction: true);
                }

                _health.WriteFailed($"{Problem(ex)}: maintenance failed ({Describe(ex)}).", ex);
                request.Done.TrySetException(ex);
            }
        }
    }

    private string Problem(Exception exception) => exception is SqliteException sqlite
        ? sqlite.SqliteErrorCode switch
        {
            raw.SQLITE_READONLY => $"'{_connection.DataSource}' is read-only",
            raw.SQLITE_FULL => $"'{_connection.DataSource}' is full (disk or size cap)",
            raw.SQLITE_IOERR => $"'{_connection.DataSource}' has an I/O error",
            raw.SQLITE_CORRUPT or raw.SQLITE_NOTADB => $"'{_connection.DataSource}' is corrupt",
            _ => $"'{_connection.DataSource}' cannot be written",
        }
        : $"'{_connection.DataSource}' cannot be written";
}
