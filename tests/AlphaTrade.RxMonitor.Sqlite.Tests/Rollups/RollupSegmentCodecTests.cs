using System.Buffers;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sqlite.Rollups;
using AlphaTrade.RxMonitor.Sqlite.Writing;

namespace AlphaTrade.RxMonitor.Sqlite.Tests.Rollups;

public sealed class RollupSegmentCodecTests
{
    [Fact]
    public void Decode_SketchLengthBeyondTheSegment_ThrowsInvalidData()
    {
        // One bucket: offset 0, 1 sample, four doubles, then a sketch length near int.MaxValue with no sketch after it.
        var segment = new ArrayBufferWriter<byte>();
        segment.Write([(byte)1]);
        Append(segment, 1);
        Append(segment, 0);
        Append(segment, 1);
        segment.Write(new byte[32]);
        Append(segment, int.MaxValue - 2);
        var sequence = 0L;

        Assert.Throws<InvalidDataException>(() =>
            RollupSegmentCodec.Decode(segment.WrittenSpan, 1, 0, long.MinValue, long.MaxValue, new List<RollupRow>(), new ArrayBufferWriter<byte>(), ref sequence));
    }

    private static void Append(ArrayBufferWriter<byte> output, ulong value) =>
        output.Advance(Varint.Write(output.GetSpan(Varint.MaxLength), value));
}
