using System.Buffers;
using System.Buffers.Binary;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using AlphaTrade.RxMonitor.Sqlite.Writing;

namespace AlphaTrade.RxMonitor.Sqlite.Rollups;

/// <summary>
/// The binary form of a roll-up segment: the buckets of one series within one chunk, as one BLOB.
/// </summary>
/// <remarks>
/// Layout (little-endian): a format byte (1), the bucket count (varint), then per bucket, oldest first: the
/// bucket start as a delta in seconds from the previous bucket (from the chunk start for the first; 0 when a
/// bucket repeats, which readers merge), the sample count (varint), sum, min, max and last (IEEE doubles), and
/// the length of the bucket's serialized <see cref="Metrics.DDSketch"/> (varint, 0 = no sketch) followed by it.
/// </remarks>
internal static class RollupSegmentCodec
{
    private const byte Format = 1;

    /// <summary>Appends the segment of <paramref name="rows"/> (one series, one chunk, sorted by bucket) to <paramref name="output"/>.</summary>
    public static void Encode(ArrayBufferWriter<byte> output, ReadOnlySpan<RollupRow> rows, long chunk, ReadOnlySpan<byte> sketches)
    {
        var head = output.GetSpan(1 + Varint.MaxLength);
        head[0] = Format;
        output.Advance(1 + Varint.Write(head[1..], (ulong)rows.Length));
        var previous = chunk;
        foreach (ref readonly var row in rows)
        {
            var span = output.GetSpan((3 * Varint.MaxLength) + 32 + row.SketchLength);
            var at = Varint.Write(span, (ulong)(row.Bucket - previous));
            at += Varint.Write(span[at..], (ulong)row.Count);
            BinaryPrimitives.WriteDoubleLittleEndian(span[at..], row.Sum);
            BinaryPrimitives.WriteDoubleLittleEndian(span[(at + 8)..], row.Min);
            BinaryPrimitives.WriteDoubleLittleEndian(span[(at + 16)..], row.Max);
            BinaryPrimitives.WriteDoubleLittleEndian(span[(at + 24)..], row.Last);
            at += 32;
            at += Varint.Write(span[at..], (ulong)row.SketchLength);
            sketches.Slice(row.SketchOffset, row.SketchLength).CopyTo(span[at..]);
            output.Advance(at + row.SketchLength);
            previous = row.Bucket;
        }
    }

    /// <summary>
    /// Appends the buckets of a segment whose start lies in [<paramref name="from"/>, <paramref name="to"/>) to
    /// <paramref name="rows"/>, copying their sketches into <paramref name="sketches"/> and numbering them in
    /// stored order from <paramref name="sequence"/>; returns false when they are not strictly increasing
    /// after the rows already there (so the caller must sort and merge).
    /// </summary>
    /// <exception cref="InvalidDataException">The segment is malformed.</exception>
    public static bool Decode(ReadOnlySpan<byte> segment, long seriesId, long chunk, long from, long to, List<RollupRow> rows, ArrayBufferWriter<byte> sketches, ref long sequence)
    {
        if (segment.Length < 2 || segment[0] != Format)
        {
            throw new InvalidDataException("A roll-up segment has an unknown format.");
        }

        var at = 1;
        var count = ReadVarint(segment, ref at);
        var ordered = true;
        var lastBucket = rows.Count > 0 ? rows[^1].Bucket : long.MinValue;
        var bucket = chunk;
        for (ulong i = 0; i < count; i++)
        {
            bucket += (long)ReadVarint(segment, ref at);
            var samples = (long)ReadVarint(segment, ref at);
            if (at + 32 > segment.Length)
            {
                throw new InvalidDataException("A roll-up segment ends inside a bucket.");
            }

            var row = new RollupRow
            {
                SeriesId = seriesId,
                Bucket = bucket,
                Sequence = sequence++,
                Count = samples,
                Sum = BinaryPrimitives.ReadDoubleLittleEndian(segment[at..]),
                Min = BinaryPrimitives.ReadDoubleLittleEndian(segment[(at + 8)..]),
                Max = BinaryPrimitives.ReadDoubleLittleEndian(segment[(at + 16)..]),
                Last = BinaryPrimitives.ReadDoubleLittleEndian(segment[(at + 24)..]),
            };
            at += 32;
            var sketchLength = ReadVarint(segment, ref at);
            if (sketchLength > (ulong)(segment.Length - at))
            {
                throw new InvalidDataException("A roll-up segment ends inside a sketch.");
            }

            if (bucket >= from && bucket < to)
            {
                if (sketchLength > 0)
                {
                    row.SketchOffset = sketches.WrittenCount;
                    row.SketchLength = (int)sketchLength;
                    segment.Slice(at, row.SketchLength).CopyTo(sketches.GetSpan(row.SketchLength));
                    sketches.Advance(row.SketchLength);
                }

                ordered &= bucket > lastBucket;
                lastBucket = bucket;
                rows.Add(row);
            }

            at += (int)sketchLength;
        }

        return ordered;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> source, ref int at) =>
        Varint.TryRead(source, ref at, out var value) ? value : throw new InvalidDataException("A roll-up segment is malformed: it ends inside a number or has one longer than 64 bits.");
}
