using System.Buffers;
using AlphaTrade.RxMonitor.Analytics;
using AlphaTrade.RxMonitor.Sqlite.Rollups;
using SQLitePCL;

namespace AlphaTrade.RxMonitor.Sqlite.Writing;

/// <summary>One resolution's roll-up table (<c>rollup_10s</c>, <c>rollup_1m</c>, <c>rollup_1h</c>): the batch's closed buckets, written as segments at the flush.</summary>
/// <remarks>
/// Buckets are collected and written at the flush as segments: the batch's buckets of one series within one chunk
/// become one row (sorted by bucket), so a backlog of many buckets costs few B-tree inserts. A bucket's serialized
/// sketch is copied out of the producers' ring (<see cref="SketchArena"/>) when it is staged, so the ring is
/// released at once.
/// </remarks>
internal sealed class RollupTableWriter : ITableWriter
{
    private readonly int _resolution;
    private readonly SeriesTableWriter _series;
    private readonly SketchArena _arena;
    private readonly RawStatement _insertSegment;
    private readonly ArrayBufferWriter<byte> _sketches = new(4096);
    private readonly ArrayBufferWriter<byte> _segment = new(4096);
    private RollupRow[] _rows = new RollupRow[256];
    private int _count;

    public RollupTableWriter(sqlite3 db, RollupResolution resolution, SeriesTableWriter series, SketchArena arena)
    {
        _resolution = (int)resolution;
        _series = series;
        _arena = arena;
        _insertSegment = new RawStatement(db, $"""
            INSERT INTO {RollupResolutions.Table(resolution)} (series_id, chunk, first_bucket, last_bucket, buckets, data)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            """);
    }

    /// <summary>Adds a closed bucket of this resolution to the batch (its series row is upserted now when new).</summary>
    public void Stage(in StoreWrite write)
    {
        if (_count == _rows.Length)
        {
            Array.Resize(ref _rows, _count * 2);
        }

        ref var row = ref _rows[_count];
        row.SeriesId = _series.Id(write.Series!);
        row.Bucket = write.BucketSeconds;
        row.Sequence = _count;
        row.Count = write.Count;
        row.Sum = write.Sum;
        row.Min = write.Min;
        row.Max = write.Max;
        row.Last = write.Last;
        row.SketchOffset = _sketches.WrittenCount;
        row.SketchLength = write.SketchLength;
        if (write.SketchLength > 0)
        {
            _sketches.Write(_arena.Read(write.SketchPosition, write.SketchLength));
            _arena.Release(write.SketchPosition + write.SketchLength);
        }

        _count++;
    }

    public void Flush()
    {
        var rows = _rows.AsSpan(0, _count);
        rows.Sort();
        var sketches = _sketches.WrittenSpan;
        var chunkSeconds = RollupResolutions.ChunkSeconds(_resolution);
        var start = 0;
        while (start < rows.Length)
        {
            var chunk = RollupResolutions.ChunkOf(_resolution, rows[start].Bucket);
            var end = start + 1;
            while (end < rows.Length && rows[end].SeriesId == rows[start].SeriesId && rows[end].Bucket < chunk + chunkSeconds)
            {
                end++;
            }

            var segment = rows[start..end];
            _segment.ResetWrittenCount();
            RollupSegmentCodec.Encode(_segment, segment, chunk, sketches);
            _insertSegment.Bind(1, segment[0].SeriesId);
            _insertSegment.Bind(2, chunk);
            _insertSegment.Bind(3, segment[0].Bucket);
            _insertSegment.Bind(4, segment[^1].Bucket);
            _insertSegment.Bind(5, (long)segment.Length);
            _insertSegment.BindBlob(6, _segment.WrittenSpan);
            _insertSegment.Execute();
            start = end;
        }

        Clear();
    }

    /// <summary>Nothing to remember: the flush emptied the batch.</summary>
    public void Committed()
    {
    }

    public void Abandon() => Clear();

    public void Dispose() => _insertSegment.Dispose();

    private void Clear()
    {
        _count = 0;
        _sketches.ResetWrittenCount();
    }
}
