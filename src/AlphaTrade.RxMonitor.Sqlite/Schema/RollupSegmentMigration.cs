using System.Buffers;
using AlphaTrade.RxMonitor.Analytics;
using AlphaTrade.RxMonitor.Sqlite.Rollups;
using AlphaTrade.RxMonitor.Sqlite.Writing;
using Microsoft.Data.Sqlite;

namespace AlphaTrade.RxMonitor.Sqlite.Schema;

/// <summary>Schema version 2's data step: version 1's one-row-per-bucket roll-ups become segments.</summary>
/// <remarks>
/// Reads each <c>rollup_*_v1</c> table in key order (series, bucket) and writes one segment per series and
/// chunk, in the migration's transaction. Version 1 never wrote sketches, so migrated buckets have none.
/// Streams: memory holds one chunk of one series at a time.
/// </remarks>
internal static class RollupSegmentMigration
{
    public static void MoveVersion1Rows(SqliteConnection connection, SqliteTransaction transaction)
    {
        var rows = new RollupRow[RollupResolutions.BucketsPerChunk];
        var segment = new ArrayBufferWriter<byte>(4096);
        for (var r = 0; r < RollupResolutions.Count; r++)
        {
            var table = RollupResolutions.Table((RollupResolution)r);
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO {table} (series_id, chunk, first_bucket, last_bucket, buckets, data) VALUES ($series, $chunk, $first, $last, $buckets, $data)";
            using var read = connection.CreateCommand();
            read.Transaction = transaction;
            read.CommandText = $"SELECT series_id, bucket, count, sum, min, max, last FROM {table}_v1 ORDER BY series_id, bucket";
            using var reader = read.ExecuteReader();
            var count = 0;
            long chunk = 0;
            while (reader.Read())
            {
                var row = new RollupRow
                {
                    SeriesId = reader.GetInt64(0),
                    Bucket = reader.GetInt64(1),
                    Count = reader.GetInt64(2),
                    Sum = reader.GetDouble(3),
                    Min = reader.GetDouble(4),
                    Max = reader.GetDouble(5),
                    Last = reader.GetDouble(6),
                };
                var rowChunk = RollupResolutions.ChunkOf(r, row.Bucket);
                if (count > 0 && (rows[0].SeriesId != row.SeriesId || rowChunk != chunk))
                {
                    Insert(insert, segment, rows.AsSpan(0, count), chunk);
                    count = 0;
                }

                chunk = rowChunk;
                rows[count++] = row;
            }

            if (count > 0)
            {
                Insert(insert, segment, rows.AsSpan(0, count), chunk);
            }
        }
    }

    private static void Insert(SqliteCommand insert, ArrayBufferWriter<byte> segment, ReadOnlySpan<RollupRow> rows, long chunk)
    {
        segment.ResetWrittenCount();
        RollupSegmentCodec.Encode(segment, rows, chunk, []);
        insert.Parameters.Clear();
        insert.Parameters.AddWithValue("$series", rows[0].SeriesId);
        insert.Parameters.AddWithValue("$chunk", chunk);
        insert.Parameters.AddWithValue("$first", rows[0].Bucket);
        insert.Parameters.AddWithValue("$last", rows[^1].Bucket);
        insert.Parameters.AddWithValue("$buckets", (long)rows.Length);
        insert.Parameters.AddWithValue("$data", segment.WrittenSpan.ToArray());
        insert.ExecuteNonQuery();
    }
}
