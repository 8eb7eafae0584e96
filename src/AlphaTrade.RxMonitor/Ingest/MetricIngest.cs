using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Ingest;

/// <summary>
/// The entry of the pipeline and its one hygiene stage: any thread records samples without blocking, and one
/// consumer hands them to the subscribers of <see cref="Samples"/>, each series in timestamp order.
/// </summary>
/// <remarks>
/// <para>
/// Each thread gets its own bounded single-producer ring for this ingest on its first <c>Record</c> (one ring per
/// thread and ingest, kept while the thread lives and the ingest is not disposed), so writers never contend with
/// each other and a write is a slot store plus a release of the head: no lock, no allocation, no exception. A ring
/// starts small and grows up to <see cref="IngestOptions.CapacityPerWriter"/> when its writer fills it; a ring full
/// at that capacity drops or rejects by <see cref="IngestOptions.FullMode"/>, and every drop is counted in
/// <see cref="GetStatistics"/>. NaN and infinite values and times outside <see cref="DateTimeOffset"/>'s range are
/// refused at <c>Record</c> and counted as invalid.
/// </para>
/// <para>
/// <see cref="Drain"/> is the consumer: it must be called by one thread at a time — an <see cref="IngestLoop"/>
/// thread in a live host, or the test itself in virtual time — and it calls the subscribers on that thread,
/// so the pipeline behind <see cref="Samples"/> sees a serialized stream. The order is per series: samples of
/// different series carry no order between them. A drain first notes every ring's queued run; each ring's samples of
/// the series only that ring writes are delivered in place, in the ring's order (a single non-empty ring is handed
/// over whole, without a copy), and the samples of series several rings write are merged by timestamp, up to the
/// oldest time a ring that holds more could still give (asked after the runs were noted), so samples published
/// meanwhile are never overtaken. Each series has a watermark, the time of its newest delivered sample: a sample older than it is
/// <em>late</em> (a writer stamped it before a sample of another writer that was already delivered, it carries an
/// old explicit time, or the clock stepped back) and is dropped and counted (<see cref="IngestStatistics.Late"/>,
/// with how far behind in <see cref="IngestStatistics.LateMaxBehind"/>), so
/// every subscriber sees each series in non-decreasing time and
/// <c>Accepted = Delivered + Late + SeriesRejected + evicted + QueueDepth</c>.
/// </para>
/// <para>
/// The ingest keeps a table of its live series (the watermarks, indexed by <see cref="SeriesKey.Id"/>): at most
/// <see cref="IngestOptions.MaxSeries"/>, a sample of a new series beyond that is dropped and counted
/// (<see cref="IngestStatistics.SeriesRejected"/>), and a series without a sample for
/// <see cref="IngestOptions.SeriesIdleAfter"/> is evicted, freeing its place.
/// </para>
/// <para>
/// Subscribers take a merged run one after another: each subscriber sees every sample in order, but subscriber
/// A takes the whole run before B sees its first sample. A subscriber that throws is reported to the failure
/// listener and keeps receiving (from the sample after the one it threw on); it never stops delivery to the others.
/// </para>
/// </remarks>
public sealed class MetricIngest : IDisposable
{
    // The latest UTC time a DateTimeOffset holds; the merge uses long.MaxValue as its "run exhausted" mark.
    private const ulong MaxTicks = 3_155_378_975_999_999_999;

    [ThreadStatic]
    private static WriterRing? t_lastRing;

    [ThreadStatic]
    private static WriterRing[]? t_rings;

    private readonly IngestOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly IFailureListener? _failureListener;
    private readonly Lock _gate = new();
    private readonly MetricSample[] _merged;
    private WriterRing[] _rings = [];
    private RingRun[] _runs = [];
    private int[] _taken = [];
    private long[] _heads = [];
    private int[] _sharedStarts = [];
    private int[] _sharedEnds = [];
    private readonly MetricSample[] _mergedShared;
    private int _firstRing;
    private int _ringOrdinals;
    private readonly IngestSeriesTable _series;
    private IObserver<MetricSample>[] _observers = [];
    private long _retiredAccepted;
    private long _retiredDropped;
    private long _retiredRejected;
    private long _retiredInvalid;
    private DrainFigures _drain;
    private long _nextEvictionTicks = long.MinValue;
    private IngestLoop? _waker;
    private WriterRing? _closedRing;
    private volatile bool _disposed;

