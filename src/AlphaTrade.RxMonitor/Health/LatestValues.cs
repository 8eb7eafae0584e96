using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Health;

/// <summary>The latest value of every series seen on a sample stream, for health checks and snapshots.</summary>
/// <remarks>
/// Subscribe it to the pipeline's stream with <see cref="Observe"/>. Writes replace the value in place (no
/// allocation once a series is known); reads take the same short lock. Thread-safe. Values older than the
/// staleness given to the queries are ignored, as Prometheus ignores stale series.
/// </remarks>
public sealed class LatestValues : IObserver<MetricSample>
{
    private readonly Dictionary<SeriesKey, Entry> _entries = [];
    private readonly object _gate = new();

    /// <summary>Subscribes to <paramref name="samples"/>.</summary>
    /// <param name="samples">The sample stream.</param>
    /// <returns>The subscription.</returns>
    public IDisposable Observe(IObservable<MetricSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        return samples.Subscribe(this);
    }

    /// <inheritdoc />
    public void OnNext(MetricSample value)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(value.Key, out var entry))
            {
                if (value.TimestampTicks >= entry.Ticks)
                {
                    entry.Ticks = value.TimestampTicks;
                    entry.Value = value.Value;
                }
            }
            else
            {
                _entries.Add(value.Key, new Entry { Ticks = value.TimestampTicks, Value = value.Value });
            }
        }
    }

    /// <inheritdoc />
    public void OnError(Exception error)
    {
    }

    /// <inheritdoc />
    public void OnCompleted()
    {
    }

    /// <summary>The largest fresh value among series named <paramref name="metricName"/> whose labels pass <paramref name="filter"/>.</summary>
    /// <param name="metricName">The metric name.</param>
    /// <param name="nowTicks">Now, in UTC ticks.</param>
    /// <param name="staleness">Values older than this are ignored.</param>
    /// <param name="filter">Which series count; all when <see langword="null"/>.</param>
    /// <returns>The largest value and its series, or <see langword="null"/> when there is none.</returns>
    public (double Value, SeriesKey Key)? Max(string metricName, long nowTicks, TimeSpan staleness, Func<SeriesKey, bool>? filter = null)
    {
        ArgumentNullException.ThrowIfNull(metricName);
        (double Value, SeriesKey Key)? best = null;
        lock (_gate)
        {
            foreach (var (key, entry) in _entries)
            {
                if (key.Name == metricName && nowTicks - entry.Ticks <= staleness.Ticks && (filter is null || filter(key))
                    && (best is null || entry.Value > best.Value.Value))
                {
                    best = (entry.Value, key);
                }
            }
        }

        return best;
    }

    private sealed class Entry
    {
        public long Ticks { get; set; }

        public double Value { get; set; }
    }
}
