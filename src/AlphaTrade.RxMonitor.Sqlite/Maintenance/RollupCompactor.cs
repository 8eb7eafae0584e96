using System.Buffers;
using System.Runtime.InteropServices;
using AlphaTrade.RxMonitor.Analytics;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using AlphaTrade.RxMonitor.Sqlite.Rollups;
using AlphaTrade.RxMonitor.Sqlite.Writing;
using Microsoft.Data.Sqlite;

namespace AlphaTrade.RxMonitor.Sqlite.Maintenance;

/// <summary>Merges the small segments of one series within one chunk into one segment, so reads stay fast.</summary>
/// <remarks>
/// The writer appends a segment per series, chunk and batch, so a live series collects one small segment per
/// batch. On the maintenance path (the writer task) every closed chunk (its end is at or before the store
/// clock) holding at least 2 segments is rewritten as one segment with each bucket merged (as a read would
/// merge it). The open chunk is left to collect its segments (at most one per bucket, 360) and is compacted
/// once, after it closes: rewriting it while it grows would rewrite it on every run. At most
/// <see cref="MaxChunksPerRun"/> chunks per resolution per run, one transaction per resolution, so a run
/// pauses writing for a bounded time; the rest waits for the next run.
/// </remarks>
internal sealed class RollupCompactor
{
    public const int MaxChunksPerRun = 20_000;
    private readonly SqliteConnection _connection;
    private readonly List<RollupRow> _rows = [];
    private readonly ArrayBufferWriter<byte> _sketches = new(4096);
    private readonly ArrayBufferWriter<byte> _segment = new(4096);
    private readonly DDSketch _scratch = new();

    public RollupCompactor(SqliteConnection connection) => _connection = connection;

    /// <summary>Compacts at <paramref name="nowSeconds"/> (unix seconds); returns how many segments were merged away.</summary>
    public int Run(long nowSeconds)
    {
        var removed = 0;
        for (var r = 0; r < RollupResolutions.Count; r++)
        {
            var table = RollupResolutions.Table((RollupResolution)r);
            using var transaction = _connection.BeginTransaction();
            foreach (var (series, chunk) in Candidates(transaction, table, r, nowSeconds))
            {
                removed += Rewrite(transaction, table, series, chunk);
            }

            transaction.Commit();
        }

        return removed;
    }

    private List<(long Series, long Chunk)> Candidates(SqliteTransaction transaction, string table, int resolution, long nowSeconds)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            SELECT series_id, chunk FROM {table} WHERE chunk + $width <= $now
            GROUP BY chunk, series_id HAVING count(*) >= 2 LIMIT $max
            """;
        command.Parameters.AddWithValue("$width", RollupResolutions.ChunkSeconds(resolution));
        command.Parameters.AddWithValue("$now", nowSeconds);
        command.Parameters.AddWithValue("$max", MaxChunksPerRun);
        using var reader = command.ExecuteReader();
        var chunks = new List<(long, long)>();
        while (reader.Read())
        {
            chunks.Add((reader.GetInt64(0), reader.GetInt64(1)));
        }

        return chunks;
    }

    private int Rewrite(SqliteTransaction transaction, string table, long series, long chunk)
    {
        int segments;
        long newestId;
        ReadOnlySpan<RollupRow> rows;
        try
        {
            (segments, newestId) = Read(transaction, table, series, chunk);
            var all = CollectionsMarshal.AsSpan(_rows);
            rows = all[..RollupBucketMerger.SortAndMerge(all, _sketches, _scratch)];
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException)
        {
            // A malformed segment or sketch (which SQLite's own checks would have to have let through) is left as it
            // is, so one bad row cannot stop the compaction, size limit and vacuum of the rest; reading it reports it.
            return 0;
        }

        _segment.ResetWrittenCount();
        RollupSegmentCodec.Encode(_segment, rows, chunk, _sketches.WrittenSpan);
        using (var delete = _connection.CreateCommand())
        {
            delete.Transaction = transaction;
            delete.CommandText = $"DELETE FROM {table} WHERE chunk = $chunk AND series_id = $series AND id <= $newest";
            delete.Parameters.AddWithValue("$series", series);
            delete.Parameters.AddWithValue("$chunk", chunk);
            delete.Parameters.AddWithValue("$newest", newestId);
            delete.ExecuteNonQuery();
        }

        using var insert = _connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO {table} (series_id, chunk, first_bucket, last_bucket, buckets, data) VALUES ($series, $chunk, $first, $last, $buckets, $data)";
        insert.Parameters.AddWithValue("$series", series);
        insert.Parameters.AddWithValue("$chunk", chunk);
        insert.Parameters.AddWithValue("$first", rows[0].Bucket);
        insert.Parameters.AddWithValue("$last", rows[^1].Bucket);
        insert.Parameters.AddWithValue("$buckets", (long)rows.Length);
        insert.Parameters.AddWithValue("$data", _segment.WrittenSpan.ToArray());
        insert.ExecuteNonQuery();
        return segments - 1;
    }

    /// <summary>Decodes every segment of the chunk into <see cref="_rows"/>; returns how many and the newest id.</summary>
    private (int Segments, long NewestId) Read(SqliteTransaction transaction, string table, long series, long chunk)
    {
        _rows.Clear();
        _sketches.ResetWrittenCount();
        long sequence = 0;
        long newestId = 0;
        var segments = 0;
        using var read = _connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = $"SELECT id, data FROM {table} WHERE chunk = $chunk AND series_id = $series ORDER BY id";
        read.Parameters.AddWithValue("$series", series);
        read.Parameters.AddWithValue("$chunk", chunk);
        using var reader = read.ExecuteReader();
        while (reader.Read())
        {
            newestId = reader.GetInt64(0);
            segments++;
            RollupSegmentCodec.Decode(reader.GetFieldValue<byte[]>(1), series, chunk, long.MinValue, long.MaxValue, _rows, _sketches, ref sequence);
        }

        return (segments, newestId);
    }
}
