using System.Buffers;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using AlphaTrade.RxMonitor.Sqlite.Writing;

namespace AlphaTrade.RxMonitor.Sqlite.Rollups;

/// <summary>Merges rows of the same bucket, as if the bucket had been written once.</summary>
/// <remarks>
/// Count and sum add up, min and max combine, last is the later row's, and sketches merge; a bucket keeps a
/// sketch only when every part had one (a part written without one, e.g. migrated from schema version 1, would
/// make its quantiles wrong).
/// </remarks>
internal static class RollupBucketMerger
{
    /// <summary>Sorts <paramref name="rows"/> by (series, bucket, write order) and merges equal buckets; returns the merged length.</summary>
    public static int SortAndMerge(Span<RollupRow> rows, ArrayBufferWriter<byte> sketches, DDSketch scratch)
    {
        rows.Sort();
        var kept = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            if (kept > 0 && rows[kept - 1].SeriesId == rows[i].SeriesId && rows[kept - 1].Bucket == rows[i].Bucket)
            {
                Combine(ref rows[kept - 1], rows[i], sketches, scratch);
            }
            else
            {
                rows[kept++] = rows[i];
            }
        }

        return kept;
    }

    private static void Combine(ref RollupRow earlier, in RollupRow later, ArrayBufferWriter<byte> sketches, DDSketch scratch)
    {
        earlier.Count += later.Count;
        earlier.Sum += later.Sum;
        earlier.Min = Math.Min(earlier.Min, later.Min);
        earlier.Max = Math.Max(earlier.Max, later.Max);
        earlier.Last = later.Last;
        earlier.Sequence = later.Sequence;
        if (earlier.SketchLength == 0 || later.SketchLength == 0)
        {
            earlier.SketchLength = 0;
            return;
        }

        scratch.Clear();
        scratch.MergeFrom(sketches.WrittenSpan.Slice(earlier.SketchOffset, earlier.SketchLength));
        scratch.MergeFrom(sketches.WrittenSpan.Slice(later.SketchOffset, later.SketchLength));
        earlier.SketchOffset = sketches.WrittenCount;
        earlier.SketchLength = scratch.WriteTo(sketches);
    }
}
