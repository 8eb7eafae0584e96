using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sqlite.Health;
using AlphaTrade.RxMonitor.Sqlite.History;
using AlphaTrade.RxMonitor.Sqlite.Rollups;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AlphaTrade.RxMonitor.Sqlite.Writing;

/// <summary>
/// The store's single writer: one task drains a bounded channel and commits what it finds in transactions
/// bounded by <see cref="SqliteStoreOptions.BatchSize"/> and <see cref="SqliteStoreOptions.BatchDelay"/>.
/// </summary>
/// <remarks>
/// Producers call <see cref="TryWrite"/>, which never blocks and never throws: a full queue drops the write
/// and counts it. A failed batch (read-only or full disk, I/O error) is rolled back, its writes are counted
/// as dropped, the store turns Unhealthy, and the writer goes on with the next batch. Maintenance
/// (retention, size limit, history deletes) runs on this task between batches, so there is one writer.
/// </remarks>
internal sealed class StoreWriter : IAsyncDisposable
{
    private const int LabelCacheLimit = 100_000;
    private const int TransitionsPerStatement = 16;
    private const int TransitionColumns = 18;

    // Series rowids cached per generation (two generations): the default live-series cap of an ingest.
    private const int SeriesIdsPerGeneration = 100_000;
    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;

    private readonly Channel<StoreWrite> _channel;
    private readonly SqliteConnection _connection;
    private readonly sqlite3 _db;
    private readonly SqliteStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly StoreCounters _counters;
    private readonly StoreHealthTracker _health;
    private readonly ConcurrentQueue<(Func<int> Work, TaskCompletionSource<int> Done)> _control = new();
    private readonly SeriesIdCache _seriesIds = new(SeriesIdsPerGeneration);
    private readonly List<SeriesKey> _newSeries = [];
    private readonly List<string> _batchSilences = [];
    private readonly ConcurrentDictionary<string, byte> _committedSilences = new(StringComparer.Ordinal);

    // Refused silences: true once a batch that deleted the id committed. Their writes are skipped for good.
    private readonly ConcurrentDictionary<string, bool> _refusedSilences = new(StringComparer.Ordinal);
    private readonly List<string> _batchRefusals = [];
    private int _refusals;
    private int _refusalsDeleted;
    private int _batchRefusalsUpTo;
    private readonly Dictionary<ulong, byte[]> _labelsJson = [];
    private readonly Dictionary<ulong, (Alert Alert, long TransitionId)> _pendingAlerts = [];
    private readonly RollupRow[][] _pendingRollups;
    private readonly int[] _pendingCounts = new int[RollupResolutions.Count];
    private readonly ArrayBufferWriter<byte>[] _pendingSketches;
    private readonly RawStatement[] _insertSegment;
    private readonly ArrayBufferWriter<byte> _segment = new(4096);
    private readonly SketchArena _sketches;
    private readonly RawStatement _begin;
    private readonly RawStatement _commit;
    private readonly RawStatement _rollback;
    private readonly RawStatement _upsertSeries;
    private readonly RawStatement _insertTransition;
    private readonly RawStatement _insertTransitions;
    private readonly AlertTransition[] _pendingTransitions = new AlertTransition[TransitionsPerStatement];
    private readonly Dictionary<string, byte[]> _ruleNames = new(StringComparer.Ordinal);
    private readonly RawStatement _upsertAlert;
    private readonly RawStatement _insertNotification;
    private readonly RawStatement _upsertSilence;
    private readonly RawStatement _deleteSilence;
    private readonly ArrayBufferWriter<byte> _jsonBuffer = new(1024);
    private readonly Utf8JsonWriter _json;
    private readonly Task _loop;
    private int _pendingTransitionCount;
    private long _batchLastTransitionId;
    private int _disposed;

