using System.Buffers;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;

namespace AlphaTrade.RxMonitor.Sqlite.Writing;

/// <summary>
/// A byte ring between the roll-up producers and the writer for the serialized sketches of closed buckets: a
/// producer serializes a bucket's sketch here (and reuses its sketch object at once), the queued roll-up
/// write carries the position, and the writer copies the bytes out and releases them, in queue order.
/// </summary>
/// <remarks>
/// Appends happen under the store's roll-up lock together with the enqueue, so positions in the queue are
/// increasing and the writer frees the ring by moving its tail to the end of each sketch it reads. A sketch
/// that does not fit (the writer is that far behind) is not stored: the bucket is written without one.
/// Positions are absolute byte counts; a sketch never wraps (the rest of the ring is skipped instead).
/// </remarks>
internal sealed class SketchArena
{
    private readonly byte[] _ring;
    private readonly ArrayBufferWriter<byte> _scratch = new(256);
    private long _head;
    private long _tail;

    public SketchArena(int capacity) => _ring = new byte[capacity];

    /// <summary>The position after the last append; restore it with <see cref="Rewind"/> when the enqueue fails.</summary>
    public long Head => _head;

    /// <summary>Serializes <paramref name="sketch"/> into the ring; false when it does not fit. Producer side, under the store's roll-up lock.</summary>
    public bool TryAppend(DDSketch sketch, out long position, out int length)
    {
        _scratch.ResetWrittenCount();
        length = sketch.WriteTo(_scratch);
        var tail = Volatile.Read(ref _tail);
        var offset = (int)(_head % _ring.Length);
        position = offset + length <= _ring.Length ? _head : _head + (_ring.Length - offset);
        if (position + length - tail > _ring.Length)
        {
            position = 0;
            length = 0;
            return false;
        }

        _scratch.WrittenSpan.CopyTo(_ring.AsSpan((int)(position % _ring.Length), length));
        _head = position + length;
        return true;
    }

    /// <summary>Undoes the appends after <paramref name="head"/> (the enqueue that would carry them failed).</summary>
    public void Rewind(long head) => _head = head;

    /// <summary>The bytes at <paramref name="position"/>. Writer side; valid until <see cref="Release"/>.</summary>
    public ReadOnlySpan<byte> Read(long position, int length) => _ring.AsSpan((int)(position % _ring.Length), length);

    /// <summary>Frees the ring up to <paramref name="end"/>. Writer side.</summary>
    public void Release(long end) => Volatile.Write(ref _tail, end);
}
