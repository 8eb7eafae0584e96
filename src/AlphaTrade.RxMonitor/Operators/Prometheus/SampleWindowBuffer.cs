namespace AlphaTrade.RxMonitor.Operators.Prometheus;

/// <summary>
/// The samples of one series over a trailing time window, as (UTC ticks, value) pairs in time order, stored
/// contiguously so that the <see cref="PrometheusFunctions"/> can read them as spans.
/// </summary>
/// <remarks>
/// <para>
/// A reusable buffer: <see cref="Add"/> appends, <see cref="TrimBefore"/> drops samples older than a range
/// start. Live samples occupy <c>[head, tail)</c> of two parallel arrays; when the tail reaches the end the
/// live part is moved to the front (amortised O(1)), and the arrays double only when more than half is live.
/// So in steady state (a window holding a bounded number of samples) neither call allocates.
/// </para>
/// <para>Not thread-safe: one series' calls are serialized by the rule engine.</para>
/// </remarks>
internal sealed class SampleWindowBuffer
{
    private long[] _ticks;
    private double[] _values;
    private int _head;
    private int _tail;

    /// <summary>Creates an empty buffer.</summary>
    /// <param name="initialCapacity">The initial capacity in samples (grows by doubling).</param>
    public SampleWindowBuffer(int initialCapacity = 16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialCapacity, 1);
        _ticks = new long[initialCapacity];
        _values = new double[initialCapacity];
    }

    /// <summary>The number of samples held.</summary>
    public int Count => _tail - _head;

    /// <summary>The timestamps (UTC ticks) of the samples held, oldest first.</summary>
    public ReadOnlySpan<long> Ticks => _ticks.AsSpan(_head, _tail - _head);

    /// <summary>The values of the samples held, oldest first.</summary>
    public ReadOnlySpan<double> Values => _values.AsSpan(_head, _tail - _head);

    /// <summary>The timestamp of the newest sample; <see cref="long.MinValue"/> when empty.</summary>
    public long LastTicks => _tail > _head ? _ticks[_tail - 1] : long.MinValue;

    /// <summary>The value of the newest sample; NaN when empty.</summary>
    public double LastValue => _tail > _head ? _values[_tail - 1] : double.NaN;

    /// <summary>Appends a sample.</summary>
    /// <param name="ticks">The sample's UTC ticks; must not be before <see cref="LastTicks"/>.</param>
    /// <param name="value">The value.</param>
    /// <exception cref="ArgumentOutOfRangeException">The sample is older than the newest one held.</exception>
    public void Add(long ticks, double value)
    {
        if (_tail > _head && ticks < _ticks[_tail - 1])
        {
            throw new ArgumentOutOfRangeException(nameof(ticks), ticks, "Samples must be added in non-decreasing time.");
        }

        if (_tail == _ticks.Length)
        {
            MakeRoom();
        }

        _ticks[_tail] = ticks;
        _values[_tail] = value;
        _tail++;
    }

    /// <summary>Drops every sample stamped strictly before <paramref name="rangeStartTicks"/>.</summary>
    /// <param name="rangeStartTicks">The first timestamp to keep (Prometheus 2.x ranges are closed: <c>[t - range, t]</c>).</param>
    public void TrimBefore(long rangeStartTicks)
    {
        while (_head < _tail && _ticks[_head] < rangeStartTicks)
        {
            _head++;
        }

        if (_head == _tail)
        {
            _head = 0;
            _tail = 0;
        }
    }

    /// <summary>Removes every sample.</summary>
    public void Clear()
    {
        _head = 0;
        _tail = 0;
    }

    private void MakeRoom()
    {
        var count = _tail - _head;
        if (count * 2 > _ticks.Length)
        {
            var ticks = new long[_ticks.Length * 2];
            var values = new double[_values.Length * 2];
            Array.Copy(_ticks, _head, ticks, 0, count);
            Array.Copy(_values, _head, values, 0, count);
            _ticks = ticks;
            _values = values;
        }
        else
        {
            Array.Copy(_ticks, _head, _ticks, 0, count);
            Array.Copy(_values, _head, _values, 0, count);
        }

        _head = 0;
        _tail = count;
    }
}