    /// <summary>Creates an ingest.</summary>
    /// <param name="options">The options; validated here.</param>
    /// <param name="timeProvider">The pipeline clock that stamps samples recorded without a time.</param>
    /// <param name="failureListener">Receives subscriber failures; may be <see langword="null"/>.</param>
    /// <exception cref="ConfigurationException">The options are invalid; every problem is listed.</exception>
    public MetricIngest(IngestOptions options, TimeProvider timeProvider, IFailureListener? failureListener = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.ThrowIfInvalid(IngestOptions.Section);

        _options = options;
        _timeProvider = timeProvider;
        _failureListener = failureListener;
        _merged = new MetricSample[options.MaxBatch];
        _mergedShared = new MetricSample[options.MaxBatch];
        _series = new IngestSeriesTable(options.MaxSeries, options.SeriesIdleAfter);
        Samples = new SampleStream(this);
    }

    /// <summary>
    /// The serialized stream of recorded samples, delivered on the consumer's thread, each series in
    /// non-decreasing time. Hot: a subscriber sees the samples drained after it subscribed. It never completes or fails.
    /// </summary>
    public IObservable<MetricSample> Samples { get; }

    /// <summary>Records a sample stamped now on the pipeline clock. Never blocks, never throws.</summary>
    /// <param name="key">The series, created once by the caller and reused.</param>
    /// <param name="value">The value; NaN and infinities are refused and counted.</param>
    /// <returns>Whether the sample was queued.</returns>
    public bool Record(SeriesKey key, double value) => Record(key, _timeProvider.GetUtcNow().UtcTicks, value);

    /// <summary>Records a sample with an explicit event time. Never blocks, never throws.</summary>
    /// <param name="key">The series, created once by the caller and reused.</param>
    /// <param name="timestamp">The event time.</param>
    /// <param name="value">The value; NaN and infinities are refused and counted.</param>
    /// <returns>Whether the sample was queued.</returns>
    public bool Record(SeriesKey key, DateTimeOffset timestamp, double value) => Record(key, timestamp.UtcTicks, value);

    /// <summary>Records a sample with an explicit event time in UTC ticks. Never blocks, never throws.</summary>
    /// <param name="key">The series, created once by the caller and reused.</param>
    /// <param name="timestampTicks">The event time in UTC ticks.</param>
    /// <param name="value">The value; NaN and infinities are refused and counted.</param>
    /// <returns>Whether the sample was queued.</returns>
    /// <remarks>
    /// A time outside <see cref="DateTimeOffset"/>'s range is refused and counted as invalid, as a non-finite value is.
    /// After <see cref="Dispose"/> every write is refused and counted as dropped.
    /// </remarks>
    public bool Record(SeriesKey key, long timestampTicks, double value)
    {
        var ring = t_lastRing;
        if (ring is null || !ReferenceEquals(ring.Ingest, this))
        {
            ring = RingOfThisThread();
        }

        if (key is null || !double.IsFinite(value) || (ulong)timestampTicks > MaxTicks)
        {
            ring.CountInvalid();
            return false;
        }

        if (!ring.TryWrite(new MetricSample(key, timestampTicks, value)))
        {
            return false;
        }

        // A plain read of the consumer's park flag, with no fence after the head's release: a fence would make every
        // write wait for the consumer's cache line while it polls. A parking consumer drains this store buffer with a
        // process-wide barrier before it looks again, so this write is seen or this read sees the park (IngestLoop).
        _waker?.Wake();

        return true;
    }

    /// <summary>
    /// Hands up to <paramref name="maxSamples"/> queued samples (at most <see cref="IngestOptions.MaxBatch"/>) to the
    /// subscribers, each series in time order (the series several writers write merged by timestamp); late samples
    /// are dropped and counted. Call from one consumer thread at a time.
    /// </summary>
    /// <param name="maxSamples">The most samples to take in this call.</param>
    /// <returns>How many queued samples were taken: delivered, or dropped as late.</returns>
    public int Drain(int maxSamples = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSamples);
        var rings = Volatile.Read(ref _rings);
        if (_runs.Length != rings.Length)
        {
            _runs = new RingRun[rings.Length];
            _taken = new int[rings.Length];
            _heads = new long[rings.Length];
            _sharedStarts = new int[rings.Length];
            _sharedEnds = new int[rings.Length];
        }

