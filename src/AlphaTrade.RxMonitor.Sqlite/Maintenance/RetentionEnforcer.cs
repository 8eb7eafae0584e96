using AlphaTrade.RxMonitor.Analytics;
using AlphaTrade.RxMonitor.Sqlite.Rollups;
using AlphaTrade.RxMonitor.Sqlite.Writing;
using Microsoft.Data.Sqlite;

namespace AlphaTrade.RxMonitor.Sqlite.Maintenance;

/// <summary>Retention per resolution and for alert history, the database size limit, and space reclamation.</summary>
/// <remarks>
/// Runs on the writer task (the one connection that writes). Roll-ups go a segment at a time: a segment is
/// deleted when its newest bucket is older than the cutoff, through the (chunk, series_id) index, so no table
/// scan and no segment rewrite (a segment may outlive the retention by up to its chunk's width). Over the size
/// limit the oldest data goes first, finest resolution first (10 s, then 1 min, then 1 h, then alert history),
/// a quarter of the remaining span at a time, and at least the oldest segment. Closed chunks' segments are then
/// compacted (<see cref="RollupCompactor"/>), and freed pages are returned to the file system with
/// <c>PRAGMA incremental_vacuum</c> and a WAL checkpoint, even when compaction fails.
/// </remarks>
internal sealed class RetentionEnforcer
{
    private const int MaxEvictionRounds = 64;
    private readonly SqliteConnection _connection;
    private readonly SqliteStoreOptions _options;
    private readonly RollupCompactor _compactor;

    public RetentionEnforcer(SqliteConnection connection, SqliteStoreOptions options)
    {
        _connection = connection;
        _options = options;
        _compactor = new RollupCompactor(connection);
    }

    /// <summary>Enforces every policy at <paramref name="now"/>; returns the rows deleted.</summary>
    public int Run(DateTimeOffset now)
    {
        var deleted = 0;
        for (var r = 0; r < RollupResolutions.Count; r++)
        {
            var resolution = (RollupResolution)r;
            deleted += DeleteRollupsBefore(resolution, StoreWriter.ToUnixSeconds((now - RollupResolutions.Retention(_options, resolution)).UtcTicks));
        }

        deleted += DeleteHistoryBefore(now - _options.AlertHistoryRetention);
        if (_options.MaxDatabaseBytes > 0)
        {
            deleted += EnforceSize(_options.MaxDatabaseBytes);
        }

        // Compaction comes after the size limit, and space is reclaimed even when it fails (a full disk fails its
        // rewrite first), so a failing compaction can never keep the store over its limit.
        try
        {
            _compactor.Run(StoreWriter.ToUnixSeconds(now.UtcTicks));
        }
        finally
        {
            Reclaim();
        }

        return deleted;
    }

    /// <summary>
    /// Deletes transitions and notifications before <paramref name="cutoff"/> (a notification's deliveries with it, and
    /// deliveries before it whose notification was never stored), silences that ended before it and alerts resolved before it.
    /// </summary>
    public int DeleteHistoryBefore(DateTimeOffset cutoff)
    {
        var ms = cutoff.ToUnixTimeMilliseconds();
        using var transaction = _connection.BeginTransaction();
        var deleted = Execute(transaction, "DELETE FROM alert_transitions WHERE at < $cutoff", ms)
            + Execute(transaction, "DELETE FROM notification_deliveries WHERE at < $cutoff OR notification_id IN (SELECT id FROM notifications WHERE at < $cutoff)", ms)
            + Execute(transaction, "DELETE FROM notifications WHERE at < $cutoff", ms)
            + Execute(transaction, "DELETE FROM silences WHERE ends_at < $cutoff", ms);

        // A resolved alert's row goes with its last transition; active alerts stay whatever their age.
        Execute(transaction, "DELETE FROM alerts WHERE state = 2 AND updated_at < $cutoff", ms);
        transaction.Commit();
        return deleted;
    }

    /// <summary>The bytes the database's live pages take (file size minus free pages).</summary>
    public long UsedBytes() =>
        (Scalar("PRAGMA page_count") - Scalar("PRAGMA freelist_count")) * Scalar("PRAGMA page_size");

