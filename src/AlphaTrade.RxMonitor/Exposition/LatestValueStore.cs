using System.Collections.Concurrent;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Exposition;

/// <summary>
/// Keeps the newest sample of every series it observes, for exposition (Prometheus scrapes, <c>rxmon metrics</c>).
/// </summary>
/// <remarks>
/// <para>
/// Subscribe it to the pipeline's sample stream (<c>ingest.Samples.Subscribe(store)</c>). Updating a series
/// that was seen before allocates nothing: a lookup by the sample's cached-hash key and a store under that
/// series' own lock. The first sample of a series allocates its entry once. A sample older than the one
/// kept is ignored, so late samples never move a series back in time.
/// </para>
/// <para>
/// Thread-safe: <see cref="OnNext"/> may run on the pipeline thread while <see cref="Snapshot"/> runs on
/// scrape threads; a snapshot never sees a torn (time, value) pair. A series whose newest sample is more
/// than <see cref="Staleness"/> older than the clock's now is stale: a snapshot omits it and forgets it,
/// so series that come and go do not accumulate. Errors and completion of the observed stream are ignored.
/// </para>
/// </remarks>
public sealed class LatestValueStore : IObserver<MetricSample>
{
    /// <summary>The default staleness: 5 minutes, as in Prometheus.</summary>
    public static readonly TimeSpan DefaultStaleness = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<SeriesKey, Entry> _series = new();
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a store.</summary>
    /// <param name="timeProvider">The pipeline clock that decides staleness.</param>
    /// <param name="staleness">How long a series stays visible after its newest sample; <see cref="DefaultStaleness"/> when <see langword="null"/>.</param>
    public LatestValueStore(TimeProvider timeProvider, TimeSpan? staleness = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (staleness is { } s)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(s, TimeSpan.Zero, nameof(staleness));
        }

        _timeProvider = timeProvider;
        Staleness = staleness ?? DefaultStaleness;
    }

    /// <summary>How long a series stays visible after its newest sample.</summary>
    public TimeSpan Staleness { get; }

    /// <summary>The number of series currently kept (stale ones included until the next snapshot).</summary>
    public int Count => _series.Count;

    /// <summary>Keeps <paramref name="value"/> when it is the newest sample of its series.</summary>
    /// <param name="value">The sample.</param>
    public void OnNext(MetricSample value)
    {
        if (value.Key is null)
        {
            return;
        }

        while (true)
        {
            var entry = _series.GetOrAdd(value.Key, static _ => new Entry());
            lock (entry.Gate)
            {
                if (entry.Removed)
                {
                    continue;
                }

                if (!entry.HasValue || value.TimestampTicks >= entry.TimestampTicks)
                {
                    entry.TimestampTicks = value.TimestampTicks;
                    entry.Value = value.Value;
                    entry.HasValue = true;
                }

                return;
            }
        }
    }

    /// <summary>Ignored: the store keeps what it has.</summary>
    /// <param name="error">The error.</param>
    public void OnError(Exception error)
    {
    }

    /// <summary>Ignored: the store keeps what it has.</summary>
    public void OnCompleted()
    {
    }

    /// <summary>The newest sample of every series that is not stale, in no particular order.</summary>
    /// <returns>A copy, safe to keep.</returns>
    public IReadOnlyList<MetricSample> Snapshot()
    {
        var oldest = _timeProvider.GetUtcNow().UtcTicks - Staleness.Ticks;
        var samples = new List<MetricSample>(_series.Count);
        foreach (var (key, entry) in _series)
        {
            lock (entry.Gate)
            {
                if (entry.Removed || !entry.HasValue)
                {
                    continue;
                }

                if (entry.TimestampTicks < oldest)
                {
                    // Removed under the entry's lock, so a concurrent writer either updated it before (and it is
                    // stale anyway) or sees Removed and adds a fresh entry.
                    entry.Removed = true;
                    _series.TryRemove(new KeyValuePair<SeriesKey, Entry>(key, entry));
                    continue;
                }

                samples.Add(new MetricSample(key, entry.TimestampTicks, entry.Value));
            }
        }

        return samples;
    }

    private sealed class Entry
    {
        public readonly Lock Gate = new();
        public long TimestampTicks;
        public double Value;
        public bool HasValue;
        public bool Removed;
    }
}