        var budget = Math.Min(_options.MaxBatch, maxSamples);
        var nonEmpty = 0;
        var only = 0;
        var retire = false;

        // Note every ring's run first, so that who writes which series is known before anything is delivered.
        for (var i = 0; i < rings.Length; i++)
        {
            var run = _runs[i] = rings[i].Peek(budget);
            if (run.Length > 0)
            {
                nonEmpty++;
                only = i;
            }
            else
            {
                retire |= !rings[i].Owner.IsAlive;
            }
        }

        var taken = 0;
        if (nonEmpty > 0)
        {
            // Evict idle series before admitting new ones, so a freed place under MaxSeries is free for them.
            var now = _timeProvider.GetUtcNow().UtcTicks;
            EvictIdleSeriesIfDue(now);
            _drain.FirstDeliveredTicks = long.MaxValue;
            var observers = Volatile.Read(ref _observers);
            if (nonEmpty == 1)
            {
                var run = _runs[only];
                var writer = rings[only].Ordinal;
                DeliverAdmitted(run.First, writer, observers);
                DeliverAdmitted(run.Second, writer, observers);
                rings[only].Release(run.Length);
                taken = run.Length;
            }
            else
            {
                taken = DrainSeveral(rings, budget, nonEmpty, observers);
            }

            if (_drain.FirstDeliveredTicks != long.MaxValue)
            {
                Volatile.Write(ref _drain.LastLagTicks, now - _drain.FirstDeliveredTicks);
            }
        }

        if (retire)
        {
            RetireEmptyRingsOfEndedThreads();
        }