    private int DeleteRollupsBefore(RollupResolution resolution, long cutoffSeconds)
    {
        // Chunks before the cutoff's chunk hold only older buckets: an index range. In the cutoff's chunk, the
        // segments whose newest bucket is older.
        var table = RollupResolutions.Table(resolution);
        var cutoffChunk = RollupResolutions.ChunkOf((int)resolution, cutoffSeconds);
        using var transaction = _connection.BeginTransaction();
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"DELETE FROM {table} WHERE chunk < $chunk";
        command.Parameters.AddWithValue("$chunk", cutoffChunk);
        var deleted = command.ExecuteNonQuery();
        command.CommandText = $"DELETE FROM {table} WHERE chunk = $chunk AND last_bucket < $cutoff";
        command.Parameters.AddWithValue("$cutoff", cutoffSeconds);
        deleted += command.ExecuteNonQuery();
        transaction.Commit();
        return deleted;
    }

    private int EnforceSize(long maxBytes)
    {
        var deleted = 0;
        for (var round = 0; round < MaxEvictionRounds && UsedBytes() > maxBytes; round++)
        {
            var evicted = EvictOldestRollups();
            if (evicted == 0)
            {
                evicted = EvictOldestHistory();
            }

            if (evicted == 0)
            {
                break;
            }

            deleted += evicted;
        }

        return deleted;
    }

    private int EvictOldestRollups()
    {
        for (var r = 0; r < RollupResolutions.Count; r++)
        {
            var resolution = (RollupResolution)r;
            var table = RollupResolutions.Table(resolution);
            var span = SpanOf(table);
            if (span is not var (oldest, newest, oldestSegmentEnd))
            {
                continue;
            }

            var width = RollupResolutions.WidthSeconds[r];
            var cutoff = Math.Max(oldest + Math.Max(width, (newest - oldest + width) / 4), oldestSegmentEnd + 1);
            return DeleteRollupsBefore(resolution, cutoff);
        }

        return 0;
    }

    private int EvictOldestHistory()
    {
        var oldest = Scalar("SELECT coalesce(min(at), 0) FROM alert_transitions");
        var newest = Scalar("SELECT coalesce(max(at), 0) FROM alert_transitions");
        var oldestNotification = Scalar("SELECT coalesce(min(at), 0) FROM notifications");
        if (oldest == 0 && oldestNotification == 0)
        {
            return 0;
        }

        oldest = oldest == 0 ? oldestNotification : oldestNotification == 0 ? oldest : Math.Min(oldest, oldestNotification);
        newest = Math.Max(newest, Scalar("SELECT coalesce(max(at), 0) FROM notifications"));
        return DeleteHistoryBefore(DateTimeOffset.FromUnixTimeMilliseconds(oldest + Math.Max(1, (newest - oldest + 1) / 4)));
    }

    private (long Oldest, long Newest, long OldestSegmentEnd)? SpanOf(string table)
    {
        // The first and last chunks through the (chunk, series_id) index, then their segments.
        using var command = _connection.CreateCommand();
        command.CommandText = $"""
            SELECT (SELECT min(first_bucket) FROM {table} WHERE chunk = (SELECT min(chunk) FROM {table})),
                   (SELECT max(last_bucket) FROM {table} WHERE chunk = (SELECT max(chunk) FROM {table})),
                   (SELECT min(last_bucket) FROM {table} WHERE chunk = (SELECT min(chunk) FROM {table}))
            """;
        using var reader = command.ExecuteReader();
        return reader.Read() && !reader.IsDBNull(0) ? (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)) : null;
    }

    private void Reclaim()
    {
        using (var vacuum = _connection.CreateCommand())
        {
            vacuum.CommandText = "PRAGMA incremental_vacuum";
            using var reader = vacuum.ExecuteReader();
            while (reader.Read())
            {
            }
        }

        using var checkpoint = _connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        using var result = checkpoint.ExecuteReader();
        while (result.Read())
        {
        }
    }

    private int Execute(SqliteTransaction transaction, string sql, long cutoff)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$cutoff", cutoff);
        return command.ExecuteNonQuery();
    }

    private long Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
