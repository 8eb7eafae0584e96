using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Operators;

/// <summary>
/// Keeps the newest sample of every series it observes: the pipeline's one latest-value store, for exposition
/// (Prometheus scrapes, <c>rxmon metrics</c>) and health checks (<see cref="Max"/>).
/// </summary>
/// <remarks>
/// <para>
/// Subscribe it to the pipeline's sample stream (<c>ingest.Samples.Subscribe(store)</c>). Updating a series
/// that was seen before allocates nothing and takes no lock: a lookup in the store's <see cref="SeriesTable{TState}"/>
/// (by the key's id and stamp) and four ordered stores (a single-writer sequence lock). The first sample of a series allocates its entry once. A
/// sample older than the one kept is ignored, so late samples never move a series back in time.
/// </para>
/// <para>
/// Threads: <see cref="OnNext"/> must be called by one thread at a time, as the Rx observer contract requires
/// (the pipeline's consumer thread); <see cref="Snapshot"/> may run on any number of scrape threads at the same
/// time and never sees a torn (time, value) pair. A series whose newest sample is more than
/// <see cref="Staleness"/> older than the clock's now is stale: snapshots omit it, and the writer forgets it
/// (checking the clock every <see cref="PruneCheckInterval"/> samples and sweeping at most once per staleness
/// period), so series that come and go do not accumulate. Errors and completion of the observed stream are ignored.
/// </para>
/// </remarks>
public sealed class LatestValueStore : IObserver<MetricSample>
{
    /// <summary>The default staleness: 5 minutes, as in Prometheus.</summary>
    public static readonly TimeSpan DefaultStaleness = TimeSpan.FromMinutes(5);

    internal const int PruneCheckInterval = 1024;

    private readonly SeriesTable<Entry> _series = new();
    private readonly TimeProvider _timeProvider;
    private int _sincePruneCheck;
    private long _lastPruneTicks;

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
        _lastPruneTicks = timeProvider.GetUtcNow().UtcTicks;
    }

    /// <summary>How long a series stays visible after its newest sample.</summary>
    public TimeSpan Staleness { get; }

    /// <summary>The number of series kept, stale ones included until the writer forgets them.</summary>
    public int Count => _series.Count;

    /// <summary>Keeps <paramref name="value"/> when it is the newest sample of its series.</summary>
    /// <param name="value">The sample.</param>
    public void OnNext(MetricSample value)
    {
        var key = value.Key;
        if (key is null)
        {
            return;
        }

        // Single writer: only this method adds, updates and removes, so reading the entry's fields needs no fence.
        ref var slot = ref _series.GetOrAdd(key, value.TimestampTicks, out var added);
        if (added)
        {
            slot = new Entry(key);
        }

        var entry = slot;
        var version = entry.Version;
        if (version == 0 || value.TimestampTicks >= entry.TimestampTicks)
        {
            // Odd while writing; each release store keeps the stores after it from moving before it.
            Volatile.Write(ref entry.Version, version + 1);
            Volatile.Write(ref entry.TimestampTicks, value.TimestampTicks);
            Volatile.Write(ref entry.Value, value.Value);
            Volatile.Write(ref entry.Version, version + 2);
        }

        if (++_sincePruneCheck >= PruneCheckInterval)
        {
            _sincePruneCheck = 0;
            PruneIfDue();
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
        foreach (var entry in _series.Values)
        {
            if (entry.TryRead(out var ticks, out var value) && ticks >= oldest)
            {
                samples.Add(new MetricSample(entry.Key, ticks, value));
            }
        }

        return samples;
    }

    /// <summary>The largest fresh value among series named <paramref name="metricName"/> whose labels pass <paramref name="filter"/>.</summary>
    /// <param name="metricName">The metric name.</param>
    /// <param name="nowTicks">Now, in UTC ticks.</param>
    /// <param name="staleness">Values older than this are ignored (and the store forgets series after its own <see cref="Staleness"/>).</param>
    /// <param name="filter">Which series count; all when <see langword="null"/>.</param>
    /// <returns>The largest value and its series, or <see langword="null"/> when there is none.</returns>
    /// <remarks>Safe from any thread, like <see cref="Snapshot"/>: no lock, never a torn (time, value) pair.</remarks>
    public (double Value, SeriesKey Key)? Max(string metricName, long nowTicks, TimeSpan staleness, Func<SeriesKey, bool>? filter = null)
    {
        ArgumentNullException.ThrowIfNull(metricName);
        (double Value, SeriesKey Key)? best = null;
        foreach (var entry in _series.Values)
        {
            var key = entry.Key;
            if (key.Name == metricName && entry.TryRead(out var ticks, out var value) && nowTicks - ticks <= staleness.Ticks
                && (filter is null || filter(key)) && (best is null || value > best.Value.Value))
            {
                best = (value, key);
            }
        }

        return best;
    }

    private void PruneIfDue()
    {
        var now = _timeProvider.GetUtcNow().UtcTicks;
        if (now - _lastPruneTicks < Staleness.Ticks)
        {
            return;
        }

        _lastPruneTicks = now;
        _series.RemoveIdle(now - Staleness.Ticks);
    }

    /// <summary>One series' newest sample behind a single-writer sequence lock (even version: stable; 0: not written yet).</summary>
    private sealed class Entry(SeriesKey key)
    {
        public long Version;
        public long TimestampTicks;
        public double Value;

        public SeriesKey Key { get; } = key;

        public bool TryRead(out long ticks, out double value)
        {
            var spinner = default(SpinWait);
            while (true)
            {
                var before = Volatile.Read(ref Version);
                if (before == 0)
                {
                    ticks = 0;
                    value = 0;
                    return false;
                }

                if ((before & 1) == 0)
                {
                    // Acquire loads: the second version read cannot move before the field reads.
                    ticks = Volatile.Read(ref TimestampTicks);
                    value = Volatile.Read(ref Value);
                    if (Volatile.Read(ref Version) == before)
                    {
                        return true;
                    }
                }

                spinner.SpinOnce();
            }
        }
    }
}
