namespace AlphaTrade.RxMonitor.Operators;

/// <summary>
/// A growable ring buffer of one series' recent samples (time in UTC ticks, value), oldest first: the lookback
/// store of range functions and sliding-window detectors.
/// </summary>
/// <remarks>
/// Appending at the end and dropping from the front are O(1) and do not allocate once the buffer has grown to
/// the largest number of samples the window holds (it doubles when full and never shrinks). Samples must be
/// appended in non-decreasing time for <see cref="DropBefore"/> and <see cref="DropAtOrBefore"/> to be
/// meaningful. Not thread-safe: one owner (an evaluator) uses it at a time.
/// </remarks>
public sealed class SampleRing
{
    private long[] _times;
    private double[] _values;
    private int _head;

    /// <summary>Creates an empty ring.</summary>
    /// <param name="initialCapacity">The starting capacity; the ring doubles when it fills up.</param>
    public SampleRing(int initialCapacity = 16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialCapacity, 1);
        _times = new long[initialCapacity];
        _values = new double[initialCapacity];
    }

    /// <summary>The number of samples held.</summary>
    public int Count { get; private set; }

    /// <summary>The current capacity (grows by doubling, never shrinks).</summary>
    public int Capacity => _times.Length;

    /// <summary>The time (UTC ticks) of the oldest sample; only valid when <see cref="Count"/> &gt; 0.</summary>
    public long FirstTime => _times[_head];

    /// <summary>The time (UTC ticks) of the newest sample; only valid when <see cref="Count"/> &gt; 0.</summary>
    public long LastTime => _times[Slot(Count - 1)];

    /// <summary>The value of the newest sample; only valid when <see cref="Count"/> &gt; 0.</summary>
    public double LastValue => _values[Slot(Count - 1)];

    /// <summary>Appends a sample as the newest.</summary>
    /// <param name="timestampTicks">The sample time in UTC ticks, not before the newest held.</param>
    /// <param name="value">The value.</param>
    public void Add(long timestampTicks, double value)
    {
        if (Count == _times.Length)
        {
            Grow();
        }

        var slot = Slot(Count);
        _times[slot] = timestampTicks;
        _values[slot] = value;
        Count++;
    }

    /// <summary>The time (UTC ticks) of the <paramref name="index"/>-th oldest sample.</summary>
    /// <param name="index">0 for the oldest, <see cref="Count"/> - 1 for the newest.</param>
    /// <returns>The time.</returns>
    public long TimeAt(int index)
    {
        CheckIndex(index);
        return _times[Slot(index)];
    }

    /// <summary>The value of the <paramref name="index"/>-th oldest sample.</summary>
    /// <param name="index">0 for the oldest, <see cref="Count"/> - 1 for the newest.</param>
    /// <returns>The value.</returns>
    public double ValueAt(int index)
    {
        CheckIndex(index);
        return _values[Slot(index)];
    }

    /// <summary>Drops every sample older than <paramref name="timestampTicks"/> (keeps those at or after it).</summary>
    /// <param name="timestampTicks">The oldest time to keep, in UTC ticks.</param>
    public void DropBefore(long timestampTicks)
    {
        while (Count > 0 && _times[_head] < timestampTicks)
        {
            DropFirst();
        }
    }

    /// <summary>Drops every sample at or before <paramref name="timestampTicks"/> (keeps those after it).</summary>
    /// <param name="timestampTicks">The newest time to drop, in UTC ticks.</param>
    public void DropAtOrBefore(long timestampTicks)
    {
        while (Count > 0 && _times[_head] <= timestampTicks)
        {
            DropFirst();
        }
    }

    /// <summary>Drops every sample, keeping the capacity.</summary>
    public void Clear()
    {
        _head = 0;
        Count = 0;
    }

    private void DropFirst()
    {
        _head = _head + 1 == _times.Length ? 0 : _head + 1;
        Count--;
    }

    private int Slot(int index)
    {
        var slot = _head + index;
        return slot >= _times.Length ? slot - _times.Length : slot;
    }

    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The ring holds {Count} samples.");
        }
    }

    private void Grow()
    {
        var times = new long[_times.Length * 2];
        var values = new double[_values.Length * 2];
        for (var i = 0; i < Count; i++)
        {
            var slot = Slot(i);
            times[i] = _times[slot];
            values[i] = _values[slot];
        }

        _times = times;
        _values = values;
        _head = 0;
    }
}