    public StoreWriter(SqliteConnection connection, SqliteStoreOptions options, TimeProvider time, StoreCounters counters, StoreHealthTracker health, SketchArena sketches)
    {
        _sketches = sketches;
        _connection = connection;
        _db = connection.Handle!;
        _options = options;
        _time = time;
        _counters = counters;
        _health = health;
        _json = new Utf8JsonWriter(_jsonBuffer);
        _channel = Channel.CreateBounded<StoreWrite>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
            AllowSynchronousContinuations = false,
        });
        _begin = new RawStatement(_db, "BEGIN IMMEDIATE");
        _commit = new RawStatement(_db, "COMMIT");
        _rollback = new RawStatement(_db, "ROLLBACK");
        _upsertSeries = new RawStatement(_db, """
            INSERT INTO series (key, name, labels, fingerprint) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT (key) DO UPDATE SET name = excluded.name RETURNING id
            """);
        _insertTransition = new RawStatement(_db, TransitionSql(1));
        _insertTransitions = new RawStatement(_db, TransitionSql(TransitionsPerStatement));
        _upsertAlert = new RawStatement(_db, """
            INSERT INTO alerts (fingerprint, rule, labels, state, severity, kind, value, active_at, starts_at, ends_at,
                updated_at, flapping, silenced_by, inhibited_by, annotations, last_transition_id)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
            ON CONFLICT (fingerprint) DO UPDATE SET rule = excluded.rule, state = excluded.state, severity = excluded.severity,
                kind = excluded.kind, value = excluded.value, active_at = excluded.active_at, starts_at = excluded.starts_at,
                ends_at = excluded.ends_at, updated_at = excluded.updated_at, flapping = excluded.flapping,
                silenced_by = excluded.silenced_by, inhibited_by = excluded.inhibited_by, annotations = excluded.annotations,
                last_transition_id = excluded.last_transition_id
            """);
        _insertNotification = new RawStatement(_db, """
            INSERT INTO notifications (id, at, receiver, group_key, group_labels, kind, alerts)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            """);
        _upsertSilence = new RawStatement(_db, """
            INSERT INTO silences (id, matchers, starts_at, ends_at, created_by, comment, updated_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            ON CONFLICT (id) DO UPDATE SET matchers = excluded.matchers, starts_at = excluded.starts_at,
                ends_at = excluded.ends_at, created_by = excluded.created_by, comment = excluded.comment,
                updated_at = excluded.updated_at
            WHERE excluded.updated_at >= silences.updated_at
            """);
        _deleteSilence = new RawStatement(_db, "DELETE FROM silences WHERE id = ?1");
        _insertSegment = new RawStatement[RollupResolutions.Count];
        _pendingRollups = new RollupRow[RollupResolutions.Count][];
        _pendingSketches = new ArrayBufferWriter<byte>[RollupResolutions.Count];
        for (var r = 0; r < RollupResolutions.Count; r++)
        {
            _insertSegment[r] = new RawStatement(_db, $"""
                INSERT INTO {RollupResolutions.Table((RollupResolution)r)} (series_id, chunk, first_bucket, last_bucket, buckets, data)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                """);
            _pendingRollups[r] = new RollupRow[256];
            _pendingSketches[r] = new ArrayBufferWriter<byte>(4096);
        }

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

        // Wake an idle writer; when the queue is full the writer is busy and reaches the control queue after its batch.
        _channel.Writer.TryWrite(StoreWrite.Of(StoreWriteKind.Maintenance, null));
        return done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _channel.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        _json.Dispose();
        foreach (var statement in (RawStatement[])[.. _insertSegment, _begin, _commit, _rollback, _upsertSeries, _insertTransition, _insertTransitions, _upsertAlert, _insertNotification, _upsertSilence, _deleteSilence])
        {
            statement.Dispose();
        }
    }

    private static string TransitionSql(int rows)
    {
        var sql = new StringBuilder("""
            INSERT INTO alert_transitions (fingerprint, rule, at, change, previous_state, previous_severity, state, severity,
                kind, value, active_at, starts_at, ends_at, updated_at, flapping, silenced_by, inhibited_by, annotations) VALUES
            """);
        for (var row = 0; row < rows; row++)
        {
            sql.Append(row == 0 ? " (" : ", (");
            for (var column = 0; column < TransitionColumns; column++)
            {
                sql.Append(column == 0 ? "?" : ", ?");
            }

            sql.Append(')');
        }

        return sql.ToString();
    }

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
                    Apply(item);
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

            if (!inTransaction && Volatile.Read(ref _refusals) != _refusalsDeleted)
            {
                _begin.Execute();
                inTransaction = true;
            }

            if (inTransaction)
            {
                FlushPendingRollups();
                FlushPendingTransitions();
                FlushPendingAlerts();
                DeleteRefusedSilences();
                _commit.Execute();
                inTransaction = false;
                _newSeries.Clear();
                RememberCommittedSilences();
                RememberDeletedRefusals();
                Interlocked.Add(ref _counters.Committed, batch);
                Interlocked.Increment(ref _counters.Batches);
                if (_batchLastTransitionId != 0)
                {
                    Interlocked.Exchange(ref _counters.LastTransitionId, _batchLastTransitionId);
                }

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
            _batchLastTransitionId = 0;
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

    private void Apply(in StoreWrite item)
    {
        switch (item.Kind)
        {
            case StoreWriteKind.Rollup:
                AddRollup(item);
                break;
            case StoreWriteKind.Transition:
                WriteTransition((AlertTransition)item.Record!);
                break;
            case StoreWriteKind.Notification:
                WriteNotification((AlertNotification)item.Record!);
                break;
            case StoreWriteKind.Silence:
                WriteSilence((Silence)item.Record!);
                break;
            default:
                break;
        }
    }

    // Buckets are collected per resolution and written at commit as segments: the batch's buckets of one series
    // within one chunk become one row (sorted by bucket), so a backlog of many buckets costs few B-tree inserts.
    // A bucket's serialized sketch is copied out of the producers' ring, which is released at once.
    private void AddRollup(in StoreWrite row)
    {
        var r = (int)row.Resolution;
        var count = _pendingCounts[r];
        if (count == _pendingRollups[r].Length)
        {
            Array.Resize(ref _pendingRollups[r], count * 2);
        }

        ref var pending = ref _pendingRollups[r][count];
        pending.SeriesId = SeriesId(row.Series!);
        pending.Bucket = row.BucketSeconds;
        pending.Sequence = count;
        pending.Count = row.Count;
        pending.Sum = row.Sum;
        pending.Min = row.Min;
        pending.Max = row.Max;
        pending.Last = row.Last;
        pending.SketchOffset = _pendingSketches[r].WrittenCount;
        pending.SketchLength = row.SketchLength;
        if (row.SketchLength > 0)
        {
            _pendingSketches[r].Write(_sketches.Read(row.SketchPosition, row.SketchLength));
            _sketches.Release(row.SketchPosition + row.SketchLength);
        }

        _pendingCounts[r] = count + 1;
    }

    private void FlushPendingRollups()
    {
        for (var r = 0; r < RollupResolutions.Count; r++)
        {
            var rows = _pendingRollups[r].AsSpan(0, _pendingCounts[r]);
            rows.Sort();
            var sketches = _pendingSketches[r].WrittenSpan;
            var insert = _insertSegment[r];
            var start = 0;
            while (start < rows.Length)
            {
                var chunk = RollupResolutions.ChunkOf(r, rows[start].Bucket);
                var end = start + 1;
                while (end < rows.Length && rows[end].SeriesId == rows[start].SeriesId && rows[end].Bucket < chunk + RollupResolutions.ChunkSeconds(r))
                {
                    end++;
                }

                var segment = rows[start..end];
                _segment.ResetWrittenCount();
                RollupSegmentCodec.Encode(_segment, segment, chunk, sketches);
                insert.Bind(1, segment[0].SeriesId);
                insert.Bind(2, chunk);
                insert.Bind(3, segment[0].Bucket);
                insert.Bind(4, segment[^1].Bucket);
                insert.Bind(5, (long)segment.Length);
                insert.BindBlob(6, _segment.WrittenSpan);
                insert.Execute();
                start = end;
            }

            _pendingCounts[r] = 0;
            _pendingSketches[r].ResetWrittenCount();
        }
    }

    private long SeriesId(SeriesKey key)
    {
        if (_seriesIds.TryGetValue(key, out var id))
        {
            return id;
        }

        _upsertSeries.Bind(1, key.ToString());
        _upsertSeries.Bind(2, key.Name);
        _upsertSeries.Bind(3, Json(static (json, labels) => AlertJson.WriteLabels(json, labels), key.Labels));
        _upsertSeries.Bind(4, unchecked((long)key.Labels.With(new Label(MetricNames.NameLabel, key.Name)).Fingerprint));
        id = _upsertSeries.ExecuteScalarInt64();
        _seriesIds.Add(key, id);
        _newSeries.Add(key);
        return id;
    }

    // Transitions go TransitionsPerStatement rows per INSERT: one step, reset and VDBE run for many rows. Rowids
    // of one INSERT are consecutive (the one writer appends), so the last one gives every row's id.
    private void WriteTransition(AlertTransition transition)
    {
        _pendingTransitions[_pendingTransitionCount++] = transition;
        if (_pendingTransitionCount == TransitionsPerStatement)
        {
            InsertTransitions(_insertTransitions, TransitionsPerStatement);
        }
    }

    private void FlushPendingTransitions()
    {
        var count = _pendingTransitionCount;
        for (var i = 0; i < count; i++)
        {
            _pendingTransitions[0] = _pendingTransitions[i];
            InsertTransitions(_insertTransition, 1);
        }

        // Drop the references, so the batch's transitions are not kept alive until their slots are reused.
        Array.Clear(_pendingTransitions, 0, count);
        _pendingTransitionCount = 0;
    }

    private void InsertTransitions(RawStatement statement, int rows)
    {
        for (var row = 0; row < rows; row++)
        {
            var transition = _pendingTransitions[row];
            var alert = transition.Alert;
            var at = row * TransitionColumns;
            statement.Bind(at + 1, unchecked((long)alert.Fingerprint));
            statement.Bind(at + 2, RuleName(alert.RuleName));
            statement.Bind(at + 3, transition.Timestamp.ToUnixTimeMilliseconds());
            statement.Bind(at + 4, (long)transition.Change);
            BindNullable(statement, at + 5, (int?)transition.PreviousState);
            BindNullable(statement, at + 6, (int?)transition.PreviousSeverity);
            BindAlert(statement, at + 7, alert);
        }

        statement.Execute();
        var last = raw.sqlite3_last_insert_rowid(_db);
        for (var row = 0; row < rows; row++)
        {
            var alert = _pendingTransitions[row].Alert;

            // The alert's current row only needs the batch's last transition of that alert: a burst of changes
            // to one alert costs one upsert per batch.
            _pendingAlerts[alert.Fingerprint] = (alert, last - rows + 1 + row);
            _pendingTransitions[row] = null!;
        }

        _pendingTransitionCount = 0;
        _batchLastTransitionId = last;
    }

    /// <summary>The rule name's UTF-8 bytes, cached: binding a string converts (and allocates) on every call.</summary>
    private byte[] RuleName(string rule)
    {
        if (!_ruleNames.TryGetValue(rule, out var utf8))
        {
            if (_ruleNames.Count >= LabelCacheLimit)
            {
                _ruleNames.Clear();
            }

            utf8 = Encoding.UTF8.GetBytes(rule);
            _ruleNames[rule] = utf8;
        }

        return utf8;
    }

    private void FlushPendingAlerts()
    {
        var a = _upsertAlert;
        foreach (var (alert, transitionId) in _pendingAlerts.Values)
        {
            a.Bind(1, unchecked((long)alert.Fingerprint));
            a.Bind(2, RuleName(alert.RuleName));
            a.Bind(3, LabelsJson(alert));
            BindAlert(a, 4, alert);
            a.Bind(16, transitionId);
            a.Execute();
        }

        _pendingAlerts.Clear();
    }

    // Binds state, severity, kind, value, active_at, starts_at, ends_at, updated_at, flapping, silenced_by,
    // inhibited_by, annotations — the same twelve columns, in the same order, in both statements.
    private void BindAlert(RawStatement statement, int i, Alert alert)
    {
        statement.Bind(i, (long)alert.State);
        statement.Bind(i + 1, (long)alert.Severity);
        statement.Bind(i + 2, (long)alert.Kind);
        statement.Bind(i + 3, double.IsFinite(alert.Value) ? alert.Value : double.NaN);
        statement.Bind(i + 4, alert.ActiveAt.ToUnixTimeMilliseconds());
        statement.Bind(i + 5, alert.StartsAt.ToUnixTimeMilliseconds());
        BindNullable(statement, i + 6, alert.EndsAt?.ToUnixTimeMilliseconds());
        statement.Bind(i + 7, alert.UpdatedAt.ToUnixTimeMilliseconds());
        statement.Bind(i + 8, alert.IsFlapping ? 1L : 0L);
        BindJsonOrNull(statement, i + 9, alert.SilencedBy.Count == 0, alert.SilencedBy, static (json, v) => AlertJson.WriteStrings(json, v));
        BindJsonOrNull(statement, i + 10, alert.InhibitedBy.Count == 0, alert.InhibitedBy, static (json, v) => AlertJson.WriteFingerprints(json, v));
        BindJsonOrNull(statement, i + 11, alert.Annotations.Count == 0, alert.Annotations, static (json, v) => AlertJson.WriteAnnotations(json, v));
    }

    private void BindJsonOrNull<T>(RawStatement statement, int index, bool empty, T value, Action<Utf8JsonWriter, T> write)
    {
        if (empty)
        {
            statement.BindNull(index);
        }
        else
        {
            statement.Bind(index, Json(write, value));
        }
    }

    private static void BindNullable(RawStatement statement, int index, long? value)
    {
        if (value is { } v)
        {
            statement.Bind(index, v);
        }
        else
        {
            statement.BindNull(index);
        }
    }

    private ReadOnlySpan<byte> LabelsJson(Alert alert)
    {
        if (_labelsJson.TryGetValue(alert.Fingerprint, out var cached))
        {
            return cached;
        }

        if (_labelsJson.Count >= LabelCacheLimit)
        {
            _labelsJson.Clear();
        }

        var json = Json(static (writer, labels) => AlertJson.WriteLabels(writer, labels), alert.Labels).ToArray();
        _labelsJson[alert.Fingerprint] = json;
        return json;
    }

    private void WriteNotification(AlertNotification notification)
    {
        var n = _insertNotification;
        n.Bind(1, notification.Id.ToString());
        n.Bind(2, notification.Timestamp.ToUnixTimeMilliseconds());
        n.Bind(3, notification.Receiver);
        n.Bind(4, notification.GroupKey);
        n.Bind(5, Json(static (json, labels) => AlertJson.WriteLabels(json, labels), notification.GroupLabels));
        n.Bind(6, (long)notification.Kind);
        n.Bind(7, Json(static (json, alerts) =>
        {
            json.WriteStartArray();
            foreach (var alert in alerts)
            {
                AlertJson.WriteAlert(json, alert);
            }

            json.WriteEndArray();
        }, notification.Alerts));
        n.Execute();
    }

    private void WriteSilence(Silence silence)
    {
        if (_refusedSilences.ContainsKey(silence.Id))
        {
            return;
        }

        var s = _upsertSilence;
        s.Bind(1, silence.Id);
        s.Bind(2, Json(static (json, matchers) => AlertJson.WriteMatchers(json, matchers), silence.Matchers));
        s.Bind(3, silence.StartsAt.ToUnixTimeMilliseconds());
        s.Bind(4, silence.EndsAt.ToUnixTimeMilliseconds());
        s.Bind(5, silence.CreatedBy);
        s.Bind(6, silence.Comment);
        s.Bind(7, silence.UpdatedAt.ToUnixTimeMilliseconds());
        s.Execute();
        _batchSilences.Add(silence.Id);
    }

    /// <summary>Whether a write of silence <paramref name="id"/> was committed since the last time this was asked for it.</summary>
    /// <param name="id">The silence id.</param>
    /// <returns><see langword="true"/> when a batch holding a write of it committed.</returns>
    public bool TakeCommittedSilence(string id) => _committedSilences.TryRemove(id, out _);

    /// <summary>
    /// Keeps silence <paramref name="id"/> out of the store for good: its writes still queued (or recorded later, such
    /// as its expiry) are skipped, and the next committed batch deletes any row of it, in case a batch reported as failed
    /// had reached the file.
    /// </summary>
    /// <param name="id">The silence id.</param>
    public void RefuseSilence(string id)
    {
        // A few at a time, by people; the bound only keeps a long-running host's memory flat.
        if (_refusedSilences.Count > 1_024)
        {
            foreach (var deleted in _refusedSilences.Where(static r => r.Value).Select(static r => r.Key).ToList())
            {
                _refusedSilences.TryRemove(deleted, out _);
            }
        }

        _refusedSilences[id] = false;
        _committedSilences.TryRemove(id, out _);
        Interlocked.Increment(ref _refusals);

        // Wake an idle writer, so the delete does not wait for the next write.
        _channel.Writer.TryWrite(StoreWrite.Of(StoreWriteKind.Maintenance, null));
    }

    private void DeleteRefusedSilences()
    {
        // Read before the ids: a refusal counted later is deleted by a later batch.
        _batchRefusalsUpTo = Volatile.Read(ref _refusals);
        if (_batchRefusalsUpTo == _refusalsDeleted)
        {
            return;
        }

        foreach (var (id, deleted) in _refusedSilences)
        {
            if (!deleted)
            {
                _deleteSilence.Bind(1, id);
                _deleteSilence.Execute();
                _batchRefusals.Add(id);
            }
        }
    }

    private void RememberDeletedRefusals()
    {
        foreach (var id in _batchRefusals)
        {
            _refusedSilences[id] = true;
        }

        _batchRefusals.Clear();
        _refusalsDeleted = _batchRefusalsUpTo;
    }

    private void RememberCommittedSilences()
    {
        // Silences are written by people, a few at a time; the bound only keeps ids nobody asks about from piling up.
        if (_committedSilences.Count > 1_024)
        {
            _committedSilences.Clear();
        }

        foreach (var id in _batchSilences)
        {
            _committedSilences[id] = 0;
        }

        _batchSilences.Clear();
    }

    /// <summary>Serializes into the reused buffer; the span is valid until the next call (binding copies it).</summary>
    private ReadOnlySpan<byte> Json<T>(Action<Utf8JsonWriter, T> write, T value)
    {
        _jsonBuffer.ResetWrittenCount();
        _json.Reset(_jsonBuffer);
        write(_json, value);
        _json.Flush();
        return _jsonBuffer.WrittenSpan;
    }

    private void Abandon(bool inTransaction)
    {
        Array.Clear(_pendingCounts);
        Array.Clear(_pendingTransitions);
        _pendingTransitionCount = 0;
        foreach (var sketches in _pendingSketches)
        {
            sketches.ResetWrittenCount();
        }

        _pendingAlerts.Clear();
        foreach (var key in _newSeries)
        {
            _seriesIds.Remove(key);
        }

        _newSeries.Clear();
        _batchSilences.Clear();
        _batchRefusals.Clear();
        _labelsJson.Clear();
        if (inTransaction || raw.sqlite3_get_autocommit(_db) == 0)
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
                if (raw.sqlite3_get_autocommit(_db) == 0)
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

    internal static string Describe(Exception exception) => exception.Message.TrimEnd('.');

    internal static long ToUnixSeconds(long utcTicks) => (utcTicks - UnixEpochTicks) / TimeSpan.TicksPerSecond;
}