        return taken;
    }

    /// <summary>Whether any writer has samples queued.</summary>
    /// <returns><see langword="true"/> when a drain would deliver something.</returns>
    public bool HasPending()
    {
        foreach (var ring in Volatile.Read(ref _rings))
        {
            if (ring.Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A snapshot of the counters; safe from any thread.</summary>
    /// <returns>The counters summed over every writer, ended ones included.</returns>
    public IngestStatistics GetStatistics()
    {
        lock (_gate)
        {
            long accepted = _retiredAccepted, dropped = _retiredDropped, rejected = _retiredRejected, invalid = _retiredInvalid, depth = 0;
            foreach (var ring in _rings)
            {
                accepted += ring.Accepted;
                dropped += ring.Dropped;
                rejected += ring.Rejected;
                invalid += ring.Invalid;
                depth += ring.Count;
            }

            return new IngestStatistics(
                accepted, Volatile.Read(ref _drain.Delivered), dropped, rejected, invalid, _series.Late, depth, _rings.Length,
                TimeSpan.FromTicks(Math.Max(0, Volatile.Read(ref _drain.LastLagTicks))))
            {
                LateMaxBehind = TimeSpan.FromTicks(_series.LateMaxBehindTicks),
                Series = _series.Live,
                SeriesRejected = _series.Rejected,
                SeriesEvicted = _series.Evicted,
                ConsumerParks = Volatile.Read(ref _drain.ConsumerParks),
            };
        }
    }

    /// <summary>
    /// Releases every writer ring's memory; later writes are refused and counted as dropped. A thread forgets its
    /// ring of this ingest at its next write to any ingest.
    /// </summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var ring in _rings)
            {
                Retire(ring);
                ring.Close();
            }

            _rings = [];

            // A thread that wrote here keeps its ring, and so this ingest, until it writes again or ends: let go of
            // the subscribers, so a disposed pipeline is not kept alive through it.
            Volatile.Write(ref _observers, []);
        }
    }

    /// <summary>Counts a park of the consumer thread (<see cref="IngestStatistics.ConsumerParks"/>); the consumer's thread only.</summary>
    internal void CountConsumerPark() => Volatile.Write(ref _drain.ConsumerParks, _drain.ConsumerParks + 1);

    internal void AttachWaker(IngestLoop? loop) => Volatile.Write(ref _waker, loop);

    private WriterRing RingOfThisThread()
    {
        var mine = t_rings ?? [];
        WriterRing? ring = null;
        var closed = 0;
        foreach (var candidate in mine)
        {
            if (candidate.IsClosed)
            {
                closed++;
            }
            else if (ReferenceEquals(candidate.Ingest, this))
            {
                ring = candidate;
            }
        }

        if (closed > 0)
        {
            // Forget the rings of disposed ingests.
            mine = Array.FindAll(mine, static r => !r.IsClosed);
        }

        if (ring is null)
        {
            ring = NewRingOfThisThread();
            if (!ring.IsClosed)
            {
                mine = [.. mine, ring];
            }
        }

        t_rings = mine;
        t_lastRing = ring;
        return ring;
    }

    private WriterRing NewRingOfThisThread()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return _closedRing ??= new WriterRing(this, 0, 0, 1, _options.FullMode, Thread.CurrentThread);
            }

            var ring = new WriterRing(this, ++_ringOrdinals, _options.CapacityPerWriter, _options.MaxBatch, _options.FullMode, Thread.CurrentThread);
            _rings = [.. _rings, ring];
            return ring;
        }
    }

    /// <summary>
    /// Drains the noted runs of several rings. Each ring's samples of the series only it writes are delivered in place,
    /// ring after ring (each series in its ring's order); the samples of series several rings write are merged by
    /// timestamp and delivered after them, up to the horizon: the oldest time a ring that holds more than this drain
    /// takes could still give (asked after the runs were noted), so its unseen samples never find theirs overtaken.
    /// </summary>
    private int DrainSeveral(WriterRing[] rings, int budget, int nonEmpty, IObserver<MetricSample>[] observers)
    {
        var runs = _runs;
        var takes = _taken;
        var newest = _heads;
        var count = rings.Length;

        // Each ring an equal share of the budget, what a ring leaves to the others, starting one further at each drain.
        var first = _firstRing < count ? _firstRing : 0;
        _firstRing = first + 1;
        var share = Math.Max(1, budget / nonEmpty);
        var left = budget;
        for (var k = 0; k < count; k++)
        {
            var i = (first + k) % count;
            takes[i] = Math.Min(Math.Min(runs[i].Length, share), left);
            left -= takes[i];
        }

        for (var k = 0; k < count && left > 0; k++)
        {
            var i = (first + k) % count;
            var more = Math.Min(runs[i].Length - takes[i], left);
            takes[i] += more;
            left -= more;
        }

        // Who writes what, before anything is delivered: a series two rings write in this drain is merged from its first sample.
        for (var i = 0; i < count; i++)
        {
            var run = runs[i];
            var writer = rings[i].Ordinal;
            var latest = long.MinValue;
            for (var j = 0; j < takes[i]; j++)
            {
                ref readonly var sample = ref run[j];
                _series.NoteWriter(in sample, writer);
                latest = Math.Max(latest, sample.TimestampTicks);
            }

            newest[i] = latest;
        }

        var horizon = long.MaxValue;
        for (var i = 0; i < count; i++)
        {
            var run = runs[i];
            if (takes[i] < run.Length)
            {
                horizon = Math.Min(horizon, run[takes[i]].TimestampTicks);
            }
            else if (run.Length > 0 && rings[i].Count > run.Length)
            {
                // Asked now, not when the run was noted: a sample published since may be older than the others' next.
                horizon = Math.Min(horizon, newest[i]);
            }
        }

        var total = TakeRings(rings, first, horizon, observers);
        if (total == 0)
        {
            // Every ring stopped at its first sample (a ring's times went backwards): nothing was taken, so lift the horizon.
            total = TakeRings(rings, first, long.MaxValue, observers);
        }

        return total;
    }

    /// <summary>Takes each ring's share: its own series in place, shared ones up to the horizon into the merge, then merged.</summary>
    private int TakeRings(WriterRing[] rings, int first, long horizon, IObserver<MetricSample>[] observers)
    {
        var runs = _runs;
        var takes = _taken;
        var count = rings.Length;
        var shared = 0;
        var total = 0;
        var starts = _sharedStarts;
        var ends = _sharedEnds;
        for (var k = 0; k < count; k++)
        {
            var i = (first + k) % count;
            starts[i] = ends[i] = shared;
            if (takes[i] == 0)
            {
                continue;
            }

            var run = runs[i];
            var writer = rings[i].Ordinal;
            var firstSpan = run.First;
            var inFirst = Math.Min(takes[i], firstSpan.Length);
            var consumed = TakeOwn(firstSpan[..inFirst], writer, horizon, ref shared, observers, out var stopped);
            if (!stopped && takes[i] > inFirst)
            {
                consumed += TakeOwn(run.Second[..(takes[i] - inFirst)], writer, horizon, ref shared, observers, out _);
            }

            ends[i] = shared;
            rings[i].Release(consumed);
            total += consumed;
        }

        if (shared > 0)
        {
            MergeShared(count, observers);
        }

        return total;
    }

    /// <summary>
    /// Delivers a ring's samples of the series it alone writes, in place; copies its samples of shared series (up to
    /// the horizon) into the merge buffer. Returns how many it consumed: all, or up to a shared sample past the horizon.
    /// </summary>
    private int TakeOwn(ReadOnlySpan<MetricSample> span, int writer, long horizon, ref int shared, IObserver<MetricSample>[] observers, out bool stopped)
    {
        var merged = _merged;
        var from = 0;
        for (var i = 0; i < span.Length; i++)
        {
            ref readonly var sample = ref span[i];
            if (!_series.TakeOwn(in sample, writer, out var admitted))
            {
                if (admitted)
                {
                    continue;
                }
            }
            else if (sample.TimestampTicks > horizon)
            {
                if (i > from)
                {
                    Deliver(span[from..i], observers);
                }

                stopped = true;
                return i;
            }
            else
            {
                merged[shared++] = sample;
            }

            if (i > from)
            {
                Deliver(span[from..i], observers);
            }

            from = i + 1;
        }

        if (from < span.Length)
        {
            Deliver(span[from..], observers);
        }

        stopped = false;
        return span.Length;
    }

    /// <summary>Merges the rings' segments of shared-series samples in the merge buffer by timestamp, admits and delivers them.</summary>
    private void MergeShared(int count, IObserver<MetricSample>[] observers)
    {
        var merged = _merged;
        var next = _sharedStarts;
        var ends = _sharedEnds;
        var heads = _heads;
        for (var i = 0; i < count; i++)
        {
            heads[i] = next[i] < ends[i] ? merged[next[i]].TimestampTicks : long.MaxValue;
        }

        var output = _mergedShared;
        var written = 0;
        while (true)
        {
            // The segment whose next sample is oldest, and the next-oldest time among the others.
            var oldest = 0;
            var oldestTicks = heads[0];
            var secondTicks = long.MaxValue;
            for (var i = 1; i < count; i++)
            {
                var ticks = heads[i];
                if (ticks < oldestTicks)
                {
                    secondTicks = oldestTicks;
                    oldestTicks = ticks;
                    oldest = i;
                }
                else if (ticks < secondTicks)
                {
                    secondTicks = ticks;
                }
            }

            if (oldestTicks == long.MaxValue)
            {
                break;
            }

            // Take from that segment as long as it stays no newer than the others' oldest.
            var position = next[oldest];
            var end = ends[oldest];
            do
            {
                ref readonly var sample = ref merged[position++];
                if (_series.Admit(in sample, IngestSeriesTable.Shared))
                {
                    output[written++] = sample;
                }
            }
            while (position < end && merged[position].TimestampTicks <= secondTicks);

            next[oldest] = position;
            heads[oldest] = position < end ? merged[position].TimestampTicks : long.MaxValue;
        }

        if (written > 0)
        {
            Deliver(output.AsSpan(0, written), observers);
        }
    }

    /// <summary>Delivers the samples of an in-place run that are not late, as spans between the late ones.</summary>
    private void DeliverAdmitted(ReadOnlySpan<MetricSample> run, int writer, IObserver<MetricSample>[] observers)
    {
        var from = 0;
        for (var i = 0; i < run.Length; i++)
        {
            if (!_series.Admit(in run[i], writer))
            {
                if (i > from)
                {
                    Deliver(run[from..i], observers);
                }

                from = i + 1;
            }
        }

        if (from < run.Length)
        {
            Deliver(run[from..], observers);
        }
    }

    private void EvictIdleSeriesIfDue(long nowTicks)
    {
        if (nowTicks < _nextEvictionTicks)
        {
            return;
        }

        // A sweep of the table every quarter of the idle period: a series is evicted at most 25 % after it went idle.
        _nextEvictionTicks = nowTicks + (_options.SeriesIdleAfter.Ticks / 4);
        _series.EvictIdle(nowTicks);
    }

    private void Deliver(ReadOnlySpan<MetricSample> samples, IObserver<MetricSample>[] observers)
    {
        if (_drain.FirstDeliveredTicks == long.MaxValue)
        {
            _drain.FirstDeliveredTicks = samples[0].TimestampTicks;
        }

        Volatile.Write(ref _drain.Delivered, _drain.Delivered + samples.Length);
        foreach (var observer in observers)
        {
            if (observer is ISampleBatchObserver batchObserver)
            {
                DeliverBatch(batchObserver, samples);
                continue;
            }

            foreach (var sample in samples)
            {
                try
                {
                    observer.OnNext(sample);
                }
                catch (Exception ex)
                {
                    ReportSubscriberFailure(ex);
                }
            }
        }
    }

    private void DeliverBatch(ISampleBatchObserver observer, ReadOnlySpan<MetricSample> samples)
    {
        var next = 0;
        while (next < samples.Length)
        {
            var from = next;
            try
            {
                observer.OnNextBatch(samples, ref next);
            }
            catch (Exception ex)
            {
                ReportSubscriberFailure(ex);
                if (next == from)
                {
                    // It threw before taking a sample: skip one so delivery always moves on.
                    next++;
                }
            }
        }
    }

    private void RetireEmptyRingsOfEndedThreads()
    {
        lock (_gate)
        {
            var kept = new List<WriterRing>(_rings.Length);
            foreach (var ring in _rings)
            {
                if (ring.Owner.IsAlive || ring.Count > 0)
                {
                    kept.Add(ring);
                    continue;
                }

                Retire(ring);
            }

            _rings = [.. kept];
        }
    }

    private void Retire(WriterRing ring)
    {
        _retiredAccepted += ring.Accepted;
        _retiredDropped += ring.Dropped;
        _retiredRejected += ring.Rejected;
        _retiredInvalid += ring.Invalid;
    }

    private Subscription Subscribe(IObserver<MetricSample> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (_gate)
        {
            _observers = [.. _observers, observer];
        }

        return new Subscription(this, observer);
    }

    private void Unsubscribe(IObserver<MetricSample> observer)
    {
        lock (_gate)
        {
            _observers = Array.FindAll(_observers, o => !ReferenceEquals(o, observer));
        }
    }

    private void ReportSubscriberFailure(Exception exception) =>
        FailureReporting.Report(_failureListener, new PipelineFailure(
            PipelineComponent.Ingest,
            "samples subscriber",
            "A subscriber of the ingest threw; the sample was skipped for it and delivery went on.",
            exception,
            _timeProvider.GetUtcNow()));

    /// <summary>
    /// The figures the drain writes at every run, on cache lines of their own: writers read this ingest's clock and
    /// waker at every write, and a line the consumer keeps writing would make each of those reads a cache miss.
    /// </summary>
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit, Size = 3 * 64)]
    private struct DrainFigures
    {
        [System.Runtime.InteropServices.FieldOffset(64)]
        public long Delivered;

        [System.Runtime.InteropServices.FieldOffset(72)]
        public long LastLagTicks;

        [System.Runtime.InteropServices.FieldOffset(80)]
        public long FirstDeliveredTicks;

        [System.Runtime.InteropServices.FieldOffset(88)]
        public long ConsumerParks;
    }

    private sealed class SampleStream(MetricIngest owner) : IObservable<MetricSample>
    {
        public IDisposable Subscribe(IObserver<MetricSample> observer) => owner.Subscribe(observer);
    }

    private sealed class Subscription(MetricIngest owner, IObserver<MetricSample> observer) : IDisposable
    {
        public void Dispose() => owner.Unsubscribe(observer);
    }
}
