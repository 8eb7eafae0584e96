using AlphaTrade.RxMonitor.Operators.Prometheus;

namespace AlphaTrade.RxMonitor.Sources;

/// <summary>
/// A fixed-size sample of the values recorded since the last reset (reservoir sampling once full), from which
/// quantiles are read; sized once, so recording and reading allocate nothing.
/// </summary>
/// <remarks>Not thread-safe: callers lock around it.</remarks>
internal sealed class QuantileReservoir
{
    private readonly double[] _values;
    private long _seen;
    private ulong _random = 0x9E3779B97F4A7C15UL;

    public QuantileReservoir(int capacity) => _values = new double[capacity];

    public long Seen => _seen;

    public void Record(double value)
    {
        if (_seen < _values.Length)
        {
            _values[_seen] = value;
        }
        else
        {
            // Algorithm R: keep each of the n values seen with probability capacity / n.
            var slot = (long)(NextRandom() % (ulong)(_seen + 1));
            if (slot < _values.Length)
            {
                _values[slot] = value;
            }
        }

        _seen++;
    }

    /// <summary>Sorts the sample; call before <see cref="Quantile"/>.</summary>
    public void Sort() => Array.Sort(_values, 0, Count);

    /// <summary>The φ-quantile of the sorted sample, interpolated as Prometheus' <c>quantile_over_time</c> does.</summary>
    public double Quantile(double phi) => PrometheusFunctions.QuantileOfSorted(phi, _values.AsSpan(0, Count));

    public void Reset() => _seen = 0;

    private int Count => (int)Math.Min(_seen, _values.Length);

    private ulong NextRandom()
    {
        // xorshift64: cheap, allocation-free, good enough to pick reservoir slots.
        _random ^= _random << 13;
        _random ^= _random >> 7;
        _random ^= _random << 17;
        return _random;
    }
}
